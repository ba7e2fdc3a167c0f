import { projectTarget } from '../../api/src/core/domain/projection.js';
import { join } from 'node:path';
import { adoptionJob } from '../../jobs/job-definitions.js';
import { runJob } from '../../jobs/job-runner.js';
import { todayInTokyo } from '../../api/src/core/domain/dates.js';
import { targetAchievers } from '../../api/src/demo/published-figures.js';
import { startTestApp, type TestApp, type Agent } from '../support/test-app.js';
import { queryRows, tableCounts } from '../support/table-counts.js';
import { JobRunsRepository } from '../../api/src/jobs/job-runs.repository.js';

describe('adoption API on the demo data (PostgreSQL)', () => {
  let t: TestApp;
  let http: Agent;
  beforeAll(async () => {
    t = await startTestApp('postgresql', { DEMO_DATA: 'auto' });
    http = t.http;
  }, 120_000);
  afterAll(() => t.close());

  it('returns exactly the 73 published municipalities at 2025-03-31, with their applications and offices', async () => {
    const res = await http.get('/api/v1/adoption/municipalities').query({ as_of: '2025-03-31', meets_target: 'true' }).expect(200);
    const published = targetAchievers();
    expect(published).toHaveLength(73);
    expect(res.body.data).toHaveLength(published.length);
    const got = res.body.data
      .map((m: { code: string; applied_offices: number; target_offices: number }) => [m.code, m.applied_offices, m.target_offices])
      .sort();
    expect(got).toEqual(published.map((a) => [a.municipalityCode, a.applications, a.offices]).sort());
    expect(res.body.meta).toMatchObject({ as_of: '2025-03-31', demo: true });
    expect(res.body.meta.source).toMatch(/デモデータ/);
  });

  it('gives a national usage rate that rounds to 7.2% at 2025-05-31', async () => {
    const res = await http.get('/api/v1/adoption/national').query({ as_of: '2025-05-31' }).expect(200);
    expect(Math.round(res.body.data.usage_rate * 1000) / 10).toBe(7.2);
    expect(res.body.data.usage_rate).toBeCloseTo(res.body.data.in_force_offices / res.body.data.target_offices, 12);
    expect(res.body.data).toMatchObject({ municipalities: 1741, target_rate: 0.3 });
    expect(res.body.meta.source_import_ids).toHaveLength(1);
  });

  it('shows 須賀川市 at 42 of 134 with no offices needed, and the formula for one below target', async () => {
    const res = await http.get('/api/v1/adoption/municipalities/07207').query({ as_of: '2025-03-31' }).expect(200);
    expect(res.body.data).toMatchObject({
      name: '須賀川市',
      applied_offices: 42,
      target_offices: 134,
      offices_needed: 0,
      meets_target: true,
    });
    // 福島県's municipalities among the published achievers (the seed's CSV), not a number typed here.
    const fukushimaAchievers = targetAchievers().filter((a) => a.municipalityCode.startsWith('07')).length;
    expect(res.body.data.peers.prefecture).toMatchObject({
      municipalities: expect.any(Number),
      municipalities_meeting_target: fukushimaAchievers,
    });
    // The trend runs from 2023-04 up to the as-of date.
    expect(res.body.data.trend.length).toBe(24);
    expect(res.body.data.trend.at(-1).as_of).toBe('2025-03-31');
    const below = await http
      .get('/api/v1/adoption/municipalities')
      .query({ as_of: '2025-03-31', prefecture: '07', meets_target: 'false', sort: '-offices', limit: 5 })
      .expect(200);
    for (const m of below.body.data) {
      let n = 0;
      while ((m.applied_offices + n) / m.target_offices < 0.3 - 1e-12) n++;
      expect(m.offices_needed).toBe(n);
      expect(n).toBeGreaterThan(0);
    }
  });

  it('ranks prefectures and classes for the same date, consistent with the national total', async () => {
    const [prefectures, classes, national] = await Promise.all([
      http.get('/api/v1/adoption/prefectures').query({ as_of: '2025-03-31' }).expect(200),
      http.get('/api/v1/adoption/classes').query({ as_of: '2025-03-31' }).expect(200),
      http.get('/api/v1/adoption/national').query({ as_of: '2025-03-31' }).expect(200),
    ]);
    expect(prefectures.body.data).toHaveLength(47);
    const sum = (rows: { target_offices: number }[]) => rows.reduce((s, r) => s + r.target_offices, 0);
    expect(sum(prefectures.body.data)).toBe(national.body.data.target_offices);
    expect(sum(classes.body.data)).toBe(national.body.data.target_offices);
    expect(national.body.data.municipalities_meeting_target).toBe(targetAchievers().length);
  });

  it('defaults to the latest month end, and 404s an uncomputed date listing the computed ones', async () => {
    const latest = await http.get('/api/v1/adoption/national').expect(200);
    const asOf: string = latest.body.meta.as_of;
    expect(new Date(`${asOf}T00:00:00Z`).getUTCDate()).toBe(
      new Date(Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)), 0)).getUTCDate(),
    );
    const missing = await http.get('/api/v1/adoption/national').query({ as_of: '2025-04-15' }).expect(404);
    expect(missing.body.available_dates).toContain('2025-03-31');
    await http.get('/api/v1/adoption/national').query({ as_of: '2025-02-30' }).expect(400);
  });

  it('sorts and pages the municipality list', async () => {
    const res = await http
      .get('/api/v1/adoption/municipalities')
      .query({ as_of: '2025-03-31', sort: '-rate', limit: 3, offset: 0 })
      .expect(200);
    expect(res.body.meta).toMatchObject({ total: 1741, count: 3 });
    const rates = res.body.data.map((m: { application_rate: number }) => m.application_rate);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
    await http.get('/api/v1/adoption/municipalities').query({ sort: 'name' }).expect(400);
    await http.get('/api/v1/adoption/municipalities').query({ limit: 0 }).expect(400);
  });

  it('serves a monthly trend since 2023-04', async () => {
    const res = await http.get('/api/v1/adoption/trend').query({ prefecture: '07' }).expect(200);
    expect(res.body.data[0].as_of).toBe('2023-04-30');
    expect(res.body.data.every((r: { as_of: string }, i: number, all: { as_of: string }[]) => i === 0 || r.as_of > all[i - 1].as_of)).toBe(
      true,
    );
  });

  it("projects each area to the target at its last 6 months' pace, as the pure rule does on its trend, and lists those not reaching it by the fiscal year end", async () => {
    const asOf = '2025-09-30';
    const prefectures = await http.get('/api/v1/adoption/projections').query({ as_of: asOf }).expect(200);
    expect(prefectures.body.data).toHaveLength(47);
    expect(prefectures.body.meta.window).toEqual({ from: '2025-03-31', to: asOf });
    expect(prefectures.body.meta.method_ja).toContain('直近6か月');
    const fukushima = prefectures.body.data.find((p: { code: string }) => p.code === '07');
    const trend = await http.get('/api/v1/adoption/trend').query({ prefecture: '07', as_of: asOf }).expect(200);
    const series = trend.body.data.map((t: { as_of: string; application_rate: number }) => ({ as_of: t.as_of, rate: t.application_rate }));
    expect(fukushima.projection).toEqual(projectTarget(series, fukushima.target_rate));
    // The same worked independently: least-squares slope over the last 7 month ends (x = 0…6, Σ(x−3)² = 28),
    // months to the target rounded up, counted in month ends from the as-of date.
    const window = series.slice(-7).map((p: { rate: number }) => p.rate);
    const mean = window.reduce((a: number, b: number) => a + b, 0) / 7;
    const slope = window.reduce((sum: number, y: number, x: number) => sum + (x - 3) * (y - mean), 0) / 28;
    const last = window[6];
    if (last >= fukushima.target_rate) expect(fukushima.projection.status).toBe('met');
    else if (slope <= 0) expect(fukushima.projection.status).toBe('not_rising');
    else {
      const months = Math.ceil((fukushima.target_rate - last) / slope);
      const reachesOn = new Date(Date.UTC(2025, 9 + months, 0)).toISOString().slice(0, 10);
      expect(fukushima.projection).toMatchObject({
        status: 'projected',
        reaches_on: reachesOn,
        by_fiscal_year_end: reachesOn <= '2026-03-31',
      });
      expect(fukushima.projection.slope_per_month).toBeCloseTo(slope, 12);
    }
    expect(trend.body.meta.projection).toEqual(fukushima.projection);
    const late = await http.get('/api/v1/adoption/projections').query({ as_of: asOf, level: 'municipality', by_fiscal_year_end: 'false' });
    expect(late.status).toBe(200);
    expect(late.body.data.length).toBeGreaterThan(0);
    for (const m of late.body.data) {
      expect(m.projection.by_fiscal_year_end).toBe(false);
      expect(m.projection.fiscal_year_end).toBe('2026-03-31');
    }
    // The national page opens with the 20 farthest from the target: those with the most offices needed, the count of all.
    const first = await http
      .get('/api/v1/adoption/projections')
      .query({ as_of: asOf, level: 'municipality', by_fiscal_year_end: 'false', limit: 20 })
      .expect(200);
    const needed = (rows: { offices_needed: number | null }[]) => rows.map((m) => m.offices_needed ?? 0);
    const farthest = needed(late.body.data)
      .sort((a, b) => b - a)
      .slice(0, 20);
    expect([first.body.meta.count, needed(first.body.data)]).toEqual([late.body.data.length, farthest]);
    await http.get('/api/v1/adoption/projections').query({ level: 'municipality', limit: 0 }).expect(400);
    const all = await http.get('/api/v1/adoption/projections').query({ as_of: asOf, level: 'municipality' }).expect(200);
    expect(all.body.data).toHaveLength(1741);
    expect(all.body.data.filter((m: { projection: { status: string } }) => m.projection.status === 'met').length).toBeGreaterThan(0);
    const pref = await t.as('prefecture');
    await pref.get('/api/v1/adoption/projections').query({ level: 'municipality', prefecture: '07' }).expect(200);
    await pref.get('/api/v1/adoption/projections').query({ level: 'municipality', prefecture: '13' }).expect(403);
    await pref.get('/api/v1/adoption/projections').query({ level: 'municipality' }).expect(403);
    const own = await (
      await t.as('municipality')
    )
      .get('/api/v1/adoption/projections')
      .query({ level: 'municipality', municipality: '072079' });
    expect(own.status).toBe(200);
    expect(own.body.data).toHaveLength(1);
  });

  it('gives each peer group of a municipality its distribution in 5-point bands, summing to the group', async () => {
    const res = await http.get('/api/v1/adoption/municipalities/072079').query({ as_of: '2025-03-31' }).expect(200);
    for (const key of ['prefecture', 'class', 'size_band']) {
      const peers = res.body.data.peers[key];
      expect(peers.distribution).toHaveLength(11);
      expect(peers.distribution.reduce((a: number, b: number) => a + b, 0)).toBe(peers.municipalities);
    }
    // 須賀川市 is at 42 / 134 = 31.3%: its own band (30–35%) holds at least itself.
    expect(res.body.data.peers.prefecture.distribution[6]).toBeGreaterThanOrEqual(1);
  });

  it('totals the grants decided by the as-of date, fewer earlier', async () => {
    const early = await http.get('/api/v1/subsidies/totals').query({ as_of: '2025-03-31' }).expect(200);
    const late = await http.get('/api/v1/subsidies/totals').expect(200);
    expect(early.body.meta.as_of).toBe('2025-03-31');
    expect(late.body.data.grants).toBeGreaterThan(early.body.data.grants);
    expect(late.body.data.amount).toBeGreaterThan(early.body.data.amount);
    const sources = await http.get('/api/v1/figures/sources').expect(200);
    expect(sources.body.data.map((s: { family: string }) => s.family)).toEqual([
      'adoption',
      'usage',
      'standardization',
      'subsidies',
      'offices',
    ]);
    expect(sources.body.data.every((s: { demo: boolean; computed_at: string }) => s.demo && s.computed_at)).toBe(true);
  });

  it('has demo subsidies within the caps, a compliance list, and adoption rising more where subsidies were used', async () => {
    const summary = await http.get('/api/v1/subsidies/summary').expect(200);
    expect(summary.body.meta.demo).toBe(true);
    expect(summary.body.meta.total_grants).toBeGreaterThan(1000);
    const compliance = await http.get('/api/v1/subsidies/compliance').query({ prefecture: '13' }).expect(200);
    expect(compliance.body.data.length).toBeGreaterThan(0);
    expect(compliance.body.data.every((c: { prefecture_code: string }) => c.prefecture_code === '13')).toBe(true);
    const effect = await http.get('/api/v1/subsidies/effect').expect(200);
    const row = (kind: string, key: string) =>
      effect.body.data.find((e: { group_kind: string; group_key: string }) => e.group_kind === kind && e.group_key === key);
    expect(row('subsidy', 'with').change).toBeGreaterThan(row('subsidy', 'without').change);
    expect(row('subsidy', 'with').municipalities + row('subsidy', 'without').municipalities).toBe(1741);
    expect(row('model', 'with').municipalities).toBeGreaterThanOrEqual(47);
  });

  it('compares chosen municipalities with the figures of their own pages, in the order chosen, for a municipality account too', async () => {
    const muni = await t.as('municipality');
    const codes = ['072079', '072010', '131016'];
    const res = await muni
      .get('/api/v1/adoption/comparison')
      .query({ codes: '072079,07201, 131016,072079', as_of: '2025-03-31' })
      .expect(200);
    expect(res.body.data.map((m: { code: string }) => m.code)).toEqual(codes);
    expect(res.body.meta).toMatchObject({ as_of: '2025-03-31', demo: true });
    for (const compared of res.body.data) {
      const own = (await http.get(`/api/v1/adoption/municipalities/${compared.code}`).query({ as_of: '2025-03-31' }).expect(200)).body.data;
      expect(compared).toMatchObject({
        name: own.name,
        prefecture_name: own.prefecture_name,
        applied_offices: own.applied_offices,
        target_offices: own.target_offices,
        application_rate: own.application_rate,
        offices_needed: own.offices_needed,
      });
      expect(compared.trend).toEqual(
        own.trend.map((p: { as_of: string; application_rate: number | null }) => ({
          as_of: p.as_of,
          application_rate: p.application_rate,
        })),
      );
    }
    // The comparison shows rates, never a way into another municipality's offices.
    await muni.get('/api/v1/offices').query({ municipality: '072010' }).expect(403);
  });

  it('has demo exchange logs: licensed offices that were active each month', async () => {
    const res = await http.get('/api/v1/usage').query({ as_of: '2025-05-31', prefecture: '07' }).expect(200);
    const n = res.body.data.national;
    expect(res.body.meta.demo).toBe(true);
    expect(n.active_offices).toBeLessThanOrEqual(n.licensed_offices);
    expect(n.active_share).toBeGreaterThan(0.5);
    const adoption = await http.get('/api/v1/adoption/national').query({ as_of: '2025-05-31' }).expect(200);
    expect(n.licensed_offices).toBe(adoption.body.data.in_force_offices);
    expect(res.body.data.municipalities.length).toBeGreaterThan(0);
  });

  it('keeps serving the previous figures when an adoption run fails', async () => {
    const before = await tableCounts(t.databaseUrl);
    const national = (await http.get('/api/v1/adoption/national').query({ as_of: '2025-05-31' }).expect(200)).body;
    const brokenSql = join(process.cwd(), 'test', 'fixtures', 'sql', 'broken_summary.sql');
    const broken = { ...adoptionJob, sql: [...adoptionJob.sql, brokenSql] };
    const result = await runJob(t.app.get(JobRunsRepository), broken, {
      dataDir: t.config.dataDir,
      trigger: 'manual',
      asOf: todayInTokyo(),
    });
    expect(result.status).toBe('failed');
    expect(await tableCounts(t.databaseUrl)).toEqual(before);
    expect((await http.get('/api/v1/adoption/national').query({ as_of: '2025-05-31' }).expect(200)).body).toEqual(national);
    const [run] = await queryRows(t.databaseUrl, `SELECT status, error FROM job_runs WHERE id = $1`, [result.runId]);
    expect(run.status).toBe('failed');
  });
});
