import { officesJob } from '../../jobs/job-definitions.js';
import { invariantViolations, readTable, runJobSql, setAsOf, withDuckDb } from '../support/duckdb-fixture.js';

/**
 * Hand-worked fixture, run on 2026-06-15. Exchange logs hold 2026-02..2026-05 and 2026-07, so the usage
 * window is 2026-03..2026-05 (2026-07 is after the run date's month).
 * M1: a1 holds 110 and 430, licence in force since 2025-02-01, exchanges 10 in Feb (outside the window),
 *     3 in Apr, 0 in May, 18 in Jul (after the run) → 3, last 2026-04.
 *     a2 applied 2026-06-01 (starts 2026-07-01) → 'applied'; its grant's deadline 2026-03-31 passed → 'overdue'.
 *     a3 no licence, grant due 2026-12-31 → 'pending'. a4 licence ended 2025-12-31, applied before its
 *     grant's deadline → 'ended', 'met'. a5 abolished 2026-01-31, a6 a facility (510), a7 designated only
 *     2026-07-01: not listed. a8 applies 2026-07-10, after the run → 'not_applied' with no dates.
 *     a9's 110 closed 2025-12-31, its 430 is open → listed with '430' only.
 * M2: b1 no licence, no grant → 'not_applied', 'none'.
 */
async function run() {
  return withDuckDb(async (duck) => {
    await duck.run(`
      CREATE TABLE service_types AS SELECT * FROM (VALUES ('110',true),('430',true),('510',false)) t(code, counts_toward_adoption);
      CREATE TABLE care_offices AS SELECT * FROM (VALUES
        ('a1','事業所1','110','07A001',DATE '2020-01-01',NULL::DATE), ('a1','事業所1','430','07A001',DATE '2021-01-01',NULL),
        ('a2','事業所2','110','07A001',DATE '2020-01-01',NULL), ('a3','事業所3','110','07A001',DATE '2020-01-01',NULL),
        ('a4','事業所4','110','07A001',DATE '2020-01-01',NULL), ('a5','事業所5','110','07A001',DATE '2020-01-01',DATE '2026-01-31'),
        ('a6','施設6','510','07A001',DATE '2020-01-01',NULL), ('a7','事業所7','110','07A001',DATE '2026-07-01',NULL),
        ('a8','事業所8','110','07A001',DATE '2020-01-01',NULL),
        ('a9','事業所9','110','07A001',DATE '2020-01-01',DATE '2025-12-31'), ('a9','事業所9','430','07A001',DATE '2020-01-01',NULL),
        ('b1','事業所B','110','13B001',DATE '2020-01-01',NULL)
      ) t(office_number, name, service_type_code, municipality_code, designated_on, abolished_on);
      ALTER TABLE care_offices ADD COLUMN phone VARCHAR;
      ALTER TABLE care_offices ADD COLUMN address VARCHAR;
      UPDATE care_offices SET phone = '0248-00-0001', address = '須賀川市八幡町1番地' WHERE office_number = 'a3';
      CREATE TABLE cpdl_licenses AS SELECT * FROM (VALUES
        ('a1',DATE '2025-01-10',DATE '2025-02-01',NULL::DATE), ('a2',DATE '2026-06-01',DATE '2026-07-01',NULL),
        ('a4',DATE '2024-01-01',DATE '2024-02-01',DATE '2025-12-31'), ('a8',DATE '2026-07-10',DATE '2026-08-01',NULL),
        ('a6',DATE '2024-01-01',DATE '2024-02-01',NULL)
      ) t(office_number, applied_on, starts_on, ends_on);
      CREATE TABLE subsidy_conditions AS SELECT * FROM (VALUES
        ('c2025','join_by_deadline',DATE '2026-03-31',NULL::VARCHAR,false), ('c2026','join_by_deadline',DATE '2026-12-31',NULL,false)
      ) t(code, kind, deadline, service_type_codes, pledge_counts);
      CREATE TABLE subsidy_program_conditions AS SELECT * FROM (VALUES ('p2025','c2025'), ('p2026','c2026')) t(program_code, condition_code);
      CREATE TABLE subsidy_grants AS SELECT * FROM (VALUES
        (2025,'07','07A001','a2','p2025',100,DATE '2025-08-01',NULL::DATE), (2026,'07','07A001','a3','p2026',100,DATE '2026-05-01',NULL),
        (2024,'07','07A001','a4','p2025',100,DATE '2025-01-01',NULL), (2025,'07','07A001',NULL,'model',900,DATE '2025-07-01',NULL)
      ) t(fiscal_year, prefecture_code, municipality_code, office_number, program_code, amount, decided_on, pledged_on);
      CREATE TABLE cpdl_usage AS SELECT * FROM (VALUES
        ('a1','2026-02',5,5), ('a1','2026-03',0,0), ('a1','2026-04',2,1), ('a1','2026-05',0,0), ('a1','2026-07',9,9),
        ('b1','2026-03',0,0)
      ) t(office_number, month, sent, received);`);
    await setAsOf(duck, '2026-06-15');
    await runJobSql(duck, officesJob);
    return {
      violations: await invariantViolations(duck, 'office_outreach', {
        unique: ['office_number'],
        notNull: ['office_name', 'municipality_code', 'service_type_codes', 'licence_status', 'subsidy_status', 'exchanges_3m'],
        acceptedValues: {
          licence_status: ['not_applied', 'applied', 'in_force', 'ended'],
          subsidy_status: ['none', 'met', 'pledged', 'pending', 'overdue'],
        },
        expressions: ["(licence_status = 'not_applied') = (applied_on IS NULL)", 'exchanges_3m >= 0'],
      }),
      rows: await readTable(
        duck,
        `SELECT office_number, phone, address, municipality_code, prefecture_code, service_type_codes, licence_status, applied_on, starts_on, ends_on,
                exchanges_3m, last_exchange_month, subsidy_deadline, subsidy_status
         FROM office_outreach ORDER BY office_number`,
      ),
      window: await readTable(duck, 'SELECT usage_from, usage_to FROM office_outreach_window'),
    };
  });
}

describe('sql/offices/office_outreach.sql', () => {
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    r = await run();
  });

  it('keeps its invariants', () => {
    expect(r.violations).toEqual([]);
  });

  it('lists the counted offices open on the run date, with licence, recent exchanges and the subsidy condition', () => {
    const row = (
      office: string,
      codes: string,
      licence: string,
      dates: (string | null)[],
      ex: number,
      last: string | null,
      deadline: string | null,
      subsidy: string,
    ) => ({
      office_number: office,
      phone: office === 'a3' ? '0248-00-0001' : null,
      address: office === 'a3' ? '須賀川市八幡町1番地' : null,
      municipality_code: office === 'b1' ? '13B001' : '07A001',
      prefecture_code: office === 'b1' ? '13' : '07',
      service_type_codes: codes,
      licence_status: licence,
      applied_on: dates[0],
      starts_on: dates[1],
      ends_on: dates[2],
      exchanges_3m: ex,
      last_exchange_month: last,
      subsidy_deadline: deadline,
      subsidy_status: subsidy,
    });
    expect(r.rows).toEqual([
      row('a1', '110,430', 'in_force', ['2025-01-10', '2025-02-01', null], 3, '2026-04', null, 'none'),
      row('a2', '110', 'applied', ['2026-06-01', '2026-07-01', null], 0, null, '2026-03-31', 'overdue'),
      row('a3', '110', 'not_applied', [null, null, null], 0, null, '2026-12-31', 'pending'),
      row('a4', '110', 'ended', ['2024-01-01', '2024-02-01', '2025-12-31'], 0, null, '2026-03-31', 'met'),
      row('a8', '110', 'not_applied', [null, null, null], 0, null, null, 'none'),
      row('a9', '430', 'not_applied', [null, null, null], 0, null, null, 'none'),
      row('b1', '110', 'not_applied', [null, null, null], 0, null, null, 'none'),
    ]);
  });

  it('takes the three latest months of the logs up to the run date as the usage window', () => {
    expect(r.window).toEqual([{ usage_from: '2026-03', usage_to: '2026-05' }]);
  });
});
