import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp, type Agent } from '../support/test-app.js';
import { queryRows, tableDigests } from '../support/table-counts.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', name));
const DATA_TABLES = [
  'care_offices',
  'office_services',
  'cpdl_licenses',
  'subsidy_grants',
  'survey_rounds',
  'survey_responses',
  'standardization_milestones',
  'settings',
];
/** B renames one of A's offices, closes another (廃止), adds a service to a third and adds a new office. */
const B_OFFICES = [
  '事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日,廃止年月日',
  '0770000001,須賀川ケアプランセンター（移転）,430,072079,2015-04-01,',
  '0770000002,須賀川訪問介護ステーション,110,072079,2016-04-01,2025-09-30',
  '0770000004,須賀川訪問看護,170,072079,2021-01-01,',
  '0770000009,須賀川新規デイ,150,072079,2025-06-01,',
].join('\n');
const B_LICENCES =
  'office_number,applied_on,starts_on,ends_on\n0770000001,2024-05-01,2024-05-10,2025-12-31\n0770000009,2025-07-01,2025-07-05,\n';

/** The summaries as the API answers them, without the ids and times of the runs that computed them. */
async function figures(http: Agent) {
  const out: Record<string, unknown> = {};
  for (const path of [
    '/api/v1/adoption/national',
    '/api/v1/adoption/municipalities?prefecture=07',
    '/api/v1/adoption/trend?prefecture=07',
  ]) {
    const body = (await http.get(path)).body;
    out[path] = JSON.parse(JSON.stringify(body.data ?? body), (k, v) =>
      ['job_run_id', 'computed_at', 'source_import_ids'].includes(k) ? undefined : v,
    );
  }
  return out;
}

describe('undoing an import (PostgreSQL)', () => {
  let t: TestApp;
  let http: Agent;
  beforeAll(async () => {
    t = await startTestApp('postgresql');
    http = t.http;
  });
  afterAll(() => t.close());

  it('import A, then B touching some of A’s rows, then undo B: every data table equals its contents after A; A cannot be undone while B stands', async () => {
    const empty = await tableDigests(t.databaseUrl, DATA_TABLES);
    const a1 = (await http.post('/api/v1/imports/care-offices').attach('file', fixture('care-offices-valid.csv'), 'a.csv').expect(201))
      .body;
    const a2 = (
      await http.post('/api/v1/imports/cpdl-licenses').attach('file', fixture('cpdl-licenses-valid.csv'), 'a-lic.csv').expect(201)
    ).body;
    const afterA = await tableDigests(t.databaseUrl, DATA_TABLES);
    const figuresA = await figures(http);

    const b1 = (await http.post('/api/v1/imports/care-offices').attach('file', Buffer.from(B_OFFICES), 'b.csv').expect(201)).body;
    const b2 = (await http.post('/api/v1/imports/cpdl-licenses').attach('file', Buffer.from(B_LICENCES), 'b-lic.csv').expect(201)).body;
    expect(b1).toMatchObject({ inserted: 2, updated: 2 });
    expect(await tableDigests(t.databaseUrl, DATA_TABLES)).not.toEqual(afterA);

    const refused = await http.post(`/api/v1/imports/${a1.import_id}/undo`).send({ reason: '誤ったファイル' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'UNDO_BLOCKED', blocking_import_ids: [b1.import_id] });
    await http.post(`/api/v1/imports/${a2.import_id}/undo`).send({ reason: '誤ったファイル' }).expect(409);
    // B's licences refer to the office B added: undoing B's offices first is refused, naming the licences' import.
    const dependent = await http.post(`/api/v1/imports/${b1.import_id}/undo`).send({ reason: '誤ったファイル' }).expect(409);
    expect(dependent.body).toMatchObject({ code: 'UNDO_BLOCKED', blocking_import_ids: [b2.import_id] });
    const undoB2 = await http.post(`/api/v1/imports/${b2.import_id}/undo`).send({ reason: '誤ったファイル' }).expect(200);
    expect(undoB2.body.data.tables.cpdl_licenses).toEqual({ removed: 1, restored: 1 });
    const undoB1 = await http.post(`/api/v1/imports/${b1.import_id}/undo`).send({ reason: '誤ったファイル（B）' }).expect(200);
    expect(undoB1.body.data.tables.care_offices).toEqual({ removed: 1, restored: 1 });
    expect(undoB1.body.data.tables.office_services.removed).toBe(2);
    expect(undoB1.body.data.jobs.every((j: { status: string }) => j.status === 'succeeded')).toBe(true);
    expect(undoB1.body.data.jobs.length).toBeGreaterThan(0);

    expect(await tableDigests(t.databaseUrl, DATA_TABLES)).toEqual(afterA);
    expect(await figures(http)).toEqual(figuresA);
    const history = (await http.get('/api/v1/imports').expect(200)).body.data;
    expect(history.find((i: { id: number }) => i.id === b1.import_id)).toMatchObject({ status: 'undone' });
    const audit = await http.get('/api/v1/admin/audit').query({ action: 'import_undone', result: 'succeeded' }).expect(200);
    expect(audit.body.data[0]).toMatchObject({
      actor: 'test-admin',
      target: String(b1.import_id),
      detail: { reason: '誤ったファイル（B）' },
    });

    // With B gone, A can be undone too: back to the empty tables.
    await http.post(`/api/v1/imports/${a2.import_id}/undo`).send({ reason: 'やり直し' }).expect(200);
    await http.post(`/api/v1/imports/${a1.import_id}/undo`).send({ reason: 'やり直し' }).expect(200);
    expect(await tableDigests(t.databaseUrl, DATA_TABLES)).toEqual(empty);
    const undoneAgain = await http.post(`/api/v1/imports/${a1.import_id}/undo`).send({ reason: 'もう一度' }).expect(409);
    expect(undoneAgain.body.code).toBe('IMPORT_NOT_STANDING');

    // An undone file can be imported again (it is no longer "already imported").
    const again = await http.post('/api/v1/imports/care-offices').attach('file', fixture('care-offices-valid.csv'), 'a.csv').expect(201);
    expect(again.body).toMatchObject({ status: 'succeeded', inserted: 8 });
    expect(
      await queryRows(t.databaseUrl, `SELECT count(*)::int AS n FROM import_changes WHERE import_id = $1`, [again.body.import_id]),
    ).toEqual([{ n: 8 + 8 }]);
  });

  it('refuses (409 NOT_UNDOABLE) an import that has no undo log, as one made before the log existed, and changes nothing', async () => {
    const imported = (
      await http.post('/api/v1/imports/care-offices').attach('file', Buffer.from(B_OFFICES), 'before-upgrade.csv').expect(201)
    ).body;
    // What an older version left: the import and its rows, but no record of what it changed.
    await queryRows(t.databaseUrl, `DELETE FROM import_changes WHERE import_id = $1`, [imported.import_id]);
    const before = await tableDigests(t.databaseUrl, DATA_TABLES);
    const refused = await http.post(`/api/v1/imports/${imported.import_id}/undo`).send({ reason: '古い取込' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'NOT_UNDOABLE', message_ja: expect.stringContaining('変更記録がありません') });
    expect(await tableDigests(t.databaseUrl, DATA_TABLES)).toEqual(before);
    const [row] = await queryRows(t.databaseUrl, `SELECT status FROM imports WHERE id = $1`, [imported.import_id]);
    expect(row).toEqual({ status: 'succeeded' });
  });

  it('needs a reason, and only admin and national accounts may undo', async () => {
    const res = await http.post('/api/v1/imports/cpdl-licenses').attach('file', fixture('cpdl-licenses-valid.csv'), 'c.csv');
    expect([res.status, res.body.message_en]).toEqual([201, expect.any(String)]);
    const imported = res.body;
    await http.post(`/api/v1/imports/${imported.import_id}/undo`).send({}).expect(400);
    await (await t.as('prefecture')).post(`/api/v1/imports/${imported.import_id}/undo`).send({ reason: 'x y' }).expect(403);
    await http.post('/api/v1/imports/999999/undo').send({ reason: 'none' }).expect(404);
  });
});
