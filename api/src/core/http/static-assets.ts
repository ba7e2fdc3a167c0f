import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { chooseEncoding, compressSync } from './content-encoding.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json']);

interface Asset {
  type: string;
  etag: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

/** Reads the built assets once and compresses each once (brotli at its best, gzip): they never change while the server runs. */
export function loadAssets(assetsDir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(assetsDir)) return assets;
  for (const name of readdirSync(assetsDir)) {
    const ext = extname(name);
    const identity = readFileSync(join(assetsDir, name));
    const asset: Asset = {
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      identity,
    };
    if (COMPRESSIBLE.has(ext) && identity.length > 1024) {
      asset.gzip = compressSync(identity, 'gzip', 'best');
      asset.br = compressSync(identity, 'br', 'best');
    }
    assets.set(name, asset);
  }
  return assets;
}

/**
 * Serves the dashboard's hashed assets (dashboard/dist/assets): precompressed, and cached by browsers for a
 * year as immutable — a new build has new file names. Anything else falls through (index.html is served
 * with no-cache by the static module).
 */
export function staticAssets(assetsDir: string) {
  const assets = loadAssets(assetsDir);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const asset = assets.get(req.path.replace(/^\//, ''));
    if (!asset) return next();
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('ETag', asset.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === asset.etag) return res.status(304).end();
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : undefined;
    if (body) res.setHeader('Content-Encoding', encoding);
    const out = body ?? asset.identity;
    res.setHeader('Content-Length', out.length);
    return req.method === 'HEAD' ? res.end() : res.end(out);
  };
}
