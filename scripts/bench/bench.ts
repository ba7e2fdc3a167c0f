/**
 * `npm run bench [-- --scale 10]`: national-scale data generated deterministically, then side by side
 * on this machine: the DuckDB jobs against the same aggregation in PostgreSQL, import throughput of a
 * 1,000,000-row Shift_JIS file, API latency under 100 connections, JSON against Arrow IPC, and the
 * dashboard's first paint and JavaScript size. Prints a table and writes BENCHMARKS.md.
 */
import { mkdtempSync, rmSync, writeFileSync, readdirSync, readFileSync, chmodSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, tmpdir, release } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync, spawn } from 'node:child_process';
import pg from 'pg';
import { DataSource } from 'typeorm';
import autocannon from 'autocannon';
import { tableFromIPC, tableToIPC, Table, vectorFromArray, Utf8, Float64, Int32 } from 'apache-arrow';
import type { Browser } from 'playwright-core';
import { dataSourceOptions } from '../../api/src/database/data-source-options.js';
import { ReferenceRepository } from '../../api/src/reference/reference.repository.js';
import { ImportsRepository } from '../../api/src/imports/imports.repository.js';
import { UsersRepository } from '../../api/src/auth/users.repository.js';
import { JobRunsRepository } from '../../api/src/jobs/job-runs.repository.js';
import { loadDemoData } from '../../api/src/demo/demo-loader.js';
import { usageDir } from '../../api/src/database/usage-parquet-store.js';
import { openDuckDb, sqlLiteral } from '../../api/src/database/duckdb.js';
import { ARROW_STREAM } from '../../api/src/core/media-types.js';
import { intColumn, textColumn } from '../../dashboard/src/lib/widgets/office-outreach/arrow-columns.js';
import { adoptionJob, usageJob } from '../../api/src/jobs/job-definitions.js';
import { runJob, type RunResult } from '../../api/src/jobs/job-runner.js';
import { todayInTokyo } from '../../api/src/core/dates.js';
import { launchChromium } from '../../test/support/browser.js';
import { createTestDatabase } from '../../test/support/test-database.js';
import { mb, median, record, results, seconds, timed } from './measures.js';
import { freshnessSection } from './freshness.js';
import { officeListsAfterRunSection } from './office-lists.js';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** `--scale N` runs the jobs at that scale only; by default at scale 1 and then at scale 10 (360 months). */
const onlyScale = process.argv.includes('--scale') ? Number(process.argv[process.argv.indexOf('--scale') + 1]) : undefined;
const scales = onlyScale ? [onlyScale] : [1, 10];
/**
 * `--only refresh`: the demo load, then only the national refresh of the office lists; `--only freshness`: the
 * demo load, then only an import committed → its figures served; `--only nightly`: the nightly runs at scale 1;
 * `--only dashboard`: the dashboard in Chromium (each printed, BENCHMARKS.md left as it is).
 */
const onlySection = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
/** Exchange counts for every office and month (2023-04 onward, 36 × scale months), a hash of office and month. */
async function generateUsage(ds: DataSource, dataDir: string, scale: number): Promise<{ rows: number; csv: string }> {
  rmSync(usageDir(dataDir), { recursive: true, force: true });
  const offices: { office_number: string; starts_on: string | null }[] = await ds.query(
    `SELECT o.office_number, l.starts_on FROM care_offices o LEFT JOIN cpdl_licenses l USING (office_number)`,
  );
  const duck = await openDuckDb(dataDir);
  const c = duck.connection;
  await c.run(`CREATE TABLE offices (office_number VARCHAR, starts_on DATE)`);
  const appender = await c.createAppender('offices');
  for (const o of offices) {
    appender.appendVarchar(o.office_number);
    if (o.starts_on) appender.appendVarchar(o.starts_on);
    else appender.appendNull();
    appender.endRow();
  }
  appender.closeSync();
  const months = 36 * scale;
  await c.run(
    `CREATE TABLE months AS SELECT strftime(date '2023-04-01' + to_months(cast(i AS INTEGER)), '%Y-%m') AS month FROM range(${months}) t(i)`,
  );
  await c.run(`CREATE TABLE usage AS
    SELECT o.office_number, m.month,
      CASE WHEN o.starts_on IS NOT NULL AND o.starts_on <= last_day(cast(m.month || '-01' AS DATE)) AND hash(o.office_number || m.month) % 10 < 8
           THEN cast(hash(m.month || o.office_number) % 40 AS BIGINT) ELSE 0 END AS sent,
      CASE WHEN o.starts_on IS NOT NULL AND o.starts_on <= last_day(cast(m.month || '-01' AS DATE)) AND hash(o.office_number || m.month) % 10 < 8
           THEN cast(hash(o.office_number || 'r' || m.month) % 30 AS BIGINT) ELSE 0 END AS received
    FROM offices o CROSS JOIN months m`);
  const dir = usageDir(dataDir);
  for (const { month } of (await c.runAndReadAll('SELECT month FROM months')).getRowObjectsJS() as { month: string }[]) {
    mkdirSync(join(dir, `month=${month}`), { recursive: true });
    await c.run(
      `COPY (SELECT * FROM usage WHERE month = ${sqlLiteral(month)} ORDER BY office_number) TO ${sqlLiteral(join(dir, `month=${month}`, 'data.parquet'))} (FORMAT parquet)`,
    );
  }
  const csv = join(dataDir, 'usage-for-postgres.csv');
  await c.run(`COPY usage TO ${sqlLiteral(csv)} (HEADER false)`);
  chmodSync(csv, 0o644);
  const rows = Number((await c.runAndReadAll('SELECT count(*) AS n FROM usage')).getRowObjectsJS()[0].n);
  duck.close();
  return { rows, csv };
}

/** The adoption job's load and write back on main 4d8c9f7, before COPY moved the rows (issue 16's baseline). */
const MOVE_BASELINE_MS = 2_830;

async function jobsSection(ds: DataSource, dataDir: string, usage: { rows: number; csv: string }, scale: number) {
  const at = (text: string) => (scales.length > 1 ? `${text} [scale ${scale}]` : text);
  const run = async (job: typeof adoptionJob): Promise<RunResult> => {
    const r = await runJob(new JobRunsRepository(ds), job, { dataDir, trigger: 'cli', snapshot: false, full: true, asOf: YESTERDAY });
    if (r.status !== 'succeeded') throw new Error(`${job.name} failed: ${r.error}`);
    return r;
  };
  const adoption = await run(adoptionJob);
  const use = await run(usageJob);
  const duckSql = adoption.timings.sql + use.timings.sql;
  const duckTotal = [adoption, use].reduce((s, r) => s + r.timings.load + r.timings.sql + r.timings.write, 0);
  record('jobs', at(`usage rows (Parquet, ${36 * scale} months)`), usage.rows.toLocaleString('en'));
  record(
    'jobs',
    at('DuckDB adoption: load / SQL / write back'),
    `${seconds(adoption.timings.load)} / ${seconds(adoption.timings.sql)} / ${seconds(adoption.timings.write)}`,
  );
  record(
    'jobs',
    at('DuckDB usage: load / SQL / write back'),
    `${seconds(use.timings.load)} / ${seconds(use.timings.sql)} / ${seconds(use.timings.write)}`,
  );
  record('jobs', at('DuckDB adoption + usage, end to end'), seconds(duckTotal), '< 5 s');
  const moved = adoption.timings.load + adoption.timings.write;
  record(
    'jobs',
    at('moving data between the engines, adoption (load + write back)'),
    `${seconds(moved)} = ${(MOVE_BASELINE_MS / moved).toFixed(1)}× faster than 2.83 s`,
    '≥ 5×',
  );

  const client = new pg.Client({ connectionString: (ds.options as { url: string }).url });
  await client.connect();
  await client.query(`DROP TABLE IF EXISTS bench_cpdl_usage`);
  await client.query(`CREATE UNLOGGED TABLE bench_cpdl_usage (office_number char(10), month text, sent bigint, received bigint)`);
  const [, loadMs] = await timed(() => client.query(`COPY bench_cpdl_usage FROM ${pg.escapeLiteral(usage.csv)} (FORMAT csv)`));
  await client.query('ANALYZE');
  record('jobs', at('PostgreSQL: COPY usage rows into a table (setup)'), seconds(loadMs));
  const sql = readFileSync(join(import.meta.dirname, 'pg-aggregation.sql'), 'utf8')
    .split(';\n')
    .filter((s) => s.trim());
  await client.query("SET work_mem = '256MB'");
  const [, pgMs] = await timed(async () => {
    for (const statement of sql) await client.query(statement);
  });
  await client.query(`DROP TABLE bench_cpdl_usage`);
  await client.end();
  rmSync(usage.csv, { force: true });
  record('jobs', at('PostgreSQL: same adoption + usage aggregation'), seconds(pgMs));
  record('jobs', at('ratio PostgreSQL / DuckDB (aggregation SQL only)'), `${(pgMs / duckSql).toFixed(1)}×`);
  record('jobs', at('ratio PostgreSQL / DuckDB (DuckDB end to end)'), `${(pgMs / duckTotal).toFixed(1)}×`, scale >= 10 ? '≥ 10×' : '≥ 5×');
  return duckTotal;
}

/** The previous night: the bench computes every full run for yesterday, so "tonight" adds a run date as a real night does. */
const YESTERDAY = new Date(Date.parse(`${todayInTokyo()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Every job, as the scheduler runs them (incremental where a job can be), for a date. */
async function runEveryJob(ds: DataSource, dataDir: string, asOf: string, full = false) {
  const { JOBS } = await import('../../api/src/jobs/job-definitions.js');
  const runs: Record<string, RunResult> = {};
  for (const job of JOBS) {
    const r = await runJob(new JobRunsRepository(ds), job, { dataDir, trigger: 'cli', snapshot: false, asOf, full });
    if (r.status !== 'succeeded') throw new Error(`${job.name} failed: ${r.error}`);
    runs[job.name] = r;
  }
  return runs;
}

/**
 * A nightly run after one new month of usage: every job, as the scheduler runs them, the day after a
 * night that computed everything. The new month's file is put in place and its change logged as the
 * cpdl-usage import logs it; the run recomputes only what that month and the new run date change.
 */
async function nightlySection(ds: DataSource, dataDir: string, scale: number) {
  await runEveryJob(ds, dataDir, YESTERDAY);
  const duck = await openDuckDb(dataDir);
  const dir = usageDir(dataDir);
  const months = readdirSync(dir).sort();
  const last = months.at(-1)!;
  const [y, m] = last.replace('month=', '').split('-').map(Number);
  const month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const next = `month=${month}`;
  mkdirSync(join(dir, next), { recursive: true });
  await duck.connection.run(
    `COPY (SELECT * REPLACE (${sqlLiteral(month)} AS month) FROM read_parquet(${sqlLiteral(join(dir, last, 'data.parquet'))})) TO ${sqlLiteral(join(dir, next, 'data.parquet'))} (FORMAT parquet)`,
  );
  duck.close();
  const logChange = () =>
    ds.query(`INSERT INTO data_changes (kind, reason, changes_from) VALUES ('cpdl-usage', 'import', $1)`, [`${month}-01`]);
  await logChange();
  const [runs, ms] = await timed(() => runEveryJob(ds, dataDir, todayInTokyo()));
  rmSync(join(dir, next), { recursive: true, force: true });
  await logChange(); // the month is gone again: the next run recomputes it
  record('jobs', `nightly run with one new month of usage, every job [scale ${scale}]`, seconds(ms), '< 1 s');
  record('jobs', `  of which, per job [scale ${scale}]`, perJob(runs));
  return ms;
}

const perJob = (runs: Record<string, RunResult>) =>
  Object.entries(runs)
    .map(([name, r]) => `${name} ${r.mode} ${seconds(r.timings.load + r.timings.sql + r.timings.write)}`)
    .join(', ');

/** A night with no new data: every job the day after a night that computed everything (the usual night). */
async function quietNightSection(ds: DataSource, dataDir: string, scale: number) {
  await runEveryJob(ds, dataDir, YESTERDAY);
  const [runs, ms] = await timed(() => runEveryJob(ds, dataDir, todayInTokyo()));
  record('jobs', `nightly run with no new data, every job [scale ${scale}]`, seconds(ms), '< 1 s');
  record('jobs', `  of which, per job [scale ${scale}]`, perJob(runs));
}

async function importSection(url: string, dataDir: string) {
  for (const rows of [1_000_000, 5_000_000]) {
    const out = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        '@swc-node/register/esm-register',
        join(import.meta.dirname, 'import-child.ts'),
        url,
        dataDir,
        String(rows),
      ],
      {
        env: { ...process.env, NODE_OPTIONS: '' },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      rows: number;
      bytes: number;
      ms: number;
      baselineRss: number;
      peakRss: number;
      heapHeld: number;
    };
    record(
      'import',
      `cpdl-usage ${rows.toLocaleString('en')} rows Shift_JIS (${mb(r.bytes)})`,
      `${Math.round(rows / (r.ms / 1000)).toLocaleString('en')} rows/s in ${seconds(r.ms)}`,
      '≥ 150,000 rows/s',
    );
    record('import', '  peak memory above the process baseline (own process)', mb(r.peakRss - r.baselineRss), '≤ 150 MB');
    record('import', '  JavaScript heap still held after the import, once garbage is collected', mb(r.heapHeld));
  }
}

/** The 35 MHLW open-data files of a national refresh, generated from the demo offices: preview, then commit. */
async function refreshSection(url: string, dataDir: string) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', '@swc-node/register/esm-register', join(import.meta.dirname, 'refresh-child.ts'), url, dataDir],
    { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  type Step = { ms: number; aboveBaseline: number; inserted: number; closed: number; setAside: number };
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as { files: number; rows: number; bytes: number; preview: Step; commit: Step };
  const label = `national refresh: ${r.files} MHLW open-data files, ${r.rows.toLocaleString('en')} rows (${mb(r.bytes)})`;
  for (const [step, x] of [
    ['preview', r.preview],
    ['commit', r.commit],
  ] as const) {
    record(
      'import',
      `${label}, ${step} (added ${x.inserted.toLocaleString('en')}, closed ${x.closed.toLocaleString('en')}, set aside ${x.setAside})`,
      `${Math.round(r.rows / (x.ms / 1000)).toLocaleString('en')} rows/s in ${seconds(x.ms)}`,
      '< 60 s',
    );
    record('import', `  peak memory above the process baseline (${step})`, mb(x.aboveBaseline), '≤ 300 MB');
  }
}

/** The server in its own process, as `npm start` runs it, so the load generator does not share its event loop. */
async function startServer(url: string, dataDir: string): Promise<{ base: string; pid: number; stop(): void }> {
  const port = 39000 + (process.pid % 1000);
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'api/src/main.ts'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PORT: String(port),
      DEMO_DATA: 'off',
      LOG_LEVEL: 'error',
      LOGIN_RATE_LIMIT: '1000',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, pid: child.pid!, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

/** The bare-Node reference in its own process, serving the bodies the API just sent for the same paths. */
async function startBareServer(base: string, cookie: string, paths: string[]): Promise<{ base: string; stop(): void }> {
  const bodies: Record<string, string> = {};
  for (const path of paths) bodies[path] = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
  const file = join(tmpdir(), `kaigo-bench-bodies-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(bodies));
  const port = 38000 + (process.pid % 1000);
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', join(import.meta.dirname, 'bare-server.ts'), file, String(port)],
    {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(file, { force: true });
    },
  };
}

/** The API server on the bench database, and the session cookie of the bench admin. */
async function signedInServer(url: string, dataDir: string) {
  const server = await startServer(url, dataDir);
  const login = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-admin', password: 'bench-password-1' }),
  });
  return { server, base: server.base, cookie: login.headers.get('set-cookie')!.split(';')[0] };
}

async function apiSection(url: string, dataDir: string) {
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
      '≥ 50%',
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
async function officesSection(base: string, cookie: string) {
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

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** A 50 MB file of one line, uploaded while /api/health is polled: the server must keep answering. */
async function hostileUploadSection(server: { base: string; pid: number }) {
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

async function dashboardSection(base: string) {
  const assets = join(process.cwd(), 'dashboard', 'dist', 'assets');
  const html = readFileSync(join(process.cwd(), 'dashboard', 'dist', 'index.html'), 'utf8');
  const firstPage = readdirSync(assets).filter((f) => f.endsWith('.js') && html.includes(f));
  const gz = firstPage.reduce((s, f) => s + gzipSync(readFileSync(join(assets, f))).length, 0);
  record(
    'dashboard',
    'entry JavaScript named by index.html (gzip; each page loads its own view on demand)',
    `${(gz / 1024).toFixed(1)} KB`,
    '< 200 KB',
  );
  const browser = await launchChromium();
  const paints: number[] = [];
  const changes: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const { context, page } = await signedInPage(browser, base);
      // Watched from inside the page, every frame from the start: polling from Playwright marked the chart when
      // its poll came round (up to hundreds of ms after the chart was drawn), not when it was drawn.
      await page.addInitScript(() => {
        const drawn = (c: HTMLCanvasElement) => {
          const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          for (let i = 3; i < data.length; i += 64) if (data[i] > 0) return true;
          return false;
        };
        const check = () => {
          const c = document.querySelector('[data-testid=prefecture-bars] canvas') as HTMLCanvasElement | null;
          if (c && c.width > 0 && drawn(c)) performance.mark('chart');
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      await page.goto(`${base}/`);
      await page.waitForFunction(() => performance.getEntriesByName('chart').length > 0);
      paints.push(await page.evaluate(() => performance.getEntriesByName('chart')[0].startTime));
      const changed = await page.evaluate(async () => {
        const select = document.querySelector('[data-testid=cross-filter]') as HTMLSelectElement;
        const start = performance.now();
        select.value = '13';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () =>
            document.querySelector('.tile.selected')?.getAttribute('data-code') === '13' ? resolve() : requestAnimationFrame(check);
          check();
        });
        return performance.now() - start;
      });
      changes.push(changed);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  record('dashboard', 'first chart painted after navigation (median of 5)', `${Math.round(median(paints))} ms`, '< 500 ms');
  record('dashboard', 'view change: choose a prefecture → highlighted (median)', `${Math.round(median(changes))} ms`, '< 100 ms');
  const again = await launchChromium();
  try {
    await coldLoadBytes(again, base);
    await outreachInBrowser(again, base);
  } finally {
    await again.close();
  }
}

async function signedInPage(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.request.post(`${base}/api/v1/auth/login`, { data: { username: 'bench-admin', password: 'bench-password-1' } });
  return { context, page: await context.newPage() };
}

/** Everything the national page transfers on a cold load (empty cache), as Chromium received it. */
async function coldLoadBytes(browser: Browser, base: string) {
  const { context, page } = await signedInPage(browser, base);
  const sizes: Promise<number>[] = [];
  const scripts: Promise<number>[] = [];
  const named: Promise<[string, number]>[] = [];
  page.on('requestfinished', (request) => {
    const size = request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize);
    sizes.push(size);
    named.push(size.then((n) => [new URL(request.url()).pathname.replace(/-[\w-]{8}\.js$/, '.js'), n]));
    if (request.url().endsWith('.js')) scripts.push(size);
  });
  await page.goto(`${base}/`);
  await page.locator('[data-testid=prefecture-bars] canvas').waitFor();
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  const js = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  record(
    'dashboard',
    `national page, cold load: bytes transferred (${sizes.length} requests; JavaScript ${(js / 1024).toFixed(1)} KB)`,
    `${(bytes / 1024).toFixed(1)} KB`,
    '≤ 150 KB',
  );
  const largest = (await Promise.all(named)).sort((a, b) => b[1] - a[1]).slice(0, 8);
  record('dashboard', '  the largest of them', largest.map(([path, n]) => `${path} ${(n / 1024).toFixed(1)} KB`).join(', '));
  await context.close();
}

/** The outreach list in Chromium: Tokyo's offices filtered and sorted; the nation's list from request to first row. */
async function outreachInBrowser(browser: Browser, base: string) {
  const tokyo = await signedInPage(browser, base);
  await tokyo.page.goto(`${base}/prefectures/13`);
  await tokyo.page.locator('[data-testid=outreach-table] tbody tr').first().waitFor({ timeout: 60_000 });
  const size = await tokyo.page.evaluate(() => document.querySelector('[data-testid=outreach-count]')!.textContent);
  const ops = [
    { kind: 'select', id: 'outreach-status', value: '' },
    { kind: 'select', id: 'outreach-service', value: '430' },
    { kind: 'select', id: 'outreach-service', value: '' },
    { kind: 'check', id: 'outreach-no-exchange' },
    { kind: 'check', id: 'outreach-no-exchange' },
    { kind: 'sort', label: '事業所名' },
    { kind: 'sort', label: '直近3か月' },
    { kind: 'sort', label: '優先' },
    { kind: 'select', id: 'outreach-status', value: 'not_applied' },
    { kind: 'check', id: 'outreach-subsidy' },
    { kind: 'check', id: 'outreach-subsidy' },
    { kind: 'select', id: 'outreach-status', value: 'in_force' },
    { kind: 'select', id: 'outreach-status', value: '' },
  ];
  const times: number[] = await tokyo.page.evaluate(async (steps) => {
    // The work a change costs: Svelte's update (a microtask), then style and layout forced; not the wait for
    // the next vsync (up to 16.7 ms whatever the work).
    const settled = async () => {
      await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(0);
      });
      void document.body.offsetHeight;
    };
    const out: number[] = [];
    for (const op of steps) {
      const start = performance.now();
      if (op.kind === 'select') {
        const el = document.querySelector(`[data-testid=${op.id}]`) as HTMLSelectElement;
        el.value = op.value!;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (op.kind === 'check') (document.querySelector(`[data-testid=${op.id}]`) as HTMLInputElement).click();
      else
        [...document.querySelectorAll<HTMLButtonElement>('[data-testid=outreach-table] thead button')]
          .find((b) => b.textContent!.startsWith(op.label!))!
          .click();
      await settled();
      out.push(performance.now() - start);
    }
    return out;
  }, ops);
  record(
    'offices',
    `filter or sort 東京都's list in Chromium, change → laid out (median of ${times.length}, max ${Math.round(Math.max(...times))} ms; ${size?.trim()})`,
    `${median(times).toFixed(1)} ms`,
    '< 16 ms',
  );
  await tokyo.context.close();

  const firstRows: { fromRequest: number; fromNavigation: number; rows: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const nation = await signedInPage(browser, base);
    await nation.page.goto(`${base}/offices`);
    await nation.page.locator('[data-testid=outreach-table] tbody tr').first().waitFor({ timeout: 60_000 });
    firstRows.push(
      await nation.page.evaluate(() => {
        const now = performance.now();
        const request = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/offices'))!;
        return {
          fromRequest: now - request.startTime,
          fromNavigation: now,
          rows: document.querySelector('[data-testid=outreach-count]')!.textContent!.trim(),
        };
      }),
    );
    await nation.context.close();
  }
  record(
    'offices',
    `the nation's list (national role): request → first row on screen, first load on a server that did not run the job, so built on request (${firstRows[0].rows})`,
    `${Math.round(firstRows[0].fromRequest)} ms`,
  );
  record(
    'offices',
    '  the same, list already built (median of the next 2; from navigation)',
    `${Math.round(median(firstRows.slice(1).map((r) => r.fromRequest)))} ms (${Math.round(median(firstRows.slice(1).map((r) => r.fromNavigation)))} ms)`,
    '< 1 s',
  );
}

function writeReport(machine: string) {
  const lines = [
    '# Benchmarks',
    '',
    `Latest run: ${new Date().toISOString()} · command: \`npm run bench${onlyScale ? ` -- --scale ${onlyScale}` : ''}\``,
    '',
    `Machine: ${machine}`,
    '',
    '| section | measure | value | goal |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.section} | ${r.measure.trim()} | ${r.value} | ${r.goal ?? ''} |`),
    '',
  ];
  const notes = readFileSync(join(import.meta.dirname, 'NOTES.md'), 'utf8');
  writeFileSync(join(process.cwd(), 'BENCHMARKS.md'), lines.join('\n') + '\n' + notes);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaigo-bench-'));
  chmodSync(dataDir, 0o755);
  const db = await createTestDatabase('kaigo_bench', ADMIN_URL);
  const ds = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
  const pgVersion = (await ds.query('SHOW server_version'))[0].server_version;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mb(totalmem())} RAM, Linux ${release()}, Node ${process.version}, PostgreSQL ${pgVersion}, scales ${scales.join(' and ')}`;
  console.log(`machine: ${machine}\n`);
  let server: Awaited<ReturnType<typeof apiSection>>['server'] | undefined;
  try {
    await ds.runMigrations();
    await new ReferenceRepository(ds).seed();
    const demoDir = mkdtempSync(join(tmpdir(), 'kaigo-bench-demo-'));
    const [, demoMs] = await timed(() => loadDemoData({ imports: new ImportsRepository(ds), users: new UsersRepository(ds) }, demoDir));
    rmSync(demoDir, { recursive: true, force: true });
    await new UsersRepository(ds).upsert({ username: 'bench-admin', password: 'bench-password-1', role: 'admin' });
    record('setup', 'demo offices and licences loaded into PostgreSQL', seconds(demoMs));
    if (onlySection === 'refresh') {
      await refreshSection(db.url, dataDir);
      return;
    }
    if (onlySection === 'offices') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      const api = await signedInServer(db.url, dataDir);
      server = api.server;
      await officeListsAfterRunSection(api.base, api.cookie);
      return;
    }
    if (onlySection === 'nightly') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      await nightlySection(ds, dataDir, 1);
      await quietNightSection(ds, dataDir, 1);
      return;
    }
    if (onlySection === 'dashboard') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      const api = await signedInServer(db.url, dataDir);
      server = api.server;
      await dashboardSection(api.base);
      return;
    }
    if (onlySection === 'freshness') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      const api = await signedInServer(db.url, dataDir);
      server = api.server;
      await freshnessSection(api.base, api.cookie, ds);
      return;
    }
    const [first, ...more] = scales;
    const [usage, genMs] = await timed(() => generateUsage(ds, dataDir, first));
    record('setup', `usage logs generated (DuckDB → Parquet) [scale ${first}]`, seconds(genMs));
    await jobsSection(ds, dataDir, usage, first);
    const nightly = new Map([[first, await nightlySection(ds, dataDir, first)]]);
    await quietNightSection(ds, dataDir, first);
    await importSection(db.url, dataDir);
    await refreshSection(db.url, dataDir);
    await runEveryJob(ds, dataDir, todayInTokyo(), true);
    const api = await apiSection(db.url, dataDir);
    server = api.server;
    await officesSection(api.base, api.cookie);
    await officeListsAfterRunSection(api.base, api.cookie);
    await freshnessSection(api.base, api.cookie, ds);
    await hostileUploadSection(api.server);
    await dashboardSection(api.base);
    server.stop();
    server = undefined;
    for (const scale of more) {
      const [bigger, ms] = await timed(() => generateUsage(ds, dataDir, scale));
      record('setup', `usage logs generated (DuckDB → Parquet) [scale ${scale}]`, seconds(ms));
      await jobsSection(ds, dataDir, bigger, scale);
      nightly.set(scale, await nightlySection(ds, dataDir, scale));
    }
    if (nightly.has(1) && nightly.has(10))
      record('jobs', 'nightly run, scale 10 / scale 1', `${(nightly.get(10)! / nightly.get(1)!).toFixed(1)}×`, '≤ 1.5×');
  } finally {
    server?.stop();
    await ds.destroy();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (onlySection) return;
  writeReport(machine);
  console.log('\nwrote BENCHMARKS.md');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
