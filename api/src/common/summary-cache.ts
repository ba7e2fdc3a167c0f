import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, of, type Observable } from 'rxjs';

/**
 * Summaries change only when a job writes them, so GET responses of the summary routes are kept in
 * memory until the next job run (or for TTL_MS at most, for runs made by another process such as
 * `npm run job`). Access is still checked on every request: the guard runs before this interceptor,
 * and the responses do not depend on who asks.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;
const CACHED_PREFIXES = [
  '/api/v1/adoption/',
  '/api/v1/standardization/',
  '/api/v1/subsidies/',
  '/api/v1/schedule',
  '/api/v1/reference/',
  '/api/v1/prefectures',
  '/api/v1/municipalities',
];

@Injectable()
export class SummaryCache implements NestInterceptor {
  /** Kept serialised: re-encoding a large summary on every hit would cost more than the lookup. */
  private readonly entries = new Map<string, { at: number; json: string }>();

  /** Called whenever a job run finishes or a setting changes. */
  clear(): void {
    this.entries.clear();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method !== 'GET' || !CACHED_PREFIXES.some((p) => req.path.startsWith(p))) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.originalUrl;
    const hit = this.entries.get(key);
    res.type('application/json');
    if (hit && Date.now() - hit.at < TTL_MS) return of(hit.json);
    return next.handle().pipe(
      map((body) => {
        const json = JSON.stringify(body);
        if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { at: Date.now(), json });
        return json;
      }),
    );
  }
}
