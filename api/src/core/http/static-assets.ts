import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
 * Serves the dashboard: its hashed assets (dashboard/dist/assets) precompressed and cached by browsers for a
 * year as immutable — a new build has new file names — and index.html, always revalidated, for every other
 * path outside /api (the dashboard routes in the browser). Paths under /api that no route has get the API's 404.
 */
export function serveDashboard(fastify: FastifyInstance, distDir: string): void {
  const assets = loadAssets(join(distDir, 'assets'));
  const indexPath = join(distDir, 'index.html');
  const index = existsSync(indexPath) ? readFileSync(indexPath) : undefined;
  fastify.get('/assets/*', (req, reply) => {
    const asset = assets.get(String((req.params as Record<string, string>)['*']));
    return asset ? sendAsset(req, reply, asset) : reply.callNotFound();
  });
  fastify.get('/*', (req, reply) => {
    if (!index || req.url === '/api' || req.url.startsWith('/api/') || req.url.startsWith('/api?')) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(index);
  });
}

function sendAsset(req: FastifyRequest, reply: FastifyReply, asset: Asset): FastifyReply {
  reply.header('Content-Type', asset.type);
  reply.header('Cache-Control', 'public, max-age=31536000, immutable');
  reply.header('ETag', asset.etag);
  reply.header('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : undefined;
  if (body) reply.header('Content-Encoding', encoding);
  return reply.send(body ?? asset.identity);
}
