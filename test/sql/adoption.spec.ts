import type { DuckDBConnection } from '@duckdb/node-api';
import { adoptionJob } from '../../jobs/job-definitions.js';
import { invariantViolations, readTable, runJobSql, setAsOf, withDuckDb } from '../support/duckdb-fixture.js';

/**
 * Hand-worked fixture (target 30%). Municipalities: A 07 city (10 counted offices + 1 facility that
 * does not count), B 07 village (b3 opens 2025-04-15, b1's licence ended 2025-03-15), C 13 special
 * ward (c7 abolished 2025-03-01), D 07 core city with no offices, E 07 city with 5 offices, none applied.
 */
async function loadFixture(duck: DuckDBConnection): Promise<void> {
  await duck.run(`
    CREATE TABLE municipalities AS SELECT * FROM (VALUES
      ('A00001','07','city',NULL::DATE,NULL::DATE), ('B00001','07','village',NULL,NULL),
      ('C00001','13','special_ward',NULL,NULL), ('D00001','07','core_city',NULL,NULL), ('E00001','07','city',NULL,NULL)
    ) t(code, prefecture_code, class, valid_from, valid_to);
    CREATE TABLE service_types AS SELECT * FROM (VALUES ('430',true),('110',true),('510',false)) t(code, counts_toward_adoption);
    CREATE TABLE settings AS SELECT 'cpdl_target_rate' AS key, '0.30' AS value, DATE '2023-04-01' AS valid_from, NULL::DATE AS valid_to;
    CREATE TABLE previous_as_of_dates AS SELECT DATE '2025-04-15' AS as_of;
    CREATE TABLE care_offices AS
      SELECT 'a' || i AS office_number, CASE WHEN i = 11 THEN '510' WHEN i % 2 = 0 THEN '110' ELSE '430' END AS service_type_code,
             'A00001' AS municipality_code, DATE '2020-01-01' AS designated_on, NULL::DATE AS abolished_on FROM range(1, 12) r(i)
      UNION ALL SELECT 'b' || i, '110', 'B00001', CASE WHEN i = 3 THEN DATE '2025-04-15' ELSE DATE '2020-01-01' END, NULL FROM range(1, 4) r(i)
      UNION ALL SELECT 'c' || i, '110', 'C00001', DATE '2020-01-01', CASE WHEN i = 7 THEN DATE '2025-03-01' END FROM range(1, 8) r(i)
      UNION ALL SELECT 'e' || i, '430', 'E00001', DATE '2020-01-01', NULL FROM range(1, 6) r(i);
    CREATE TABLE cpdl_licenses AS SELECT * FROM (VALUES
      ('a1', DATE '2025-01-10', DATE '2025-01-20', NULL::DATE),
      ('a2', DATE '2025-02-01', DATE '2025-02-01', NULL),
      ('a3', DATE '2025-03-31', DATE '2025-04-05', NULL),
      ('a4', DATE '2025-04-01', DATE '2025-04-01', NULL),
      ('a11', DATE '2025-01-01', DATE '2025-01-01', NULL),
      ('b1', DATE '2024-12-01', DATE '2024-12-01', DATE '2025-03-15'),
      ('c1', DATE '2025-02-10', DATE '2025-02-10', NULL)
    ) t(office_number, applied_on, starts_on, ends_on);`);
}

async function runAdoption(asOf: string) {
  return withDuckDb(async (duck) => {
    await loadFixture(duck);
    await setAsOf(duck, asOf);
    await runJobSql(duck, adoptionJob);
    const measures = {
      notNull: ['as_of', 'target_offices', 'applied_offices', 'in_force_offices', 'offices_needed', 'target_rate'],
      expressions: [
        'applied_offices <= target_offices',
        'in_force_offices <= applied_offices',
        'offices_needed >= 0',
        'application_rate = applied_offices / target_offices',
        '(target_offices = 0) = (application_rate IS NULL)',
        'meets_target = (offices_needed = 0)',
      ],
    };
    const violations = [
      ...(await invariantViolations(duck, 'adoption_municipality', {
        ...measures,
        unique: ['as_of', 'municipality_code'],
        notNull: [...measures.notNull, 'municipality_code', 'prefecture_code', 'class'],
        acceptedValues: { size_band: ['1-9', '10-29', '30-99', '100-299', '300-999', '1000+'] },
        expressions: [...measures.expressions, 'percentile_in_class BETWEEN 0 AND 1'],
      })),
      ...(await invariantViolations(duck, 'adoption_prefecture', { ...measures, unique: ['as_of', 'prefecture_code'] })),
      ...(await invariantViolations(duck, 'adoption_class', { ...measures, unique: ['as_of', 'class'] })),
      ...(await invariantViolations(duck, 'adoption_national', { ...measures, unique: ['as_of'] })),
    ];
    return {
      violations,
      dates: await readTable(duck, 'SELECT as_of FROM stg_adoption_dates'),
      municipality: await readTable(
        duck,
        `SELECT * EXCLUDE (prefecture_code, class, target_rate) FROM adoption_municipality ORDER BY as_of, municipality_code`,
      ),
      prefecture: await readTable(duck, `SELECT * EXCLUDE (target_rate) FROM adoption_prefecture ORDER BY as_of, prefecture_code`),
      cls: await readTable(duck, `SELECT * EXCLUDE (target_rate) FROM adoption_class ORDER BY as_of, class`),
      national: await readTable(duck, `SELECT * EXCLUDE (target_rate) FROM adoption_national ORDER BY as_of`),
    };
  });
}

describe('sql/adoption', () => {
  let result: Awaited<ReturnType<typeof runAdoption>>;
  beforeAll(async () => {
    result = await runAdoption('2025-04-30');
  });
  const at = <T extends Record<string, unknown>>(rows: T[], asOf: string) => rows.filter((r) => r.as_of === asOf);

  it('computes every month end since 2023-04, the run date and earlier requested dates', () => {
    const dates = result.dates.map((d) => d.as_of);
    expect(dates).toHaveLength(26); // 25 month ends 2023-04..2025-04 + 2025-04-15
    expect(dates[0]).toBe('2023-04-30');
    expect(dates).toContain('2024-02-29');
    expect(dates).toContain('2025-04-15');
    expect(dates[dates.length - 1]).toBe('2025-04-30');
  });

  it('per municipality at 2025-03-31: counts, exact 30% boundary, rank, percentile and offices needed', () => {
    expect(at(result.municipality, '2025-03-31')).toEqual([
      {
        as_of: '2025-03-31',
        municipality_code: 'A00001',
        target_offices: 10,
        applied_offices: 3,
        in_force_offices: 2,
        application_rate: 0.3,
        usage_rate: 0.2,
        meets_target: true,
        size_band: '10-29',
        rank_in_prefecture: 2,
        percentile_in_class: 1,
        offices_needed: 0,
      },
      {
        as_of: '2025-03-31',
        municipality_code: 'B00001',
        target_offices: 2,
        applied_offices: 1,
        in_force_offices: 0,
        application_rate: 0.5,
        usage_rate: 0,
        meets_target: true,
        size_band: '1-9',
        rank_in_prefecture: 1,
        percentile_in_class: 0,
        offices_needed: 0,
      },
      {
        as_of: '2025-03-31',
        municipality_code: 'C00001',
        target_offices: 6,
        applied_offices: 1,
        in_force_offices: 1,
        application_rate: 1 / 6,
        usage_rate: 1 / 6,
        meets_target: false,
        size_band: '1-9',
        rank_in_prefecture: 1,
        percentile_in_class: 0,
        offices_needed: 1,
      },
      {
        as_of: '2025-03-31',
        municipality_code: 'D00001',
        target_offices: 0,
        applied_offices: 0,
        in_force_offices: 0,
        application_rate: null,
        usage_rate: null,
        meets_target: null,
        size_band: null,
        rank_in_prefecture: null,
        percentile_in_class: null,
        offices_needed: 0,
      },
      {
        as_of: '2025-03-31',
        municipality_code: 'E00001',
        target_offices: 5,
        applied_offices: 0,
        in_force_offices: 0,
        application_rate: 0,
        usage_rate: 0,
        meets_target: false,
        size_band: '1-9',
        rank_in_prefecture: 3,
        percentile_in_class: 0,
        offices_needed: 2,
      },
    ]);
  });

  it('per municipality at 2025-04-30: new office counted, late start in force', () => {
    const rows = at(result.municipality, '2025-04-30');
    expect(rows.find((r) => r.municipality_code === 'A00001')).toMatchObject({
      target_offices: 10,
      applied_offices: 4,
      in_force_offices: 4,
    });
    expect(rows.find((r) => r.municipality_code === 'B00001')).toMatchObject({
      target_offices: 3,
      applied_offices: 1,
      meets_target: true,
      offices_needed: 0,
    });
  });

  it('rolls up by prefecture, class and nation as ratios of sums', () => {
    expect(at(result.prefecture, '2025-03-31')).toEqual([
      {
        as_of: '2025-03-31',
        prefecture_code: '07',
        target_offices: 17,
        applied_offices: 4,
        in_force_offices: 2,
        municipalities: 4,
        municipalities_meeting_target: 2,
        offices_needed: 2,
        application_rate: 4 / 17,
        usage_rate: 2 / 17,
        meets_target: false,
      },
      {
        as_of: '2025-03-31',
        prefecture_code: '13',
        target_offices: 6,
        applied_offices: 1,
        in_force_offices: 1,
        municipalities: 1,
        municipalities_meeting_target: 0,
        offices_needed: 1,
        application_rate: 1 / 6,
        usage_rate: 1 / 6,
        meets_target: false,
      },
    ]);
    expect(at(result.cls, '2025-03-31').find((r) => r.class === 'city')).toEqual({
      as_of: '2025-03-31',
      class: 'city',
      target_offices: 15,
      applied_offices: 3,
      in_force_offices: 2,
      municipalities: 2,
      municipalities_meeting_target: 1,
      offices_needed: 2,
      application_rate: 0.2,
      usage_rate: 2 / 15,
      meets_target: false,
    });
    expect(at(result.national, '2025-03-31')).toEqual([
      {
        as_of: '2025-03-31',
        target_offices: 23,
        applied_offices: 5,
        in_force_offices: 3,
        municipalities: 5,
        municipalities_meeting_target: 2,
        offices_needed: 3,
        application_rate: 5 / 23,
        usage_rate: 3 / 23,
        meets_target: false,
      },
    ]);
    expect(at(result.national, '2025-04-30')[0]).toMatchObject({
      target_offices: 24,
      applied_offices: 6,
      in_force_offices: 5,
      offices_needed: 3,
    });
  });

  it('keeps its invariants on every date', () => {
    expect(result.violations).toEqual([]);
    for (const n of result.national) {
      const prefectures = at(result.prefecture, n.as_of as string).reduce((s, p) => s + (p.target_offices as number), 0);
      const classes = at(result.cls, n.as_of as string).reduce((s, p) => s + (p.target_offices as number), 0);
      expect(prefectures).toBe(n.target_offices);
      expect(classes).toBe(n.target_offices);
    }
  });
});

describe('sql/staging/stg_adoption_dates.sql in an incremental run', () => {
  /** Dates an earlier run held: every month end 2023-04..2025-03 and 2025-04-15; this run is for 2025-04-30. */
  async function datesFor(recomputeFrom: string) {
    return withDuckDb(async (duck) => {
      await duck.run(`CREATE TABLE previous_as_of_dates AS
        SELECT last_day(cast(m AS DATE)) AS as_of FROM range(DATE '2023-04-01', DATE '2025-04-01', INTERVAL 1 MONTH) t(m)
        UNION ALL SELECT DATE '2025-04-15'`);
      await setAsOf(duck, '2025-04-30');
      await duck.run(`SET VARIABLE recompute_from = DATE '${recomputeFrom}'`);
      await runJobSql(duck, { sql: ['staging/stg_adoption_dates.sql'] });
      return (await readTable(duck, 'SELECT as_of FROM stg_adoption_dates')).map((d) => d.as_of);
    });
  }

  it('keeps the dates from recompute_from on and the dates not computed yet', async () => {
    expect(await datesFor('2025-03-10')).toEqual(['2025-03-31', '2025-04-15', '2025-04-30']);
  });

  it('with nothing changed (recompute_from far ahead), only the new run date', async () => {
    expect(await datesFor('9999-12-31')).toEqual(['2025-04-30']);
  });
});
