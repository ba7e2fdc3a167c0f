import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
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
  return (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    try {
      checkNul(req);
      if (!SAFE_METHODS.has(req.method)) {
        checkOrigin(req, options.behindProxy);
        checkContentType(req);
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}

/** A request header as one string (a repeated header: its first value). */
function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The path of the URL, without its query. */
const pathOf = (req: FastifyRequest) => req.url.split('?')[0];

function checkNul(req: FastifyRequest): void {
  let url: string;
  try {
    url = decodeURIComponent(req.url);
  } catch {
    throw requestErrors.badlyEncodedUrl();
  }
  if (url.includes('\u0000')) throw nulError();
}

export const nulError = requestErrors.nulCharacter;

function checkOrigin(req: FastifyRequest, behindProxy: boolean): void {
  const site = header(req, 'sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') throw crossSite(`Sec-Fetch-Site: ${site}`);
  const origin = header(req, 'origin');
  if (origin === undefined) return; // not a browser (curl, the CLIs, tests): cookies are not sent on its behalf
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw crossSite(`Origin: ${origin.slice(0, 100)}`);
  }
  const ownHost = (behindProxy && header(req, 'x-forwarded-host')?.split(',')[0].trim()) || header(req, 'host');
  // The scheme counts too: http://host is another origin than https://host (behind a proxy, X-Forwarded-Proto says which).
  if (parsed.host !== ownHost || parsed.protocol !== `${req.protocol}:`) throw crossSite(`Origin: ${origin.slice(0, 100)}`);
}

/** Answers that belong to one person (who am I, accounts, the audit log) are never kept by a cache. */
export function noStore(prefixes: string[]) {
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (prefixes.some((p) => req.url.startsWith(p))) reply.header('Cache-Control', 'no-store');
    done();
  };
}

const crossSite = requestErrors.crossSite;

function checkContentType(req: FastifyRequest): void {
  const hasBody = Number(header(req, 'content-length') ?? 0) > 0 || header(req, 'transfer-encoding') !== undefined;
  if (!hasBody) return;
  const type = (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  const path = pathOf(req);
  if (type === 'application/json') return;
  if (type === 'application/x-www-form-urlencoded' && path === ONE_CLICK_PATH) return;
  if (type === 'multipart/form-data' && MULTIPART_PREFIXES.some((p) => path.startsWith(p))) return;
  throw requestErrors.notJson(
    type,
    MULTIPART_PREFIXES.some((p) => path.startsWith(p)),
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

/** After the body parsers: a NUL in any value of the body is refused. */
export function rejectNulInBody(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (containsNul(req.body)) done(nulError());
  else done();
}

/**
 * Behind a reverse proxy without TRUST_PROXY every client looks like the proxy: one sign-in rate limit for
 * all of them and the proxy's address in the audit log. Said once in the log, at the first forwarded request.
 */
export function warnOnUntrustedProxy(log: (line: string) => void) {
  let warned = false;
  return (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      log(
        'requests arrive through a proxy (X-Forwarded-For) but TRUST_PROXY is false: every client shares one sign-in rate limit ' +
          'and the audit log records the proxy. Set TRUST_PROXY to the number of proxies (e.g. 1) or their addresses.',
      );
    }
    done();
  };
}
