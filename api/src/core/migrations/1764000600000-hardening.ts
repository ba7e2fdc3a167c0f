import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-account sign-in lockout, and import attempts that failed for reasons other than the file's content. */
export class Hardening1764000600000 implements MigrationInterface {
  name = 'Hardening1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN failed_logins int NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`);
    await q.query(`ALTER TABLE imports DROP CONSTRAINT ck_imports_status`);
    await q.query(`ALTER TABLE imports ADD CONSTRAINT ck_imports_status CHECK (status IN ('succeeded','rejected','duplicate','failed'))`);
    await q.query(`ALTER TABLE imports ADD COLUMN error_count int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports DROP COLUMN error_count`);
    await q.query(`DELETE FROM imports WHERE status = 'failed'`);
    await q.query(`ALTER TABLE imports DROP CONSTRAINT ck_imports_status`);
    await q.query(`ALTER TABLE imports ADD CONSTRAINT ck_imports_status CHECK (status IN ('succeeded','rejected','duplicate'))`);
    await q.query(`ALTER TABLE users DROP COLUMN locked_until, DROP COLUMN failed_logins`);
  }
}
