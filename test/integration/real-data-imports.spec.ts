import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { buildMunicipalities } from '../../api/src/reference/reference-data.js';
import { startTestApp, type Agent, type TestApp } from '../support/test-app.js';
import { queryRows } from '../support/table-counts.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'imports');
const fixture = (path: string) => readFileSync(join(FIXTURES, path));
const OPEN_DATA_110 = fixture('open-data/jigyosho_110.csv');
const OPEN_DATA_430 = fixture('open-data/jigyosho_430.csv');
const RECOMMENDED = fixture('recommended/kaigo-jigyosho-ichiran-07.csv').toString('utf8');

/** The recommended dataset as a prefecture publishes it in Excel: a merged title row stating its date, then the header. */
async function recommendedWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('介護サービス事業所一覧');
  const lines = RECOMMENDED.trim()
    .split('\n')
    .map((l) => l.split(','));
  sheet.addRow(['介護サービス事業所一覧（令和7年10月1日現在）']);
  sheet.mergeCells(1, 1, 1, 8);
  sheet.addRow([]);
  for (const line of lines) sheet.addRow(line);
  // Excel drops the leading zero of an office number typed as a number: keep them as text, as a careful publisher does.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('real files: published layouts, Excel, 和暦, snapshots, previews and ambiguous codes', () => {
  let t: TestApp;
  let http: Agent;
  const services = () =>
    queryRows<{
      office_number: string;
      service_type_code: string;
      designated_on: string;
      abolished_on: string | null;
      municipality_code: string;
    }>(
      t.databaseUrl,
      `SELECT s.office_number, s.service_type_code, s.designated_on, s.abolished_on, o.municipality_code
       FROM office_services s JOIN care_offices o USING (office_number) ORDER BY 1, 2`,
    );

  beforeAll(async () => {
    t = await startTestApp('postgresql');
    http = t.http;
  });
  afterAll(() => t.close());

  it('imports the MHLW open-data files of two service types in one upload: ward codes, 総合事業 numbers, one office under two services', async () => {
    const res = await http
      .post('/api/v1/imports/care-offices')
      .field('snapshot_date', '令和7年10月1日')
      .attach('file', OPEN_DATA_110, 'jigyosho_110.csv')
      .attach('file', OPEN_DATA_430, 'jigyosho_430.csv')
      .expect(201);
    expect(res.body).toMatchObject({ status: 'succeeded', rows: 6, inserted: 6, closed: 0 });
    expect(res.body.files.map((f: { layout: string; encoding: string }) => [f.layout, f.encoding])).toEqual([
      ['mhlw-open-data', 'UTF-8 (BOM)'],
      ['mhlw-open-data', 'UTF-8 (BOM)'],
    ]);
    expect(await services()).toEqual([
      {
        office_number: '0170100011',
        service_type_code: '110',
        designated_on: '2025-10-01',
        abolished_on: null,
        municipality_code: '011002',
      },
      {
        office_number: '04A0700017',
        service_type_code: '110',
        designated_on: '2025-10-01',
        abolished_on: null,
        municipality_code: '041009',
      },
      {
        office_number: '0770100012',
        service_type_code: '110',
        designated_on: '2025-10-01',
        abolished_on: null,
        municipality_code: '072079',
      },
      {
        office_number: '0770100012',
        service_type_code: '430',
        designated_on: '2025-10-01',
        abolished_on: null,
        municipality_code: '072079',
      },
      {
        office_number: '0770100014',
        service_type_code: '110',
        designated_on: '2025-10-01',
        abolished_on: null,
        municipality_code: '072079',
      },
      {
        office_number: '4570100013',
        service_type_code: '430',
        designated_on: '2025-10-01',
        abolished_on: null,
        municipality_code: '452025',
      },
    ]);
    // Adoption counts each office once: 須賀川市 has two offices (one of them holds two counted services).
    const adoption = await http.get('/api/v1/adoption/municipalities/072079').expect(200);
    expect(adoption.body.data.target_offices).toBe(2);
    expect(res.body.by_municipality).toEqual(
      expect.arrayContaining([
        { code: '072079', inserted: 3, updated: 0, closed: 0, unchanged: 0 },
        { code: '011002', inserted: 1, updated: 0, closed: 0, unchanged: 0 },
      ]),
    );
  });

  it("a later snapshot of one service type closes that type's missing offices on its date, and leaves every other type and area alone", async () => {
    const before = (await services()).filter((s) => !(s.service_type_code === '110' && s.municipality_code.startsWith('07')));
    // The 訪問介護 list of 2026-04-01 for Fukushima only: 須賀川ホームヘルプ (0770100012) has gone.
    const lines = OPEN_DATA_110.toString('utf8').split('\r\n');
    const v2 = [lines[0], lines.find((l) => l.includes('0770100014'))].join('\r\n') + '\r\n';
    // It closes one of Fukushima's two 訪問介護 offices: more than a fifth, so it must be confirmed.
    const unconfirmed = await http
      .post('/api/v1/imports/care-offices')
      .field('snapshot_date', '2026-04-01')
      .attach('file', Buffer.from(v2), 'jigyosho_110.csv')
      .expect(409);
    expect(unconfirmed.body).toMatchObject({ code: 'CLOSURES_NOT_ACCEPTED', status: 'not_accepted' });
    expect(unconfirmed.body.closures.services).toEqual([
      expect.objectContaining({ office_number: '0770100012', service_type_code: '110' }),
    ]);
    expect(await services()).toContainEqual(
      expect.objectContaining({ office_number: '0770100012', service_type_code: '110', abolished_on: null }),
    );
    const res = await http
      .post('/api/v1/imports/care-offices')
      .field('snapshot_date', '2026-04-01')
      .field('accept_closures', 'true')
      .attach('file', Buffer.from(v2), 'jigyosho_110.csv')
      .expect(201);
    expect(res.body).toMatchObject({ inserted: 0, updated: 0, closed: 1, unchanged: 1 });
    const after = await services();
    expect(after.find((s) => s.office_number === '0770100012' && s.service_type_code === '110')).toMatchObject({
      abolished_on: '2026-04-01',
    });
    expect(after.find((s) => s.office_number === '0770100014')).toMatchObject({ abolished_on: null });
    // Its 居宅介護支援 service, and the other prefectures' 訪問介護, are exactly as before.
    expect(after.filter((s) => !(s.service_type_code === '110' && s.municipality_code.startsWith('07')))).toEqual(before);
  });

  it("reads the recommended dataset in Shift_JIS: the location from 市区町村名, not the publisher's code", async () => {
    const res = await http
      .post('/api/v1/imports/care-offices')
      .field('snapshot_date', 'R7.10.1')
      .field('accept_closures', 'true') // it is Fukushima's whole list of these services: the open-data offices close
      .attach('file', iconv.encode(RECOMMENDED, 'cp932'), 'kaigo-jigyosho-ichiran-07.csv')
      .expect(201);
    expect(res.body.files[0]).toMatchObject({ layout: 'recommended-dataset', encoding: 'Shift_JIS' });
    const rows = await queryRows(
      t.databaseUrl,
      `SELECT o.office_number, o.municipality_code, s.service_type_code FROM care_offices o JOIN office_services s USING (office_number)
       WHERE office_number LIKE '07702%' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { office_number: '0770200011', municipality_code: '072079', service_type_code: '110' },
      { office_number: '0770200012', municipality_code: '072036', service_type_code: '430' },
      { office_number: '0770200013', municipality_code: '075019', service_type_code: '150' },
    ]);
  });

  it("reads the older recommended layout as prefectures publish it: the prefecture's name in the first column, the municipality only in 住所", async () => {
    const header = RECOMMENDED.split(/\r?\n/)[0];
    const row = (n: number, pref: string, address: string, service: string) =>
      `山口県,${n},${pref},,山口テスト事業所${n},,${service},${address},,,,083-000-000${n},,,,,35702000${n}0,,,,,`;
    const csv = [
      header,
      row(1, '山口県', '岩国市川西3－5－40', '訪問介護'),
      row(2, '山口県', '山口県下関市竹崎町4-1-22', '居宅介護支援'),
      row(3, '山口県', '大島郡周防大島町大字小松126-2', '通所介護'),
      row(4, '', '宇部市常盤町1-7-1', '訪問介護'),
    ].join('\r\n');
    const res = await http
      .post('/api/v1/imports/care-offices')
      .field('snapshot_date', '2025-10-01')
      .attach('file', iconv.encode(csv, 'cp932'), 'yamaguchi-jigyosho.csv');
    expect([res.status, res.body.errors]).toEqual([201, []]);
    const codeOf = (name: string) => buildMunicipalities().find((m) => m.prefectureCode === '35' && m.name === name)!.code;
    const rows = await queryRows(
      t.databaseUrl,
      `SELECT office_number, municipality_code FROM care_offices WHERE office_number LIKE '357020%' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { office_number: '3570200010', municipality_code: codeOf('岩国市') },
      { office_number: '3570200020', municipality_code: codeOf('下関市') },
      { office_number: '3570200030', municipality_code: codeOf('周防大島町') },
      { office_number: '3570200040', municipality_code: codeOf('宇部市') },
    ]);
    // An address that names no municipality of the prefecture is refused with its row and column.
    const bad = await http
      .post('/api/v1/imports/care-offices?dry_run=true')
      .field('snapshot_date', '2025-10-01')
      .attach('file', iconv.encode([header, row(5, '山口県', '福岡市中央区天神1-1', '訪問介護')].join('\r\n'), 'cp932'), 'bad.csv')
      .expect(422);
    expect(bad.body.errors[0]).toMatchObject({ row: 2, column: '住所' });
  });

  it('reads the same list as an xlsx with a merged title row that states its date', async () => {
    const res = await http
      .post('/api/v1/imports/care-offices?dry_run=true')
      .attach('file', await recommendedWorkbook(), '介護サービス事業所一覧.xlsx')
      .expect(200);
    expect(res.body).toMatchObject({ status: 'preview', preview_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(res.body.files[0]).toMatchObject({
      format: 'xlsx',
      sheet: '介護サービス事業所一覧',
      layout: 'recommended-dataset',
      title: expect.stringContaining('令和7年10月1日現在'),
    });
    // Already imported from the CSV on the same date: nothing would change.
    expect(res.body).toMatchObject({ inserted: 0, closed: 0, unchanged: 3 });
  });

  it('refuses an Excel 97-2003 workbook with a message that says what to do', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const res = await http.post('/api/v1/imports/care-offices').attach('file', xls, 'old.xls').expect(422);
    expect(res.body.errors[0].reason_ja).toBe('Excel 97-2003 形式（.xls）です。xlsx で保存し直してください');
  });

  it('reads 和暦 and Excel dates in every kind (licences here)', async () => {
    const csv = '事業所番号,申請日,利用開始日,利用終了日\n0770100014,令和7年5月1日,R7.5.10,\n04A0700017,45778,2025/05/20 0:00,\n';
    await http.post('/api/v1/imports/cpdl-licenses').attach('file', Buffer.from(csv), 'licences.csv').expect(201);
    const rows = await queryRows(t.databaseUrl, `SELECT office_number, applied_on, starts_on FROM cpdl_licenses ORDER BY 1`);
    expect(rows).toEqual([
      { office_number: '04A0700017', applied_on: '2025-05-01', starts_on: '2025-05-20' },
      { office_number: '0770100014', applied_on: '2025-05-01', starts_on: '2025-05-10' },
    ]);
  });

  it('reads xlsx for every kind: date cells as dates, a numeric office number that lost its zero with a hint', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('ライセンス');
    sheet.addRow(['事業所番号', '申請日', '利用開始日', '利用終了日']);
    sheet.addRow(['4570100013', new Date(Date.UTC(2025, 5, 2)), new Date(Date.UTC(2025, 5, 9)), null]);
    const ok = await http
      .post('/api/v1/imports/cpdl-licenses')
      .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'licences.xlsx')
      .expect(201);
    expect(ok.body.files[0]).toMatchObject({ format: 'xlsx', sheet: 'ライセンス' });
    expect(await queryRows(t.databaseUrl, `SELECT applied_on, starts_on FROM cpdl_licenses WHERE office_number = '4570100013'`)).toEqual([
      { applied_on: '2025-06-02', starts_on: '2025-06-09' },
    ]);
    sheet.addRow([170100011, '2025-06-02', '2025-06-09', null]);
    const lost = await http
      .post('/api/v1/imports/cpdl-licenses')
      .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'licences.xlsx')
      .expect(422);
    expect(lost.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: '事業所番号', reason_ja: expect.stringContaining('先頭の0が失われた可能性があります') }),
    ]);
  });

  describe('a code that lost its leading zero', () => {
    const MILESTONES = '市区町村コード,段階,予定日\n12203,データ送信開始,2026-04-01\n';

    it('is never stored under the wrong municipality: the preview lists it, and the commit needs a choice', async () => {
      const preview = await http
        .post('/api/v1/imports/standardization-milestones?dry_run=true')
        .attach('file', Buffer.from(MILESTONES), 'm.csv')
        .expect(200);
      expect(preview.body.ambiguous).toEqual([
        {
          row: 2,
          column: '市区町村コード',
          value: '12203',
          candidates: [
            { code: '122033', name: '市川市', reading: 'as-written' },
            { code: '012203', name: '士別市', reading: 'leading-zero-restored' },
          ],
        },
      ]);
      const refused = await http.post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`).send({}).expect(422);
      expect(refused.body.errors[0].reason_en).toMatch(/reads as 市川市 122033 or 士別市 012203/);
      expect(await queryRows(t.databaseUrl, `SELECT * FROM standardization_milestones`)).toEqual([]);
      const committed = await http
        .post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`)
        .send({ code_choice: 'leading-zero-restored' })
        .expect(201);
      expect(committed.body.warnings[0].reason_en).toMatch(/leading zero was lost \(12203 → 士別市 012203\)/);
      expect(await queryRows(t.databaseUrl, `SELECT municipality_code FROM standardization_milestones`)).toEqual([
        { municipality_code: '012203' },
      ]);
      await http.post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`).send({}).expect(409);
    });

    it("follows the row's prefecture when it has one, and refuses a code that disagrees with it", async () => {
      const header = '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日';
      const ok = await http
        .post('/api/v1/imports/subsidy-grants?dry_run=true')
        .attach('file', Buffer.from(`${header}\n令和7年度,01,12203,,モデル地域づくり,,20000000,20000000,令和7年6月1日\n`), 'g.csv')
        .expect(200);
      expect(ok.body.ambiguous).toEqual([]);
      // The row's prefecture (01) decides: 12203 is 士別市 012203, not 千葉県's 122033.
      expect(ok.body.warnings.map((w: { reason_en: string }) => w.reason_en)).toEqual([
        expect.stringMatching(/leading zero was lost \(12203 → 士別市 012203\)/),
      ]);
      const wrong = await http
        .post('/api/v1/imports/subsidy-grants')
        .attach('file', Buffer.from(`${header}\n2025,07,12203,,モデル地域づくり,,20000000,20000000,2025-06-01\n`), 'g.csv')
        .expect(422);
      expect(wrong.body.errors[0]).toMatchObject({
        column: '市区町村コード',
        reason_en: expect.stringMatching(/12203 \(市川市 122033 or 士別市 012203\) does not agree with the row's prefecture/),
      });
    });

    it('restores a zero that only one reading allows, and says so', async () => {
      const res = await http
        .post('/api/v1/imports/standardization-milestones')
        .attach('file', Buffer.from('市区町村コード,段階,予定日\n72079,情報共有開始,2027-04-01\n'), 'm.csv')
        .expect(201);
      expect(res.body.warnings[0].reason_ja).toBe('先頭の0が失われたとみなしました（72079 → 須賀川市 072079）');
    });
  });

  it('refuses a preview that another import made stale', async () => {
    const preview = await http
      .post('/api/v1/imports/care-offices?dry_run=true')
      .field('snapshot_date', '2026-05-01')
      .attach('file', OPEN_DATA_430, 'jigyosho_430.csv')
      .expect(200);
    await http
      .post('/api/v1/imports/standardization-milestones')
      .attach('file', Buffer.from('市区町村コード,段階,予定日\n072079,データ送信開始,2026-10-01\n'), 'm.csv')
      .expect(201);
    const res = await http.post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`).send({}).expect(409);
    expect(res.body).toMatchObject({ code: 'STALE_PREVIEW' });
  });
  it('keeps the telephone numbers the lists give for the call lists; a file without numbers does not erase them', async () => {
    const phones = () =>
      queryRows<{ office_number: string; phone: string | null }>(t.databaseUrl, `SELECT office_number, phone FROM care_offices ORDER BY 1`);
    const before = (await phones()).find((o) => o.office_number === '0770100014')?.phone;
    expect(before).toMatch(/^0248-/);
    const header = '事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日,廃止年月日';
    // The app's own layout without a telephone column: the number stays.
    await http
      .post('/api/v1/imports/care-offices')
      .attach('file', Buffer.from(`${header}\n0770100014,須賀川ケアセンター,110,072079,2020-04-01,\n`), 'offices.csv')
      .expect(201);
    expect((await phones()).find((o) => o.office_number === '0770100014')?.phone).toBe(before);
    // With one, written in full-width: normalised and replaced; a value that is no number is refused with its row.
    await http
      .post('/api/v1/imports/care-offices')
      .attach(
        'file',
        Buffer.from(`${header},電話番号\n0770100014,須賀川ケアセンター,110,072079,2020-04-01,,０２４８－７５－１１１１\n`),
        'offices.csv',
      )
      .expect(201);
    expect((await phones()).find((o) => o.office_number === '0770100014')?.phone).toBe('0248-75-1111');
    const bad = await http
      .post('/api/v1/imports/care-offices')
      .attach('file', Buffer.from(`${header},電話番号\n0770100014,須賀川ケアセンター,110,072079,2020-04-01,,電話なし\n`), 'offices.csv')
      .expect(422);
    expect(bad.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[2, '電話番号']]);
    const list = await http.get('/api/v1/offices?municipality=072079').expect(200);
    expect(list.body.data.find((o: { office_number: string }) => o.office_number === '0770100014')).toMatchObject({
      phone: '0248-75-1111',
    });
  });
});
