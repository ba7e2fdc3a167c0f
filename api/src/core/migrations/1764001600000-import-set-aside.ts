import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rows of a published list an import set aside (kept with the import, to be sent back to the publisher). */
export class ImportSetAside1764001600000 implements MigrationInterface {
  name = 'ImportSetAside1764001600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports ADD COLUMN set_aside jsonb, ADD COLUMN set_aside_count int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports DROP COLUMN set_aside, DROP COLUMN set_aside_count`);
  }
}
