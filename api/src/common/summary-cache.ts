import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { map, of, type Observable } from 'rxjs';
import { ROLES_KEY, SCOPE_KEY, type ScopeCheck } from '../auth/access.decorators.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Role } from '../auth/user.js';

/**
 * Summaries change only when a job writes them, so GET responses of the summary routes are kept in
 * memory, serialised, until the next job run (or for TTL_MS at most, for runs made by another process
 * such as `npm run job`). The responses do not depend on who asks; who may ask is checked on every
 * request: by the guard on a miss, and on a hit by the fast path below with the same role and scope
 * rules the route declares (recorded with the entry).
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;
const CACHED_PREFIXES = ['/api/v1/adoption/', '/api/v1/standardization/', '/api/v1/subsidies/', '/api/v1/schedule', '/api/v1/reference/', '/api/v1/prefectures', '/api/v1/municipalities'];

interface Entry {
  at: number;
  json: string;
  roles?: Role[];
  scope?: ScopeCheck;
  /** Route parameters of the URL (middleware runs before routing, so it cannot parse them itself). */
  params: Request['params'];
}

@Injectable()
export class SummaryCache implements NestInterceptor {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly reflector: Reflector) {}

  /** Called whenever a job run finishes or a setting changes. */
  clear(): void {
    this.entries.clear();
  }

  private fresh(key: string): Entry | undefined {
    const hit = this.entries.get(key);
    return hit && Date.now() - hit.at < TTL_MS ? hit : undefined;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method !== 'GET' || !CACHED_PREFIXES.some((p) => req.path.startsWith(p))) return next.handle();
    context.switchToHttp().getResponse<Response>().type('application/json');
    const hit = this.fresh(req.originalUrl);
    if (hit) return of(hit.json);
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    const scope = this.reflector.getAllAndOverride<ScopeCheck>(SCOPE_KEY, targets);
    return next.handle().pipe(
      map((body) => {
        const json = JSON.stringify(body);
        if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(req.originalUrl, { at: Date.now(), json, roles, scope, params: { ...req.params } });
        return json;
      }),
    );
  }

  /**
   * Express middleware that answers a cached summary before Nest's pipeline runs, after the same
   * session, role and scope checks; anything else (no entry, no session, refused) goes on to Nest,
   * which answers it as usual (401, 403, or a fresh response).
   */
  fastPath(auth: AuthService) {
    return async (req: Request, res: Response, next: NextFunction) => {
      try {
        const hit = req.method === 'GET' ? this.fresh(req.originalUrl) : undefined;
        if (!hit) return next();
        const user = await auth.userFromRequest(req);
        const routed = { query: req.query, params: hit.params } as Request;
        if (!user || (hit.roles && !hit.roles.includes(user.role)) || (hit.scope && !hit.scope(user, routed))) return next();
        res.type('application/json').setHeader('X-Summary-Cache', 'hit');
        res.end(hit.json);
      } catch (error) {
        next(error);
      }
    };
  }
}
