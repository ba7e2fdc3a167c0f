import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import request from 'supertest';
import { careOfficesCsv } from '../support/factories.js';
import { queryRows } from '../support/table-counts.js';
import { BackupService, RestoreRefused } from '../../api/src/backup/backup.service.js';
import { BackupScheduler } from '../../api/src/backup/backup.scheduler.js';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../support/test-app.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', name));

/** Every summary endpoint (and the import history, settings and job runs) as a signed-in admin sees it. */
const DEMO_ENDPOINTS = [
  '/api/v1/adoption/national?as_of=2025-03-31',
  '/api/v1/adoption/national',
  '/api/v1/adoption/prefectures',
  '/api/v1/adoption/classes',
  '/api/v1/adoption/municipalities?prefecture=07',
  '/api/v1/adoption/municipalities/072079',
  '/api/v1/adoption/trend?prefecture=13',
  '/api/v1/adoption/projections?level=municipality&prefecture=13',
  '/api/v1/adoption/dates',
  '/api/v1/usage?prefecture=07',
  '/api/v1/standardization/survey/2025-02',
  '/api/v1/standardization/progress?prefecture=07',
  '/api/v1/standardization/progress?group=vendor',
  '/api/v1/standardization/at-risk',
  '/api/v1/standardization/municipalities/072079',
  '/api/v1/schedule',
  '/api/v1/subsidies/summary',
  '/api/v1/subsidies/effect',
  '/api/v1/subsidies/compliance',
  '/api/v1/subsidies/totals',
  '/api/v1/reference/summary',
  '/api/v1/figures/sources',
  '/api/v1/imports',
  '/api/v1/settings',
  '/api/v1/jobs',
];
const SMALL_ENDPOINTS = [
  '/api/v1/adoption/national',
  '/api/v1/adoption/prefectures',
  '/api/v1/adoption/municipalities?prefecture=07',
  '/api/v1/adoption/dates',
  '/api/v1/reference/summary',
  '/api/v1/figures/sources',
  '/api/v1/imports',
  '/api/v1/jobs',
];

async function bodies(t: TestApp, endpoints: string[]): Promise<Record<string, unknown>> {
  // A fresh sign-in: a restore replaces the sessions too.
  const agent = request.agent(t.app.getHttpServer());
  await agent.post('/api/v1/auth/login').send({ username: TEST_USERS.admin.username, password: TEST_PASSWORD }).expect(200);
  const out: Record<string, unknown> = {};
  for (const path of endpoints) {
    const res = await agent.get(path);
    out[path] = { status: res.status, body: res.body };
  }
  return out;
}

/** Backup → wipe → restore on a backend: every figure and the import history come back identical. */
async function roundTrip(make: () => Promise<TestApp>, prepare: (t: TestApp) => Promise<void>, endpoints: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-backup-'));
  try {
    const source = await make();
    let before: Record<string, unknown>;
    let archive: string;
    try {
      await prepare(source);
      before = await bodies(source, endpoints);
      archive = (await source.app.get(BackupService).backup(join(dir, 'backup.tar.gz'))).path;
      // It holds password and session hashes: its owner's alone, and nothing half-written beside it.
      expect((statSync(archive).mode & 0o777).toString(8)).toBe('600');
      expect(readdirSync(dir)).toEqual(['backup.tar.gz']);
    } finally {
      await source.close();
    }
    const target = await make();
    try {
      // The target already holds the test accounts: refused unless forced.
      await expect(target.app.get(BackupService).restore(archive)).rejects.toThrow(RestoreRefused);
      const { manifest } = await target.app.get(BackupService).restore(archive, { force: true });
      return { before, after: await bodies(target, endpoints), manifest };
    } finally {
      await target.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('backup and restore', () => {
  it('gives identical figures and import history after backup, wipe and restore on PostgreSQL (demo data)', async () => {
    const { before, after, manifest } = await roundTrip(
      () => startTestApp('postgresql', { DEMO_DATA: 'auto' }),
      async () => undefined,
      DEMO_ENDPOINTS,
    );
    for (const path of DEMO_ENDPOINTS) expect([path, after[path]]).toEqual([path, before[path]]);
    expect(
      (before['/api/v1/adoption/national?as_of=2025-03-31'] as { body: { data: { municipalities_meeting_target: number } } }).body.data
        .municipalities_meeting_target,
    ).toBe(73);
    expect(manifest.tables.find((t) => t.table === 'care_offices')!.rows).toBeGreaterThan(250_000);
    expect(manifest.usage_files.length).toBeGreaterThan(30);
    expect(manifest.database.migrations.length).toBeGreaterThan(5);
  }, 300_000);

  it('does the same on the embedded default', async () => {
    const { before, after, manifest } = await roundTrip(
      () => startTestApp('embedded'),
      async (t) => {
        await t.http.post('/api/v1/imports/care-offices').attach('file', fixture('care-offices-valid.csv'), 'offices.csv').expect(201);
        await t.http.post('/api/v1/imports/cpdl-licenses').attach('file', fixture('cpdl-licenses-valid.csv'), 'licences.csv').expect(201);
      },
      SMALL_ENDPOINTS,
    );
    for (const path of SMALL_ENDPOINTS) expect([path, after[path]]).toEqual([path, before[path]]);
    expect((before['/api/v1/imports'] as { body: { data: unknown[] } }).body.data).toHaveLength(2);
    expect(manifest.database.kind).toBe('embedded');
  }, 300_000);

  it('takes the nightly backup and keeps as many as the backup_retention setting says', async () => {
    const t = await startTestApp('postgresql');
    try {
      const dir = join(t.config.dataDir, 'backups');
      mkdirSync(dir, { recursive: true });
      for (const day of ['01', '02', '03', '04']) writeFileSync(join(dir, `kaigo-backup-202611${day}T040000Z.tar.gz`), 'old');
      await t.http.put('/api/v1/admin/settings/backup_retention').send({ value: '2' }).expect(200);
      await t.http.put('/api/v1/admin/settings/backup_retention').send({ value: '0' }).expect(400);
      const result = await t.app.get(BackupScheduler).runNightly();
      expect(result!.removed).toEqual([1, 2, 3].map((d) => `kaigo-backup-2026110${d}T040000Z.tar.gz`));
      expect(readdirSync(dir).filter((f) => f.endsWith('.tar.gz'))).toEqual([
        'kaigo-backup-20261104T040000Z.tar.gz',
        basename(result!.path),
      ]);
      const audit = await t.http.get('/api/v1/admin/audit').query({ action: 'backup' }).expect(200);
      expect(audit.body.data[0]).toMatchObject({ actor: 'system', result: 'succeeded' });
    } finally {
      await t.close();
    }
  });
  it('refuses a truncated archive with a message that says so, and changes nothing', async () => {
    const t = await startTestApp('postgresql');
    try {
      await t.http
        .post('/api/v1/imports/care-offices')
        .attach('file', Buffer.from(careOfficesCsv(50)), 'o.csv')
        .expect(201);
      const { path } = await t.app.get(BackupService).backup(join(t.config.dataDir, 'whole.tar.gz'));
      const bytes = readFileSync(path);
      const truncated = join(t.config.dataDir, 'truncated.tar.gz');
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const [before] = await queryRows(t.databaseUrl, `SELECT count(*)::int AS n FROM care_offices`);
      await expect(t.app.get(BackupService).restore(truncated, { force: true })).rejects.toThrow(/truncated or damaged/);
      expect(await queryRows(t.databaseUrl, `SELECT count(*)::int AS n FROM care_offices`)).toEqual([before]);
    } finally {
      await t.close();
    }
  });
});
