import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office list keeps its run date and usage window out of its rows (#29): the date is the offices run's
 * as_of, the window (the three latest months of exchange logs) one row of its own. A night whose date or
 * month moved rewrites only the offices whose values changed, and a night on which nothing moved is skipped.
 */
export class OfficeListWindow1764002600000 implements MigrationInterface {
  name = 'OfficeListWindow1764002600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_outreach_window (
        usage_from char(7),
        usage_to char(7),
        job_run_id int NOT NULL,
        CONSTRAINT fk_office_outreach_window_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
    await q.query(`INSERT INTO office_outreach_window (usage_from, usage_to, job_run_id)
                   SELECT usage_from, usage_to, job_run_id FROM office_outreach ORDER BY job_run_id DESC LIMIT 1`);
    await q.query(`ALTER TABLE office_outreach DROP COLUMN as_of, DROP COLUMN usage_from, DROP COLUMN usage_to`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE office_outreach ADD COLUMN as_of date, ADD COLUMN usage_from char(7), ADD COLUMN usage_to char(7)`);
    await q.query(`UPDATE office_outreach SET usage_from = w.usage_from, usage_to = w.usage_to FROM office_outreach_window w`);
    await q.query(
      `UPDATE office_outreach SET as_of = (SELECT max(as_of) FROM job_runs WHERE job_name = 'offices' AND status = 'succeeded')`,
    );
    await q.query(`DELETE FROM office_outreach WHERE as_of IS NULL`);
    await q.query(`ALTER TABLE office_outreach ALTER COLUMN as_of SET NOT NULL`);
    await q.query(`DROP TABLE office_outreach_window`);
  }
}
