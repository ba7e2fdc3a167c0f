import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wards with the last day they existed (null: today's). The reference seed adds the abolished ones (浜松市's
 * seven wards until 2023-12-31), so a list written before a ward change still finds its city.
 */
export class WardValidity1764001700000 implements MigrationInterface {
  name = 'WardValidity1764001700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE municipality_wards ADD COLUMN valid_to date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM municipality_wards WHERE valid_to IS NOT NULL`);
    await q.query(`ALTER TABLE municipality_wards DROP COLUMN valid_to`);
  }
}
