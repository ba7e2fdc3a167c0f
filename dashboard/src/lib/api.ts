import type { FigureMeta, Figures } from '../../../api/src/figures/dto/figures.responses.js';

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

export async function getJson<T = unknown>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const res = await fetch(apiUrl(path, params), { credentials: 'same-origin', signal });
  if (!res.ok) throw await responseError(res);
  return (await res.json().catch(() => ({}))) as T;
}

/** A JSON request that changes something (same origin, JSON body); answers the parsed body and whether it succeeded. */
export async function sendJson<T = unknown>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ ok: boolean; status: number; body: T & { message_ja?: string } }> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => ({})) };
}
