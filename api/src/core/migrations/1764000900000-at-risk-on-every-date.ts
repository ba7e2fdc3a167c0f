import type { MigrationInterface, QueryRunner } from 'typeorm';

const REASONS_BEFORE = `'planned_fy2028_or_later','undecided','migration_after_conformance','overdue','data_migration_late'`;

/** At-risk lists for every progress date (not only the run date), the step a reason is about, and steps planned after full operation. */
export class AtRiskOnEveryDate1764000900000 implements MigrationInterface {
  name = 'AtRiskOnEveryDate1764000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standardization_at_risk ADD COLUMN step text`);
    await q.query(`ALTER TABLE standardization_at_risk DROP CONSTRAINT ck_standardization_at_risk_reason`);
    await q.query(`ALTER TABLE standardization_at_risk ADD CONSTRAINT ck_standardization_at_risk_reason
      CHECK (reason IN (${REASONS_BEFORE},'step_after_full_operation'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM standardization_at_risk WHERE reason = 'step_after_full_operation'`);
    await q.query(`ALTER TABLE standardization_at_risk DROP CONSTRAINT ck_standardization_at_risk_reason`);
    await q.query(
      `ALTER TABLE standardization_at_risk ADD CONSTRAINT ck_standardization_at_risk_reason CHECK (reason IN (${REASONS_BEFORE}))`,
    );
    await q.query(`ALTER TABLE standardization_at_risk DROP COLUMN step`);
  }
}
