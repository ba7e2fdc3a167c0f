import iconv from 'iconv-lite';
import { startTestApp, type TestApp, type Agent } from '../support/test-app.js';
import { tableCounts } from '../support/table-counts.js';

const TABLES = ['survey_rounds', 'survey_responses', 'standardization_milestones', 'standardization_at_risk'];

describe('standardisation on the demo data (PostgreSQL)', () => {
  let t: TestApp;
  let http: Agent;
  beforeAll(async () => {
    t = await startTestApp('postgresql', { DEMO_DATA: 'auto' });
    http = t.http;
  }, 120_000);
  afterAll(() => t.close());

  it('reproduces the 2025-02 survey: 1,741 / 1,733 / 1,599, ≈66% / 97% / 3%, 困難 over half', async () => {
    const res = await http.get('/api/v1/standardization/survey/2025-02').query({ group: 'class' }).expect(200);
    const n = res.body.data.national;
    expect(n).toMatchObject({ asked: 1741, answered: 1733, gave_period: 1599, undecided: 134 });
    expect(Math.round(n.cumulative_by_fy2026 * 100)).toBe(66);
    expect(Math.round(n.cumulative_by_fy2027 * 100)).toBe(97);
    expect(Math.round(n.share_fy2028_or_later * 100)).toBe(3);
    expect(n.difficult_share).toBeGreaterThan(0.5);
    const groups = Object.fromEntries(res.body.data.groups.map((g: { group_key: string }) => [g.group_key, g]));
    expect(groups.designated_or_ward).toMatchObject({ asked: 43, answered: 43, label: '政令指定都市・23区' });
    expect(groups.core_city).toMatchObject({ asked: 62, answered: 62 });
    expect(groups.other.response_rate).toBeGreaterThan(0.99);
    // Larger municipalities answer 困難 more often and plan later.
    expect(groups.designated_or_ward.difficult_share).toBeGreaterThan(groups.core_city.difficult_share);
    expect(groups.core_city.difficult_share).toBeGreaterThan(groups.other.difficult_share);
    expect(groups.designated_or_ward.cumulative_by_fy2026).toBeLessThan(groups.other.cumulative_by_fy2026);
    expect(res.body.meta).toMatchObject({ demo: true, round: '2025-02' });
    const byPrefecture = await http.get('/api/v1/standardization/survey/2025-02').query({ group: 'prefecture' }).expect(200);
    expect(byPrefecture.body.data.groups).toHaveLength(47);
    await http.get('/api/v1/standardization/survey/2019-01').expect(404);
    await http.get('/api/v1/standardization/survey/2025-02').query({ group: 'vendor' }).expect(400);
  });

  it('gives progress as a funnel nationally, per prefecture, per vendor, and per municipality', async () => {
    const national = await http.get('/api/v1/standardization/progress').expect(200);
    expect(national.body.data.national.municipalities).toBe(1741);
    expect(national.body.data.prefectures).toHaveLength(47);
    const n = national.body.data.national;
    expect(n.migration_done).toBeGreaterThanOrEqual(n.modification_done);
    const fukushima = await http.get('/api/v1/standardization/progress').query({ prefecture: '07' }).expect(200);
    expect(fukushima.body.data.municipalities).toHaveLength(59);
    expect(fukushima.body.data.municipalities[0]).toEqual(
      expect.objectContaining({ current_step: expect.any(String), days_late: expect.any(Number) }),
    );
    const vendors = await http.get('/api/v1/standardization/progress').query({ group: 'vendor' }).expect(200);
    expect(vendors.body.data.vendors.map((v: { group_key: string }) => v.group_key)).toEqual(
      expect.arrayContaining(['ベンダーA', 'ベンダーL']),
    );
    expect(vendors.body.data.vendors.reduce((s: number, v: { municipalities: number }) => s + v.municipalities, 0)).toBe(1741);
    expect(vendors.body.data.vendors.some((v: { at_risk: number }) => v.at_risk > 0)).toBe(true);
  });

  it('lists at-risk municipalities of a prefecture with a reason each, and grows when the conformance date moves earlier', async () => {
    const before = await http.get('/api/v1/standardization/at-risk').query({ prefecture: '13' }).expect(200);
    expect(before.body.data.length).toBeGreaterThan(0);
    for (const m of before.body.data) {
      expect(m.prefecture_code).toBe('13');
      expect(m.details.length).toBeGreaterThan(0);
      expect(m.details[0].detail_ja.length).toBeGreaterThan(0);
    }
    const change = await http
      .put('/api/v1/admin/settings/conformance_date')
      .send({ value: '2026-10-01', valid_from: '2025-06-01', source: 'test' })
      .expect(200);
    expect(change.body.data.jobs[0]).toMatchObject({ status: 'succeeded' });
    const after = await http.get('/api/v1/standardization/at-risk').query({ prefecture: '13' }).expect(200);
    expect(after.body.data.length).toBeGreaterThan(before.body.data.length);
    expect(after.body.meta.key_dates).toContainEqual(expect.objectContaining({ key: 'conformance_date', value: '2026-10-01' }));
    await http.put('/api/v1/admin/settings/conformance_date').send({ value: '2029-01-01' }).expect(400);
  });

  it('answers the at-risk list on any progress date, filtered by class, vendor and reason, with counts per reason', async () => {
    const dates = (await http.get('/api/v1/standardization/progress').expect(200)).body;
    const runDate = dates.meta.as_of;
    const all = await http.get('/api/v1/standardization/at-risk').expect(200);
    expect(all.body.meta.as_of).toBe(runDate);
    expect(all.body.data.length).toBe(all.body.meta.count);
    // The national page's tile asks for the count only: no rows, the same counts.
    const countOnly = await http.get('/api/v1/standardization/at-risk').query({ limit: 0 }).expect(200);
    expect([countOnly.body.data, countOnly.body.meta.count]).toEqual([[], all.body.meta.count]);
    expect(countOnly.body.meta.counts_by_reason).toEqual(all.body.meta.counts_by_reason);
    await http.get('/api/v1/standardization/at-risk').query({ limit: -1 }).expect(400);
    const overdue = await http.get('/api/v1/standardization/at-risk').query({ reason: 'overdue' }).expect(200);
    expect(overdue.body.data.length).toBe(all.body.meta.counts_by_reason.overdue);
    for (const m of overdue.body.data) expect(m.reasons).toContain('overdue');
    const vendor = all.body.data.find((m: { vendor: string | null }) => m.vendor)?.vendor;
    const cities = await http.get('/api/v1/standardization/at-risk').query({ vendor, class: 'city' }).expect(200);
    for (const m of cities.body.data) expect([m.vendor, m.class]).toEqual([vendor, 'city']);
    // An adoption month end that is not a progress date resolves to the latest progress date before it.
    const earlier = await http
      .get('/api/v1/standardization/at-risk')
      .query({ as_of: '2025-06-15', as_of_rule: 'on_or_before' })
      .expect(200);
    expect(earlier.body.meta.as_of).toBe('2025-05-31');
    await http.get('/api/v1/standardization/at-risk').query({ as_of: '2025-06-15' }).expect(404);
    await http.get('/api/v1/standardization/at-risk').query({ reason: 'late' }).expect(400);
  });

  it("says on a municipality's own record whether it is at risk and why, as the list does", async () => {
    const list = await http.get('/api/v1/standardization/at-risk').query({ prefecture: '07' }).expect(200);
    const first = list.body.data[0];
    const own = await http.get(`/api/v1/standardization/municipalities/${first.code}`).expect(200);
    expect(own.body.data.at_risk.map((d: { reason: string }) => d.reason)).toEqual(first.reasons);
    const listed = new Set(list.body.data.map((m: { code: string }) => m.code));
    const progress = await http.get('/api/v1/standardization/progress').query({ prefecture: '07' }).expect(200);
    const safe = progress.body.data.municipalities.find((m: { code: string }) => !listed.has(m.code));
    expect(safe).toBeDefined();
    expect((await http.get(`/api/v1/standardization/municipalities/${safe.code}`).expect(200)).body.data.at_risk).toEqual([]);
  });

  it('serves the schedule with days remaining and step completion', async () => {
    const res = await http.get('/api/v1/schedule').query({ as_of: '2026-04-01' }).expect(200);
    const full = res.body.data.key_dates.find((k: { key: string }) => k.key === 'full_operation_date');
    expect(full).toMatchObject({ value: '2028-04-01', days_remaining: 731 });
    expect(res.body.data.steps).toHaveLength(5);
  });

  it('rejects bad milestone rows with row, column and reason, writing nothing', async () => {
    const before = await tableCounts(t.databaseUrl, TABLES);
    const csv =
      '市区町村コード,段階,予定日,完了日,事業者名\n072079,標準化の完了,2026-04-01,,ベンダーA\n072079,① 標準準拠システムへの移行,2026-04-01,2099-01-01,ベンダーA\n';
    const res = await http
      .post('/api/v1/imports/standardization-milestones')
      .attach('file', iconv.encode(csv, 'cp932'), 'm.csv')
      .expect(422);
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, '段階'],
      [3, '完了日'],
    ]);
    expect(res.body.errors[1].reason_en).toMatch(/after the upload date/);
    expect(await tableCounts(t.databaseUrl, TABLES)).toEqual(before);
  });

  it('rejects an unknown answer value in a survey round, and re-imports a round to correct it', async () => {
    const before = await tableCounts(t.databaseUrl, TABLES);
    const bad = '市区町村コード,回答,令和7年度末までの移行,移行予定時期\n072079,回答あり,たぶん,令和8年度\n';
    const res = await http
      .post('/api/v1/imports/standardization-survey')
      .field('round', '2025-09')
      .field('name', '第2回')
      .field('conducted_on', '2025-09-10')
      .attach('file', Buffer.from(bad), 's.csv')
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({ row: 2, column: '令和7年度末までの移行' });
    expect(await tableCounts(t.databaseUrl, TABLES)).toEqual(before);
    const good = '市区町村コード,回答,令和7年度末までの移行,移行予定時期\n072079,回答あり,困難,令和8年度\n07208,未回答,,\n';
    const ok = await http
      .post('/api/v1/imports/standardization-survey')
      .field('round', '2025-09')
      .field('name', '第2回')
      .field('conducted_on', '2025-09-10')
      .attach('file', Buffer.from(good), 's.csv')
      .expect(201);
    expect(ok.body.inserted).toBe(2);
    const corrected = good.replace('令和8年度', '令和9年度');
    const again = await http
      .post('/api/v1/imports/standardization-survey')
      .field('round', '2025-09')
      .field('name', '第2回')
      .field('conducted_on', '2025-09-10')
      .attach('file', Buffer.from(corrected), 's.csv')
      .expect(201);
    expect(again.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const rounds = await http.get('/api/v1/standardization/surveys').expect(200);
    expect(rounds.body.data.map((r: { round: string }) => r.round)).toEqual(['2025-02', '2025-09']);
    const second = await http.get('/api/v1/standardization/survey/2025-09').expect(200);
    expect(second.body.data.national).toMatchObject({ asked: 2, answered: 1, fy2027: 1 });
  });
});
