import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedPaths } from '../../api/src/core/database/embedded-postgres.js';
import { careOfficesCsv } from '../support/factories.js';
import { queryRows } from '../support/table-counts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one of the CLIs on `dataDir` with no DATABASE_URL, as `npm run job` would. */
function runCli(script: string, args: string[], dataDir: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', script, ...args], { env });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * The embedded default is one real PostgreSQL server per DATA_DIR, shared by the API and the CLIs:
 * a CLI joins the running server (never a second one on the same files), and acknowledged writes
 * survive a restart and a kill -9 of PostgreSQL itself (WAL recovery).
 */
describe('the embedded PostgreSQL server shared by the API and the CLIs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaigo-embedded-'));
  let t: TestApp | undefined;
  const start = async () => (t = await startTestApp('embedded', {}, { dataDir, keepDataDir: true }));
  const stop = async () => {
    await t?.close().catch(() => undefined);
    t = undefined;
  };
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the CLI job while the server holds a long import; after a restart the import is there and every job succeeds', async () => {
    const app = await start();
    const upload = app.http
      .post('/api/v1/imports/care-offices')
      .attach('file', Buffer.from(careOfficesCsv(40_000, 1)), 'big.csv')
      .then((r) => r);
    // The import validates inside its transaction: wait until that transaction is open on the server.
    await waitFor(
      async () =>
        (
          await queryRows(
            app.databaseUrl,
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'`,
          )
        ).length > 0,
      'the import transaction',
    );
    const cli = await runCli('api/src/app/cli/job.cli.ts', ['adoption'], dataDir);
    const imported = await upload;
    expect(cli.output).toMatch(/adoption: run \d+ succeeded/);
    expect(cli.code).toBe(0);
    expect(imported.status).toBe(201);
    expect(imported.body.inserted).toBe(40_000);

    await stop();
    const restarted = await start();
    const [{ n }] = await queryRows<{ n: number }>(restarted.databaseUrl, `SELECT count(*)::int AS n FROM care_offices`);
    expect(n).toBe(40_000);
    const statuses = await queryRows(restarted.databaseUrl, `SELECT status, rows FROM imports ORDER BY id`);
    expect(statuses).toEqual([{ status: 'succeeded', rows: 40_000 }]);
    for (const job of ['reference_summary', 'adoption', 'standardization', 'subsidies', 'usage']) {
      const res = await restarted.http.post(`/api/v1/admin/jobs/${job}/run`).send({}).expect(200);
      expect(res.body.data.status).toBe('succeeded');
    }
  }, 180_000);

  it('keeps an acknowledged import when PostgreSQL itself is killed with SIGKILL (WAL recovery on restart)', async () => {
    const app = t ?? (await start());
    const res = await app.http
      .post('/api/v1/imports/care-offices')
      .attach('file', Buffer.from(careOfficesCsv(200, 2)), 'renamed.csv')
      .expect(201);
    expect(res.body.updated).toBe(200);
    const postmasterPid = Number(readFileSync(join(embeddedPaths(dataDir).cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmasterPid, 'SIGKILL');
    await stop();
    const restarted = await start();
    const [office] = await queryRows<{ name: string }>(
      restarted.databaseUrl,
      `SELECT name FROM care_offices WHERE office_number = '0710000000'`,
    );
    expect(office.name).toBe('テスト事業所0（版2）');
    await restarted.http.get('/api/health').expect(200);
  }, 120_000);

  it('a second process on the same DATA_DIR joins the running server instead of starting another', async () => {
    const app = t ?? (await start());
    const cli = await runCli('api/src/app/cli/users.cli.ts', ['create', 'joined-user', 'national'], dataDir);
    expect(cli.code).toBe(0);
    const [user] = await queryRows(app.databaseUrl, `SELECT role FROM users WHERE username = 'joined-user'`);
    expect(user).toEqual({ role: 'national' });
    // Still the server this test started: the CLI left it running for the API.
    await app.http.get('/api/health').expect(200);
  }, 60_000);
  const postmasterPid = () => Number(readFileSync(join(embeddedPaths(dataDir).cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);

  it('CLIs run beside a server whose pool sat idle (succeeding and failing) leave its database running', async () => {
    const app = t ?? (await start());
    const pid = postmasterPid();
    // pg's pool closes connections idle for 10 s: the server then holds only its presence connection.
    await sleep(11_000);
    const job = await runCli('api/src/app/cli/job.cli.ts', ['reference_summary'], dataDir);
    expect([job.code, job.output]).toEqual([0, expect.stringMatching(/reference_summary: run \d+ succeeded/)]);
    const refused = await runCli('api/src/app/cli/users.cli.ts', ['create', 'someone', 'no-such-role'], dataDir);
    expect(refused.code).not.toBe(0);
    const backup = await runCli('api/src/app/cli/backup.cli.ts', [join(dataDir, 'beside-idle.tar.gz')], dataDir);
    expect(backup.code).toBe(0);
    expect(postmasterPid()).toBe(pid);
    await app.http.get('/api/health').expect(200);
    await app.http.get('/api/v1/auth/me').expect(200);
  }, 90_000);

  it('brings PostgreSQL back after kill -9 of the postmaster, without a restart of the API; cached sessions do not pass meanwhile', async () => {
    const app = t ?? (await start());
    await app.http.get('/api/v1/auth/me').expect(200); // the session is now in the cache
    const killed = postmasterPid();
    process.kill(killed, 'SIGKILL');
    const down = await app.http.get('/api/health');
    await waitFor(async () => (await app.http.get('/api/health')).status !== 200 || down.status !== 200, 'the loss noticed', 5_000);
    const during = await app.http.get('/api/v1/auth/me');
    // Either the database is already back (a fresh answer) or the request is refused; never the cached session alone.
    expect([200, 503]).toContain(during.status);
    if (during.status === 503) expect(during.body.code).toBe('DATABASE_UNAVAILABLE');
    const started = Date.now();
    await waitFor(async () => (await app.http.get('/api/health')).status === 200, 'health again', 30_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(postmasterPid()).not.toBe(killed);
    const health = (await app.http.get('/api/health').expect(200)).body;
    expect(health.database).toMatchObject({ ok: true, state: 'up', recoveries: 1 });
    await app.http.get('/api/v1/auth/me').expect(200);
    await app.http.post('/api/v1/admin/jobs/reference_summary/run').send({}).expect(200);
  }, 60_000);
});
