import type { Route, RouteName } from './routes.js';

/**
 * The page first opened asks for its data while the session is still being checked (and its code loads),
 * not one after the other: the national page's chart waited on the session check, the view's chunk and the
 * figures in turn. Only responses that succeeded are handed over, each once; a failed or unclaimed one is
 * forgotten and the view asks again as usual.
 */
const FIRST_REQUESTS: Partial<Record<RouteName, string[]>> = {
  national: ['/api/v1/adoption/national', '/api/v1/adoption/prefectures', '/api/v1/adoption/dates'],
};
const SESSION = '/api/v1/auth/me';
/** Long enough for a slow sign-in check, short enough that nothing stale is served later. */
const KEPT_MS = 15_000;

const early = new Map<string, Promise<Response | undefined>>();

export function requestEarly(route: Route, search: string, keptMs = KEPT_MS): void {
  // A page opened with parameters of its own (a date, a filter) asks for what they say.
  const paths = [SESSION, ...(search ? [] : (FIRST_REQUESTS[route.name] ?? []))];
  for (const path of paths)
    early.set(
      path,
      fetch(path, { credentials: 'same-origin' }).catch(() => undefined),
    );
  setTimeout(() => early.clear(), keptMs);
}

/** The early response for this URL if it succeeded, once. */
export async function takeEarly(url: string): Promise<Response | undefined> {
  const pending = early.get(url);
  if (!pending) return undefined;
  early.delete(url);
  const res = await pending;
  return res?.ok ? res : undefined;
}
