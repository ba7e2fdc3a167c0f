import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subsidy summary per 基準日 (grants decided by each month end), so the 補助金 page follows the date like
 * every other page. Rows written before are kept under the latest subsidy date, which the page asks for by
 * default, until the next `subsidies` run recomputes every date.
 */
export class SubsidySummaryPerDate1764001800000 implements MigrationInterface {
  name = 'SubsidySummaryPerDate1764001800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subsidy_summary ADD COLUMN as_of date`);
    await q.query(`UPDATE subsidy_summary SET as_of = coalesce((SELECT max(as_of) FROM subsidy_effect), CURRENT_DATE)`);
    await q.query(`ALTER TABLE subsidy_summary ALTER COLUMN as_of SET NOT NULL`);
    await q.query(`ALTER TABLE subsidy_summary DROP CONSTRAINT pk_subsidy_summary`);
    await q.query(
      `ALTER TABLE subsidy_summary ADD CONSTRAINT pk_subsidy_summary PRIMARY KEY (as_of, fiscal_year, prefecture_code, program_code)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM subsidy_summary WHERE as_of < (SELECT max(as_of) FROM subsidy_summary)`);
    await q.query(`ALTER TABLE subsidy_summary DROP CONSTRAINT pk_subsidy_summary`);
    await q.query(`ALTER TABLE subsidy_summary DROP COLUMN as_of`);
    await q.query(`ALTER TABLE subsidy_summary ADD CONSTRAINT pk_subsidy_summary PRIMARY KEY (fiscal_year, prefecture_code, program_code)`);
  }
}
