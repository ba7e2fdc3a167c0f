import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../api/src/core/config/app-config.js';
import { createApp } from '../../api/src/app/create-app.js';
import { MIGRATIONS } from '../../api/src/core/migrations/index.js';
import { createTestDatabase } from '../support/test-database.js';
import { BackupScheduler } from '../../api/src/backup/backup.scheduler.js';
import { JOBS } from '../../jobs/job-definitions.js';
import { JobsService } from '../../api/src/jobs/jobs.service.js';
import { queryRows } from '../support/table-counts.js';
import { startSecondInstance, startTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../support/test-app.js';

/** Polls `check` until it holds or `ms` pass; returns how long it took (or throws with the last value seen). */
async function within<T>(ms: number, read: () => Promise<T>, holds: (value: T) => boolean): Promise<number> {
  const started = Date.now();
  let last: T | undefined;
  while (Date.now() - started <= ms) {
    last = await read();
    if (holds(last)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not within ${ms} ms; last seen: ${JSON.stringify(last)?.slice(0, 300)}`);
}

/** Two instances of the application, A and B, on one PostgreSQL database (#28): one truth. */
describe('two instances on one database', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof startSecondInstance>>;
  beforeAll(async () => {
    a = await startTestApp('postgresql', { DEMO_DATA: 'auto' });
    b = await startSecondInstance(a);
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('an import on A: B serves the new figures within 1 s of A answering (B had them cached)', async () => {
    const onB = b.agent();
    await onB.post('/api/v1/auth/login').send({ username: TEST_USERS.national.username, password: TEST_PASSWORD }).expect(200);
    const national = async () => (await onB.get('/api/v1/adoption/national').expect(200)).body;
    const before = await national();
    expect((await onB.get('/api/v1/adoption/national').expect(200)).body).toEqual(before); // served from B's cache
    const [office] = await queryRows<{ office_number: string }>(
      a.databaseUrl,
      `SELECT office_number FROM office_outreach WHERE licence_status = 'not_applied' ORDER BY office_number LIMIT 1`,
    );
    const appliedOn = `${before.meta.as_of.slice(0, 7)}-01`;
    await a.http
      .post('/api/v1/imports/cpdl-licenses')
      .attach('file', Buffer.from(`事業所番号,申請日,利用開始日\n${office.office_number},${appliedOn},${appliedOn}\n`), 'licence.csv')
      .expect(201);
    const took = await within(1_000, national, (now) => now.data.applied_offices === before.data.applied_offices + 1);
    expect(took).toBeLessThanOrEqual(1_000);
  }, 120_000);

  it('a password reset on A: the session is refused on B within 1 s; a sign-out on A likewise', async () => {
    const { username } = TEST_USERS.municipality;
    const [{ id }] = await queryRows<{ id: number }>(a.databaseUrl, `SELECT id FROM users WHERE username = $1`, [username]);
    const login = await request(a.app.getHttpServer()).post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
    const cookie = login.headers['set-cookie'][0].split(';')[0];
    const meOnB = async () => (await request(b.app.getHttpServer()).get('/api/v1/auth/me').set('Cookie', cookie)).status;
    expect(await meOnB()).toBe(200); // B now holds the session in its cache
    await a.http.post(`/api/v1/admin/users/${id}/password-reset`).send({ reason: '二台構成の確認' }).expect(200);
    await within(1_000, meOnB, (status) => status === 401);

    const second = await request(a.app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ username: TEST_USERS.national.username, password: TEST_PASSWORD });
    const other = second.headers['set-cookie'][0].split(';')[0];
    const otherOnB = async () => (await request(b.app.getHttpServer()).get('/api/v1/auth/me').set('Cookie', other)).status;
    expect(await otherOnB()).toBe(200);
    await request(a.app.getHttpServer()).post('/api/v1/auth/logout').set('Cookie', other).expect(200);
    await within(1_000, otherOnB, (status) => status === 401);
  });

  it('a scheduled firing runs once: the nightly jobs and the backup on one instance, the other skips and names it', async () => {
    const fireAt = new Date('2026-12-06T17:30:00Z');
    const [onA, onB] = await Promise.all([a.app.get(JobsService).runScheduled(fireAt), b.app.get(JobsService).runScheduled(fireAt)]);
    expect([onA.ran, onB.ran].sort()).toEqual([false, true]);
    expect(onA.instance).toBe(onB.instance);
    const [{ n }] = await queryRows<{ n: number }>(a.databaseUrl, `SELECT count(*)::int AS n FROM job_runs WHERE trigger = 'schedule'`);
    expect(n).toBe(JOBS.length);
    const backups = await Promise.all([a, b].map((i) => i.app.get(BackupScheduler).runScheduled(fireAt)));
    expect(backups.map((r) => r.ran).sort()).toEqual([false, true]);
    const history = (await a.http.get('/api/v1/jobs').expect(200)).body.data.firings;
    expect(history.map((f: { schedule: string }) => f.schedule).sort()).toEqual(['nightly-backup', 'nightly-jobs']);
  }, 120_000);

  it('a usage run on an instance that does not see the usage files fails and leaves the figures as they were', async () => {
    const figures = () => queryRows(a.databaseUrl, `SELECT * FROM usage_national ORDER BY as_of`);
    const before = await figures();
    expect(before.length).toBeGreaterThan(0);
    const run = await b.app.get(JobsService).run('usage', 'manual', undefined, true);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/DATA_DIR must be shared/);
    expect(await figures()).toEqual(before);
  }, 60_000);
});

describe('two instances starting together on a new database', () => {
  it('both start: the migrations run once, under a lock, and the second finds nothing left to do', async () => {
    const db = await createTestDatabase('kaigo_two_start');
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'kaigo-two-start-')));
    try {
      const apps = await Promise.all(
        dirs.map((dir) => {
          const config = { ...loadConfig({ DATA_DIR: dir, DEMO_DATA: 'off', LOG_LEVEL: 'error' }), databaseUrl: db.url };
          return createApp(config, db.url, 'postgresql');
        }),
      );
      const [{ n }] = await queryRows<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM typeorm_migrations`);
      expect(n).toBe(MIGRATIONS.length);
      for (const app of apps) await app.close();
    } finally {
      await db.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
