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
import { dataSourceOptions } from '../../api/src/database/data-source-options.js';
import { ReferenceRepository } from '../../api/src/reference/reference.repository.js';
import { ImportsRepository } from '../../api/src/imports/imports.repository.js';
import { UsersRepository } from '../../api/src/auth/users.repository.js';
import { JobRunsRepository } from '../../api/src/jobs/job-runs.repository.js';
import { loadDemoData } from '../../api/src/demo/demo-loader.js';
import { usageDir } from '../../api/src/database/usage-parquet-store.js';
import { openDuckDb, sqlLiteral } from '../../api/src/database/duckdb.js';
import { adoptionJob, usageJob } from '../../api/src/jobs/job-definitions.js';
import { runJob, type RunResult } from '../../api/src/jobs/job-runner.js';
import { launchChromium } from '../../test/support/browser.js';
import { createTestDatabase } from '../../test/support/test-database.js';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scale = Number(process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1] : 1);
const results: { section: string; measure: string; value: string; goal?: string }[] = [];
const record = (section: string, measure: string, value: string, goal?: string) => {
  results.push({ section, measure, value, goal });
  console.log(`${section.padEnd(12)} ${measure.padEnd(52)} ${value}${goal ? `   (goal ${goal})` : ''}`);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Exchange counts for every office and month (2023-04 onward, 36 × scale months), a hash of office and month. */
async function generateUsage(ds: DataSource, dataDir: string): Promise<{ rows: number; csv: string }> {
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

async function jobsSection(ds: DataSource, dataDir: string, usage: { rows: number; csv: string }) {
  const run = async (job: typeof adoptionJob): Promise<RunResult> => {
    const r = await runJob(new JobRunsRepository(ds), job, { dataDir, trigger: 'cli', snapshot: false });
    if (r.status !== 'succeeded') throw new Error(`${job.name} failed: ${r.error}`);
    return r;
  };
  const adoption = await run(adoptionJob);
  const use = await run(usageJob);
  const duckSql = adoption.timings.sql + use.timings.sql;
  const duckTotal = [adoption, use].reduce((s, r) => s + r.timings.load + r.timings.sql + r.timings.write, 0);
  record('jobs', `usage rows (Parquet, ${36 * scale} months)`, usage.rows.toLocaleString('en'));
  record(
    'jobs',
    'DuckDB adoption: load / SQL / write back',
    `${seconds(adoption.timings.load)} / ${seconds(adoption.timings.sql)} / ${seconds(adoption.timings.write)}`,
  );
  record(
    'jobs',
    'DuckDB usage: load / SQL / write back',
    `${seconds(use.timings.load)} / ${seconds(use.timings.sql)} / ${seconds(use.timings.write)}`,
  );
  record('jobs', 'DuckDB adoption + usage, end to end', seconds(duckTotal), '< 5 s');

  const client = new pg.Client({ connectionString: (ds.options as { url: string }).url });
  await client.connect();
  await client.query(`CREATE UNLOGGED TABLE bench_cpdl_usage (office_number char(10), month text, sent bigint, received bigint)`);
  const [, loadMs] = await timed(() => client.query(`COPY bench_cpdl_usage FROM ${pg.escapeLiteral(usage.csv)} (FORMAT csv)`));
  await client.query('ANALYZE');
  record('jobs', 'PostgreSQL: COPY usage rows into a table (setup)', seconds(loadMs));
  const sql = readFileSync(join(import.meta.dirname, 'pg-aggregation.sql'), 'utf8')
    .split(';\n')
    .filter((s) => s.trim());
  await client.query("SET work_mem = '256MB'");
  const [, pgMs] = await timed(async () => {
    for (const statement of sql) await client.query(statement);
  });
  await client.end();
  record('jobs', 'PostgreSQL: same adoption + usage aggregation', seconds(pgMs));
  record('jobs', 'ratio PostgreSQL / DuckDB (aggregation SQL only)', `${(pgMs / duckSql).toFixed(1)}×`, '≥ 20×');
  record('jobs', 'ratio PostgreSQL / DuckDB (DuckDB end to end)', `${(pgMs / duckTotal).toFixed(1)}×`);
}

async function importSection(url: string, dataDir: string) {
  for (const rows of [200_000, 1_000_000]) {
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
    };
    record(
      'import',
      `cpdl-usage ${rows.toLocaleString('en')} rows Shift_JIS (${mb(r.bytes)})`,
      `${Math.round(rows / (r.ms / 1000)).toLocaleString('en')} rows/s in ${seconds(r.ms)}`,
      rows === 1_000_000 ? '≥ 100,000 rows/s' : undefined,
    );
    record(
      'import',
      '  peak memory above the process baseline (own process)',
      mb(r.peakRss - r.baselineRss),
      rows === 1_000_000 ? 'flat in file size' : undefined,
    );
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

async function apiSection(url: string, dataDir: string) {
  const server = await startServer(url, dataDir);
  const base = server.base;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-admin', password: 'bench-password-1' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const paths = [
    '/api/v1/adoption/national',
    '/api/v1/adoption/prefectures',
    '/api/v1/standardization/survey/2025-02',
    '/api/v1/subsidies/summary',
  ];
  const result = await autocannon({
    url: base,
    connections: 100,
    duration: 20,
    headers: { cookie },
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  record(
    'api',
    `summary endpoints, 100 connections × 20 s (${paths.length} URLs)`,
    `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    'p99 < 20 ms',
  );
  record('api', '  throughput', `${Math.round(result.requests.average).toLocaleString('en')} req/s`, '≥ 5,000 req/s');
  record('api', '  errors / non-2xx', `${result.errors} / ${result.non2xx}`, '0');

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
  return { server, base };
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
  record('dashboard', 'first-page JavaScript (gzip)', `${(gz / 1024).toFixed(1)} KB`, '< 200 KB');
  const browser = await launchChromium();
  const paints: number[] = [];
  const changes: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      await context.request.post(`${base}/api/v1/auth/login`, { data: { username: 'bench-admin', password: 'bench-password-1' } });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.locator('[data-testid=prefecture-bars] canvas').waitFor();
      await page.waitForFunction(() => {
        const c = document.querySelector('[data-testid=prefecture-bars] canvas') as HTMLCanvasElement | null;
        return (
          !!c && c.width > 0 && c.getContext('2d')!.getImageData(c.width / 2, c.height / 2, 1, 1).data[3] >= 0 && performance.mark('chart')
        );
      });
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
  record('dashboard', 'first chart painted after navigation (median of 5)', `${Math.round(median(paints))} ms`, '< 1 s');
  record('dashboard', 'view change: choose a prefecture → highlighted (median)', `${Math.round(median(changes))} ms`, '< 100 ms');
}

function writeReport(machine: string) {
  const lines = [
    '# Benchmarks',
    '',
    `Latest run: ${new Date().toISOString()} · command: \`npm run bench${scale !== 1 ? ` -- --scale ${scale}` : ''}\``,
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
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mb(totalmem())} RAM, Linux ${release()}, Node ${process.version}, PostgreSQL ${pgVersion}, scale ${scale}`;
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
    const [usage, genMs] = await timed(() => generateUsage(ds, dataDir));
    record('setup', 'usage logs generated (DuckDB → Parquet)', seconds(genMs));
    await jobsSection(ds, dataDir, usage);
    await importSection(db.url, dataDir);
    for (const job of ['reference_summary', 'standardization', 'subsidies']) {
      const { findJob } = await import('../../api/src/jobs/job-definitions.js');
      await runJob(new JobRunsRepository(ds), findJob(job)!, { dataDir, trigger: 'cli', snapshot: false });
    }
    const api = await apiSection(db.url, dataDir);
    server = api.server;
    await hostileUploadSection(api.server);
    await dashboardSection(api.base);
  } finally {
    server?.stop();
    await ds.destroy();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
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
