import { createHash } from 'node:crypto';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CHANGE_NOTICES, type ChangeNotices } from '../database/change-notices.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, of, type Observable } from 'rxjs';
import { chooseEncoding, compressSync, type Encoding } from './content-encoding.js';

/**
 * Summaries change only when a job writes them, so GET responses of the routes a controller marks
 * `@CachedSummaries()` are kept in memory until the next job run — of this instance, another one or
 * `npm run job`, heard as a change notice through PostgreSQL (while this process cannot hear the notices,
 * nothing is served from memory, and everything kept is dropped when it hears them again): serialised once,
 * with an ETag from their content, and compressed once per encoding asked for (brotli, gzip). A request whose
 * If-None-Match holds the ETag gets 304 with no body. Access is still checked on every request: the guard
 * runs before this interceptor, and the responses do not depend on who asks.
 */
const MAX_ENTRIES = 2_000;
/** Bodies smaller than this go uncompressed (compression would not pay for its headers). */
const MIN_COMPRESS_BYTES = 1024;
const CACHED = 'cached-summaries';

/** A controller whose GET answers are figures written by jobs, the same for whoever may read them. */
export const CachedSummaries = () => SetMetadata(CACHED, true);

interface Entry {
  etag: string;
  bodies: Partial<Record<Encoding, Buffer>>;
}

function encode(entry: Entry, encoding: Encoding): Buffer {
  const cached = entry.bodies[encoding];
  if (cached) return cached;
  const body = compressSync(entry.bodies.identity!, encoding);
  entry.bodies[encoding] = body;
  return body;
}

@Injectable()
export class SummaryCache implements NestInterceptor {
  private readonly entries = new Map<string, Entry>();

  constructor(
    @Inject(CHANGE_NOTICES) private readonly notices: ChangeNotices,
    private readonly reflector: Reflector,
  ) {
    // A job run or a setting change in any instance (or a CLI) reaches every instance within a moment.
    notices.on('figures', () => this.clear());
    notices.on('resync', () => this.clear());
  }

  /** Called whenever a job run finishes or a setting changes. */
  clear(): void {
    this.entries.clear();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const marked = this.reflector.getAllAndOverride<boolean>(CACHED, [context.getHandler(), context.getClass()]);
    if (req.method !== 'GET' || !marked || !this.notices.listening) return next.handle();
    const res = context.switchToHttp().getResponse<FastifyReply>();
    const key = req.url;
    const hit = this.entries.get(key);
    if (hit) return of(this.reply(req, res, hit));
    return next.handle().pipe(
      map((body) => {
        // A download (text or a file the route typed itself) is no JSON summary: sent as it is, never cached.
        if (typeof body === 'string' || body instanceof StreamableFile) return body;
        const plain = Buffer.from(JSON.stringify(body));
        const entry: Entry = {
          etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`,
          bodies: { identity: plain },
        };
        if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, entry);
        return this.reply(req, res, entry);
      }),
    );
  }

  private reply(req: FastifyRequest, res: FastifyReply, entry: Entry): StreamableFile | string {
    res.type('application/json');
    res.header('ETag', entry.etag);
    res.header('Vary', 'Accept-Encoding, Cookie');
    // Figures change when a job runs: the browser revalidates each time (a 304 costs a few bytes).
    res.header('Cache-Control', 'private, no-cache');
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag)) {
      res.status(304);
      return '';
    }
    const encoding = entry.bodies.identity!.length < MIN_COMPRESS_BYTES ? 'identity' : chooseEncoding(req.headers['accept-encoding']);
    if (encoding !== 'identity') res.header('Content-Encoding', encoding);
    const body = encode(entry, encoding);
    // A StreamableFile, so Nest sends the bytes as they are (a Buffer would be serialised as JSON).
    return new StreamableFile(body, { type: 'application/json; charset=utf-8', length: body.length });
  }
}
