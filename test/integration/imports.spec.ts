import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp, type Agent } from '../support/test-app.js';
import { queryRows, tableCounts } from '../support/table-counts.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', name));
const HEADER = '事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日,廃止年月日';

describe('CSV imports on PostgreSQL (care offices, linkage licences)', () => {
  let t: TestApp;
  let http: Agent;
  const upload = (kind: string, content: Buffer | string, name = 'upload.csv') =>
    http.post(`/api/v1/imports/${kind}`).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);

  beforeAll(async () => {
    t = await startTestApp('postgresql', { MAX_UPLOAD_MB: '1' });
    http = t.http;
  });
  afterAll(() => t.close());

  it('imports a valid care-offices file (full-width digits, 5-digit codes, slashes in dates) and records it', async () => {
    const res = await upload('care-offices', fixture('care-offices-valid.csv'), '事業所一覧.csv').expect(201);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      rows: 8,
      inserted: 8,
      updated: 0,
      unchanged: 0,
      encoding: 'UTF-8',
      file_name: '事業所一覧.csv',
    });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [office] = await queryRows(
      t.databaseUrl,
      `SELECT o.*, s.service_type_code, s.designated_on FROM care_offices o JOIN office_services s USING (office_number) WHERE office_number = '0770000003'`,
    );
    expect(office).toMatchObject({
      municipality_code: '072079',
      service_type_code: '150',
      designated_on: '2018-10-01',
      name: '須賀川デイサービス',
    });
    const [audit] = await queryRows(t.databaseUrl, `SELECT kind, status, rows, uploaded_by FROM imports WHERE id = $1`, [
      res.body.import_id,
    ]);
    expect(audit).toEqual({ kind: 'care-offices', status: 'succeeded', rows: 8, uploaded_by: 'test-admin' });
  });

  it('changes nothing when the same file is uploaded again, and says so', async () => {
    const before = await tableCounts(t.databaseUrl);
    const snapshot = await queryRows(t.databaseUrl, `SELECT * FROM care_offices ORDER BY office_number`);
    const res = await upload('care-offices', fixture('care-offices-valid.csv')).expect(200);
    expect(res.body).toMatchObject({ status: 'duplicate', inserted: 0, updated: 0, unchanged: 8 });
    expect(res.body.message_ja).toMatch(/取り込み済み/);
    expect(res.body.message_en).toMatch(/already imported/);
    expect(await tableCounts(t.databaseUrl)).toEqual(before);
    expect(await queryRows(t.databaseUrl, `SELECT * FROM care_offices ORDER BY office_number`)).toEqual(snapshot);
  });

  const badFile = `${HEADER}\n0770000101,良い行,430,072079,2020-04-01,\n0770000102,悪い行,110,072070,2020-04-01,\n`;

  it('rejects a file with one bad row whole, naming the row, column and reason in both languages', async () => {
    const before = await tableCounts(t.databaseUrl);
    const res = await upload('care-offices', badFile).expect(422);
    expect(res.body).toMatchObject({ code: 'IMPORT_REJECTED', status: 'rejected', inserted: 0, error_count: 1 });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: '所在市区町村コード',
        value: '072070',
        reason_en: expect.stringMatching(/check digit.*expected 072079/),
      }),
    ]);
    expect(res.body.errors[0].reason_ja).toMatch(/検査数字/);
    expect(await tableCounts(t.databaseUrl)).toEqual(before);
  });

  it('gives the same report for the same file in Shift_JIS', async () => {
    const utf8 = await upload('care-offices', badFile).expect(422);
    const sjis = await upload('care-offices', iconv.encode(badFile, 'cp932')).expect(422);
    expect(sjis.body.encoding).toBe('Shift_JIS');
    expect(sjis.body.errors).toEqual(utf8.body.errors);
  });

  it.each([
    [
      'a duplicate office number and service',
      `${HEADER}\n0770000201,A,430,072079,2020-04-01,\n0770000201,B,430,072079,2020-04-01,\n`,
      3,
      '事業所番号',
      /duplicate office number and service \(same as row 2\)/,
    ],
    ['an impossible date', `${HEADER}\n0770000202,A,430,072079,2025-02-30,\n`, 2, '指定年月日', /no such date/],
    ['an unknown service type', `${HEADER}\n0770000203,A,999,072079,2020-04-01,\n`, 2, 'サービス種類コード', /unknown service type/],
    [
      'abolition before designation',
      `${HEADER}\n0770000204,A,430,072079,2020-04-01,2019-01-01\n`,
      2,
      '廃止年月日',
      /before the designation/,
    ],
    ['an office number from another prefecture', `${HEADER}\n1370000205,A,430,072079,2020-04-01,\n`, 2, '事業所番号', /prefecture/],
    [
      'a 9-digit office number',
      `${HEADER}\n077000020,A,430,072079,2020-04-01,\n`,
      2,
      '事業所番号',
      /leading zero may have been lost \(0077000020\)/,
    ],
    [
      'an unregistered municipality',
      `${HEADER}\n0770000206,A,430,079995,2020-04-01,\n`,
      2,
      '所在市区町村コード',
      /079995 is not registered/,
    ],
  ])('rejects %s', async (_label, csv, row, column, reason) => {
    const before = await tableCounts(t.databaseUrl);
    const res = await upload('care-offices', csv).expect(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ row, column, reason_en: expect.stringMatching(reason) })]),
    );
    expect(await tableCounts(t.databaseUrl)).toEqual(before);
  });

  it.each([
    ['an empty file', '', /empty/],
    ['a header only', `${HEADER}\n`, /header only/],
    ['a missing column', '事業所番号,事業所名\n0770000301,A\n', /missing columns: サービス種類コード/],
    ['an unknown column', `${HEADER},備考\n0770000302,A,430,072079,2020-04-01,,x\n`, /unknown columns: 備考/],
    ['EUC-JP', iconv.encode(`${HEADER}\n0770000303,須賀川,430,072079,2020-04-01,\n`, 'euc-jp'), /encoding/],
  ])('rejects %s as a whole-file error', async (_label, content, reason) => {
    const before = await tableCounts(t.databaseUrl);
    const res = await upload('care-offices', content as string).expect(422);
    expect(res.body.errors[0].reason_en).toMatch(reason);
    expect(res.body.errors[0].reason_ja.length).toBeGreaterThan(0);
    expect(await tableCounts(t.databaseUrl)).toEqual(before);
  });

  it('accepts UTF-8 with BOM and English headers', async () => {
    const csv = '\ufeffoffice_number,name,service_type_code,municipality_code,designated_on\n0770000401,BOM事業所,430,072079,2021-04-01\n';
    const res = await upload('care-offices', csv).expect(201);
    expect(res.body).toMatchObject({ encoding: 'UTF-8 (BOM)', inserted: 1 });
  });

  it('rejects licences for unknown offices and dates out of order', async () => {
    const before = await tableCounts(t.databaseUrl);
    const csv = '事業所番号,申請日,利用開始日,利用終了日\n0770009999,2024-01-01,2024-01-02,\n0770000001,2024-05-01,2024-04-30,\n';
    const res = await upload('cpdl-licenses', csv).expect(422);
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, '事業所番号'],
      [3, '利用開始日'],
    ]);
    expect(res.body.errors[0].reason_en).toMatch(/unknown office/);
    expect(await tableCounts(t.databaseUrl)).toEqual(before);
  });

  it('imports licences and refreshes the adoption figures (hand-worked)', async () => {
    const res = await upload('cpdl-licenses', fixture('cpdl-licenses-valid.csv')).expect(201);
    expect(res.body.jobs.map((j: { name: string; status: string }) => `${j.name}:${j.status}`)).toEqual([
      'adoption:succeeded',
      'subsidies:succeeded',
      'usage:succeeded',
      'offices:succeeded',
    ]);
    // 須賀川市 at 2025-03-31: 5 counted offices (one is abolished 2024-03-31; the BOM office adds one) → 5; applied 2; in force 1.
    const m = await http.get('/api/v1/adoption/municipalities/07207').query({ as_of: '2025-03-31' }).expect(200);
    expect(m.body.data).toMatchObject({
      target_offices: 5,
      applied_offices: 2,
      in_force_offices: 1,
      meets_target: true,
      offices_needed: 0,
    });
    expect(m.body.meta.source_import_ids).toEqual(expect.arrayContaining([res.body.import_id]));
    expect(m.body.meta.demo).toBe(false);
    // 都城市: the facility (510) does not count → 2 offices, 1 applied, licence ended 2025-01-31.
    const k = await http.get('/api/v1/adoption/municipalities/452025').query({ as_of: '2025-03-31' }).expect(200);
    expect(k.body.data).toMatchObject({ target_offices: 2, applied_offices: 1, in_force_offices: 0 });
  });

  it('refuses an upload over the size limit with 413, a code, and a record of the attempt', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const res = await upload('care-offices', big, 'too-big.csv').expect(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message_ja: expect.any(String) });
    const [attempt] = await queryRows(
      t.databaseUrl,
      `SELECT kind, status, uploaded_by, errors->0->>'reason_en' AS reason FROM imports ORDER BY id DESC LIMIT 1`,
    );
    expect(attempt).toEqual({
      kind: 'care-offices',
      status: 'rejected',
      uploaded_by: 'test-admin',
      reason: expect.stringMatching(/too large/i),
    });
    const [audit] = await queryRows(
      t.databaseUrl,
      `SELECT action, result, detail->>'status' AS status FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ action: 'upload', result: 'rejected', status: '413' });
  });

  it('stores names as given (trimmed only), so an unchanged file re-uploaded changes nothing', async () => {
    const csv = `${HEADER}\n0770000091,  （デモ）ｶﾀｶﾅ㈱①ケア ,430,072079,2020-04-01,\n`;
    await upload('care-offices', csv, 'names.csv').expect(201);
    const [office] = await queryRows(t.databaseUrl, `SELECT name FROM care_offices WHERE office_number = '0770000091'`);
    expect(office.name).toBe('（デモ）ｶﾀｶﾅ㈱①ケア');
    const again = await upload('care-offices', csv, 'names.csv').expect(200);
    expect(again.body).toMatchObject({ status: 'duplicate', inserted: 0, updated: 0, unchanged: 1 });
  });

  it('keeps at most 1,000 problems in the report and counts them all', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `07700${String(i).padStart(5, '0')},A,430,072070,2020-04-01,`);
    const res = await upload('care-offices', `${HEADER}\n${rows.join('\n')}\n`).expect(422);
    expect(res.body.error_count).toBe(1500);
    expect(res.body.errors).toHaveLength(1000);
    expect(res.body.errors[0]).toMatchObject({ row: 2, column: '所在市区町村コード' });
    const [stored] = await queryRows(t.databaseUrl, `SELECT error_count, jsonb_array_length(errors) AS kept FROM imports WHERE id = $1`, [
      res.body.import_id,
    ]);
    expect(stored).toEqual({ error_count: 1500, kept: 1000 });
  });

  it('404s on an unknown import kind', async () => {
    const res = await upload('pets', 'a,b\n1,2\n').expect(404);
    expect(res.body.kinds).toEqual(expect.arrayContaining(['care-offices', 'cpdl-licenses']));
  });
});
