import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { uploadsDir } from '../../api/src/imports/temporary-files.js';
import { basename, join } from 'node:path';
import { runImport } from '../../api/src/imports/import-pipeline.js';
import type { ImportKind } from '../../api/src/imports/import-kind.js';
import { careOfficesImport, type CareOfficeRow } from '../../api/src/imports/kinds/care-offices/care-offices.import.js';
import { ImportsRepository } from '../../api/src/imports/imports.repository.js';
import { JobRunsRepository } from '../../api/src/jobs/job-runs.repository.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { queryRows, tableCounts } from '../support/table-counts.js';
import { writeLargeOfficesXlsx, writeXlsxBomb } from '../support/xlsx-files.js';

const fixturePath = join(process.cwd(), 'test', 'fixtures', 'imports', 'care-offices-valid.csv');
const fixture = readFileSync(fixturePath);
const TABLES = ['care_offices', 'imports', 'adoption_municipality', 'adoption_national'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults: nothing partial is left behind', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('postgresql');
  });
  afterAll(() => t.close());

  it('an import whose database connection drops mid-transaction leaves no rows, and the next import works', async () => {
    const before = await tableCounts(t.databaseUrl, TABLES);
    const dropping: ImportKind<CareOfficeRow, unknown> = {
      ...careOfficesImport,
      async write(store, rows, importId, context) {
        await careOfficesImport.write(store, rows.slice(0, 3), importId, context as never);
        // The server drops the import's connection while its transaction is open.
        await queryRows(
          t.databaseUrl,
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'`,
        );
        return careOfficesImport.write(store, rows.slice(3), importId, context as never);
      },
    };
    await expect(
      runImport(t.app.get(ImportsRepository), dropping, {
        files: [{ fileName: 'offices.csv', path: fixturePath }],
        uploadedBy: 'test',
        dataDir: t.config.dataDir,
      }),
    ).rejects.toThrow();
    // The attempt is recorded as failed; no data row was written.
    expect(await tableCounts(t.databaseUrl, TABLES)).toEqual({ ...before, imports: before.imports + 1 });
    const [attempt] = await queryRows(t.databaseUrl, `SELECT status, file_name FROM imports ORDER BY id DESC LIMIT 1`);
    expect(attempt).toEqual({ status: 'failed', file_name: 'offices.csv' });
    const ok = await t.http.post('/api/v1/imports/care-offices').attach('file', fixture, 'offices.csv').expect(201);
    expect(ok.body.inserted).toBe(8);
  });

  it('a job process killed while writing its results leaves the previous results served', async () => {
    const before = await tableCounts(t.databaseUrl, TABLES);
    const national = (await t.http.get('/api/v1/adoption/national').expect(200)).body;
    const child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'api/src/app/cli/job.cli.ts', 'adoption', '--full'],
      {
        env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: t.databaseUrl, DATA_DIR: t.config.dataDir },
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let sawWrite = false;
    for (let i = 0; i < 3000 && !sawWrite; i++) {
      const writing = await queryRows(
        t.databaseUrl,
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY "%adoption_%'`,
      );
      sawWrite = writing.length > 0;
      if (!sawWrite) await sleep(5);
    }
    child.kill('SIGKILL');
    await exited;
    expect(sawWrite).toBe(true);
    await sleep(300); // the server rolls back once it notices the client is gone
    expect(await tableCounts(t.databaseUrl, TABLES)).toEqual(before);
    expect((await t.http.get('/api/v1/adoption/national').expect(200)).body).toEqual(national);
    const [run] = await queryRows<{ id: number; status: string }>(
      t.databaseUrl,
      `SELECT id, status FROM job_runs WHERE trigger = 'cli' ORDER BY id DESC LIMIT 1`,
    );
    expect(run.status).toBe('running');
    await t.app.get(JobRunsRepository).markInterrupted();
    const [after] = await queryRows(t.databaseUrl, `SELECT status, error FROM job_runs WHERE id = $1`, [run.id]);
    expect(after).toEqual({ status: 'failed', error: 'interrupted (process stopped mid-run)' });
  });

  it('a 50 MB single-line upload is refused early while the API keeps answering', async () => {
    const hostile = Buffer.alloc(50 * 1024 * 1024, 'x');
    let uploading = true;
    const upload = t.http
      .post('/api/v1/imports/care-offices')
      .attach('file', hostile, 'one-line.csv')
      .then((r) => {
        uploading = false;
        return r;
      });
    const health: number[] = [];
    while (uploading) {
      health.push((await request(t.app.getHttpServer()).get('/api/health')).status);
      await sleep(20);
    }
    const res = await upload;
    expect(res.status).toBe(422);
    expect(res.body.errors[0].reason_en).toMatch(/line 1 is longer than 100000 characters/);
    expect(JSON.stringify(res.body).length).toBeLessThan(5_000);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200)).toBe(true);
    const [attempt] = await queryRows(t.databaseUrl, `SELECT status, file_name FROM imports ORDER BY id DESC LIMIT 1`);
    expect(attempt).toEqual({ status: 'rejected', file_name: 'one-line.csv' });
    // The uploaded file does not outlive its import.
    expect(readdirSync(uploadsDir(t.config.dataDir))).toEqual([]);
  }, 120_000);
  it('truncated, unterminated and malformed multipart bodies each get a 4xx, and the process keeps serving', async () => {
    const row = '0790000001,x,430,072079,2020-04-01,\n';
    const head = (name = 'file', file = 'a.csv') => `--x\r\nContent-Disposition: form-data; name="${name}"; filename="${file}"\r\n\r\n`;
    const bodies = [
      head() + row, // no closing boundary
      head(), // the file's part cut before its first byte
      '--x\r\nContent-Disposition: form-data; name="file"', // cut inside the part's headers
      `${head()}${row}\r\n--x`, // a boundary that never closes
      '--y\r\n\r\n--y--', // another boundary than the header names
      `${head('file', '')}${row}\r\n--x--\r\n`, // a file part with an empty file name
    ];
    for (const body of bodies) {
      const res = await t.http.post('/api/v1/imports/care-offices').set('Content-Type', 'multipart/form-data; boundary=x').send(body);
      expect([res.status, res.body.message_ja]).toEqual([expect.any(Number), expect.any(String)]);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      await t.http.get('/api/health').expect(200);
    }
    // Each refused attempt is on record.
    const attempts = await queryRows(t.databaseUrl, `SELECT status FROM imports WHERE status = 'rejected' AND kind = 'care-offices'`);
    expect(attempts.length).toBeGreaterThanOrEqual(bodies.length);
  });
  it('a million-row xlsx and a zip bomb are refused (422) before parsing, within 300 MB, while /api/health answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-xlsx-'));
    try {
      const huge = join(dir, 'million.xlsx');
      const bomb = join(dir, 'bomb.xlsx');
      await writeLargeOfficesXlsx(huge, 1_000_000);
      await writeXlsxBomb(bomb, 800);
      for (const [file, reason] of [
        [huge, /unpacks to \d+ MB|rows/],
        [bomb, /expands \d+ times/],
      ] as const) {
        const baseline = process.memoryUsage().rss;
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
        const probes: number[] = [];
        const prober = setInterval(() => void t.http.get('/api/health').then((r) => probes.push(r.status)), 100);
        const started = Date.now();
        const res = await t.http.post('/api/v1/imports/care-offices?dry_run=true').attach('file', readFileSync(file), basename(file));
        const took = Date.now() - started;
        clearInterval(sampler);
        clearInterval(prober);
        expect([basename(file), res.status]).toEqual([basename(file), 422]);
        expect(res.body.errors[0]).toMatchObject({
          reason_en: expect.stringMatching(reason),
          reason_ja: expect.stringMatching(/xlsx|行数/),
        });
        expect(took).toBeLessThan(30_000);
        expect((peak - baseline) / 1024 / 1024).toBeLessThan(300);
        await t.http.get('/api/health').expect(200);
        expect(probes.every((status) => status === 200)).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
