/** JSON from the API; errors carry the API's Japanese message. */
export class ApiRequestError extends Error {
  constructor(readonly status: number, message: string, readonly body: unknown) {
    super(message);
  }
}

export interface Meta {
  as_of?: string;
  source?: string;
  demo?: boolean;
  computed_at?: string;
  job_run_id?: number;
  [key: string]: unknown;
}

export interface Envelope<T> {
  data: T;
  meta: Meta;
}

export async function getJson<T = unknown>(path: string, params: Record<string, string | number | undefined | null> = {}): Promise<Envelope<T>> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  const url = query.size ? `${path}?${query}` : path;
  const res = await fetch(url, { credentials: 'same-origin' });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiRequestError(res.status, body.message_ja ?? body.message ?? `HTTP ${res.status}`, body);
  return body as Envelope<T>;
}
