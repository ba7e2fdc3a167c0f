import { usageJob } from '../../jobs/job-definitions.js';
import { invariantViolations, readTable, runJobSql, withDuckDb } from '../support/duckdb-fixture.js';

/**
 * Hand-worked fixture, months 2025-05 and 2025-06. M1 (07): a1 licensed since 2025-04 (exchanges 3+2 in
 * May, 0 in June), a2 licensed from 2025-06-10 (4 in June), a3 never licensed (its 9 exchanges do not
 * count), f1 a facility (does not count). M2 (13): b1 licensed, active both months (1 / 10).
 */
describe('sql/usage/usage_summary.sql', () => {
  it('counts licensed and active offices, exchanges per active office and the active share', async () => {
    const r = await withDuckDb(async (duck) => {
      await duck.run(`
        CREATE TABLE service_types AS SELECT * FROM (VALUES ('110',true),('510',false)) t(code, counts_toward_adoption);
        CREATE TABLE care_offices AS SELECT * FROM (VALUES
          ('a1','110','07A001',DATE '2020-01-01',NULL::DATE), ('a2','110','07A001',DATE '2020-01-01',NULL),
          ('a3','110','07A001',DATE '2020-01-01',NULL), ('f1','510','07A001',DATE '2020-01-01',NULL),
          ('b1','110','13B001',DATE '2020-01-01',NULL)) t(office_number, service_type_code, municipality_code, designated_on, abolished_on);
        CREATE TABLE cpdl_licenses AS SELECT * FROM (VALUES
          ('a1',DATE '2025-04-01',NULL::DATE), ('a2',DATE '2025-06-10',NULL), ('f1',DATE '2025-01-01',NULL), ('b1',DATE '2025-01-01',NULL)
        ) t(office_number, starts_on, ends_on);
        CREATE TABLE cpdl_usage AS SELECT * FROM (VALUES
          ('a1','2025-05',3,2), ('a1','2025-06',0,0), ('a2','2025-06',1,3), ('a3','2025-06',5,4), ('f1','2025-06',7,7),
          ('b1','2025-05',1,0), ('b1','2025-06',6,4)) t(office_number, month, sent, received);`);
      await runJobSql(duck, usageJob);
      const rule = { expressions: ['active_offices <= licensed_offices', 'active_share BETWEEN 0 AND 1', 'exchanges >= 0'] };
      return {
        violations: [
          ...(await invariantViolations(duck, 'usage_municipality', { ...rule, unique: ['as_of', 'municipality_code'] })),
          ...(await invariantViolations(duck, 'usage_prefecture', { ...rule, unique: ['as_of', 'prefecture_code'] })),
          ...(await invariantViolations(duck, 'usage_national', { ...rule, unique: ['as_of'] })),
        ],
        m: await readTable(duck, 'SELECT * FROM usage_municipality ORDER BY as_of, municipality_code'),
        p: await readTable(duck, 'SELECT * FROM usage_prefecture ORDER BY as_of, prefecture_code'),
        n: await readTable(duck, 'SELECT * FROM usage_national ORDER BY as_of'),
      };
    });
    expect(r.violations).toEqual([]);
    expect(r.m).toEqual([
      {
        as_of: '2025-05-31',
        municipality_code: '07A001',
        prefecture_code: '07',
        licensed_offices: 1,
        active_offices: 1,
        exchanges: 5,
        exchanges_per_active: 5,
        active_share: 1,
      },
      {
        as_of: '2025-05-31',
        municipality_code: '13B001',
        prefecture_code: '13',
        licensed_offices: 1,
        active_offices: 1,
        exchanges: 1,
        exchanges_per_active: 1,
        active_share: 1,
      },
      {
        as_of: '2025-06-30',
        municipality_code: '07A001',
        prefecture_code: '07',
        licensed_offices: 2,
        active_offices: 1,
        exchanges: 4,
        exchanges_per_active: 4,
        active_share: 0.5,
      },
      {
        as_of: '2025-06-30',
        municipality_code: '13B001',
        prefecture_code: '13',
        licensed_offices: 1,
        active_offices: 1,
        exchanges: 10,
        exchanges_per_active: 10,
        active_share: 1,
      },
    ]);
    expect(r.p.filter((x) => x.as_of === '2025-06-30').map((x) => [x.prefecture_code, x.licensed_offices, x.active_offices])).toEqual([
      ['07', 2, 1],
      ['13', 1, 1],
    ]);
    expect(r.n).toEqual([
      { as_of: '2025-05-31', licensed_offices: 2, active_offices: 2, exchanges: 6, exchanges_per_active: 3, active_share: 1 },
      { as_of: '2025-06-30', licensed_offices: 3, active_offices: 2, exchanges: 14, exchanges_per_active: 7, active_share: 2 / 3 },
    ]);
  });
});
