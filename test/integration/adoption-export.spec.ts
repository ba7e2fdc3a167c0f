import Papa from 'papaparse';
import { queryRows } from '../support/table-counts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The bulk download the public dashboards offer: every municipality × month end, with a data dictionary. */
describe('bulk download of adoption per municipality and month end (demo data)', () => {
  let t: TestApp;
  const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

  beforeAll(async () => {
    t = await startTestApp('postgresql', { DEMO_DATA: 'auto' });
  }, 180_000);
  afterAll(() => t.close());

  it('holds 1,741 rows for each month end, as CSV that Excel opens, and the dictionary explains every column', async () => {
    const [{ n }] = await queryRows<{ n: number }>(
      t.databaseUrl,
      `SELECT count(DISTINCT as_of)::int AS n FROM adoption_municipality
       WHERE as_of = (date_trunc('month', as_of) + interval '1 month - 1 day')::date`,
    );
    expect(n).toBeGreaterThan(12);
    const res = await t.http
      .get('/api/v1/adoption/municipalities/export')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('市区町村別導入状況_月末_全国.csv'));
    const text = res.body as string;
    expect(text.startsWith('\uFEFF基準日,都道府県コード')).toBe(true);
    expect(text).toContain('\r\n');
    const [header, ...rows] = parse(text);
    expect(rows).toHaveLength(1741 * n);
    expect(new Set(rows.map((r) => r[0])).size).toBe(n);
    // 須賀川市 on a month end: the same figures as the API gives for that date.
    const asOf = rows.at(-1)![0];
    const sukagawa = rows.find((r) => r[0] === asOf && r[3] === '072079')!;
    const api = (await t.http.get(`/api/v1/adoption/municipalities/072079?as_of=${asOf}`).expect(200)).body.data;
    expect(Object.fromEntries(header.map((h, i) => [h, sukagawa[i]]))).toMatchObject({
      市区町村: '須賀川市',
      対象事業所数: String(api.target_offices),
      申請事業所数: String(api.applied_offices),
      目標までの事業所数: String(api.offices_needed),
    });

    const dictionary = parse((await t.http.get('/api/v1/adoption/municipalities/export?format=dictionary').expect(200)).text);
    expect(dictionary[0]).toEqual(['列', '意味']);
    expect(dictionary.slice(1).map((d) => d[0])).toEqual(header);
    expect(dictionary.slice(1).every((d) => d[1].length > 4)).toBe(true);
  });

  it("gives a prefecture account its own prefecture's municipalities only", async () => {
    const pref = await t.as('prefecture');
    const own = await pref.get('/api/v1/adoption/municipalities/export?prefecture=07').expect(200);
    const rows = parse(own.text).slice(1);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['07']));
    expect(rows.length % 59).toBe(0);
    await pref.get('/api/v1/adoption/municipalities/export').expect(403);
    await pref.get('/api/v1/adoption/municipalities/export?prefecture=13').expect(403);
  });
});
