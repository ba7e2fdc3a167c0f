import type { DuckDBConnection } from '@duckdb/node-api';
import { subsidiesJob } from '../../jobs/job-definitions.js';
import { invariantViolations, readTable, runJobSql, setAsOf, withDuckDb } from '../support/duckdb-fixture.js';

/**
 * Hand-worked fixture. M1 (07): o1, o2 home care, both subsidised (o1 licensed 2025-06-01).
 * M2 (07): o3 a facility and o4 home care (licensed only 2026-05-01, after the deadline), both
 * subsidised, and a care-plan linkage model region. M3 (13): o5 subsidised, never licensed. M4: nothing.
 */
async function load(duck: DuckDBConnection) {
  await duck.run(`
    CREATE TABLE subsidy_programs AS SELECT * FROM (VALUES
      ('tech_software','technology'), ('cpdl_model_region','cpdl_model_region')) t(code, category);
    CREATE TABLE subsidy_conditions AS SELECT * FROM (VALUES
      ('cpdl_start', 'join_by_deadline', DATE '2026-03-31', NULL::VARCHAR, false)) t(code, kind, deadline, service_type_codes, pledge_counts);
    CREATE TABLE subsidy_program_conditions AS SELECT * FROM (VALUES ('tech_software','cpdl_start')) t(program_code, condition_code);
    CREATE TABLE service_types AS SELECT * FROM (VALUES ('110',true),('430',true),('510',false)) t(code, counts_toward_adoption);
    CREATE TABLE care_offices AS SELECT *, NULL::VARCHAR AS phone, NULL::VARCHAR AS address, DATE '2020-01-01' AS designated_on, NULL::DATE AS abolished_on FROM (VALUES
      ('o1','事業所1','110','M1'), ('o2','事業所2','110','M1'), ('o3','施設3','510','M2'), ('o4','事業所4','110','M2'), ('o5','事業所5','110','M3')
    ) t(office_number, name, service_type_code, municipality_code);
    CREATE TABLE cpdl_licenses AS SELECT * FROM (VALUES ('o1', DATE '2025-06-01'), ('o4', DATE '2026-05-01')) t(office_number, applied_on);
    CREATE TABLE subsidy_grants AS SELECT * FROM (VALUES
      (2024,'07','M1','o1','tech_software',2000000,DATE '2025-02-10'),
      (2024,'07','M1','o2','tech_software',1000000,DATE '2025-03-01'),
      (2025,'07','M2','o3','tech_software',500000,DATE '2025-08-01'),
      (2025,'07','M2','o4','tech_software',500000,DATE '2025-08-01'),
      (2025,'13','M3','o5','tech_software',1500000,DATE '2025-09-01'),
      (2025,'07','M2',NULL,'cpdl_model_region',8500000,DATE '2025-07-01')
    ) t(fiscal_year, prefecture_code, municipality_code, office_number, program_code, amount, decided_on);
    ALTER TABLE subsidy_grants ADD COLUMN pledged_on DATE;
    CREATE TABLE adoption_municipality AS SELECT * FROM (VALUES
      (DATE '2024-12-31','M1',10,0), (DATE '2024-12-31','M2',20,1), (DATE '2024-12-31','M3',10,0), (DATE '2024-12-31','M4',40,3),
      (DATE '2025-01-31','M1',10,1), (DATE '2025-01-31','M2',20,2), (DATE '2025-01-31','M3',10,0), (DATE '2025-01-31','M4',40,4),
      (DATE '2025-12-15','M1',10,4), (DATE '2025-12-15','M2',20,3), (DATE '2025-12-15','M3',10,1), (DATE '2025-12-15','M4',40,5),
      (DATE '2025-12-31','M1',10,5), (DATE '2025-12-31','M2',20,4), (DATE '2025-12-31','M3',10,1), (DATE '2025-12-31','M4',40,6)
    ) t(as_of, municipality_code, target_offices, applied_offices);
    CREATE TABLE cpdl_usage (office_number VARCHAR, month VARCHAR, sent BIGINT, received BIGINT);`);
}

/**
 * The 令和7年度補正 wage programme's condition, hand-worked: it binds 居宅介護支援 (430) only, to join by
 * 2027-03-31, a written pledge counting until then. In M4 (none licensed): k1 pledged 2026-01-10, k2 no
 * pledge, k3 pledged 2026-08-01 (after the 2026-06-30 run), v1 訪問介護 (not bound).
 */
async function loadWageProgramme(duck: DuckDBConnection) {
  await duck.run(`
    INSERT INTO subsidy_programs VALUES ('wage','wage_improvement');
    INSERT INTO subsidy_conditions VALUES ('r7_wage', 'join_by_deadline', DATE '2027-03-31', '430', true);
    INSERT INTO subsidy_program_conditions VALUES ('wage','r7_wage');
    INSERT INTO care_offices (office_number, name, service_type_code, municipality_code, designated_on) VALUES
      ('k1','居宅1','430','M4',DATE '2020-01-01'), ('k2','居宅2','430','M4',DATE '2020-01-01'),
      ('k3','居宅3','430','M4',DATE '2020-01-01'), ('v1','訪問1','110','M4',DATE '2020-01-01');
    INSERT INTO subsidy_grants VALUES
      (2025,'07','M4','k1','wage',300000,DATE '2026-01-05',DATE '2026-01-10'),
      (2025,'07','M4','k2','wage',300000,DATE '2026-01-05',NULL),
      (2025,'07','M4','k3','wage',300000,DATE '2026-01-05',DATE '2026-08-01'),
      (2025,'07','M4','v1','wage',300000,DATE '2026-01-05',NULL);`);
}

/**
 * The 2026 fee revision's 処遇改善加算, hand-worked: one programme, two conditions on 訪問介護 (110) with the
 * deadline 2027-03-31 — join (licence applied by then) and report use (data sent or received in a month up to
 * the deadline's). In M4: a1 licensed 2026-07-01 and exchanged in 2026-09 (meets both from 2026-09);
 * a2 licensed 2026-07-01, logs only with zero exchanges (joined, no use to report); a3 never licensed;
 * a4 licensed, first exchange 2027-05 (after the deadline: too late); k4 居宅介護支援 (not bound).
 */
async function loadFeeAddonProgramme(duck: DuckDBConnection) {
  await duck.run(`
    INSERT INTO subsidy_programs VALUES ('addon','treatment_improvement');
    INSERT INTO subsidy_conditions VALUES
      ('r8_join', 'join_by_deadline', DATE '2027-03-31', '110', false),
      ('r8_usage', 'report_usage_by_deadline', DATE '2027-03-31', '110', false);
    INSERT INTO subsidy_program_conditions VALUES ('addon','r8_join'), ('addon','r8_usage');
    INSERT INTO care_offices (office_number, name, service_type_code, municipality_code, designated_on) VALUES
      ('a1','訪問A1','110','M4',DATE '2020-01-01'), ('a2','訪問A2','110','M4',DATE '2020-01-01'),
      ('a3','訪問A3','110','M4',DATE '2020-01-01'), ('a4','訪問A4','110','M4',DATE '2020-01-01'),
      ('k4','居宅4','430','M4',DATE '2020-01-01');
    INSERT INTO cpdl_licenses VALUES ('a1', DATE '2026-07-01'), ('a2', DATE '2026-07-01'), ('a4', DATE '2026-07-01');
    INSERT INTO cpdl_usage VALUES ('a1','2026-08',0,0), ('a1','2026-09',2,5), ('a2','2026-09',0,0), ('a4','2027-05',1,0), ('k4','2026-09',3,3);
    INSERT INTO subsidy_grants VALUES
      (2026,'07','M4','a1','addon',200000,DATE '2026-06-15',NULL),
      (2026,'07','M4','a2','addon',200000,DATE '2026-06-15',NULL),
      (2026,'07','M4','a3','addon',200000,DATE '2026-06-15',NULL),
      (2026,'07','M4','a4','addon',200000,DATE '2026-06-15',NULL),
      (2026,'07','M4','k4','addon',200000,DATE '2026-06-15',NULL);`);
}

async function run(asOf: string, withWageProgramme = false, withFeeAddon = false) {
  return withDuckDb(async (duck) => {
    await load(duck);
    if (withWageProgramme) await loadWageProgramme(duck);
    if (withFeeAddon) await loadFeeAddonProgramme(duck);
    await setAsOf(duck, asOf);
    await runJobSql(duck, subsidiesJob);
    const violations = [
      ...(await invariantViolations(duck, 'subsidy_summary', {
        unique: ['as_of', 'fiscal_year', 'prefecture_code', 'program_code'],
        expressions: ['amount > 0', 'offices <= grants', 'share_of_national BETWEEN 0 AND 1'],
      })),
      ...(await invariantViolations(duck, 'subsidy_compliance', {
        unique: ['office_number', 'condition_code'],
        acceptedValues: { status: ['overdue', 'pending'] },
      })),
      ...(await invariantViolations(duck, 'subsidy_effect', {
        unique: ['as_of', 'group_kind', 'group_key'],
        expressions: ['applied_before <= target_offices_before', 'applied_after <= target_offices_after', 'baseline <= as_of'],
      })),
    ];
    return {
      violations,
      summary: await readTable(duck, `SELECT * EXCLUDE (as_of) FROM subsidy_summary WHERE as_of = DATE '2026-06-30'`),
      summaryOn20250831: await readTable(duck, `SELECT * EXCLUDE (as_of) FROM subsidy_summary WHERE as_of = DATE '2025-08-31'`),
      summaryDates: await readTable(
        duck,
        'SELECT min(as_of) AS first, max(as_of) AS last, count(DISTINCT as_of) AS n FROM subsidy_summary',
      ),
      compliance: await readTable(duck, 'SELECT office_number, condition_code, programs, amount, status FROM subsidy_compliance'),
      conditions: await readTable(duck, 'SELECT office_number, condition_code, used_in, status FROM stg_subsidy_conditions ORDER BY 1, 2'),
      effect: await readTable(duck, 'SELECT * FROM subsidy_effect'),
    };
  });
}

describe('sql/subsidies', () => {
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    r = await run('2026-06-30');
  });

  it("keeps the marts' invariants", () => {
    expect(r.violations).toEqual([]);
  });

  // Hand-worked rows: [fiscal year, prefecture, programme, grants, offices, amount, share of the national amount].
  const rows = (...lines: [number, string, string, number, number, number, number][]) =>
    lines.map(([fiscal_year, prefecture_code, program_code, grants, offices, amount, share_of_national]) => ({
      fiscal_year,
      prefecture_code,
      program_code,
      grants,
      offices,
      amount,
      share_of_national,
    }));

  it('sums grants per fiscal year, prefecture and programme with the national share on the run date', () => {
    expect(r.summary).toEqual(
      rows(
        [2024, '07', 'tech_software', 2, 2, 3_000_000, 1],
        [2025, '07', 'cpdl_model_region', 1, 0, 8_500_000, 1],
        [2025, '07', 'tech_software', 2, 2, 1_000_000, 0.4],
        [2025, '13', 'tech_software', 1, 1, 1_500_000, 0.6],
      ),
    );
  });

  it('counts on each month end only the grants decided by then: 2025-08-31 has FY2024 and M2’s, not M3’s of 2025-09-01', () => {
    expect(r.summaryOn20250831).toEqual(
      rows(
        [2024, '07', 'tech_software', 2, 2, 3_000_000, 1],
        [2025, '07', 'cpdl_model_region', 1, 0, 8_500_000, 1],
        [2025, '07', 'tech_software', 2, 2, 1_000_000, 1],
      ),
    );
    // From the first grant's month (2025-02) on; the baseline 2025-01-31 has no grant decided, so no rows.
    expect(r.summaryDates).toEqual([{ first: '2025-02-28', last: '2026-06-30', n: 17 }]);
  });

  it('lists subsidised home-care offices with no licence applied by 2026-03-31', async () => {
    expect(r.compliance).toEqual([
      { office_number: 'o2', condition_code: 'cpdl_start', programs: 'tech_software', amount: 1000000, status: 'overdue' },
      { office_number: 'o4', condition_code: 'cpdl_start', programs: 'tech_software', amount: 500000, status: 'overdue' },
      { office_number: 'o5', condition_code: 'cpdl_start', programs: 'tech_software', amount: 1500000, status: 'overdue' },
    ]);
    const early = await run('2026-01-31');
    expect(early.compliance.map((c) => c.status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('counts a 居宅介護支援 office with a written pledge as meeting the 令和7年度補正 condition until its deadline, and lists those without one', async () => {
    const wage = await run('2026-06-30', true);
    expect(wage.violations).toEqual([]);
    expect(wage.conditions.filter((c) => c.condition_code === 'r7_wage')).toEqual([
      { office_number: 'k1', condition_code: 'r7_wage', used_in: null, status: 'pledged' },
      { office_number: 'k2', condition_code: 'r7_wage', used_in: null, status: 'pending' },
      { office_number: 'k3', condition_code: 'r7_wage', used_in: null, status: 'pending' }, // its pledge is dated after the run
    ]);
    expect(wage.compliance.filter((c) => c.condition_code === 'r7_wage').map((c) => [c.office_number, c.status])).toEqual([
      ['k2', 'pending'],
      ['k3', 'pending'],
    ]);
    // After the deadline a pledge no longer counts: without a licence, all three are overdue.
    const after = await run('2027-04-30', true);
    expect(after.compliance.filter((c) => c.condition_code === 'r7_wage').map((c) => [c.office_number, c.status])).toEqual([
      ['k1', 'overdue'],
      ['k2', 'overdue'],
      ['k3', 'overdue'],
    ]);
  });

  it('holds a programme to each of its conditions: joining by the deadline, and reporting use from the exchange logs', async () => {
    const statuses = (r: Awaited<ReturnType<typeof run>>) =>
      r.conditions
        .filter((c) => String(c.condition_code).startsWith('r8_'))
        .map((c) => `${c.office_number} ${c.condition_code} ${c.used_in ?? '-'} ${c.status}`);
    const august = await run('2026-08-31', false, true);
    expect(august.violations).toEqual([]);
    expect(statuses(august)).toEqual([
      'a1 r8_join - met',
      'a1 r8_usage - pending', // its August log holds no exchange
      'a2 r8_join - met',
      'a2 r8_usage - pending',
      'a3 r8_join - pending',
      'a3 r8_usage - pending',
      'a4 r8_join - met',
      'a4 r8_usage - pending',
    ]);
    expect(statuses(await run('2026-09-30', false, true))).toContain('a1 r8_usage 2026-09 met');
    // After the deadline: a2 never exchanged anything, a3 neither joined nor used it, a4 used it only in May 2027.
    const after = await run('2027-06-30', false, true);
    expect(after.compliance.filter((c) => c.programs === 'addon').map((c) => `${c.office_number} ${c.condition_code} ${c.status}`)).toEqual(
      ['a2 r8_usage overdue', 'a3 r8_join overdue', 'a3 r8_usage overdue', 'a4 r8_usage overdue'],
    );
  });

  it('compares adoption before and after for municipalities with and without subsidies and model regions', () => {
    const at = (kind: string, key: string) =>
      r.effect.find((e) => e.as_of === '2025-12-31' && e.group_kind === kind && e.group_key === key)!;
    expect(at('subsidy', 'with')).toMatchObject({
      baseline: '2025-01-31',
      municipalities: 3,
      target_offices_before: 40,
      applied_before: 3,
      applied_after: 10,
      rate_before: 0.075,
      rate_after: 0.25,
    });
    expect(at('subsidy', 'with').change).toBeCloseTo(0.175, 12);
    expect(at('subsidy', 'without')).toMatchObject({ municipalities: 1, rate_before: 0.1, rate_after: 0.15 });
    expect(at('subsidy', 'without').change).toBeCloseTo(0.05, 12);
    expect(at('model', 'with')).toMatchObject({ municipalities: 1, rate_before: 0.1, rate_after: 0.2 });
    expect(at('model', 'without')).toMatchObject({ municipalities: 3, rate_before: 5 / 60, rate_after: 0.2 });
    expect(at('combined', 'subsidy_with+model_without')).toMatchObject({ municipalities: 2, rate_before: 0.05, rate_after: 0.3 });
    expect(at('combined', 'subsidy_with+model_with')).toMatchObject({ municipalities: 1, rate_before: 0.1, rate_after: 0.2 });
    expect(at('combined', 'subsidy_without+model_with')).toBeUndefined();
  });

  it('covers month ends from the baseline only', () => {
    expect([...new Set(r.effect.map((e) => e.as_of))]).toEqual(['2025-01-31', '2025-12-31']);
    expect(r.effect.filter((e) => e.as_of === '2025-01-31').every((e) => e.change === 0)).toBe(true);
  });
});
