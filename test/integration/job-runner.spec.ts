import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { LOCK_NAMESPACE } from '../../api/src/core/database/advisory-locks.js';
import { dataSourceOptions } from '../../api/src/core/database/data-source-options.js';
import { ReferenceRepository } from '../../api/src/reference/reference.repository.js';
import { JobRunsRepository } from '../../api/src/jobs/job-runs.repository.js';
import { referenceSummaryJob } from '../../jobs/job-definitions.js';
import { runJob } from '../../jobs/job-runner.js';
import { todayInTokyo } from '../../api/src/core/domain/dates.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('DuckDB job runner against PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let runs: JobRunsRepository;
  const dataDir = mkdtempSync(join(tmpdir(), 'kaigo-jobs-'));
  const summary = () => ds.query(`SELECT prefecture_code, class, municipalities, job_run_id FROM reference_summary ORDER BY 1, 2`);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    await ds.runMigrations();
    await new ReferenceRepository(ds).seed();
    runs = new JobRunsRepository(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the summary, records the run and leaves a Parquet snapshot', async () => {
    const result = await runJob(runs, referenceSummaryJob, { dataDir, trigger: 'manual', asOf: '2025-03-31' });
    expect(result.status).toBe('succeeded');
    const rows = await summary();
    expect(rows.reduce((s: number, r: { municipalities: number }) => s + r.municipalities, 0)).toBe(1741);
    expect(new Set(rows.map((r: { job_run_id: number }) => r.job_run_id))).toEqual(new Set([result.runId]));
    const [run] = await ds.query(`SELECT status, as_of, row_counts, error FROM job_runs WHERE id = $1`, [result.runId]);
    expect(run).toMatchObject({ status: 'succeeded', as_of: '2025-03-31', error: null, row_counts: { reference_summary: rows.length } });
    expect(readdirSync(join(dataDir, 'snapshots', 'reference_summary', `2025-03-31_run${result.runId}`))).toEqual([
      'reference_summary.parquet',
    ]);
  });

  it('keeps the previous summary when the job SQL fails half-way, and records the error', async () => {
    const before = await summary();
    // An absolute path: the job's inputs still come from sql/inputs/.
    const broken = { ...referenceSummaryJob, sql: [join(process.cwd(), 'test', 'fixtures', 'sql', 'broken_summary.sql')] };
    const result = await runJob(runs, broken, { dataDir, trigger: 'manual', asOf: todayInTokyo() });
    expect(result.status).toBe('failed');
    expect(await summary()).toEqual(before);
    const [run] = await ds.query(`SELECT status, error FROM job_runs WHERE id = $1`, [result.runId]);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/broken_summary\.sql.*no_such_column/s);
  });

  it('writes back only the rows that changed: unchanged rows keep the run that wrote them, the total stays whole', async () => {
    const before: { prefecture_code: string; class: string; municipalities: number; job_run_id: number }[] = await summary();
    const [{ code, prefecture_code, class: cls }] = await ds.query(
      `SELECT code, prefecture_code, class FROM municipalities WHERE class = 'town' AND valid_to IS NULL ORDER BY code LIMIT 1`,
    );
    await ds.query(`UPDATE municipalities SET class = 'village' WHERE code = $1`, [code]);
    try {
      const result = await runJob(runs, referenceSummaryJob, { dataDir, trigger: 'manual', asOf: '2025-03-31' });
      expect([result.status, result.mode]).toEqual(['succeeded', 'full']); // a basis input changed
      const after: typeof before = await summary();
      const changed = after.filter((r) => r.job_run_id === result.runId).map((r) => `${r.prefecture_code}:${r.class}`);
      expect(changed.sort()).toEqual([`${prefecture_code}:${cls}`, `${prefecture_code}:village`].sort());
      const untouched = after.filter((r) => r.job_run_id !== result.runId);
      expect(untouched.length).toBe(after.length - 2);
      expect(untouched).toEqual(before.filter((r) => r.prefecture_code !== prefecture_code || ![cls, 'village'].includes(r.class)));
      expect(after.reduce((s, r) => s + r.municipalities, 0)).toBe(1741);
    } finally {
      await ds.query(`UPDATE municipalities SET class = $2 WHERE code = $1`, [code, cls]);
    }
  });

  it('does not let a run that read older data overwrite the results of a run that saw newer changes', async () => {
    const before = await summary();
    // Another process's run of the job finished first, having seen data changes this run has not.
    const [{ id: newer }] = await ds.query(
      `INSERT INTO job_runs (job_name, as_of, trigger, status, changes_seen, mode) VALUES ('reference_summary', '2025-03-31', 'cli', 'succeeded', 5, 'full') RETURNING id`,
    );
    const result = await runJob(runs, referenceSummaryJob, { dataDir, trigger: 'manual', full: true, asOf: todayInTokyo() });
    expect([result.status, result.error]).toEqual(['failed', expect.stringMatching(new RegExp(`^superseded: run ${newer} `))]);
    expect(await summary()).toEqual(before);
    await ds.query(`DELETE FROM job_runs WHERE id = $1`, [newer]);
  });

  it('marks runs left running by a dead process as failed', async () => {
    const [{ id }] = await ds.query(
      `INSERT INTO job_runs (job_name, trigger, status) VALUES ('reference_summary', 'manual', 'running') RETURNING id`,
    );
    await runs.markInterrupted();
    const [run] = await ds.query(`SELECT status, error FROM job_runs WHERE id = $1`, [id]);
    expect(run).toEqual({ status: 'failed', error: 'interrupted (process stopped mid-run)' });
  });

  it('leaves alone a run whose owner is alive (another instance starting while it runs), and marks it once the owner is gone', async () => {
    const owner = new pg.Client({ connectionString: db.url });
    await owner.connect();
    const {
      rows: [{ id }],
    } = await owner.query<{ id: number }>(
      `WITH run AS (INSERT INTO job_runs (job_name, trigger, status) VALUES ('reference_summary', 'manual', 'running') RETURNING id)
       SELECT id, pg_advisory_lock($1::int, id) FROM run`,
      [LOCK_NAMESPACE.jobRun],
    );
    expect(await runs.markInterrupted()).not.toContain(id);
    expect((await ds.query(`SELECT status FROM job_runs WHERE id = $1`, [id]))[0].status).toBe('running');
    await owner.end(); // the owner's process dies: its connection, and so its lock, go
    expect(await runs.markInterrupted()).toEqual([id]);
  });

  it('a run holds its own lock while it runs and lets go after', async () => {
    const result = await runJob(runs, referenceSummaryJob, { dataDir, trigger: 'manual', full: true, asOf: todayInTokyo() });
    expect(result.status).toBe('succeeded');
    const [{ free }] = await ds.query(`SELECT pg_try_advisory_lock($1::int, $2::int) AS free, pg_advisory_unlock($1::int, $2::int)`, [
      LOCK_NAMESPACE.jobRun,
      result.runId,
    ]);
    expect(free).toBe(true);
  });
});
