/** Municipalities a user adds to a comparison, beside the page's own (kept in the URL as `?compare=`). */
export const MAX_CHOSEN = 10;

/** The chosen codes from `?compare=072010,131016`: six digits each, no repeats, not the page's own, at most MAX_CHOSEN. */
export function parseChosen(param: string | null | undefined, own: string): string[] {
  const codes = (param ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => /^\d{6}$/.test(c) && c !== own);
  return [...new Set(codes)].slice(0, MAX_CHOSEN);
}

/** The `?compare=` value for a list of codes (undefined removes the parameter). */
export function chosenParam(codes: string[]): string | undefined {
  return codes.length > 0 ? codes.join(',') : undefined;
}
