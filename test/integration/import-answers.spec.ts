import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { DATA_CHANGES_LOCK } from '../../api/src/core/domain/data-changes.js';
import { JobsService } from '../../api/src/jobs/jobs.service.js';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type Agent, type TestApp } from '../support/test-app.js';
import { queryRows } from '../support/table-counts.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', name));
const LICENCE_JOBS = ['adoption', 'subsidies', 'usage', 'offices'];

interface Figures {
  change: { id: number; reason: string } | null;
  jobs: { name: string; status: string; run: { trigger: string } | null }[];
  done: boolean;
}

/**
 * Uploads and undos answer on commit and leave their jobs running; `GET /imports/:id/figures` says when the
 * figures include them. Jobs are held back here by taking, in an open transaction, the lock a run needs to
 * read the latest data change: the answer arriving while they cannot start shows it did not wait for them.
 */
describe('an upload answers on commit, before its jobs; the figures follow', () => {
  let t: TestApp;
  let plain: Agent;

  const figures = async (importId: number): Promise<Figures> =>
    (await plain.get(`/api/v1/imports/${importId}/figures`).expect(200)).body.data;
  const settled = async (importId: number): Promise<Figures> => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const now = await figures(importId);
      if (now.done) return now;
    }
    throw new Error(`the jobs of import ${importId} did not finish within 60 s`);
  };
  const suka = async () =>
    (await plain.get('/api/v1/adoption/municipalities/07207').query({ as_of: '2025-03-31' }).expect(200)).body.data.applied_offices;
  /** Holds the jobs back until `release` (imports still commit: they take the same lock shared). */
  const holdJobs = async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [DATA_CHANGES_LOCK]);
    return async () => {
      await client.query('COMMIT');
      await client.end();
    };
  };

  beforeAll(async () => {
    t = await startTestApp('postgresql');
    // A client that does not send Prefer: wait, as the dashboard does not.
    plain = request.agent(t.app.getHttpServer());
    await plain.post('/api/v1/auth/login').send({ username: TEST_USERS.admin.username, password: TEST_PASSWORD }).expect(200);
    await t.http.post('/api/v1/imports/care-offices').attach('file', fixture('care-offices-valid.csv'), 'offices.csv').expect(201);
  });
  afterAll(() => t.close());

  let licenceImport: number;

  it('answers an upload while its jobs cannot start, then serves the new figures once they ran', async () => {
    expect(await suka()).toBe(0);
    const release = await holdJobs();
    try {
      const res = await plain.post('/api/v1/imports/cpdl-licenses').attach('file', fixture('cpdl-licenses-valid.csv'), 'l.csv').expect(201);
      expect(res.headers['preference-applied']).toBeUndefined();
      expect(res.body.status).toBe('succeeded');
      expect(res.body.jobs).toEqual(LICENCE_JOBS.map((name) => ({ name, status: 'queued' })));
      licenceImport = res.body.import_id;
      expect(res.body.figures_url).toBe(`/api/v1/imports/${licenceImport}/figures`);
      const pending = await figures(licenceImport);
      expect(pending).toMatchObject({ done: false, change: { reason: 'import' } });
      expect(pending.jobs.map((j) => `${j.name}:${j.status}`)).toEqual(LICENCE_JOBS.map((name) => `${name}:queued`));
      expect(await suka()).toBe(0);
    } finally {
      await release();
    }
    const done = await settled(licenceImport);
    expect(done.jobs.map((j) => `${j.name}:${j.status}:${j.run?.trigger}`)).toEqual(LICENCE_JOBS.map((name) => `${name}:succeeded:import`));
    // 須賀川市 at 2025-03-31: two of its offices applied (worked by hand in imports.spec.ts).
    expect(await suka()).toBe(2);
  });

  it('answers with the runs when asked to wait (Prefer: wait=N), and with no jobs when nothing changed', async () => {
    const again = await plain
      .post('/api/v1/imports/cpdl-licenses')
      .set('Prefer', 'wait=60')
      .attach('file', fixture('cpdl-licenses-valid.csv'), 'l.csv')
      .expect(200);
    expect(again.body).toMatchObject({ status: 'duplicate', jobs: [], figures_url: null });
  });

  it('answers an undo on commit too; the figures follow the undo', async () => {
    const release = await holdJobs();
    try {
      const res = await plain.post(`/api/v1/imports/${licenceImport}/undo`).send({ reason: '誤った一覧のため' }).expect(200);
      expect(res.body.data.jobs).toEqual(LICENCE_JOBS.map((name) => ({ name, status: 'queued' })));
      expect(await figures(licenceImport)).toMatchObject({ done: false, change: { reason: 'undo' } });
      expect(await suka()).toBe(2);
    } finally {
      await release();
    }
    const done = await settled(licenceImport);
    expect(done.jobs.every((j) => j.status === 'succeeded')).toBe(true);
    expect(await suka()).toBe(0);
  });

  it('says so when a waited-for upload runs its jobs, and the runs are those the figures name', async () => {
    const res = await plain
      .post('/api/v1/imports/cpdl-licenses')
      .set('Prefer', 'wait=120')
      .attach('file', fixture('cpdl-licenses-valid.csv'), 'l2.csv')
      .expect(201);
    expect(res.headers['preference-applied']).toBe('wait=120');
    expect(res.body.jobs.map((j: { name: string; status: string }) => `${j.name}:${j.status}`)).toEqual(
      LICENCE_JOBS.map((name) => `${name}:succeeded`),
    );
    const done = await figures(res.body.import_id);
    expect(done.done).toBe(true);
    expect(done.jobs.map((j) => (j.run as unknown as { id: number }).id)).toEqual(res.body.jobs.map((j: { runId: number }) => j.runId));
  });

  it('counts a job stale at start-up when a change was committed that no run of it took in (a process stopped before its jobs)', async () => {
    const jobs = t.app.get(JobsService);
    expect(await jobs.isStale('adoption')).toBe(false);
    await queryRows(
      t.databaseUrl,
      `INSERT INTO data_changes (kind, reason, changes_from) VALUES ('cpdl-licenses', 'import', '2025-01-01')`,
    );
    expect(await jobs.isStale('adoption')).toBe(true);
    expect(await jobs.isStale('standardization')).toBe(false);
    await jobs.run('adoption', 'startup');
    expect(await jobs.isStale('adoption')).toBe(false);
  });
});
