import { startTestApp, type TestApp } from '../support/test-app.js';
import { queryRows } from '../support/table-counts.js';

interface EventRow {
  id: number | null;
  occurred_on: string;
  title: string;
  scope: string;
  deletable: boolean;
}

/** Events on the charts: seeded policy changes, and each area's own, read and written within its scope. */
describe('events on the time-series charts (PostgreSQL)', () => {
  let t: TestApp;
  const titles = (rows: EventRow[]) => rows.map((e) => `${e.occurred_on} ${e.title}`);

  beforeAll(async () => {
    t = await startTestApp('postgresql');
  });
  afterAll(() => t.close());

  it('lists the policy changes since the slides and the 適合基準日 from the settings, by date, for every role', async () => {
    const res = await (await t.as('municipality')).get('/api/v1/events').expect(200);
    expect(titles(res.body.data)).toEqual([
      '2025-06-01 ライセンス料（年21,000円）1年間無料の開始',
      '2025-07-22 介護情報基盤への統合方針',
      '2025-12-25 令和7年度補正 賃上げ・職場環境改善支援事業: 居宅介護支援は連携システムへの参加（誓約可）が要件',
      '2026-06-01 ライセンス料無料の継続（令和8年度）',
      '2026-06-01 介護報酬改定: 訪問・通所の処遇改善加算に連携システムへの参加（利用報告）が要件',
      '2028-04-01 適合基準日',
    ]);
    expect(res.body.data.every((e: EventRow) => e.scope === 'national' && !e.deletable)).toBe(true);
  });

  it("records a prefecture's event that its own accounts see and no other prefecture does, and audits it", async () => {
    const pref = await t.as('prefecture');
    const created = await pref
      .post('/api/v1/events')
      .send({ occurred_on: '2025-09-10', title: '福島県 事業所向け説明会', kind: 'training', source: '福島県 通知' })
      .expect(201);
    expect(created.body.data).toMatchObject({ scope: 'prefecture', prefecture_code: '07', municipality_code: null, deletable: true });
    const ownView = await pref.get('/api/v1/events').query({ prefecture: '07' }).expect(200);
    expect(titles(ownView.body.data)).toContain('2025-09-10 福島県 事業所向け説明会');
    // 須賀川市 (in 福島県) sees it on its charts; the nation's list and 東京都's do not hold it.
    const muni = await (await t.as('municipality')).get('/api/v1/events').query({ municipality: '072079' }).expect(200);
    expect(titles(muni.body.data)).toContain('2025-09-10 福島県 事業所向け説明会');
    const national = await t.http.get('/api/v1/events').expect(200);
    expect(titles(national.body.data)).not.toContain('2025-09-10 福島県 事業所向け説明会');
    const tokyo = await t.http.get('/api/v1/events').query({ prefecture: '13' }).expect(200);
    expect(titles(tokyo.body.data)).not.toContain('2025-09-10 福島県 事業所向け説明会');
    const [audit] = await queryRows(
      t.databaseUrl,
      `SELECT actor, target, result FROM audit_log WHERE action = 'event_recorded' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor: 'test-pref-07', target: String(created.body.data.id), result: 'succeeded' });
  });

  it("refuses a prefecture account another prefecture's event or a municipality's, and a municipality account its prefecture's", async () => {
    const pref = await t.as('prefecture');
    const other = await pref
      .post('/api/v1/events')
      .send({ occurred_on: '2025-09-10', title: 'x', kind: 'other', prefecture_code: '13' })
      .expect(403);
    expect(other.body.message_ja).toMatch(/記録できません/);
    // The refusal is on record too (the audit interceptor's `refused` path), with who tried and why.
    const [refusal] = await queryRows(
      t.databaseUrl,
      `SELECT actor, target, result, detail->>'error' AS error FROM audit_log WHERE action = 'event_recorded' ORDER BY id DESC LIMIT 1`,
    );
    expect(refusal).toEqual({ actor: 'test-pref-07', target: '-', result: 'refused', error: expect.stringMatching(/own prefecture/) });
    await pref
      .post('/api/v1/events')
      .send({ occurred_on: '2025-09-10', title: 'x', kind: 'other', municipality_code: '072079' })
      .expect(403);
    const muni = await t.as('municipality');
    await muni.post('/api/v1/events').send({ occurred_on: '2025-09-10', title: 'x', kind: 'other', prefecture_code: '07' }).expect(403);
    const own = await muni
      .post('/api/v1/events')
      .send({ occurred_on: '2025-11-01', title: '須賀川市 モデル事業開始', kind: 'model_region' })
      .expect(201);
    expect(own.body.data).toMatchObject({ scope: 'municipality', prefecture_code: '07', municipality_code: '072079' });
  });

  it('rejects a malformed event whole (date, kind, title, address) in Japanese and English', async () => {
    const http = t.http;
    for (const body of [
      { occurred_on: '2025-02-30', title: 'x', kind: 'other' },
      { occurred_on: '2025-02-01', title: 'x', kind: 'party' },
      { occurred_on: '2025-02-01', title: '', kind: 'other' },
      { occurred_on: '2025-02-01', title: 'x'.repeat(121), kind: 'other' },
      { occurred_on: '2025-02-01', title: 'x', kind: 'other', source_url: 'javascript:alert(1)' },
      { occurred_on: '2025-02-01', title: 'x', kind: 'other', municipality_code: '072070' },
    ]) {
      const res = await http.post('/api/v1/events').send(body);
      expect([res.status, typeof res.body.message_ja, typeof res.body.message]).toEqual([400, 'string', 'string']);
    }
  });

  it('deletes an event only within its own scope: another prefecture gets the same 404 as for none', async () => {
    const created = await t.http
      .post('/api/v1/events')
      .send({ occurred_on: '2025-08-01', title: '東京都 研修', kind: 'training', prefecture_code: '13' })
      .expect(201);
    await (await t.as('prefecture')).delete(`/api/v1/events/${created.body.data.id}`).expect(404);
    await t.http.delete(`/api/v1/events/${created.body.data.id}`).expect(200);
    await t.http.delete(`/api/v1/events/${created.body.data.id}`).expect(404);
  });

  it('lists the published figures beside ours, records a correction as a replacement, and lets only national staff write', async () => {
    const seeded = await (await t.as('municipality')).get('/api/v1/published-figures').expect(200);
    expect(seeded.body.data.map((f: { as_of: string; value: number; source: string }) => `${f.as_of} ${f.value} ${f.source}`)).toEqual([
      '2025-05-31 0.072 厚生労働省資料（ケアプランデータ連携システム）',
      '2026-01-31 0.076 WAMNET',
    ]);
    const figure = { measure: 'usage_rate', value: 0.081, as_of: '2026-02-28', source: 'WAMNET', note: '利用事業所 20,500' };
    const first = await t.http.post('/api/v1/published-figures').send(figure).expect(201);
    const corrected = await t.http
      .post('/api/v1/published-figures')
      .send({ ...figure, value: 0.082 })
      .expect(201);
    expect(corrected.body.data).toMatchObject({ id: first.body.data.id, value: 0.082 });
    await (await t.as('prefecture')).post('/api/v1/published-figures').send(figure).expect(403);
    await t.http
      .post('/api/v1/published-figures')
      .send({ ...figure, value: 7.2 })
      .expect(400);
    await t.http
      .post('/api/v1/published-figures')
      .send({ ...figure, as_of: '2026-02-30' })
      .expect(400);
    await t.http.delete(`/api/v1/published-figures/${first.body.data.id}`).expect(200);
    await t.http.delete(`/api/v1/published-figures/${first.body.data.id}`).expect(404);
    const [audit] = await queryRows(
      t.databaseUrl,
      `SELECT action, actor FROM audit_log WHERE action LIKE 'published_figure_%' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ action: 'published_figure_deleted', actor: 'test-admin' });
  });
});
