import Papa from 'papaparse';
import { JOBS } from '../../jobs/job-definitions.js';
import { careOfficesCsv } from '../support/factories.js';
import { queryRows } from '../support/table-counts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Text that CSV hand-overs get wrong: delimiters, quotes, line breaks, tabs, astral characters. */
const HOSTILE = [
  'ケアセンター桜,本館',
  '"引用"で始まる事業所',
  '改行を\n含む事業所',
  'CRLF\r\nの事業所',
  'タブ\tと,カンマと"引用"',
  '絵文字😀🏥の事業所',
  '末尾のカンマ,',
  '\\バックスラッシュ\\N',
];
const OFFICES = HOSTILE.map((name, i) => ({
  事業所番号: `07850000${String(i).padStart(2, '0')}`,
  事業所名: name,
  サービス種類コード: i % 2 ? '110' : '430',
  所在市区町村コード: '072079',
  指定年月日: '2020-04-01',
  廃止年月日: '',
}));
const LICENCES = OFFICES.slice(0, 4).map((o) => ({
  事業所番号: o.事業所番号,
  申請日: '2024-04-01',
  利用開始日: '2024-04-10',
  利用終了日: '',
}));
const MILESTONES = HOSTILE.map((vendor, i) => ({
  市区町村コード: ['072079', '072010', '131016', '271004', '401005', '011002', '231002', '472018'][i],
  段階: '① 標準準拠システムへの移行',
  予定日: '2026-10-01',
  完了日: '',
  事業者名: vendor,
}));
const csv = (rows: Record<string, string>[]) => Buffer.from(Papa.unparse(rows, { newline: '\r\n' }));

/**
 * Every job reads its inputs out of PostgreSQL and writes its outputs back: text with commas, quotes,
 * line breaks, tabs and emoji in every free-text column must pass through every job unchanged — behind more
 * plain rows than DuckDB's CSV sniffing looks at, where it used to guess "no quoting" and fail every job.
 */
describe('free text through every job (PostgreSQL → DuckDB → PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('postgresql');
    // Plain rows first, more than DuckDB's sniffing sample (20,480 rows): the hostile ones come after them.
    await t.http
      .post('/api/v1/imports/care-offices')
      .attach('file', Buffer.from(careOfficesCsv(25_000)), 'plain.csv')
      .expect(201);
  }, 180_000);
  afterAll(() => t.close());

  it('imports names with commas, quotes, line breaks, tabs and emoji, and every job then succeeds with the text intact', async () => {
    await t.http.post('/api/v1/imports/care-offices').attach('file', csv(OFFICES), 'offices.csv').expect(201);
    await t.http.post('/api/v1/imports/cpdl-licenses').attach('file', csv(LICENCES), 'licences.csv').expect(201);
    await t.http.post('/api/v1/imports/standardization-milestones').attach('file', csv(MILESTONES), 'steps.csv').expect(201);
    const stored = await queryRows<{ name: string }>(
      t.databaseUrl,
      `SELECT name FROM care_offices WHERE office_number LIKE '078500%' ORDER BY office_number`,
    );
    expect(stored.map((r) => r.name)).toEqual(HOSTILE.map((n) => n.trim()));

    for (const job of JOBS) {
      const res = await t.http.post(`/api/v1/admin/jobs/${job.name}/run`).send({ full: true }).expect(200);
      expect([job.name, res.body.data.status, res.body.data.error ?? null]).toEqual([job.name, 'succeeded', null]);
    }
    const offices = await t.http.get('/api/v1/offices?municipality=072079').expect(200);
    const names = (offices.body.data as { office_number: string; office_name: string }[])
      .filter((o) => o.office_number.startsWith('078500'))
      .map((o) => o.office_name)
      .sort();
    expect(names).toEqual(HOSTILE.map((n) => n.trim()).sort());
    // Vendors are the groups of the step funnel: each one comes back whole.
    const funnel = (await t.http.get('/api/v1/standardization/progress?group=vendor').expect(200)).body.data;
    const vendors = (funnel.vendors as { group_key: string }[]).map((v) => v.group_key).filter((k) => k !== '（未登録）');
    expect(vendors.sort()).toEqual(HOSTILE.map((v) => v.trim()).sort());
  }, 180_000);
});
