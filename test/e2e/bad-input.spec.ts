import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { startTestApp, type Agent, type TestApp } from '../support/test-app.js';
import { tableCounts } from '../support/table-counts.js';

/** Every table an upload or a parameter could touch. */
const TABLES = [
  'care_offices', 'cpdl_licenses', 'survey_rounds', 'survey_responses', 'standardization_milestones', 'subsidy_grants',
  'settings', 'adoption_municipality', 'adoption_national', 'subsidy_summary', 'survey_breakdown',
];
const OFFICES = '事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日,廃止年月日';
const row = (fields: string) => `${OFFICES}\n${fields}\n`;
const GOOD = '0770000101,良い行,430,072079,2020-04-01,';

interface UploadCase {
  name: string;
  kind: string;
  content: string | Buffer;
  fields?: Record<string, string>;
  status: number;
  reason: RegExp;
}

const uploads: UploadCase[] = [
  { name: 'an empty file', kind: 'care-offices', content: '', status: 422, reason: /empty/ },
  { name: 'a header only', kind: 'care-offices', content: `${OFFICES}\n`, status: 422, reason: /header only/ },
  { name: 'a file truncated mid-row', kind: 'care-offices', content: `${OFFICES}\n${GOOD}\n0770000102,途中`, status: 422, reason: /fields/ },
  { name: 'a file truncated inside a quote', kind: 'care-offices', content: `${OFFICES}\n0770000102,"途中で切れた`, status: 422, reason: /fields|quotes/ },
  { name: 'EUC-JP', kind: 'care-offices', content: iconv.encode(row(GOOD), 'euc-jp'), status: 422, reason: /encoding/ },
  { name: 'UTF-16 with BOM', kind: 'care-offices', content: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(row(GOOD), 'utf16le')]), status: 422, reason: /encoding/ },
  { name: 'a binary file', kind: 'care-offices', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0x00]), status: 422, reason: /encoding/ },
  { name: 'a missing column', kind: 'care-offices', content: '事業所番号,事業所名,所在市区町村コード,指定年月日\n0770000101,A,072079,2020-04-01\n', status: 422, reason: /missing columns/ },
  { name: 'an extra column', kind: 'care-offices', content: `${OFFICES},メモ\n${GOOD},x\n`, status: 422, reason: /unknown columns/ },
  { name: 'a duplicated column', kind: 'care-offices', content: `${OFFICES},事業所名\n${GOOD},B\n`, status: 422, reason: /duplicate columns/ },
  { name: 'letters in an office number', kind: 'care-offices', content: row('07700001AB,A,430,072079,2020-04-01,'), status: 422, reason: /10 digits/ },
  { name: 'the date 2025-02-30', kind: 'care-offices', content: row('0770000103,A,430,072079,2025-02-30,'), status: 422, reason: /no such date/ },
  { name: 'month 13', kind: 'care-offices', content: row('0770000104,A,430,072079,2025/13/01,'), status: 422, reason: /no such date/ },
  { name: 'a full-width code with a wrong check digit', kind: 'care-offices', content: row('0770000105,A,430,０７２０７０,2020-04-01,'), status: 422, reason: /check digit/ },
  { name: 'a 5-digit code of no prefecture', kind: 'care-offices', content: row('0770000106,A,430,99999,2020-04-01,'), status: 422, reason: /prefecture code/ },
  { name: 'a 4-digit code', kind: 'care-offices', content: row('0770000107,A,430,7207,2020-04-01,'), status: 422, reason: /5 or 6 digits/ },
  { name: 'SQL injection in a code', kind: 'care-offices', content: row(`0770000108'; DROP TABLE care_offices;--,A,430,072079,2020-04-01,`), status: 422, reason: /10 digits/ },
  { name: 'an over-long name', kind: 'care-offices', content: row(`0770000109,${'長'.repeat(201)},430,072079,2020-04-01,`), status: 422, reason: /longer than 200/ },
  { name: 'a good row next to a bad one', kind: 'care-offices', content: `${OFFICES}\n${GOOD}\n0770000110,B,430,452026,2020-04-01,\n`, status: 422, reason: /check digit/ },
  { name: 'a licence for an unknown office', kind: 'cpdl-licenses', content: '事業所番号,申請日,利用開始日\n0770009999,2024-01-01,2024-01-02\n', status: 422, reason: /unknown office/ },
  { name: 'a licence ending before it starts', kind: 'cpdl-licenses', content: '事業所番号,申請日,利用開始日,利用終了日\n0770000001,2024-01-01,2024-02-01,2024-01-15\n', status: 422, reason: /end date is before/ },
  { name: 'a licence applied in the future', kind: 'cpdl-licenses', content: '事業所番号,申請日,利用開始日\n0770000001,2099-01-01,2099-01-02\n', status: 422, reason: /future/ },
  { name: 'a survey without its round', kind: 'standardization-survey', content: '市区町村コード,回答,令和7年度末までの移行,移行予定時期\n072079,回答あり,困難,令和8年度\n', status: 422, reason: /missing parameters: round/ },
  { name: 'an unknown survey answer', kind: 'standardization-survey', fields: { round: '2025-09', name: 'x', conducted_on: '2025-09-10' }, content: '市区町村コード,回答,令和7年度末までの移行,移行予定時期\n072079,回答あり,困難,そのうち\n', status: 422, reason: /unknown planned period/ },
  { name: 'an unknown step', kind: 'standardization-milestones', content: '市区町村コード,段階,予定日\n072079,④ 完了,2026-04-01\n', status: 422, reason: /unknown step/ },
  { name: 'a completion after the upload date', kind: 'standardization-milestones', content: '市区町村コード,段階,予定日,完了日\n072079,データ送信開始,2026-04-01,2099-04-01\n', status: 422, reason: /after the upload date/ },
  { name: 'an over-cap grant', kind: 'subsidy-grants', content: '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日\n2025,07,,0770000001,介護テクノロジー導入支援,情報端末,400000,300000,2025-06-01\n', status: 422, reason: /cap of 100000/ },
  { name: 'a fiscal year that does not exist', kind: 'subsidy-grants', content: '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日\nR99,07,,,モデル地域づくり,,20000000,20000000,2025-06-01\n', status: 422, reason: /fiscal year/ },
  { name: 'a negative amount', kind: 'subsidy-grants', content: '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日\n2025,07,,,モデル地域づくり,,20000000,-5,2025-06-01\n', status: 422, reason: /whole number/ },
  { name: 'an upload over the size limit', kind: 'care-offices', content: Buffer.alloc(1024 * 1024 + 1, 0x41), status: 413, reason: /too large|File too large/i },
];

interface QueryCase {
  name: string;
  method?: 'get' | 'put' | 'post';
  url: string;
  body?: Record<string, unknown>;
  status: number;
  reason: RegExp;
}

const queries: QueryCase[] = [
  { name: 'as_of 2025-02-30', url: '/api/v1/adoption/national?as_of=2025-02-30', status: 400, reason: /real date/ },
  { name: 'as_of as a word', url: '/api/v1/adoption/prefectures?as_of=yesterday', status: 400, reason: /real date/ },
  { name: 'prefecture 48', url: '/api/v1/adoption/municipalities?prefecture=48', status: 400, reason: /01-47/ },
  { name: 'SQL injection in prefecture', url: `/api/v1/adoption/municipalities?prefecture=${encodeURIComponent("07' OR '1'='1")}`, status: 400, reason: /01-47/ },
  { name: 'a wrong check digit in a path', url: '/api/v1/adoption/municipalities/452026', status: 400, reason: /check digit/ },
  { name: 'a negative limit', url: '/api/v1/adoption/municipalities?limit=-1', status: 400, reason: /limit/ },
  { name: 'a limit that is not a number', url: '/api/v1/adoption/municipalities?limit=abc', status: 400, reason: /limit/ },
  { name: 'an unknown sort with injection', url: `/api/v1/adoption/municipalities?sort=${encodeURIComponent('rate; DROP TABLE users')}`, status: 400, reason: /sort/ },
  { name: 'markup in class', url: `/api/v1/municipalities?class=${encodeURIComponent('<script>alert(1)</script>')}`, status: 400, reason: /class/ },
  { name: 'an over-long search', url: `/api/v1/municipalities?q=${'あ'.repeat(51)}`, status: 400, reason: /q/ },
  { name: 'a fiscal year that is text', url: '/api/v1/subsidies/summary?fiscal_year=abc', status: 400, reason: /fiscal_year/ },
  { name: 'a survey round in the wrong form', url: '/api/v1/standardization/survey/2025', status: 400, reason: /YYYY-MM/ },
  { name: 'an unknown import kind', method: 'post', url: '/api/v1/imports/pets', status: 404, reason: /unknown import kind/ },
  { name: 'a conformance date outside its window', method: 'put', url: '/api/v1/admin/settings/conformance_date', body: { value: '2030-01-01' }, status: 400, reason: /between 2026-04-01 and 2028-04-01/ },
  { name: 'a target rate above 1', method: 'put', url: '/api/v1/admin/settings/cpdl_target_rate', body: { value: '1.5' }, status: 400, reason: /fraction/ },
];

describe('bad input gets a clear error and changes nothing', () => {
  let t: TestApp;
  let http: Agent;
  beforeAll(async () => {
    t = await startTestApp('postgresql', { MAX_UPLOAD_MB: '1' });
    http = t.http;
    const offices = readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', 'care-offices-valid.csv'));
    await http.post('/api/v1/imports/care-offices').attach('file', offices, 'offices.csv').expect(201);
  });
  afterAll(() => t.close());

  it('has at least 30 cases', () => {
    expect(uploads.length + queries.length).toBeGreaterThanOrEqual(30);
  });

  it.each(uploads.map((c) => [c.name, c] as const))('upload: %s', async (_name, c) => {
    const before = await tableCounts(t.databaseUrl, TABLES);
    let req = http.post(`/api/v1/imports/${c.kind}`);
    for (const [k, v] of Object.entries(c.fields ?? {})) req = req.field(k, v);
    const res = await req.attach('file', Buffer.isBuffer(c.content) ? c.content : Buffer.from(c.content), 'bad.csv');
    expect(res.status).toBe(c.status);
    const reasons = res.body.errors
      ? res.body.errors.map((e: { reason_en: string; reason_ja: string; row: number }) => `${e.row} ${e.reason_en} ${e.reason_ja}`).join(' | ')
      : `${res.body.message} ${res.body.message_ja}`;
    expect(reasons).toMatch(c.reason);
    expect(res.body.message_ja ?? res.body.errors?.[0]?.reason_ja).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
    expect(await tableCounts(t.databaseUrl, TABLES)).toEqual(before);
  });

  it.each(queries.map((c) => [c.name, c] as const))('query: %s', async (_name, c) => {
    const before = await tableCounts(t.databaseUrl, TABLES);
    const res = await http[c.method ?? 'get'](c.url).send(c.body ?? {});
    expect(res.status).toBe(c.status);
    expect(`${res.body.message}`).toMatch(c.reason);
    expect(res.body.message_ja).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
    expect(await tableCounts(t.databaseUrl, TABLES)).toEqual(before);
  });
});
