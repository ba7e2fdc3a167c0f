import type { NextFunction, Request, Response } from 'express';
import { requestErrors } from './request.errors.js';

/**
 * Checks every request before routing, where it is cheapest and cannot be forgotten on a new route:
 * - state-changing requests only from the app's own origin (Origin and Sec-Fetch-Site), so a page on
 *   another site cannot use a signed-in user's cookie (CSRF, login CSRF included);
 * - bodies only as JSON, multipart only where files are uploaded, a form only for the one-click unsubscribe
 *   (any other form or text/plain body is refused);
 * - no NUL character anywhere in the URL (PostgreSQL text cannot hold it).
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MULTIPART_PREFIXES = ['/api/v1/imports/'];
/** A mail client's one-click unsubscribe posts `List-Unsubscribe=One-Click` as a form (RFC 8058); the signed token decides. */
const ONE_CLICK_PATH = '/api/v1/notifications/unsubscribe';

export function requestGuard(options: { behindProxy: boolean }) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    try {
      checkNul(req);
      if (!SAFE_METHODS.has(req.method)) {
        checkOrigin(req, options.behindProxy);
        checkContentType(req);
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

function checkNul(req: Request): void {
  let url: string;
  try {
    url = decodeURIComponent(req.originalUrl);
  } catch {
    throw requestErrors.badlyEncodedUrl();
  }
  if (url.includes('\u0000')) throw nulError();
}

export const nulError = requestErrors.nulCharacter;

function checkOrigin(req: Request, behindProxy: boolean): void {
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') throw crossSite(`Sec-Fetch-Site: ${site}`);
  const origin = req.get('origin');
  if (origin === undefined) return; // not a browser (curl, the CLIs, tests): cookies are not sent on its behalf
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw crossSite(`Origin: ${origin.slice(0, 100)}`);
  }
  const ownHost = (behindProxy && req.get('x-forwarded-host')?.split(',')[0].trim()) || req.get('host');
  // The scheme counts too: http://host is another origin than https://host (behind a proxy, X-Forwarded-Proto says which).
  if (parsed.host !== ownHost || parsed.protocol !== `${req.protocol}:`) throw crossSite(`Origin: ${origin.slice(0, 100)}`);
}

/** Answers that belong to one person (who am I, accounts, the audit log) are never kept by a cache. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

const crossSite = requestErrors.crossSite;

function checkContentType(req: Request): void {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (!hasBody) return;
  const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return;
  if (type === 'application/x-www-form-urlencoded' && req.path === ONE_CLICK_PATH) return;
  if (type === 'multipart/form-data' && MULTIPART_PREFIXES.some((p) => req.path.startsWith(p))) return;
  throw requestErrors.notJson(
    type,
    MULTIPART_PREFIXES.some((p) => req.path.startsWith(p)),
  );
}

/** NUL anywhere in a parsed JSON body. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
  return false;
}

/** After the JSON parser: a NUL in any value of the body is refused. */
export function rejectNulInBody(req: Request, _res: Response, next: NextFunction): void {
  next(containsNul(req.body) ? nulError() : undefined);
}

/**
 * Behind a reverse proxy without TRUST_PROXY every client looks like the proxy: one sign-in rate limit for
 * all of them and the proxy's address in the audit log. Said once in the log, at the first forwarded request.
 */
export function warnOnUntrustedProxy(log: (line: string) => void) {
  let warned = false;
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      log(
        'requests arrive through a proxy (X-Forwarded-For) but TRUST_PROXY is false: every client shares one sign-in rate limit ' +
          'and the audit log records the proxy. Set TRUST_PROXY to the number of proxies (e.g. 1) or their addresses.',
      );
    }
    next();
  };
}
