/**
 * The area the page shows, for the browser tab ("都道府県 福島県", not "都道府県 07"): a view that knows its
 * area's name sets it, and clears it when it goes.
 */
class PageTitle {
  area = $state<string | undefined>(undefined);
}

export const pageTitle = new PageTitle();
