import { referenceSummaryJob } from '../../jobs/job-definitions.js';
import { invariantViolations, readTable, runJobSql, setAsOf, withDuckDb } from '../support/duckdb-fixture.js';

// Hand-worked: on 2025-03-31, prefecture 07 has 2 cities (one merged away on 2025-01-01 is not
// counted) and 1 village; prefecture 13 has 2 special wards; a municipality created on 2025-04-01
// does not exist yet.
describe('sql/reference/reference_summary.sql', () => {
  it('counts municipalities valid on the as-of date per prefecture and class', async () => {
    const rows = await withDuckDb(async (duck) => {
      await duck.run(`CREATE TABLE municipalities AS SELECT * FROM (VALUES
        ('072010','07','core_city', NULL::DATE, NULL::DATE),
        ('072079','07','city', NULL, NULL),
        ('079999','07','city', NULL, DATE '2025-01-01'),
        ('074641','07','village', NULL, NULL),
        ('131016','13','special_ward', NULL, NULL),
        ('131024','13','special_ward', NULL, NULL),
        ('072222','07','city', DATE '2025-04-01', NULL)
      ) t(code, prefecture_code, class, valid_from, valid_to)`);
      await setAsOf(duck, '2025-03-31');
      await runJobSql(duck, referenceSummaryJob);
      expect(
        await invariantViolations(duck, 'reference_summary', { unique: ['prefecture_code', 'class'], expressions: ['municipalities > 0'] }),
      ).toEqual([]);
      return readTable(duck, 'SELECT * FROM reference_summary ORDER BY prefecture_code, class');
    });
    expect(rows).toEqual([
      { prefecture_code: '07', class: 'city', municipalities: 1 },
      { prefecture_code: '07', class: 'core_city', municipalities: 1 },
      { prefecture_code: '07', class: 'village', municipalities: 1 },
      { prefecture_code: '13', class: 'special_ward', municipalities: 2 },
    ]);
  });
});
