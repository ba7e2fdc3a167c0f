import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { chooseEncoding, type Encoding } from './summary-cache.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export { chooseEncoding };

/** A large body (an office list) compressed off the event loop (zlib's thread pool). */
export async function compress(body: Uint8Array, encoding: Encoding): Promise<Uint8Array> {
  if (encoding === 'br')
    return brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  if (encoding === 'gzip') return gzipAsync(body, { level: 6 });
  return body;
}

/** Sends bytes already encoded as `encoding`, as they are (a Buffer would be serialised as JSON by Nest). */
export function encodedReply(res: Response, bytes: Uint8Array, encoding: Encoding, type: string): StreamableFile {
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Vary', 'Accept, Accept-Encoding, Cookie');
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type, length: bytes.length });
}
