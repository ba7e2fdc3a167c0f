import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Offices' addresses (住所 as the published lists give them), beside the telephone number on the outreach lists. */
export class OfficeAddress1764001900000 implements MigrationInterface {
  name = 'OfficeAddress1764001900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE care_offices ADD COLUMN address text`);
    await q.query(`ALTER TABLE office_outreach ADD COLUMN address text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE office_outreach DROP COLUMN address`);
    await q.query(`ALTER TABLE care_offices DROP COLUMN address`);
  }
}
