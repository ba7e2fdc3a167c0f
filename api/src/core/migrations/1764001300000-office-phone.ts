import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Offices' telephone numbers (as the published lists give them), for the outreach call lists. */
export class OfficePhone1764001300000 implements MigrationInterface {
  name = 'OfficePhone1764001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE care_offices ADD COLUMN phone text`);
    await q.query(`ALTER TABLE office_outreach ADD COLUMN phone text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE office_outreach DROP COLUMN phone`);
    await q.query(`ALTER TABLE care_offices DROP COLUMN phone`);
  }
}
