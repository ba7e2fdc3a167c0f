import type { FigureMeta, Figures } from '$api/figures/dto/figures.responses.js';
import { connection, UNREACHABLE_MESSAGE, UNREACHABLE_STATUSES } from './connection.svelte.js';
import { takeEarly } from './early-requests.js';

export type { FigureMeta, Figures };
/** `meta` of any response; figures carry at least FigureMeta's fields. */
export type Meta = Partial<FigureMeta> & Record<string, unknown>;

/** JSON from the API; errors carry the API's Japanese message. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | undefined | null>;

export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  return query.size ? `${path}?${query}` : path;
}

/** The error of a failed response, with the API's Japanese message. */
export async function responseError(res: Response): Promise<ApiRequestError> {
  const body = await res.json().catch(() => ({}));
  return new ApiRequestError(res.status, body.message_ja ?? body.message ?? `HTTP ${res.status}`, body);
}

/**
 * fetch, telling the connection state what happened: no answer (or a proxy's 502–504) marks it lost and
 * fails with a Japanese message (never the browser's "Failed to fetch"); any other answer marks it reached.
 */
export async function request(input: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(input, { credentials: 'same-origin', ...init });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    connection.markLost();
    throw new ApiRequestError(0, UNREACHABLE_MESSAGE, {});
  }
  if (UNREACHABLE_STATUSES.includes(res.status) && !(await isApiAnswer(res))) {
    connection.markLost();
    throw new ApiRequestError(res.status, UNREACHABLE_MESSAGE, {});
  }
  connection.markReached();
  return res;
}

/** The API's own 503 (e.g. DATABASE_UNAVAILABLE) carries a code and a message; a proxy's does not. */
async function isApiAnswer(res: Response): Promise<boolean> {
  const body = await res
    .clone()
    .json()
    .catch(() => undefined);
  return Boolean(body && typeof body === 'object' && 'code' in body);
}

export async function getJson<T = unknown>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(path, params);
  const res = (await takeEarly(url)) ?? (await request(url, { signal }));
  if (!res.ok) throw await responseError(res);
  return (await res.json().catch(() => ({}))) as T;
}

/** A JSON request that changes something (same origin, JSON body); answers the parsed body and whether it succeeded. */
export async function sendJson<T = unknown>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ ok: boolean; status: number; body: T & { message_ja?: string } }> {
  let res: Response;
  try {
    res = await request(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (!(error instanceof ApiRequestError)) throw error;
    return { ok: false, status: error.status, body: { message_ja: error.message } as T & { message_ja?: string } };
  }
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => ({})) };
}
