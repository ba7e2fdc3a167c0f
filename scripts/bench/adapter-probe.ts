/**
 * `npm run bench:adapters`: the most Nest's HTTP adapter lets the API serve. A minimal Nest application — one
 * route answering a precomputed 20 KB JSON body with its ETag, as the summary cache answers — runs on Fastify
 * (the API's adapter; Express was measured here at 28% of bare Node before the move) in a process of its own,
 * under the bench's load (autocannon, 100 connections); a bare `node:http` server sending the same body is the
 * reference. No guard, session or compression: only the adapter.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import autocannon from 'autocannon';

const BODY = JSON.stringify({
  data: Array.from({ length: 200 }, (_, i) => ({ code: String(i).padStart(6, '0'), applied: i * 7, target: i * 23, rate: i / 200 })),
  meta: { as_of: '2026-10-31', source: 'probe' },
});
const ETAG = '"probe-1"';
const PATH = '/api/v1/probe';

@Controller()
class ProbeController {
  @Get(PATH)
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('etag', ETAG)
  @Header('cache-control', 'private, no-cache')
  probe(): string {
    return BODY;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

async function serve(adapter: string): Promise<void> {
  if (adapter === 'bare') {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag: ETAG, 'cache-control': 'private, no-cache' });
      res.end(BODY);
    });
    server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
    return;
  }
  const app = await NestFactory.create(ProbeModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  console.log((app.getHttpServer().address() as AddressInfo).port);
}

async function measure(adapter: string): Promise<{ rps: number; p99: number; errors: number }> {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', import.meta.filename, 'serve', adapter], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    const url = `http://127.0.0.1:${port}${PATH}`;
    await autocannon({ url, connections: 100, duration: 3 }); // warm-up
    const r = await autocannon({ url, connections: 100, duration: 10 });
    return { rps: Math.round(r.requests.average), p99: r.latency.p99, errors: r.errors + r.non2xx };
  } finally {
    child.kill();
  }
}

/** Bare Node, then the minimal Nest app on Fastify, one after the other (each in its own process). */
export async function measureAdapters(): Promise<Record<'bare' | 'fastify', { rps: number; p99: number; errors: number }>> {
  return { bare: await measure('bare'), fastify: await measure('fastify') };
}

// Run as a script (`npm run bench:adapters`), or as the child that serves one adapter; imported by the bench, neither.
if (process.argv[2] === 'serve') await serve(process.argv[3]);
else if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const results = await measureAdapters();
  for (const [adapter, { rps, p99, errors }] of Object.entries(results)) {
    console.log(`${adapter.padEnd(8)} ${rps.toLocaleString('en')} req/s, p99 ${p99} ms, errors ${errors}`);
  }
  console.log(`Nest on Fastify ${Math.round((100 * results.fastify.rps) / results.bare.rps)}% of bare Node's req/s`);
}
