import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { chooseEncoding } from './summary-cache.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * A large, per-request body (an office list) sent compressed as the client accepts, off the event loop
 * (zlib's thread pool), as bytes Nest passes through untouched.
 */
export async function compressedReply(req: Request, res: Response, body: Uint8Array, type: string): Promise<StreamableFile> {
  const encoding = body.length < 1024 ? 'identity' : chooseEncoding(req.headers['accept-encoding']);
  const bytes =
    encoding === 'br'
      ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : encoding === 'gzip'
        ? await gzipAsync(body, { level: 6 })
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Vary', 'Accept, Accept-Encoding, Cookie');
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(bytes, { type, length: bytes.length });
}
