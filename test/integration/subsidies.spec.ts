import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp, type Agent } from '../support/test-app.js';
import { tableCounts } from '../support/table-counts.js';

const HEADER = '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日,連携事業所数';
const TABLES = ['subsidy_grants', 'subsidy_summary', 'subsidy_compliance'];

describe('subsidy grants on PostgreSQL', () => {
  let t: TestApp;
  let http: Agent;
  const upload = (kind: string, csv: string) => http.post(`/api/v1/imports/${kind}`).attach('file', Buffer.from(csv), 'grants.csv');

  beforeAll(async () => {
    t = await startTestApp('postgresql');
    http = t.http;
    await upload('care-offices', readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', 'care-offices-valid.csv'), 'utf8')).expect(
      201,
    );
  });
  afterAll(() => t.close());

  it('serves the programmes with caps, rates and the notes on ambiguous readings', async () => {
    const res = await http.get('/api/v1/subsidies/programs').expect(200);
    const software = res.body.data.find((p: { code: string }) => p.code === 'tech_software');
    expect(software).toMatchObject({ cap_yen: 2500000, addon_cap_yen: 2550000, max_rate: 0.8, condition_deadline: '2026-03-31' });
    expect(res.body.data.find((p: { code: string }) => p.code === 'model_region')).toMatchObject({
      cap_yen: 20000000,
      max_per_prefecture: 3,
      max_rate: 1,
    });
    expect(res.body.data).toHaveLength(13);
    // The linkage conditions are data: the R6 programmes share one, the 令和7年度補正 wage programme has its own.
    expect(software.conditions).toEqual([
      expect.objectContaining({ code: 'cpdl_start_fy2025', deadline: '2026-03-31', service_type_codes: null, pledge_counts: false }),
    ]);
    expect(res.body.data.find((p: { code: string }) => p.code === 'wage_r7_supplementary').conditions).toEqual([
      expect.objectContaining({ code: 'r7_wage_cpdl_join', service_type_codes: ['430'], pledge_counts: true }),
    ]);
  });

  it.each([
    [
      'an over-cap grant, naming the cap and the programme',
      `2025,07,072079,0770000001,介護テクノロジー導入支援,その他機器,500000,350000,2025-06-01,`,
      '補助金額',
      /cap of 300000 yen for tech_other/,
    ],
    [
      'a rate above the programme',
      `2025,07,072079,0770000001,介護テクノロジー導入支援,情報端末,100000,90000,2025-06-01,`,
      '補助金額',
      /subsidy rate 0.8/,
    ],
    [
      'the add-on with fewer than 5 linked offices',
      `令和7年度,07,072079,0770000001,介護テクノロジー導入支援,介護ソフト,4000000,2540000,2025-06-01,3`,
      '連携事業所数',
      /needs 5 or more linked offices \(got 3\)/,
    ],
    [
      'a grant for an office in another municipality',
      `2025,07,072044,0770000001,介護テクノロジー導入支援,情報端末,100000,75000,2025-06-01,`,
      '市区町村コード',
      /not the office's municipality/,
    ],
  ])('rejects %s', async (_label, line, column, reason) => {
    const before = await tableCounts(t.databaseUrl, TABLES);
    const res = await upload(
      'subsidy-grants',
      `${HEADER}\n2025,07,072079,0770000002,介護テクノロジー導入支援,情報端末,100000,75000,2025-06-01,\n${line}\n`,
    ).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 3, column, reason_en: expect.stringMatching(reason) })]);
    expect(res.body.errors[0].reason_ja.length).toBeGreaterThan(5);
    expect(await tableCounts(t.databaseUrl, TABLES)).toEqual(before);
  });

  it('names the cap in Japanese too', async () => {
    const res = await upload(
      'subsidy-grants',
      `${HEADER}\n2025,07,,0770000001,テクノロジー導入支援,移乗支援・入浴支援,3000000,1500000,2025-06-01,\n`,
    ).expect(422);
    expect(res.body.errors[0].reason_ja).toMatch(/上限額 1,000,000円.*移乗支援・入浴支援/);
  });

  it('rejects a fourth model project in one prefecture and fiscal year', async () => {
    const models = [1, 2, 3, 4].map((i) => `2025,07,,,モデル地域づくり,,${20000000 + i},20000000,2025-07-0${i},`).join('\n');
    const res = await upload('subsidy-grants', `${HEADER}\n${models}\n`).expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 5, reason_en: expect.stringMatching(/at most 3 model_region projects/) }),
    ]);
  });

  it('accepts the add-on with 5 linked offices, lists subsidised offices without a licence, and drops one once it applies', async () => {
    const grants = [
      `2025,07,072079,0770000001,介護テクノロジー導入支援,介護ソフト,4000000,2550000,2025-06-01,5`,
      `2025,07,072079,0770000002,介護テクノロジー導入支援,情報端末,100000,75000,2025-06-01,`,
      `2024,45,452025,4570000002,介護テクノロジー導入支援,その他機器,400000,300000,2025-02-01,`,
      `2025,07,,,モデル地域づくり,,20000000,20000000,2025-07-01,`,
    ].join('\n');
    const imported = await upload('subsidy-grants', `${HEADER}\n${grants}\n`).expect(201);
    expect(imported.body).toMatchObject({
      inserted: 4,
      jobs: [
        expect.objectContaining({ name: 'subsidies', status: 'succeeded' }),
        expect.objectContaining({ name: 'offices', status: 'succeeded' }),
      ],
    });
    await upload('subsidy-grants', `${HEADER}\n${grants}\n`).expect(200);

    const before = await http.get('/api/v1/subsidies/compliance').query({ prefecture: '07' }).expect(200);
    expect(before.body.data.map((c: { office_number: string }) => c.office_number)).toEqual(['0770000001', '0770000002']);
    expect(before.body.data[0]).toMatchObject({ status: 'overdue', municipality_name: '須賀川市' });

    await upload('cpdl-licenses', '事業所番号,申請日,利用開始日\n0770000002,2026-02-10,2026-03-01\n').expect(201);
    const after = await http.get('/api/v1/subsidies/compliance').query({ prefecture: '07' }).expect(200);
    expect(after.body.data.map((c: { office_number: string }) => c.office_number)).toEqual(['0770000001']);

    const summary = await http.get('/api/v1/subsidies/summary').query({ fiscal_year: 2025, prefecture: '07' }).expect(200);
    expect(summary.body.meta.total_amount).toBe(2550000 + 75000 + 20000000);
    expect(summary.body.data.find((r: { program_code: string }) => r.program_code === 'tech_software')).toMatchObject({
      grants: 1,
      offices: 1,
      share_of_national: 1,
    });
    // On an earlier 基準日 only the grants decided by then: on 2025-06-30 the model region (2025-07-01) is not yet counted.
    const june = await http
      .get('/api/v1/subsidies/summary')
      .query({ fiscal_year: 2025, prefecture: '07', as_of: '2025-06-30' })
      .expect(200);
    expect(june.body.meta).toMatchObject({ as_of: '2025-06-30', total_amount: 2550000 + 75000 });
    await http.get('/api/v1/subsidies/summary').query({ as_of: '2025-06-15' }).expect(404);
  });

  it('lists a 居宅介護支援 office without a pledge under the 令和7年度補正 condition, not one whose pledge counts until the deadline', async () => {
    const header =
      '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日,連携事業所数,連携誓約日';
    const grants = [
      `2025,07,072079,0770000001,賃上げ・職場環境改善支援,,300000,300000,2026-01-05,,`,
      `2025,45,45202,4570000001,賃上げ・職場環境改善支援,,300000,300000,2026-01-05,,2026-01-15`,
      `2025,07,072079,0770000002,賃上げ・職場環境改善支援,,300000,300000,2026-01-05,,`,
    ].join('\n');
    await upload('subsidy-grants', `${header}\n${grants}\n`).expect(201);
    const listed = async () =>
      (await http.get('/api/v1/subsidies/compliance').query({ condition: 'r7_wage_cpdl_join' }).expect(200)).body.data;
    // 4570000001 pledged (counts until 2027-03-31); 0770000002 is 訪問介護, which this condition does not bind.
    expect(await listed()).toEqual([
      expect.objectContaining({
        office_number: '0770000001',
        condition_label: '居宅介護支援: ケアプランデータ連携システムへの参加（誓約書でも可）',
        deadline: '2027-03-31',
        pledged_on: null,
        status: 'pending',
      }),
    ]);
    // A later file without the pledge column keeps the pledge recorded.
    const withoutPledges = await upload('subsidy-grants', `${HEADER}\n${grants.replace(/,[^,]*$/gm, '')}\n`);
    expect(withoutPledges.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect((await listed()).map((c: { office_number: string }) => c.office_number)).toEqual(['0770000001']);
    await http.get('/api/v1/subsidies/compliance').query({ condition: 'nope' }).expect(400);
  });

  it('holds the 2026 処遇改善加算 to both its conditions: joining, and use shown in the exchange logs', async () => {
    const programme = (await http.get('/api/v1/subsidies/programs').expect(200)).body.data.find(
      (p: { code: string }) => p.code === 'treatment_addon_r8',
    );
    expect(programme.conditions.map((c: { code: string; kind: string }) => `${c.code} ${c.kind}`)).toEqual([
      'r8_addon_cpdl_join join_by_deadline',
      'r8_addon_cpdl_usage report_usage_by_deadline',
    ]);
    // 0770000002 訪問介護 joins and exchanges data in 2026-09; 0770000003 通所介護 joins and never uses it;
    // 4570000002 訪問介護 does neither; 0770000001 居宅介護支援 is not bound (visiting and day services only).
    const grants = ['0770000002', '0770000003', '4570000002', '0770000001'].map(
      (office) =>
        `2026,${office.slice(0, 2)},${office.startsWith('07') ? '072079' : '452025'},${office},処遇改善加算,,200000,200000,2026-07-01,`,
    );
    await upload('subsidy-grants', `${HEADER}\n${grants.join('\n')}\n`).expect(201);
    await upload(
      'cpdl-licenses',
      'office_number,applied_on,starts_on,ends_on\n0770000002,2026-07-10,2026-07-15,\n0770000003,2026-07-10,2026-07-15,\n',
    ).expect(201);
    await upload('cpdl-usage', '事業所番号,年月,送信件数,受信件数\n0770000002,2026-09,3,0\n0770000003,2026-09,0,0\n').expect(201);
    const listed = (await http.get('/api/v1/subsidies/compliance').query({ program: 'treatment_addon_r8' }).expect(200)).body.data;
    expect(listed.map((c: { office_number: string; condition_code: string }) => `${c.office_number} ${c.condition_code}`)).toEqual([
      '0770000003 r8_addon_cpdl_usage',
      '4570000002 r8_addon_cpdl_join',
      '4570000002 r8_addon_cpdl_usage',
    ]);
    expect(listed[0]).toMatchObject({ condition_kind: 'report_usage_by_deadline', programs: 'treatment_addon_r8', deadline: '2027-03-31' });
    const byCondition = await http
      .get('/api/v1/subsidies/compliance')
      .query({ program: 'treatment_addon_r8', condition: 'r8_addon_cpdl_join' });
    expect(byCondition.body.data.map((c: { office_number: string }) => c.office_number)).toEqual(['4570000002']);
    const unknown = await http.get('/api/v1/subsidies/compliance').query({ program: 'tech_nope' }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'INVALID_PARAMETER', message_ja: expect.stringContaining('treatment_addon_r8') });
    expect(unknown.body.programs).toContain('treatment_addon_r8');
  });
});
