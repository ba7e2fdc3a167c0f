import type { MigrationInterface, QueryRunner } from 'typeorm';

/** At-risk reasons are codes with parameters, worded by the API (no sentences built in SQL); job runs record their SQL's hash. */
export class AtRiskReasonCodes1764000700000 implements MigrationInterface {
  name = 'AtRiskReasonCodes1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM standardization_at_risk`);
    await q.query(`ALTER TABLE standardization_at_risk DROP COLUMN detail_ja, DROP COLUMN detail_en,
      ADD COLUMN survey_round text, ADD COLUMN planned_on date, ADD COLUMN deadline date, ADD COLUMN days_late int`);
    await q.query(`ALTER TABLE standardization_at_risk ADD CONSTRAINT ck_standardization_at_risk_reason
      CHECK (reason IN ('planned_fy2028_or_later','undecided','migration_after_conformance','overdue','data_migration_late'))`);
    // Which SQL a run executed: a job whose SQL changed since its last success reruns at start-up (it fills this list again).
    await q.query(`ALTER TABLE job_runs ADD COLUMN sql_hash char(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_runs DROP COLUMN sql_hash`);
    await q.query(`DELETE FROM standardization_at_risk`);
    await q.query(`ALTER TABLE standardization_at_risk DROP CONSTRAINT ck_standardization_at_risk_reason`);
    await q.query(`ALTER TABLE standardization_at_risk DROP COLUMN survey_round, DROP COLUMN planned_on, DROP COLUMN deadline, DROP COLUMN days_late,
      ADD COLUMN detail_ja text NOT NULL DEFAULT '', ADD COLUMN detail_en text NOT NULL DEFAULT ''`);
  }
}
