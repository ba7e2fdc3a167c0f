import { startTestApp, type Backend, type TestApp, type Agent } from '../support/test-app.js';

describe.each<Backend>(['postgresql', 'embedded'])('reference endpoints on %s', (backend) => {
  let t: TestApp;
  let http: Agent;
  beforeAll(async () => {
    t = await startTestApp(backend);
    http = t.http;
  });
  afterAll(() => t.close());

  it('reports health with database and DuckDB reachable', async () => {
    const res = await http.get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, duckdb: { ok: true } });
    expect(res.body.database.kind).toBe(backend);
  });

  it('lists 47 prefectures and 1,741 municipalities', async () => {
    const prefectures = await http.get('/api/v1/prefectures').expect(200);
    expect(prefectures.body.data).toHaveLength(47);
    expect(prefectures.body.data.reduce((s: number, p: { municipalities: number }) => s + p.municipalities, 0)).toBe(1741);
    const res = await http.get('/api/v1/municipalities').expect(200);
    expect(res.body.data).toHaveLength(1741);
    const byCode = new Map(res.body.data.map((m: { code: string }) => [m.code, m]));
    expect(byCode.get('452025')).toMatchObject({ name: '都城市', class: 'city' });
    expect(byCode.get('141003')).toMatchObject({ name: '横浜市', class: 'designated_city' });
    expect(byCode.get('131041')).toMatchObject({ name: '新宿区', class: 'special_ward' });
  });

  it('finds one municipality by 5 or 6 digits and rejects a bad check digit', async () => {
    expect((await http.get('/api/v1/municipalities/45202').expect(200)).body.data.name).toBe('都城市');
    expect((await http.get('/api/v1/municipalities/452025').expect(200)).body.data.name).toBe('都城市');
    const bad = await http.get('/api/v1/municipalities/452026').expect(400);
    expect(bad.body.message).toMatch(/check digit/);
    expect(bad.body.message_ja).toMatch(/検査数字/);
    expect(bad.body.stack).toBeUndefined();
    const unknown = await http.get('/api/v1/municipalities/010014').expect(404);
    expect(unknown.body.message).toMatch(/not found/);
  });

  it('filters by prefecture, class and name or kana', async () => {
    const fukui = await http.get('/api/v1/municipalities').query({ prefecture: '18', q: '美浜' }).expect(200);
    const wakayama = await http.get('/api/v1/municipalities').query({ prefecture: '30', q: '美浜' }).expect(200);
    expect(fukui.body.data.map((m: { code: string }) => m.code)).toEqual(['184420']);
    expect(wakayama.body.data.map((m: { code: string }) => m.code)).toEqual(['303810']);
    const sukagawa = await http.get('/api/v1/municipalities').query({ prefecture: '07', q: 'すかがわ' }).expect(200);
    expect(sukagawa.body.data.map((m: { name: string }) => m.name)).toEqual(['須賀川市']);
    const core = await http.get('/api/v1/municipalities').query({ prefecture: '07', class: 'core_city' }).expect(200);
    expect(core.body.data.map((m: { name: string }) => m.name).sort()).toEqual(['いわき市', '福島市', '郡山市'].sort());
    await http.get('/api/v1/municipalities').query({ class: 'metropolis' }).expect(400);
    await http.get('/api/v1/municipalities').query({ prefecture: '48' }).expect(400);
  });

  it('serves the reference summary from a recorded DuckDB job run', async () => {
    const res = await http.get('/api/v1/reference/summary').expect(200);
    expect(res.body.meta.total_municipalities).toBe(1741);
    const tokyoWards = res.body.data.find(
      (r: { prefecture_code: string; class: string }) => r.prefecture_code === '13' && r.class === 'special_ward',
    );
    expect(tokyoWards.municipalities).toBe(23);
    const runs = await http.get('/api/v1/jobs').expect(200);
    const run = runs.body.data.runs.find((r: { id: number }) => r.id === res.body.meta.job_run_id);
    expect(run).toMatchObject({ job_name: 'reference_summary', status: 'succeeded', trigger: 'startup' });
    expect(run.row_counts).toMatchObject({ 'in:municipalities': 1741 });
  });

  it('schedules every job nightly in Asia/Tokyo', async () => {
    const { SchedulerRegistry } = await import('@nestjs/schedule');
    const nightly = t.app.get(SchedulerRegistry).getCronJob('nightly-jobs');
    expect(nightly.cronTime.timeZone).toBe('Asia/Tokyo');
    const next = nightly.nextDate().setZone('Asia/Tokyo');
    expect([next.hour, next.minute]).toEqual([2, 30]);
  });

  it('serves OpenAPI docs', async () => {
    const res = await http.get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/municipalities/{code}', '/api/health']));
  });
});
