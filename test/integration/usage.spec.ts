import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { startTestApp, type Agent, type TestApp } from '../support/test-app.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { usageFile } from '../../jobs/engine/usage-parquet-store.js';
import { careOfficesCsv } from '../support/factories.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', name));
const HEADER = '事業所番号,年月,送信件数,受信件数';

describe('cpdl-usage imports (Parquet per month) and the usage endpoint', () => {
  let t: TestApp;
  let http: Agent;
  const upload = (csv: string | Buffer) =>
    http.post('/api/v1/imports/cpdl-usage').attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), 'usage.csv');

  beforeAll(async () => {
    t = await startTestApp('postgresql');
    http = t.http;
    await http.post('/api/v1/imports/care-offices').attach('file', fixture('care-offices-valid.csv'), 'o.csv').expect(201);
    await http.post('/api/v1/imports/cpdl-licenses').attach('file', fixture('cpdl-licenses-valid.csv'), 'l.csv').expect(201);
  });
  afterAll(() => t.close());

  it('rejects a bad row whole and writes no file', async () => {
    const res = await upload(`${HEADER}\n0770000001,2025-05,3,2\n0770009999,2025-05,1,1\n0770000001,2025-13,1,1\n`).expect(422);
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '事業所番号'],
      [4, '年月'],
    ]);
    expect(existsSync(usageFile(t.config.dataDir, '2025-05'))).toBe(false);
  });

  it('checks across rows in SQL over the staged rows: a repeated office and month names its first row, every unknown office is counted, and the stage is removed', async () => {
    const unknown = Array.from({ length: 1500 }, (_, i) => `07900${String(i).padStart(5, '0')},2025-05,1,1`);
    const csv = `${HEADER}
0770000001,2025-05,3,2
0770000002,2025-05,0,0
0770000001,2025-05,1,1
${unknown.join('\n')}
`;
    const res = await upload(csv).expect(422);
    expect(res.body.error_count).toBe(1501);
    expect(res.body.errors).toHaveLength(1000);
    expect(res.body.errors[0]).toMatchObject({
      row: 4,
      column: '事業所番号',
      value: '0770000001:2025-05',
      reason_en: 'duplicate office and month (same as row 2)',
    });
    expect(res.body.errors[1]).toMatchObject({ row: 5, value: '0790000000', reason_ja: '事業所が登録されていません' });
    expect(existsSync(usageFile(t.config.dataDir, '2025-05'))).toBe(false);
    const tmp = join(t.config.dataDir, 'tmp');
    expect(existsSync(tmp) ? readdirSync(tmp).filter((name) => name.startsWith('usage-import-')) : []).toEqual([]);
  });

  it('stores months as Parquet, serves the figures, and changes nothing on a re-upload', async () => {
    const csv = `${HEADER}\n0770000001,2025-05,3,2\n0770000002,2025-05,0,0\n0770000001,2025/6,4,0\n`;
    const res = await upload(iconv.encode(csv, 'cp932')).expect(201);
    expect(res.body).toMatchObject({ inserted: 3, encoding: 'Shift_JIS' });
    // The subsidies job too: a usage-report condition is met by the exchange logs.
    expect(res.body.jobs.map((j: { name: string; status: string }) => `${j.name}:${j.status}`)).toEqual([
      'subsidies:succeeded',
      'usage:succeeded',
      'offices:succeeded',
    ]);
    expect(existsSync(usageFile(t.config.dataDir, '2025-06'))).toBe(true);
    // 2025-05-31: licensed 0770000001 (since 2024-05-10) and 0770000002 (from 2025-04-02); one active with 5.
    const may = await http.get('/api/v1/usage').query({ as_of: '2025-05-31', prefecture: '07' }).expect(200);
    expect(may.body.data.national).toMatchObject({
      licensed_offices: 2,
      active_offices: 1,
      exchanges: 5,
      exchanges_per_active: 5,
      active_share: 0.5,
    });
    expect(may.body.data.municipalities).toEqual([expect.objectContaining({ code: '072079', licensed_offices: 2, active_offices: 1 })]);
    const again = await upload(iconv.encode(csv, 'cp932')).expect(200);
    expect(again.body).toMatchObject({ status: 'duplicate', inserted: 0, updated: 0, unchanged: 3 });
    const corrected = await upload(`${HEADER}\n0770000002,2025-05,1,1\n`).expect(201);
    expect(corrected.body).toMatchObject({ inserted: 0, updated: 1 });
    const after = await http.get('/api/v1/usage').query({ as_of: '2025-05-31' }).expect(200);
    expect(after.body.data.national).toMatchObject({ active_offices: 2, exchanges: 7 });
  });
  it('two imports of the same month at once both keep their rows (the month is locked from read to rename)', async () => {
    const offices = careOfficesCsv(8_000, 1)
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    await http
      .post('/api/v1/imports/care-offices')
      .attach('file', Buffer.from(careOfficesCsv(8_000, 1)), 'many.csv')
      .expect(201);
    const usageCsv = (numbers: string[], month: string) => `${HEADER}\n${numbers.map((n) => `${n},${month},2,1`).join('\n')}\n`;
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    for (const month of ['2024-10', '2024-11', '2024-12']) {
      const [a, b] = await Promise.all([upload(usageCsv(offices.slice(0, 4_000), month)), upload(usageCsv(offices.slice(4_000), month))]);
      expect([a.status, a.body.inserted, b.status, b.body.inserted]).toEqual([201, 4_000, 201, 4_000]);
      const reader = await duck.runAndReadAll(
        `SELECT count(*)::INTEGER AS n, count(DISTINCT office_number)::INTEGER AS d FROM read_parquet('${usageFile(t.config.dataDir, month)}')`,
      );
      expect(reader.getRowObjectsJS()).toEqual([{ n: 8_000, d: 8_000 }]);
    }
    duck.closeSync();
  }, 120_000);
});
