import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { startTestApp, type Agent, type TestApp } from '../support/test-app.js';
import { queryRows, tableDigests } from '../support/table-counts.js';

/** The contents of every data table, and of the usage logs kept as Parquet files. */
async function contents(t: TestApp): Promise<Record<string, string>> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(`${path}:${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    }
  };
  walk(join(t.config.dataDir, 'cpdl_usage'));
  return { ...(await tableDigests(t.databaseUrl)), usage_files: files.join('\n') };
}
const OFFICES = '事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日,廃止年月日';
const row = (fields: string) => `${OFFICES}\n${fields}\n`;
const GOOD = '0770000101,良い行,430,072079,2020-04-01,';

interface UploadCase {
  name: string;
  kind: string;
  content: string | Buffer;
  /** Multipart text fields, in order (a name may repeat). */
  fields?: [string, string][];
  status: number;
  reason: RegExp;
}

const SURVEY = '市区町村コード,回答,令和7年度末までの移行,移行予定時期\n072079,回答あり,困難,令和8年度\n';
const ROUND: [string, string][] = [
  ['round', '2025-09'],
  ['name', 'x'],
  ['conducted_on', '2025-09-10'],
];

const uploads: UploadCase[] = [
  { name: 'an empty file', kind: 'care-offices', content: '', status: 422, reason: /empty/ },
  { name: 'a header only', kind: 'care-offices', content: `${OFFICES}\n`, status: 422, reason: /header only/ },
  {
    name: 'a file truncated mid-row',
    kind: 'care-offices',
    content: `${OFFICES}\n${GOOD}\n0770000102,途中`,
    status: 422,
    reason: /fields/,
  },
  {
    name: 'a file truncated inside a quote',
    kind: 'care-offices',
    content: `${OFFICES}\n0770000102,"途中で切れた`,
    status: 422,
    reason: /fields|quotes/,
  },
  { name: 'EUC-JP', kind: 'care-offices', content: iconv.encode(row(GOOD), 'euc-jp'), status: 422, reason: /encoding/ },
  {
    name: 'UTF-16 with BOM',
    kind: 'care-offices',
    content: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(row(GOOD), 'utf16le')]),
    status: 422,
    reason: /encoding/,
  },
  {
    name: 'a binary file',
    kind: 'care-offices',
    content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0x00]),
    status: 422,
    reason: /encoding/,
  },
  {
    name: 'a missing column',
    kind: 'care-offices',
    content: '事業所番号,事業所名,所在市区町村コード,指定年月日\n0770000101,A,072079,2020-04-01\n',
    status: 422,
    reason: /missing columns/,
  },
  { name: 'an extra column', kind: 'care-offices', content: `${OFFICES},メモ\n${GOOD},x\n`, status: 422, reason: /unknown columns/ },
  {
    name: 'a duplicated column',
    kind: 'care-offices',
    content: `${OFFICES},事業所名\n${GOOD},B\n`,
    status: 422,
    reason: /duplicate columns/,
  },
  {
    name: 'letters in an office number',
    kind: 'care-offices',
    content: row('07700001AB,A,430,072079,2020-04-01,'),
    status: 422,
    reason: /10 characters/,
  },
  {
    name: 'the date 2025-02-30',
    kind: 'care-offices',
    content: row('0770000103,A,430,072079,2025-02-30,'),
    status: 422,
    reason: /no such date/,
  },
  { name: 'month 13', kind: 'care-offices', content: row('0770000104,A,430,072079,2025/13/01,'), status: 422, reason: /no such date/ },
  {
    name: 'a full-width code with a wrong check digit',
    kind: 'care-offices',
    content: row('0770000105,A,430,０７２０７０,2020-04-01,'),
    status: 422,
    reason: /check digit/,
  },
  {
    name: 'a 5-digit code of no prefecture',
    kind: 'care-offices',
    content: row('0770000106,A,430,99999,2020-04-01,'),
    status: 422,
    reason: /prefecture code/,
  },
  { name: 'a 3-digit code', kind: 'care-offices', content: row('0770000107,A,430,720,2020-04-01,'), status: 422, reason: /5 or 6 digits/ },
  {
    name: 'SQL injection in a code',
    kind: 'care-offices',
    content: row(`0770000108'; DROP TABLE care_offices;--,A,430,072079,2020-04-01,`),
    status: 422,
    reason: /10 characters/,
  },
  {
    name: 'an over-long name',
    kind: 'care-offices',
    content: row(`0770000109,${'長'.repeat(201)},430,072079,2020-04-01,`),
    status: 422,
    reason: /longer than 200/,
  },
  {
    name: 'a good row next to a bad one',
    kind: 'care-offices',
    content: `${OFFICES}\n${GOOD}\n0770000110,B,430,452026,2020-04-01,\n`,
    status: 422,
    reason: /check digit/,
  },
  {
    name: 'a licence for an unknown office',
    kind: 'cpdl-licenses',
    content: '事業所番号,申請日,利用開始日\n0770009999,2024-01-01,2024-01-02\n',
    status: 422,
    reason: /unknown office/,
  },
  {
    name: 'a licence ending before it starts',
    kind: 'cpdl-licenses',
    content: '事業所番号,申請日,利用開始日,利用終了日\n0770000001,2024-01-01,2024-02-01,2024-01-15\n',
    status: 422,
    reason: /end date is before/,
  },
  {
    name: 'a licence applied in the future',
    kind: 'cpdl-licenses',
    content: '事業所番号,申請日,利用開始日\n0770000001,2099-01-01,2025-01-02\n',
    status: 422,
    reason: /future/,
  },
  {
    name: 'a survey without its round',
    kind: 'standardization-survey',
    content: '市区町村コード,回答,令和7年度末までの移行,移行予定時期\n072079,回答あり,困難,令和8年度\n',
    status: 422,
    reason: /missing parameters: round/,
  },
  {
    name: 'an unknown survey answer',
    kind: 'standardization-survey',
    fields: ROUND,
    content: '市区町村コード,回答,令和7年度末までの移行,移行予定時期\n072079,回答あり,困難,そのうち\n',
    status: 422,
    reason: /unknown planned period/,
  },
  {
    name: 'an unknown step',
    kind: 'standardization-milestones',
    content: '市区町村コード,段階,予定日\n072079,④ 完了,2026-04-01\n',
    status: 422,
    reason: /unknown step/,
  },
  {
    name: 'a completion after the upload date',
    kind: 'standardization-milestones',
    content: '市区町村コード,段階,予定日,完了日\n072079,データ送信開始,2026-04-01,2099-04-01\n',
    status: 422,
    reason: /after the upload date/,
  },
  {
    name: 'an over-cap grant',
    kind: 'subsidy-grants',
    content:
      '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日\n2025,07,,0770000001,介護テクノロジー導入支援,情報端末,400000,300000,2025-06-01\n',
    status: 422,
    reason: /cap of 100000/,
  },
  {
    name: 'a fiscal year that does not exist',
    kind: 'subsidy-grants',
    content:
      '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日\nR99,07,,,モデル地域づくり,,20000000,20000000,2025-06-01\n',
    status: 422,
    reason: /fiscal year/,
  },
  {
    name: 'a negative amount',
    kind: 'subsidy-grants',
    content:
      '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日\n2025,07,,,モデル地域づくり,,20000000,-5,2025-06-01\n',
    status: 422,
    reason: /whole number/,
  },
  {
    name: 'an upload over the size limit',
    kind: 'care-offices',
    content: Buffer.alloc(1024 * 1024 + 1, 0x41),
    status: 413,
    reason: /too large|File too large/i,
  },
  {
    name: 'a usage month in the future',
    kind: 'cpdl-usage',
    content: '事業所番号,年月,送信件数,受信件数\n0770000001,2099-01,1,1\n',
    status: 422,
    reason: /future/,
  },
  {
    name: 'a column with an empty header',
    kind: 'care-offices',
    content: `${OFFICES},\n${GOOD},x\n`,
    status: 422,
    reason: /header cells are empty in column 7/,
  },
  {
    name: 'a designation on 0001-01-01',
    kind: 'care-offices',
    content: row('0770000111,A,430,072079,0001-01-01,'),
    status: 422,
    reason: /between 2000-04-01/,
  },
  {
    name: 'a designation on 9999-12-31',
    kind: 'care-offices',
    content: row('0770000112,A,430,072079,9999-12-31,'),
    status: 422,
    reason: /between 2000-04-01/,
  },
  {
    name: 'a designation before LTC insurance began',
    kind: 'care-offices',
    content: row('0770000113,A,430,072079,2000-03-31,'),
    status: 422,
    reason: /between 2000-04-01/,
  },
  {
    name: 'a header of 100,000 columns',
    kind: 'care-offices',
    content: `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n`,
    status: 422,
    reason: /longer than 100000 characters|too many columns/,
  },
  {
    name: 'a header of 300 short columns',
    kind: 'care-offices',
    content: `${Array.from({ length: 300 }, (_, i) => `c${i}`).join(',')}\n`,
    status: 422,
    reason: /too many columns \(300/,
  },
  {
    name: 'one line of 300 KB',
    kind: 'care-offices',
    content: `${OFFICES}\n${'x'.repeat(300_000)}`,
    status: 422,
    reason: /line 2 is longer than/,
  },
  {
    name: 'a field sent twice',
    kind: 'standardization-survey',
    fields: [...ROUND, ['round', '2025-10']],
    content: SURVEY,
    status: 400,
    reason: /must be sent once/,
  },
  {
    name: 'a nested field conducted_on[a]',
    kind: 'standardization-survey',
    fields: [
      ['round', '2025-09'],
      ['name', 'x'],
      ['conducted_on[a]', '2025-09-10'],
    ],
    content: SURVEY,
    status: 400,
    reason: /unknown field conducted_on\[a\]/,
  },
  {
    name: 'a nested field name[x]',
    kind: 'standardization-survey',
    fields: [
      ['round', '2025-09'],
      ['name[x]', 'x'],
      ['conducted_on', '2025-09-10'],
    ],
    content: SURVEY,
    status: 400,
    reason: /unknown field name\[x\]/,
  },
  {
    name: 'an unknown field',
    kind: 'care-offices',
    fields: [['note', 'x']],
    content: row(GOOD),
    status: 400,
    reason: /unknown field note/,
  },
  {
    name: 'a NUL in a field',
    kind: 'standardization-survey',
    fields: [
      ['round', '2025-09'],
      ['name', 'a\u0000b'],
      ['conducted_on', '2025-09-10'],
    ],
    content: SURVEY,
    status: 400,
    reason: /NUL/,
  },
  {
    name: 'an Excel 97-2003 workbook',
    kind: 'care-offices',
    content: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
    status: 422,
    reason: /Excel 97-2003 \(\.xls\) workbook; save it as \.xlsx/,
  },
  {
    name: 'a broken xlsx',
    kind: 'care-offices',
    content: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 1)]),
    status: 422,
    reason: /cannot read the file as an Excel workbook/,
  },
  {
    name: 'a 9-digit office number',
    kind: 'care-offices',
    content: row('770000114,A,430,072079,2020-04-01,'),
    status: 422,
    reason: /leading zero may have been lost \(0770000114\)/,
  },
  {
    name: 'a code that lost its leading zero and reads as two municipalities',
    kind: 'standardization-milestones',
    content: '市区町村コード,段階,予定日\n12203,データ送信開始,2026-04-01\n',
    status: 422,
    reason: /reads as 市川市 122033 or 士別市 012203/,
  },
  {
    name: 'an era date outside its era',
    kind: 'care-offices',
    content: row('0770000115,A,430,072079,H31.5.1,'),
    status: 422,
    reason: /outside the 平成 era/,
  },
  {
    name: 'a published list without its date',
    kind: 'care-offices',
    content: readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', 'open-data', 'jigyosho_110.csv')),
    status: 422,
    reason: /give the date the list is as of/,
  },
  {
    name: 'an unknown code_choice',
    kind: 'care-offices',
    fields: [['code_choice', 'guess']],
    content: row(GOOD),
    status: 422,
    reason: /code_choice must be/,
  },
];

interface QueryCase {
  name: string;
  method?: 'get' | 'put' | 'post';
  url: string;
  body?: Record<string, unknown> | string;
  headers?: Record<string, string>;
  status: number;
  reason: RegExp;
}

const EVIL = { Origin: 'http://evil.example' };

const queries: QueryCase[] = [
  { name: 'as_of 2025-02-30', url: '/api/v1/adoption/national?as_of=2025-02-30', status: 400, reason: /real date/ },
  { name: 'as_of as a word', url: '/api/v1/adoption/prefectures?as_of=yesterday', status: 400, reason: /real date/ },
  { name: 'prefecture 48', url: '/api/v1/adoption/municipalities?prefecture=48', status: 400, reason: /01-47/ },
  {
    name: 'SQL injection in prefecture',
    url: `/api/v1/adoption/municipalities?prefecture=${encodeURIComponent("07' OR '1'='1")}`,
    status: 400,
    reason: /01-47/,
  },
  { name: 'a wrong check digit in a path', url: '/api/v1/adoption/municipalities/452026', status: 400, reason: /check digit/ },
  { name: 'an empty comparison', url: '/api/v1/adoption/comparison?codes=', status: 400, reason: /at least one/ },
  { name: 'no comparison codes', url: '/api/v1/adoption/comparison', status: 400, reason: /codes/ },
  { name: 'a comparison code that is text', url: '/api/v1/adoption/comparison?codes=072079,abc', status: 400, reason: /5 or 6 digits/ },
  { name: 'a comparison code given twice', url: '/api/v1/adoption/comparison?codes=072079&codes=072010', status: 400, reason: /codes/ },
  {
    name: 'more than 11 compared',
    url: `/api/v1/adoption/comparison?codes=${['011002', '012025', '012033', '012041', '012050', '012068', '012076', '012084', '012092', '012106', '012114', '012122'].join(',')}`,
    status: 400,
    reason: /at most 11/,
  },
  { name: 'a comparison code with no figures', url: '/api/v1/adoption/comparison?codes=072079,221317', status: 404, reason: /221317/ },
  { name: 'a negative limit', url: '/api/v1/adoption/municipalities?limit=-1', status: 400, reason: /limit/ },
  { name: 'a limit that is not a number', url: '/api/v1/adoption/municipalities?limit=abc', status: 400, reason: /limit/ },
  {
    name: 'an unknown sort with injection',
    url: `/api/v1/adoption/municipalities?sort=${encodeURIComponent('rate; DROP TABLE users')}`,
    status: 400,
    reason: /sort/,
  },
  {
    name: 'markup in class',
    url: `/api/v1/municipalities?class=${encodeURIComponent('<script>alert(1)</script>')}`,
    status: 400,
    reason: /class/,
  },
  { name: 'an over-long search', url: `/api/v1/municipalities?q=${'あ'.repeat(51)}`, status: 400, reason: /q/ },
  { name: 'a fiscal year that is text', url: '/api/v1/subsidies/summary?fiscal_year=abc', status: 400, reason: /fiscal_year/ },
  { name: 'a survey round in the wrong form', url: '/api/v1/standardization/survey/2025', status: 400, reason: /YYYY-MM/ },
  { name: 'an unknown import kind', method: 'post', url: '/api/v1/imports/pets', status: 404, reason: /unknown import kind/ },
  { name: 'an import id that is text', url: '/api/v1/imports/abc/figures', status: 400, reason: /numeric/ },
  { name: 'an import that does not exist', url: '/api/v1/imports/99999/figures', status: 404, reason: /import 99999 not found/ },
  {
    name: 'a conformance date outside its window',
    method: 'put',
    url: '/api/v1/admin/settings/conformance_date',
    body: { value: '2030-01-01' },
    status: 400,
    reason: /between 2026-04-01 and 2028-04-01/,
  },
  {
    name: 'a target rate above 1',
    method: 'put',
    url: '/api/v1/admin/settings/cpdl_target_rate',
    body: { value: '1.5' },
    status: 400,
    reason: /fraction/,
  },
  { name: 'a NUL in a search', url: '/api/v1/municipalities?q=%00', status: 400, reason: /NUL/ },
  {
    name: 'a NUL in a sign-in username',
    method: 'post',
    url: '/api/v1/auth/login',
    body: { username: 'test-admin\u0000', password: 'x' },
    status: 400,
    reason: /NUL/,
  },
  {
    name: "a NUL in a setting's source",
    method: 'put',
    url: '/api/v1/admin/settings/cpdl_target_rate',
    body: { value: '0.3', source: 'a\u0000b' },
    status: 400,
    reason: /NUL/,
  },
  {
    name: 'the setting __proto__',
    method: 'put',
    url: '/api/v1/admin/settings/__proto__',
    body: { value: '1' },
    status: 404,
    reason: /cannot be changed/,
  },
  {
    name: 'the setting constructor',
    method: 'put',
    url: '/api/v1/admin/settings/constructor',
    body: { value: '1' },
    status: 404,
    reason: /cannot be changed/,
  },
  {
    name: 'a law-in-force date after the conformance date',
    method: 'put',
    url: '/api/v1/admin/settings/law_in_force_date',
    body: { value: '2029-01-01', valid_from: '2025-01-01' },
    status: 400,
    reason: /not be after the conformance date/,
  },
  {
    name: 'a full-operation date in 2099',
    method: 'put',
    url: '/api/v1/admin/settings/full_operation_date',
    body: { value: '2099-04-01', valid_from: '2025-01-01' },
    status: 400,
    reason: /between 2026-04-01 and 2035-03-31/,
  },
  {
    name: 'a setting valid from 9999-12-31',
    method: 'put',
    url: '/api/v1/admin/settings/cpdl_target_rate',
    body: { value: '0.3', valid_from: '9999-12-31' },
    status: 400,
    reason: /valid_from must lie between/,
  },
  {
    name: 'a job run for 2030-12-31',
    method: 'post',
    url: '/api/v1/admin/jobs/adoption/run',
    body: { as_of: '2030-12-31' },
    status: 400,
    reason: /between 2023-04-01 and today/,
  },
  {
    name: 'a job run for 9999-12-31',
    method: 'post',
    url: '/api/v1/admin/jobs/adoption/run',
    body: { as_of: '9999-12-31' },
    status: 400,
    reason: /between 2023-04-01 and today/,
  },
  {
    name: 'a job run before FY2023',
    method: 'post',
    url: '/api/v1/admin/jobs/adoption/run',
    body: { as_of: '2023-03-31' },
    status: 400,
    reason: /between 2023-04-01 and today/,
  },
  {
    name: 'a job run from another site',
    method: 'post',
    url: '/api/v1/admin/jobs/reference_summary/run',
    body: {},
    headers: EVIL,
    status: 403,
    reason: /must come from this application/,
  },
  {
    name: 'a job run from the same host over another scheme',
    method: 'post',
    url: '/api/v1/admin/jobs/reference_summary/run',
    body: {},
    headers: { Host: 'kaigo.example', Origin: 'https://kaigo.example' },
    status: 403,
    reason: /must come from this application/,
  },
  {
    name: 'a job run marked cross-site by the browser',
    method: 'post',
    url: '/api/v1/admin/jobs/reference_summary/run',
    body: {},
    headers: { 'Sec-Fetch-Site': 'cross-site' },
    status: 403,
    reason: /must come from this application/,
  },
  {
    name: 'a job run sent as text/plain',
    method: 'post',
    url: '/api/v1/admin/jobs/adoption/run',
    body: '{"as_of":"2025-03-31"}',
    headers: { 'Content-Type': 'text/plain' },
    status: 415,
    reason: /application\/json/,
  },
  {
    name: 'a job run sent as a form',
    method: 'post',
    url: '/api/v1/admin/jobs/adoption/run',
    body: 'as_of=2025-03-31',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    status: 415,
    reason: /application\/json/,
  },
  {
    name: 'a sign-in sent as a form (login CSRF)',
    method: 'post',
    url: '/api/v1/auth/login',
    body: 'username=test-admin&password=test-password-123',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    status: 415,
    reason: /application\/json/,
  },
  {
    name: 'a setting changed from another site',
    method: 'put',
    url: '/api/v1/admin/settings/cpdl_target_rate',
    body: { value: '0.25' },
    headers: EVIL,
    status: 403,
    reason: /must come from this application/,
  },
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
    const before = await contents(t);
    const [{ n: attempts }] = await queryRows<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM imports`);
    let req = http.post(`/api/v1/imports/${c.kind}`);
    for (const [k, v] of c.fields ?? []) req = req.field(k, v);
    const res = await req.attach('file', Buffer.isBuffer(c.content) ? c.content : Buffer.from(c.content), 'bad.csv');
    expect(res.status).toBe(c.status);
    const reasons = res.body.errors
      ? res.body.errors
          .map((e: { reason_en: string; reason_ja: string; row: number }) => `${e.row} ${e.reason_en} ${e.reason_ja}`)
          .join(' | ')
      : `${res.body.message} ${res.body.message_ja}`;
    expect(reasons).toMatch(c.reason);
    expect(res.body.message_ja ?? res.body.errors?.[0]?.reason_ja).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(res.body.code).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
    expect(JSON.stringify(res.body).length).toBeLessThan(200_000);
    expect(await contents(t)).toEqual(before);
    // Every attempt is recorded, refused ones included.
    const [{ n: after }] = await queryRows<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM imports`);
    expect(after).toBe(attempts + 1);
  });

  it.each(queries.map((c) => [c.name, c] as const))('query: %s', async (_name, c) => {
    const before = await contents(t);
    let req = http[c.method ?? 'get'](c.url);
    for (const [k, v] of Object.entries(c.headers ?? {})) req = req.set(k, v);
    const res = await req.send(c.body ?? {});
    expect(res.status).toBe(c.status);
    expect(`${res.body.message}`).toMatch(c.reason);
    expect(res.body.message_ja).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(res.body.code).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
    expect(await contents(t)).toEqual(before);
  });
});
