/** The jobs against PostgreSQL alone at a scale, and the nightly runs: a new month of usage, and a night with no new data. */
import { rmSync, readdirSync, readFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { JobRunsRepository } from '../../api/src/jobs/job-runs.repository.js';
import { usageDir } from '../../jobs/engine/usage-parquet-store.js';
import { openDuckDb, sqlLiteral } from '../../jobs/engine/duckdb.js';
import { adoptionJob, usageJob } from '../../jobs/job-definitions.js';
import { runJob, type RunResult } from '../../jobs/job-runner.js';
import { todayInTokyo } from '../../api/src/core/domain/dates.js';
import { record, seconds, timed } from './measures.js';

/** Exchange counts for every office and month (2023-04 onward, 36 × scale months), a hash of office and month. */
export async function generateUsage(ds: DataSource, dataDir: string, scale: number): Promise<{ rows: number; csv: string }> {
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
export const MOVE_BASELINE_MS = 2_830;

/** `severalScales`: the run measures more than one scale, so each row names its own. */
export async function jobsSection(
  ds: DataSource,
  dataDir: string,
  usage: { rows: number; csv: string },
  scale: number,
  severalScales: boolean,
) {
  const at = (text: string) => (severalScales ? `${text} [scale ${scale}]` : text);
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
export const YESTERDAY = new Date(Date.parse(`${todayInTokyo()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Every job, as the scheduler runs them (incremental where a job can be), for a date. */
export async function runEveryJob(ds: DataSource, dataDir: string, asOf: string, full = false) {
  const { JOBS } = await import('../../jobs/job-definitions.js');
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
export async function nightlySection(ds: DataSource, dataDir: string, scale: number) {
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

export const perJob = (runs: Record<string, RunResult>) =>
  Object.entries(runs)
    .map(([name, r]) => `${name} ${r.mode} ${seconds(r.timings.load + r.timings.sql + r.timings.write)}`)
    .join(', ');

/** A night with no new data: every job the day after a night that computed everything (the usual night). */
export async function quietNightSection(ds: DataSource, dataDir: string, scale: number) {
  await runEveryJob(ds, dataDir, YESTERDAY);
  const [runs, ms] = await timed(() => runEveryJob(ds, dataDir, todayInTokyo()));
  record('jobs', `nightly run with no new data, every job [scale ${scale}]`, seconds(ms), '< 1 s');
  record('jobs', `  of which, per job [scale ${scale}]`, perJob(runs));
}
