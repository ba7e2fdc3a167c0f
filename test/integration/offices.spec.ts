import type { AddressInfo } from 'node:net';
import { tableFromIPC } from 'apache-arrow';
import pg from 'pg';
import { ARROW_STREAM } from '../../api/src/core/domain/media-types.js';
import { OFFICE_COLUMNS, type OfficeList, type OfficeRow } from '../../api/src/offices/dto/offices.responses.js';
import { intColumn, textColumn } from '../../dashboard/src/lib/widgets/office-outreach/arrow-columns.js';
import { OfficesService } from '../../api/src/offices/offices.service.js';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type TestApp, type TestRole } from '../support/test-app.js';

/** The office outreach list on the demo data: the same rows as JSON and as an Arrow stream, scoped, audited. */
describe('office list (JSON and Arrow IPC)', () => {
  let t: TestApp;
  let base: string;
  const cookies = new Map<TestRole, string>();
  const get = (role: TestRole, path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { cookie: cookies.get(role)!, ...headers } });

  beforeAll(async () => {
    t = await startTestApp('postgresql', { DEMO_DATA: 'auto', OFFICE_LISTS_PREBUILD: 'on' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    for (const role of ['national', 'prefecture', 'municipality'] as TestRole[]) {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ username: TEST_USERS[role].username, password: TEST_PASSWORD }),
      });
      cookies.set(role, login.headers.get('set-cookie')!.split(';')[0]);
    }
  });
  afterAll(() => t.close());

  async function arrowList(role: TestRole, path: string) {
    const res = await get(role, path, { accept: ARROW_STREAM, 'accept-encoding': 'gzip' });
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-encoding')]).toEqual([200, ARROW_STREAM, 'gzip']);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    // Decoded as the dashboard decodes it (office_number travels as fixed-width ASCII bytes).
    const columns = Object.fromEntries(
      table.schema.fields.map((f) => [
        f.name,
        f.name === 'exchanges_3m' ? [...intColumn(table.getChild(f.name)!)] : textColumn(table.getChild(f.name)!),
      ]),
    );
    const rows = Array.from(
      { length: table.numRows },
      (_, i) => Object.fromEntries(OFFICE_COLUMNS.map((c) => [c, columns[c][i]])) as unknown as OfficeRow,
    );
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    return { rows, columns: table.schema.fields.map((f) => f.name), types, meta: JSON.parse(table.schema.metadata.get('meta')!) };
  }

  it('returns identical rows and meta as JSON and as an Arrow stream (a prefecture, decoded)', async () => {
    const res = await get('prefecture', '/api/v1/offices?prefecture=07', { 'accept-encoding': 'gzip' });
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-encoding')]).toEqual([
      200,
      'application/json; charset=utf-8',
      'gzip',
    ]);
    const json = (await res.json()) as OfficeList;
    const arrow = await arrowList('prefecture', '/api/v1/offices?prefecture=07');
    expect(json.data.length).toBeGreaterThan(1000);
    expect(arrow.columns).toEqual(OFFICE_COLUMNS);
    expect(arrow.types).toMatchObject({
      office_number: 'FixedSizeBinary[10]',
      office_name: 'Utf8',
      address: 'Utf8',
      exchanges_3m: 'Int32',
    });
    expect(arrow.types.licence_status).toMatch(/^Dictionary<Int8, Utf8>$/);
    expect(arrow.rows).toEqual(json.data);
    expect(arrow.meta).toEqual(json.meta);
    expect(json.meta).toMatchObject({ demo: true, rows: json.data.length, area: { prefecture: '07' } });
    expect(json.data.every((r) => r.municipality_code.startsWith('07'))).toBe(true);
  });

  it("agrees with the adoption figures of the same date: every municipality's offices and applications", async () => {
    const { data, meta } = (await (await get('national', '/api/v1/offices?prefecture=13')).json()) as OfficeList;
    const listed = new Map<string, { offices: number; applied: number }>();
    for (const r of data) {
      const m = listed.get(r.municipality_code) ?? { offices: 0, applied: 0 };
      m.offices += 1;
      if (r.licence_status !== 'not_applied') m.applied += 1;
      listed.set(r.municipality_code, m);
    }
    const mismatches = meta.municipalities.filter((m) => {
      const l = listed.get(m.code) ?? { offices: 0, applied: 0 };
      return l.offices !== m.target_offices || l.applied !== m.applied_offices;
    });
    expect(meta.municipalities.length).toBeGreaterThan(40);
    expect(mismatches).toEqual([]);
  });

  it("a municipality gets its own offices only, with what it needs to reach the target; a browser's Accept gets JSON", async () => {
    const res = await get('municipality', '/api/v1/offices?municipality=072079', { accept: 'text/html,*/*;q=0.8' });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { data, meta } = (await res.json()) as OfficeList;
    expect(new Set(data.map((r) => r.municipality_code))).toEqual(new Set(['072079']));
    expect(meta.municipalities).toHaveLength(1);
    const [need] = meta.municipalities;
    expect(need.offices_needed).toBe(Math.max(0, Math.ceil(need.target_rate * need.target_offices - 1e-9) - need.applied_offices));
    expect((await get('municipality', '/api/v1/offices?municipality=072010')).status).toBe(403);
    expect((await get('municipality', '/api/v1/offices?prefecture=07')).status).toBe(403);
  });

  it('the whole nation for a national user, as Arrow', async () => {
    const { rows, meta } = await arrowList('national', '/api/v1/offices');
    expect(rows.length).toBe(meta.rows);
    expect(meta.municipalities.length).toBeGreaterThan(1700);
    expect(new Set(rows.map((r) => r.municipality_code.slice(0, 2))).size).toBe(47);
  });

  it("serves a built list again until the offices job writes a new one, and builds the nation's and each prefecture's when it does", async () => {
    const path = '/api/v1/offices?municipality=072079';
    const first = (await (await get('national', path)).json()) as OfficeList;
    const again = (await (await get('national', path)).json()) as OfficeList;
    expect(again.meta.job_run_id).toBe(first.meta.job_run_id);
    await t.http.post('/api/v1/admin/jobs/offices/run').send({}).expect(200);
    // Built after the run, before anyone asks: the nation's and the 47 prefectures' (as the dashboard asks: Arrow, brotli).
    const offices = t.app.get(OfficesService);
    expect(await offices.prebuilding).toBe(48);
    expect(await offices.isBuilt({}, 'arrow', 'br')).toBe(true);
    expect(await offices.isBuilt({ prefecture: '47' }, 'arrow', 'br')).toBe(true);
    expect(await offices.isBuilt({ municipality: '072079' }, 'json', 'identity')).toBe(false);
    const after = (await (await get('national', path)).json()) as OfficeList;
    expect(after.meta.job_run_id).toBeGreaterThan(first.meta.job_run_id);
    expect(after.data).toEqual(first.data);
  });

  it('records every list read and every export in the audit log', async () => {
    const municipality = cookies.get('municipality')!;
    const recorded = await fetch(`${base}/api/v1/audit/exports`, {
      method: 'POST',
      headers: { cookie: municipality, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '働きかけ先の事業所', area: '須賀川市', format: 'xlsx', rows: 12, filters: { 状況: '未申請' } }),
    });
    expect(recorded.status).toBe(204);
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT actor, action, target, detail FROM audit_log WHERE action IN ('offices_listed', 'list_exported') AND actor = $1 ORDER BY id`,
        [TEST_USERS.municipality.username],
      );
      expect(rows.map((r) => [r.action, r.target])).toEqual([
        ['offices_listed', '072079'],
        ['list_exported', '働きかけ先の事業所'],
      ]);
      expect(rows[1].detail).toEqual({ area: '須賀川市', format: 'xlsx', rows: 12, filters: { 状況: '未申請' } });
    } finally {
      await client.end();
    }
  });
});
