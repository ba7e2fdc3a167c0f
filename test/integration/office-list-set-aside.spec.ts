import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { queryRows } from '../support/table-counts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The MHLW open-data header as published (24 columns), from the fixture. */
const MHLW_HEADER = readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', 'open-data', 'jigyosho_110.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .split('\r\n')[0];

interface ListRow {
  code: string;
  prefecture: string;
  municipality: string;
  name: string;
  service: string;
  office: string;
  phone?: string;
}

/** One line of an open-data file: the columns the import reads, the rest as publishers leave them. */
const mhlwLine = (r: ListRow) => {
  const cells = new Array<string>(24).fill('');
  Object.assign(cells, { 0: r.code, 1: '1', 2: r.prefecture, 3: r.municipality, 4: r.name, 6: r.service, 11: r.phone ?? '', 15: r.office });
  return cells.join(',');
};
const mhlwFile = (rows: ListRow[]) => Buffer.from(`\uFEFF${[MHLW_HEADER, ...rows.map(mhlwLine)].join('\r\n')}\r\n`);

const SUKAGAWA = { code: '072079', prefecture: '福島県', municipality: '須賀川市' };
const KORIYAMA = { code: '072036', prefecture: '福島県', municipality: '郡山市' };
const SENDAI = { code: '041009', prefecture: '宮城県', municipality: '仙台市' };

/** The 推奨データセット's current header (36 columns), as the Digital Agency's template has it. */
const CURRENT_HEADER =
  '全国地方公共団体コード,ID,地方公共団体名,介護サービス事業所名称,介護サービス事業所名称_カナ,介護サービス事業所名称_英字,実施サービス,所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,高度の種別,高度の値,電話番号,内線番号,FAX番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,法人番号,法人の名称,事業所番号,利用可能曜日,利用可能曜日特記事項,定員,URL,画像,画像_ライセンス,備考';
const currentLine = (r: { name: string; service: string; code?: string; municipality?: string; phone?: string; office?: string }) => {
  const cells = new Array<string>(36).fill('');
  Object.assign(cells, {
    0: '072079',
    2: '須賀川市',
    3: r.name,
    6: r.service,
    7: r.code ?? '',
    9: `福島県${r.municipality ?? '須賀川市'}八幡町1-1`,
    10: '福島県',
    11: r.municipality ?? '',
    19: r.phone ?? '',
    28: r.office ?? '',
  });
  return cells.join(',');
};

describe('published office lists: rows set aside, never the refresh refused; snapshots that say what they close', () => {
  let t: TestApp;
  const offices = () =>
    queryRows<{ office_number: string; municipality_code: string; name: string }>(
      t.databaseUrl,
      `SELECT office_number, municipality_code, name FROM care_offices ORDER BY 1`,
    );
  const services = (like: string) =>
    queryRows<{ key: string; abolished_on: string | null }>(
      t.databaseUrl,
      `SELECT office_number || ':' || service_type_code AS key, abolished_on FROM office_services WHERE office_number LIKE $1 ORDER BY 1`,
      [like],
    );

  beforeAll(async () => {
    t = await startTestApp('postgresql');
  }, 120_000);
  afterAll(() => t.close());

  it('sets aside each row it cannot attribute, names why, imports the rest only when that is accepted, and keeps the list', async () => {
    const files = {
      'jigyosho_110.csv': mhlwFile([
        { ...SUKAGAWA, name: '須賀川A', service: '訪問介護', office: '0770300011', phone: '0248−11−0001' },
        { ...SUKAGAWA, name: '須賀川B', service: '訪問介護', office: '0770300012', phone: '0248-11-0002' },
        { ...SUKAGAWA, code: '079999', name: '不明市の事業所', service: '訪問介護', office: '0770300013' }, // row 4: no such municipality
        { ...SUKAGAWA, municipality: '郡山市', name: '食い違い', service: '訪問介護', office: '0770300014' }, // row 5: code and name disagree
        { ...SUKAGAWA, name: '須賀川A', service: '訪問介護', office: '0770300011', phone: '0248−11−0001' }, // row 6: row 2 again
        { ...SUKAGAWA, name: '二つの名前X', service: '訪問介護', office: '0770300015' }, // rows 7, 8: one office, two contents
        { ...SUKAGAWA, name: '二つの名前Y', service: '訪問介護', office: '0770300015' },
        { ...SUKAGAWA, name: '須賀川D', service: '訪問介護', office: '0770300016' },
      ]),
      'jigyosho_430.csv': mhlwFile([
        { ...SUKAGAWA, name: '須賀川D', service: '居宅介護支援', office: '0770300016' },
        { ...SUKAGAWA, name: '須賀川E', service: '居宅介護支援', office: '0770300017' },
      ]),
      // A counted service of 須賀川D at another municipality than its two others: set aside.
      'jigyosho_150.csv': mhlwFile([{ ...KORIYAMA, name: '須賀川D郡山', service: '通所介護', office: '0770300016' }]),
      // A non-counted service of 須賀川E elsewhere: imported, the office stays in 須賀川市.
      'jigyosho_410.csv': mhlwFile([{ ...KORIYAMA, name: '須賀川E用具', service: '特定福祉用具販売', office: '0770300017' }]),
    };
    let upload = t.http.post('/api/v1/imports/care-offices?dry_run=true').field('snapshot_date', '2025-12-01');
    for (const [name, body] of Object.entries(files)) upload = upload.attach('file', body, name);
    const preview = await upload.expect(200);
    expect(preview.body).toMatchObject({ status: 'preview', set_aside_count: 5, error_count: 0 });
    const aside = (preview.body.set_aside as { file: string; row: number; column: string; reason_ja: string; reason_en: string }[]).map(
      (r) => [r.file, r.row, r.column],
    );
    expect(aside).toEqual([
      ['jigyosho_110.csv', 4, '都道府県コード又は市町村コード'],
      ['jigyosho_110.csv', 5, '都道府県コード又は市町村コード'],
      ['jigyosho_110.csv', 7, '事業所番号'],
      ['jigyosho_110.csv', 8, '事業所番号'],
      ['jigyosho_150.csv', 2, '市区町村'],
    ]);
    const [unknown, disagreeing, , twoContents, elsewhere] = preview.body.set_aside;
    expect(unknown).toMatchObject({
      reason_ja: expect.stringContaining('079999'),
      values: expect.objectContaining({ 事業所番号: '0770300013' }),
    });
    expect(disagreeing.reason_ja).toContain('一致しません');
    expect(twoContents).toMatchObject({
      reason_ja: expect.stringContaining('内容を変えて重複'),
      reason_en: expect.stringContaining('other content'),
      values: expect.objectContaining({ 事業所名: '二つの名前Y' }),
    });
    expect(elsewhere).toMatchObject({
      reason_ja: expect.stringContaining('須賀川市'),
      values: expect.objectContaining({ 市区町村: '郡山市' }),
    });
    // The exact repeat and the non-counted service elsewhere are warnings, not set aside.
    const warned = (preview.body.warnings as { file: string; row: number; reason_ja: string }[]).map((w) => [w.file, w.row]);
    expect(warned).toEqual(
      expect.arrayContaining([
        ['jigyosho_110.csv', 6],
        ['jigyosho_410.csv', 2],
      ]),
    );
    expect(preview.body.message_ja).toContain('5行を除外して取り込むには確認が必要です');

    const refused = await t.http.post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`).send({}).expect(409);
    expect(refused.body).toMatchObject({ code: 'SET_ASIDE_NOT_ACCEPTED', set_aside_count: 5 });
    expect(await offices()).toEqual([]);

    const committed = await t.http
      .post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`)
      .send({ accept_set_aside: true })
      .expect(201);
    expect(committed.body).toMatchObject({ status: 'succeeded', set_aside_count: 5 });
    expect(await offices()).toEqual([
      { office_number: '0770300011', municipality_code: '072079', name: '須賀川A' },
      { office_number: '0770300012', municipality_code: '072079', name: '須賀川B' },
      { office_number: '0770300016', municipality_code: '072079', name: '須賀川D' },
      { office_number: '0770300017', municipality_code: '072079', name: '須賀川E' },
    ]);
    expect((await services('077030001%')).map((s) => s.key)).toEqual([
      '0770300011:110',
      '0770300012:110',
      '0770300016:110',
      '0770300016:430',
      '0770300017:410',
      '0770300017:430',
    ]);
    // The import keeps the rows it set aside, with their values, to send back to the publisher.
    const kept = await t.http.get(`/api/v1/imports/${committed.body.import_id}`).expect(200);
    expect(kept.body.data).toMatchObject({ set_aside_count: 5 });
    expect(kept.body.data.set_aside.map((r: { row: number }) => r.row)).toEqual([4, 5, 7, 8, 2]);
  });

  it('leaves the offices of rows set aside open when a later snapshot would close them', async () => {
    const res = await t.http
      .post('/api/v1/imports/care-offices')
      .field('snapshot_date', '2026-01-01')
      .field('accept_set_aside', 'true')
      .field('accept_closures', 'true')
      .attach(
        'file',
        mhlwFile([
          { ...SUKAGAWA, name: '須賀川A', service: '訪問介護', office: '0770300011' },
          { ...SUKAGAWA, name: '須賀川B', service: '訪問介護', office: '07703000XX' }, // unreadable number: set aside
          { ...SUKAGAWA, name: '須賀川B', service: '訪問介護', office: '0770300012', phone: '0248-11-0002' },
          { ...SUKAGAWA, municipality: '郡山市', name: '須賀川D', service: '訪問介護', office: '0770300016' }, // disagrees: set aside
        ]),
        'jigyosho_110.csv',
      )
      .expect(201);
    expect(res.body).toMatchObject({ set_aside_count: 2, closed: 0 });
    expect(await services('07703000%')).toContainEqual({ key: '0770300016:110', abolished_on: null });
  });

  it('a partial list: the preview names what would close, the commit needs accept_closures, and "additions only" closes nothing', async () => {
    // 仙台市 holds ten 訪問介護 offices; a list of two of them and one new one arrives.
    const dated = ['事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日,廃止年月日']
      .concat(Array.from({ length: 10 }, (_, i) => `04703000${String(i).padStart(2, '0')},仙台ヘルプ${i},110,041009,2020-04-01,`))
      .join('\n');
    await t.http.post('/api/v1/imports/care-offices').attach('file', Buffer.from(dated), 'offices.csv').expect(201);
    const partial = mhlwFile([
      { ...SENDAI, code: '041017', municipality: '仙台市青葉区', name: '仙台ヘルプ0', service: '訪問介護', office: '0470300000' },
      { ...SENDAI, code: '041017', municipality: '仙台市青葉区', name: '仙台ヘルプ1', service: '訪問介護', office: '0470300001' },
      { ...SENDAI, code: '041017', municipality: '仙台市青葉区', name: '仙台ヘルプ新', service: '訪問介護', office: '0470300099' },
    ]);
    const preview = await t.http
      .post('/api/v1/imports/care-offices?dry_run=true')
      .field('snapshot_date', '2026-02-01')
      .attach('file', partial, 'jigyosho_110.csv')
      .expect(200);
    expect(preview.body.closures).toMatchObject({
      mode: 'snapshot',
      count: 8,
      partial: true,
      scopes: [expect.objectContaining({ prefecture_name: '宮城県', service_type_code: '110', held: 10, closing: 8, partial: true })],
    });
    expect(preview.body.closures.message_ja).toContain('この一覧にない宮城県の訪問介護 8 事業所');
    expect(preview.body.closures.services.map((s: { office_number: string }) => s.office_number)).toEqual(
      Array.from({ length: 8 }, (_, i) => `04703000${String(i + 2).padStart(2, '0')}`),
    );
    expect(preview.body.closures.services[0]).toMatchObject({ name: '仙台ヘルプ2', municipality_name: '仙台市', service_name: '訪問介護' });

    const refused = await t.http.post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`).send({}).expect(409);
    expect(refused.body).toMatchObject({ code: 'CLOSURES_NOT_ACCEPTED' });
    expect((await services('047030%')).filter((s) => s.abolished_on !== null)).toEqual([]);

    const additions = await t.http
      .post('/api/v1/imports/care-offices?dry_run=true')
      .field('snapshot_date', '2026-02-01')
      .field('snapshot_mode', 'additions-only')
      .attach('file', partial, 'jigyosho_110.csv')
      .expect(200);
    expect(additions.body).toMatchObject({ inserted: 1, closed: 0, closures: { mode: 'additions-only', count: 0, partial: false } });
    await t.http.post(`/api/v1/imports/previews/${additions.body.preview_id}/commit`).send({}).expect(201);
    const after = await services('047030%');
    expect(after).toHaveLength(11);
    expect(after.filter((s) => s.abolished_on !== null)).toEqual([]);
  });

  it("reads a list written before 浜松市's 2024 ward change: a former ward's code and name mean 浜松市", async () => {
    const res = await t.http
      .post('/api/v1/imports/care-offices')
      .field('snapshot_date', '2023-10-01')
      .attach(
        'file',
        mhlwFile([
          {
            code: '221317',
            prefecture: '静岡県',
            municipality: '浜松市中区',
            name: '浜松中ヘルプ',
            service: '訪問介護',
            office: '2270300011',
          },
          {
            code: '221376',
            prefecture: '静岡県',
            municipality: '浜松市天竜区',
            name: '天竜ヘルプ',
            service: '訪問介護',
            office: '2270300012',
          },
        ]),
        'jigyosho_110.csv',
      )
      .expect(201);
    expect(res.body.set_aside_count).toBe(0);
    expect((await offices()).filter((o) => o.office_number.startsWith('22703'))).toEqual([
      { office_number: '2270300011', municipality_code: '221309', name: '浜松中ヘルプ' },
      { office_number: '2270300012', municipality_code: '221309', name: '天竜ヘルプ' },
    ]);
    const former = await queryRows(
      t.databaseUrl,
      `SELECT code, valid_to FROM municipality_wards WHERE code IN ('221317', '221384') ORDER BY 1`,
    );
    expect(former).toEqual([
      { code: '221317', valid_to: '2023-12-31' },
      { code: '221384', valid_to: null },
    ]);
  });

  it('reads the 推奨データセット current layout: rows without 事業所番号 matched by telephone or name, the rest set aside', async () => {
    const csv = [
      CURRENT_HEADER,
      // By telephone (full-width, as Shift_JIS files write it): 須賀川A, under another name.
      currentLine({ name: 'ヘルパーステーション須賀川Ａ', service: '訪問介護', code: '072079', phone: '０２４８－１１－０００１' }),
      // By name, without a telephone number: 株式会社 and spaces do not count.
      currentLine({ name: '株式会社 須賀川B', service: '通所介護（デイサービス）', municipality: '須賀川市' }),
      // Neither: set aside.
      currentLine({ name: '新しい事業所', service: '訪問介護', code: '072079', phone: '0248-99-9999' }),
      // With its number: a new office, its service given as publishers write it.
      currentLine({ name: '須賀川C', service: '居宅介護支援事業所', code: '072079', office: '0770300019' }),
      // A service no table knows: set aside, naming it.
      currentLine({ name: '須賀川C', service: 'ふしぎなサービス', code: '072079', office: '0770300019' }),
    ].join('\r\n');
    const res = await t.http
      .post('/api/v1/imports/care-offices')
      .field('snapshot_date', '2026-03-01')
      .field('snapshot_mode', 'additions-only')
      .field('accept_set_aside', 'true')
      .attach('file', iconv.encode(csv, 'cp932'), 'sukagawa-kaigo-jigyosho.csv')
      .expect(201);
    expect(res.body.files[0]).toMatchObject({ layout: 'recommended-dataset-current', encoding: 'Shift_JIS' });
    expect(res.body.set_aside.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [4, '事業所番号'],
      [6, '実施サービス'],
    ]);
    expect(res.body.set_aside[0].reason_ja).toContain('事業所番号がなく、既存の事業所と照合できません');
    expect(res.body.set_aside[1].reason_ja).toContain('ふしぎなサービス');
    const matched = (res.body.warnings as { row: number; reason_ja: string }[]).filter((w) => w.reason_ja.includes('照合しました'));
    expect(matched.map((w) => [w.row, w.reason_ja.includes('電話番号') ? 'phone' : 'name'])).toEqual([
      [2, 'phone'],
      [3, 'name'],
    ]);
    expect((await services('077030001%')).map((s) => s.key)).toEqual(
      expect.arrayContaining(['0770300011:110', '0770300012:150', '0770300019:430']),
    );
    expect((await offices()).find((o) => o.office_number === '0770300019')).toMatchObject({ municipality_code: '072079', name: '須賀川C' });
  });
});
