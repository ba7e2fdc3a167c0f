/** A small path router: the view and its filters live in the URL, so every view is a permalink. */
import { parseRoute, type Route } from './routes.js';

export type { Route };

class Location {
  path = $state(typeof location === 'undefined' ? '/' : location.pathname);
  search = $state(typeof location === 'undefined' ? '' : location.search);

  get route(): Route {
    return parseRoute(this.path);
  }

  get query(): URLSearchParams {
    return new URLSearchParams(this.search);
  }

  go(href: string, replace = false) {
    const url = new URL(href, location.origin);
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.path = url.pathname;
    this.search = url.search;
  }

  /** Changes query parameters of the current view (undefined removes one). */
  setQuery(changes: Record<string, string | undefined>, replace = true) {
    const q = this.query;
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') q.delete(k);
      else q.set(k, v);
    }
    const search = q.toString();
    this.go(`${this.path}${search ? `?${search}` : ''}`, replace);
  }

  /** Another path with the current query and some changes (a report keeps the page's filters and sort). */
  hrefWith(path: string, changes: Record<string, string | undefined>): string {
    const q = this.query;
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') q.delete(k);
      else q.set(k, v);
    }
    const search = q.toString();
    return `${path}${search ? `?${search}` : ''}`;
  }

  sync() {
    this.path = location.pathname;
    this.search = location.search;
  }
}

export const router = new Location();

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => router.sync());
  // Same-origin links navigate without reloading the page.
  document.addEventListener('click', (event) => {
    const a = (event.target as Element).closest?.('a');
    if (!a || a.target || a.hasAttribute('download') || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    router.go(url.pathname + url.search);
  });
}
