import type { DuckDBConnection } from '@duckdb/node-api';
import { standardizationJob } from '../../jobs/job-definitions.js';
import { AT_RISK_REASONS } from '../../api/src/standardization/at-risk-reasons.js';
import { invariantViolations, readTable, runJobSql, setAsOf, withDuckDb } from '../support/duckdb-fixture.js';

/**
 * Hand-worked fixture, run on 2026-06-30. W1 special ward (FY2027, vendor B, every step planned in time but
 * 情報共有開始 on 2028-04-07, after full operation),
 * C1 core city (undecided, no milestones), T1 village (FY2025, vendor A, three steps done),
 * T2 city (FY2028+, vendor A, step ① planned 2026-03-01 not done, ③ planned after 2028-04-01),
 * T3 town (did not answer, no milestones).
 */
async function load(duck: DuckDBConnection, conformanceDate: string) {
  await duck.run(`
    CREATE TABLE municipalities AS SELECT * FROM (VALUES
      ('W1','13','special_ward',NULL::DATE,NULL::DATE), ('C1','07','core_city',NULL,NULL), ('T1','07','village',NULL,NULL),
      ('T2','07','city',NULL,NULL), ('T3','07','town',NULL,NULL)) t(code, prefecture_code, class, valid_from, valid_to);
    CREATE TABLE survey_rounds AS SELECT '2025-02' AS round, DATE '2025-02-14' AS conducted_on;
    CREATE TABLE survey_responses AS SELECT * FROM (VALUES
      ('2025-02','W1',true,'difficult','FY2027'), ('2025-02','C1',true,'difficult','UNDECIDED'),
      ('2025-02','T1',true,'possible','FY2025'), ('2025-02','T2',true,'difficult','FY2028_OR_LATER'),
      ('2025-02','T3',false,NULL,NULL)) t(round, municipality_code, answered, fy2025_migration, planned_period);
    CREATE TABLE standardization_milestones AS SELECT * FROM (VALUES
      ('T1','migration',DATE '2025-10-01',DATE '2025-09-20','ベンダーA'), ('T1','modification',DATE '2026-01-01',DATE '2026-02-01','ベンダーA'),
      ('T1','transmission_start',DATE '2026-04-01',DATE '2026-04-10','ベンダーA'), ('T1','data_migration',DATE '2026-09-01',NULL,'ベンダーA'),
      ('T1','sharing_start',DATE '2026-10-01',NULL,'ベンダーA'),
      ('W1','migration',DATE '2027-06-01',NULL,'ベンダーB'), ('W1','modification',DATE '2027-09-01',NULL,'ベンダーB'),
      ('W1','transmission_start',DATE '2027-10-01',NULL,'ベンダーB'), ('W1','data_migration',DATE '2028-01-15',NULL,'ベンダーB'),
      ('W1','sharing_start',DATE '2028-04-07',NULL,'ベンダーB'),
      ('T2','migration',DATE '2026-03-01',NULL,'ベンダーA'), ('T2','data_migration',DATE '2028-06-01',NULL,'ベンダーA')
    ) t(municipality_code, step, planned_on, completed_on, vendor);
    CREATE TABLE settings AS SELECT * FROM (VALUES
      ('conformance_date','2028-04-01',DATE '2025-01-01',NULL::DATE), ('full_operation_date','2028-04-01',DATE '2025-01-01',NULL),
      ('law_in_force_date','2026-04-01',DATE '2025-01-01',NULL), ('conformance_date','${conformanceDate}',DATE '2026-01-01',NULL)
    ) t(key, value, valid_from, valid_to);`);
}

async function run(conformanceDate = '2028-04-01') {
  return withDuckDb(async (duck) => {
    await load(duck, conformanceDate);
    await setAsOf(duck, '2026-06-30');
    await runJobSql(duck, standardizationJob);
    const steps = ['migration', 'modification', 'transmission_start', 'data_migration', 'sharing_start', 'completed'];
    const violations = [
      ...(await invariantViolations(duck, 'survey_breakdown', {
        unique: ['round', 'group_kind', 'group_key'],
        acceptedValues: { group_kind: ['national', 'class', 'prefecture'] },
        expressions: [
          'answered <= asked',
          'possible + difficult = answered',
          'gave_period + undecided = answered',
          'fy2025 + fy2026 + fy2027 + fy2028_or_later = gave_period',
          'cumulative_by_fy2025 <= cumulative_by_fy2026',
          'cumulative_by_fy2026 <= cumulative_by_fy2027',
        ],
      })),
      ...(await invariantViolations(duck, 'standardization_progress', {
        unique: ['as_of', 'municipality_code'],
        notNull: ['prefecture_code', 'steps_completed', 'days_late'],
        acceptedValues: { current_step: steps },
        expressions: ['steps_completed BETWEEN 0 AND 5', 'days_late >= 0'],
      })),
      ...(await invariantViolations(duck, 'standardization_funnel', {
        unique: ['as_of', 'group_kind', 'group_key'],
        expressions: ['migration_done <= municipalities', 'sharing_start_done <= municipalities'],
      })),
      ...(await invariantViolations(duck, 'standardization_at_risk', {
        unique: ['as_of', 'municipality_code', 'reason'],
        acceptedValues: {
          reason: [...AT_RISK_REASONS],
        },
        expressions: [
          "(reason = 'overdue') = (days_late IS NOT NULL)",
          "(reason IN ('migration_after_conformance', 'data_migration_late', 'step_after_full_operation')) = (deadline IS NOT NULL)",
          "(reason = 'step_after_full_operation') <= (planned_on > deadline)",
        ],
      })),
    ];
    return {
      violations,
      breakdown: await readTable(duck, 'SELECT * FROM survey_breakdown'),
      progress: await readTable(
        duck,
        `SELECT municipality_code, vendor, current_step, steps_completed, days_late FROM standardization_progress WHERE as_of = DATE '2026-06-30' ORDER BY 1`,
      ),
      funnel: await readTable(
        duck,
        `SELECT * EXCLUDE (as_of) FROM standardization_funnel WHERE as_of = DATE '2026-06-30' ORDER BY group_kind, group_key`,
      ),
      atRisk: await readTable(
        duck,
        `SELECT municipality_code, reason, survey_round, step, planned_on, deadline, days_late FROM standardization_at_risk
         WHERE as_of = DATE '2026-06-30' ORDER BY 1, 2`,
      ),
      atRiskBefore: await readTable(
        duck,
        `SELECT municipality_code, reason FROM standardization_at_risk WHERE as_of = DATE '2025-06-30' ORDER BY 1, 2`,
      ),
      atRiskDates: await readTable(duck, 'SELECT DISTINCT as_of FROM standardization_at_risk ORDER BY 1'),
      t1Completions: await readTable(
        duck,
        `SELECT as_of, migration_completed, modification_completed, transmission_start_completed FROM standardization_progress
         WHERE municipality_code = 'T1' AND as_of IN (DATE '2025-06-30', DATE '2025-12-31', DATE '2026-06-30') ORDER BY 1`,
      ),
    };
  });
}

describe('sql/standardization', () => {
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    r = await run();
  });
  const group = (kind: string, key: string) => r.breakdown.find((b) => b.group_kind === kind && b.group_key === key);

  it('breaks the survey down nationally with the seed denominators', () => {
    expect(group('national', 'all')).toEqual({
      round: '2025-02',
      group_kind: 'national',
      group_key: 'all',
      asked: 5,
      answered: 4,
      response_rate: 0.8,
      possible: 1,
      difficult: 3,
      difficult_share: 0.75,
      gave_period: 3,
      undecided: 1,
      fy2025: 1,
      fy2026: 0,
      fy2027: 1,
      fy2028_or_later: 1,
      cumulative_by_fy2025: 1 / 3,
      cumulative_by_fy2026: 1 / 3,
      cumulative_by_fy2027: 2 / 3,
      share_fy2028_or_later: 1 / 3,
    });
  });

  it('breaks it down by the seed population groups and by prefecture', () => {
    expect(group('class', 'designated_or_ward')).toMatchObject({ asked: 1, answered: 1, difficult_share: 1, cumulative_by_fy2027: 1 });
    expect(group('class', 'core_city')).toMatchObject({ asked: 1, undecided: 1, gave_period: 0, cumulative_by_fy2026: null });
    expect(group('class', 'other')).toMatchObject({
      asked: 3,
      answered: 2,
      response_rate: 2 / 3,
      difficult_share: 0.5,
      cumulative_by_fy2025: 0.5,
      share_fy2028_or_later: 0.5,
    });
    expect(group('prefecture', '07')).toMatchObject({ asked: 4, answered: 3, undecided: 1, gave_period: 2 });
    expect(r.breakdown).toHaveLength(1 + 3 + 2);
  });

  it("tracks each municipality's current step and days late", () => {
    expect(r.progress).toEqual([
      { municipality_code: 'C1', vendor: null, current_step: 'migration', steps_completed: 0, days_late: 0 },
      { municipality_code: 'T1', vendor: 'ベンダーA', current_step: 'data_migration', steps_completed: 3, days_late: 0 },
      { municipality_code: 'T2', vendor: 'ベンダーA', current_step: 'migration', steps_completed: 0, days_late: 121 },
      { municipality_code: 'T3', vendor: null, current_step: 'migration', steps_completed: 0, days_late: 0 },
      { municipality_code: 'W1', vendor: 'ベンダーB', current_step: 'migration', steps_completed: 0, days_late: 0 },
    ]);
  });

  it('shows a completion only on dates on or after it: T1 on 2025-06-30 has none, on 2025-12-31 only ① (done 2025-09-20)', () => {
    expect(r.t1Completions).toEqual([
      { as_of: '2025-06-30', migration_completed: null, modification_completed: null, transmission_start_completed: null },
      { as_of: '2025-12-31', migration_completed: '2025-09-20', modification_completed: null, transmission_start_completed: null },
      {
        as_of: '2026-06-30',
        migration_completed: '2025-09-20',
        modification_completed: '2026-02-01',
        transmission_start_completed: '2026-04-10',
      },
    ]);
  });

  it('counts the funnel nationally, per prefecture and per vendor', () => {
    const zero = { transmission_start_done: 0, data_migration_done: 0, sharing_start_done: 0 };
    expect(r.funnel).toEqual([
      {
        group_kind: 'national',
        group_key: 'all',
        municipalities: 5,
        migration_done: 1,
        modification_done: 1,
        transmission_start_done: 1,
        data_migration_done: 0,
        sharing_start_done: 0,
      },
      {
        group_kind: 'prefecture',
        group_key: '07',
        municipalities: 4,
        migration_done: 1,
        modification_done: 1,
        transmission_start_done: 1,
        data_migration_done: 0,
        sharing_start_done: 0,
      },
      { group_kind: 'prefecture', group_key: '13', municipalities: 1, migration_done: 0, modification_done: 0, ...zero },
      {
        group_kind: 'vendor',
        group_key: 'ベンダーA',
        municipalities: 2,
        migration_done: 1,
        modification_done: 1,
        transmission_start_done: 1,
        data_migration_done: 0,
        sharing_start_done: 0,
      },
      { group_kind: 'vendor', group_key: 'ベンダーB', municipalities: 1, migration_done: 0, modification_done: 0, ...zero },
      { group_kind: 'vendor', group_key: '（未登録）', municipalities: 2, migration_done: 0, modification_done: 0, ...zero },
    ]);
  });

  it("keeps the marts' invariants", () => {
    expect(r.violations).toEqual([]);
  });

  it('lists every at-risk municipality with its reasons', () => {
    expect(r.atRisk.map((a) => [a.municipality_code, a.reason])).toEqual([
      ['C1', 'data_migration_late'],
      ['C1', 'migration_after_conformance'],
      ['C1', 'undecided'],
      ['T2', 'data_migration_late'],
      ['T2', 'overdue'],
      ['T2', 'planned_fy2028_or_later'],
      ['T3', 'data_migration_late'],
      ['T3', 'migration_after_conformance'],
      ['W1', 'step_after_full_operation'],
    ]);
    expect(r.atRisk.find((a) => a.reason === 'step_after_full_operation')).toMatchObject({
      step: 'sharing_start',
      planned_on: '2028-04-07',
      deadline: '2028-04-01',
    });
    expect(r.atRisk.find((a) => a.reason === 'overdue')).toMatchObject({ municipality_code: 'T2', days_late: 121 });
    expect(r.atRisk.find((a) => a.reason === 'planned_fy2028_or_later')).toMatchObject({ survey_round: '2025-02' });
  });

  it('grows the list when the conformance date moves earlier', async () => {
    const earlier = await run('2027-04-01');
    expect(earlier.atRisk.length).toBe(r.atRisk.length + 1);
    expect(earlier.atRisk).toContainEqual(
      expect.objectContaining({
        municipality_code: 'W1',
        reason: 'migration_after_conformance',
        planned_on: '2027-06-01',
        deadline: '2027-04-01',
      }),
    );
  });

  it('lists at-risk municipalities on every progress date (37 month ends 2025-04..2028-04; the run date is one of them)', () => {
    expect(r.atRiskDates).toHaveLength(37);
    expect(r.atRiskDates[0]).toEqual({ as_of: '2025-04-30' });
  });

  it('judges an earlier date by what was planned and done by then: T2 is not yet overdue on 2025-06-30', () => {
    expect(r.atRiskBefore.map((a) => [a.municipality_code, a.reason])).toEqual([
      ['C1', 'data_migration_late'],
      ['C1', 'migration_after_conformance'],
      ['C1', 'undecided'],
      ['T2', 'data_migration_late'],
      ['T2', 'planned_fy2028_or_later'],
      ['T3', 'data_migration_late'],
      ['T3', 'migration_after_conformance'],
      ['W1', 'step_after_full_operation'],
    ]);
  });
});
