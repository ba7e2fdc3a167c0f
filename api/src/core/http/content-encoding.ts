import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** HTTP content encodings the API sends: one place for choosing one and for how hard to compress. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (q=0 refuses one). */
export function chooseEncoding(header: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/**
 * Bodies built once per job run are compressed fast (brotli 5, gzip 6: a few MB in tens of ms); the
 * dashboard's assets, compressed once at start-up and served for the life of the process, at the maximum.
 */
function options(effort: 'fast' | 'best', size: number): { br: BrotliOptions; gzip: ZlibOptions } {
  const best = effort === 'best';
  return {
    br: { params: { [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5, [constants.BROTLI_PARAM_SIZE_HINT]: size } },
    gzip: { level: best ? 9 : 6 },
  };
}

export function compressSync(body: Uint8Array, encoding: Encoding, effort: 'fast' | 'best' = 'fast'): Buffer {
  const o = options(effort, body.length);
  if (encoding === 'br') return brotliCompressSync(body, o.br);
  if (encoding === 'gzip') return gzipSync(body, o.gzip);
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The same, off the event loop (zlib's thread pool), for large bodies built on request. */
export async function compress(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
  const o = options('fast', body.length);
  if (encoding === 'br') return brotliAsync(body, o.br);
  if (encoding === 'gzip') return gzipAsync(body, o.gzip);
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Sends bytes already encoded as `encoding`, as they are (Nest would serialise a Buffer as JSON), never cached by the browser. */
export function encodedReply(reply: FastifyReply, bytes: Uint8Array, encoding: Encoding, type: string): StreamableFile {
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  reply.header('Vary', 'Accept, Accept-Encoding, Cookie');
  reply.header('Cache-Control', 'private, no-store');
  return new StreamableFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type, length: bytes.length });
}
