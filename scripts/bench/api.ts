/** The API under load (cached summaries against a bare Node server), the office lists as JSON and Arrow, a hostile upload. */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { tableFromIPC, tableToIPC, Table, vectorFromArray, Utf8, Float64, Int32 } from 'apache-arrow';
import { ARROW_STREAM } from '../../api/src/core/domain/media-types.js';
import { intColumn, textColumn } from '../../dashboard/src/lib/widgets/office-outreach/arrow-columns.js';
import { mb, median, record, timed } from './measures.js';
import { signedInServer, startBareServer } from './server.js';
import { measureAdapters } from './adapter-probe.js';

export async function apiSection(url: string, dataDir: string) {
  const { server, base, cookie } = await signedInServer(url, dataDir);
  const paths = [
    '/api/v1/adoption/national',
    '/api/v1/adoption/prefectures',
    '/api/v1/standardization/survey/2025-02',
    '/api/v1/subsidies/summary',
  ];
  const load = (url: string, headers: Record<string, string>) =>
    autocannon({ url, connections: 100, duration: 15, headers, requests: paths.map((path) => ({ method: 'GET', path })) });
  const result = await load(base, { cookie });
  record(
    'api',
    `cached summaries, 100 connections × 15 s (${paths.length} URLs, identity)`,
    `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    'p99 < 20 ms',
  );
  record('api', '  throughput', `${Math.round(result.requests.average).toLocaleString('en')} req/s`);
  record('api', '  errors / non-2xx', `${result.errors} / ${result.non2xx}`, '0');
  const brotli = await load(base, { cookie, 'accept-encoding': 'br' });
  record(
    'api',
    '  the same with Accept-Encoding: br (precompressed bodies)',
    `${Math.round(brotli.requests.average).toLocaleString('en')} req/s, p99 ${brotli.latency.p99} ms`,
  );
  const bare = await startBareServer(base, cookie, paths);
  try {
    const reference = await load(bare.base, {});
    record(
      'api',
      'bare Node http server, same bodies, same run (reference)',
      `${Math.round(reference.requests.average).toLocaleString('en')} req/s, p99 ${reference.latency.p99} ms`,
    );
    record(
      'api',
      '  ratio API / bare Node (req/s, identity / br)',
      `${Math.round((100 * result.requests.average) / reference.requests.average)}% / ${Math.round((100 * brotli.requests.average) / reference.requests.average)}%`,
      '≥ 80%',
    );
    record(
      'api',
      '  p99 API / bare Node (identity / br)',
      `${(result.latency.p99 / reference.latency.p99).toFixed(1)}× / ${(brotli.latency.p99 / reference.latency.p99).toFixed(1)}×`,
      '≤ 1.5×',
    );
  } finally {
    bare.stop();
  }

  const json = await (await fetch(`${base}/api/v1/adoption/municipalities`, { headers: { cookie } })).text();
  const rows = JSON.parse(json).data as Record<string, unknown>[];
  const table = new Table({
    code: vectorFromArray(
      rows.map((r) => r.code as string),
      new Utf8(),
    ),
    name: vectorFromArray(
      rows.map((r) => r.name as string),
      new Utf8(),
    ),
    prefecture_code: vectorFromArray(
      rows.map((r) => r.prefecture_code as string),
      new Utf8(),
    ),
    class: vectorFromArray(
      rows.map((r) => r.class as string),
      new Utf8(),
    ),
    target_offices: vectorFromArray(
      rows.map((r) => r.target_offices as number),
      new Int32(),
    ),
    applied_offices: vectorFromArray(
      rows.map((r) => r.applied_offices as number),
      new Int32(),
    ),
    application_rate: vectorFromArray(
      rows.map((r) => r.application_rate as number),
      new Float64(),
    ),
    offices_needed: vectorFromArray(
      rows.map((r) => r.offices_needed as number),
      new Int32(),
    ),
  });
  const ipc = tableToIPC(table, 'stream');
  const jsonSlim = JSON.stringify(
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      prefecture_code: r.prefecture_code,
      class: r.class,
      target_offices: r.target_offices,
      applied_offices: r.applied_offices,
      application_rate: r.application_rate,
      offices_needed: r.offices_needed,
    })),
  );
  const decode = (fn: () => unknown) =>
    median(
      Array.from({ length: 30 }, () => {
        const s = performance.now();
        fn();
        return performance.now() - s;
      }),
    );
  const jsonMs = decode(() => JSON.parse(jsonSlim));
  const arrowMs = decode(() => tableFromIPC(ipc).toArray());
  record(
    'transfer',
    '1,741 municipalities, same 8 columns: JSON bytes (gzip)',
    `${jsonSlim.length.toLocaleString('en')} (${gzipSync(jsonSlim).length.toLocaleString('en')})`,
  );
  record('transfer', '  Arrow IPC bytes (gzip)', `${ipc.length.toLocaleString('en')} (${gzipSync(ipc).length.toLocaleString('en')})`);
  record('transfer', '  decode JSON.parse / tableFromIPC+toArray (median)', `${jsonMs.toFixed(2)} ms / ${arrowMs.toFixed(2)} ms`);
  return { server, base, cookie };
}

/** Tokyo's office list in both encodings, as the API sends them (gzip) and as a client decodes them. */
export async function officesSection(base: string, cookie: string) {
  const get = async (accept: string) => {
    const [res, ms] = await timed(() =>
      fetch(`${base}/api/v1/offices?prefecture=13`, { headers: { cookie, accept, 'accept-encoding': 'gzip' } }),
    );
    const body = new Uint8Array(await res.arrayBuffer());
    return { wire: Number(res.headers.get('content-length')), body, ms };
  };
  const json = await get('application/json');
  const arrow = await get(ARROW_STREAM);
  const rows = (JSON.parse(new TextDecoder().decode(json.body)) as { data: unknown[] }).data.length;
  const decode = (fn: () => unknown) =>
    median(
      Array.from({ length: 15 }, () => {
        const s = performance.now();
        fn();
        return performance.now() - s;
      }),
    );
  // Both from the bytes received: Response.json() decodes UTF-8 and parses; the dashboard reads the Arrow
  // table column by column with its own readers (dashboard/src/lib/widgets/office-outreach/arrow-columns.ts).
  const jsonMs = decode(() => JSON.parse(new TextDecoder().decode(json.body)));
  const arrowMs = decode(() => {
    const table = tableFromIPC(arrow.body);
    for (const field of table.schema.fields)
      if (field.name === 'exchanges_3m') intColumn(table.getChild(field.name)!);
      else textColumn(table.getChild(field.name)!);
  });
  const toArrayMs = decode(() => {
    const table = tableFromIPC(arrow.body);
    for (const field of table.schema.fields) table.getChild(field.name)!.toArray();
  });
  record(
    'offices',
    `東京都 office list: ${rows.toLocaleString('en')} offices, JSON / Arrow bytes (gzip)`,
    `${json.wire.toLocaleString('en')} / ${arrow.wire.toLocaleString('en')}`,
    'Arrow smaller',
  );
  record('offices', '  uncompressed JSON / Arrow', `${json.body.length.toLocaleString('en')} / ${arrow.body.length.toLocaleString('en')}`);
  record(
    'offices',
    '  decode from bytes: JSON (UTF-8 + parse) / Arrow (columns) (median)',
    `${jsonMs.toFixed(1)} ms / ${arrowMs.toFixed(1)} ms = ${(jsonMs / arrowMs).toFixed(1)}×`,
    '≥ 3×',
  );
  record('offices', "  (Arrow with apache-arrow's own toArray per column)", `${toArrayMs.toFixed(1)} ms`);
  record(
    'offices',
    '  request to last byte JSON / Arrow (first: built and compressed)',
    `${Math.round(json.ms)} ms / ${Math.round(arrow.ms)} ms`,
  );
  const [, cachedMs] = await timed(() => get(ARROW_STREAM));
  record('offices', '  request to last byte, Arrow again (kept until the next job run)', `${Math.round(cachedMs)} ms`);
}

export const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** A 50 MB file of one line, uploaded while /api/health is polled: the server must keep answering. */
export async function hostileUploadSection(server: { base: string; pid: number }) {
  const login = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-admin', password: 'bench-password-1' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const baseline = rssOf(server.pid);
  let peak = baseline;
  let uploading = true;
  const form = new FormData();
  form.append('file', new Blob([Buffer.alloc(50 * 1024 * 1024, 'x')]), 'one-line.csv');
  const upload = fetch(`${server.base}/api/v1/imports/care-offices`, { method: 'POST', headers: { cookie }, body: form }).then(
    async (r) => {
      uploading = false;
      return { status: r.status, bytes: (await r.text()).length };
    },
  );
  const latencies: number[] = [];
  while (uploading) {
    const [, ms] = await timed(() => fetch(`${server.base}/api/health`).then((r) => r.text()));
    latencies.push(ms);
    peak = Math.max(peak, rssOf(server.pid));
    await new Promise((r) => setTimeout(r, 20));
  }
  const result = await upload;
  record(
    'hostile',
    `50 MB single-line upload: answer (report bytes)`,
    `${result.status} (${result.bytes.toLocaleString('en')} B)`,
    '422, small report',
  );
  record('hostile', '  /api/health during it: slowest of ' + latencies.length, `${Math.round(Math.max(...latencies))} ms`, '< 1 s');
  record('hostile', '  server memory above its baseline (peak RSS)', mb(peak - baseline), '< 300 MB');
}

/** The adapter alone (scripts/bench/adapter-probe.ts), in the same run: what Nest on Fastify leaves of bare Node. */
export async function adaptersSection() {
  const { bare, fastify } = await measureAdapters();
  record(
    'api',
    'adapter alone: minimal Nest app on Fastify vs bare Node (20 KB body, 100 connections × 10 s)',
    `${fastify.rps.toLocaleString('en')} vs ${bare.rps.toLocaleString('en')} req/s (${Math.round((100 * fastify.rps) / bare.rps)}%), p99 ${fastify.p99} vs ${bare.p99} ms`,
  );
}
