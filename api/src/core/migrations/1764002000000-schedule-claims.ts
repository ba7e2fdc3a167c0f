import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which instance ran each scheduled firing (the nightly jobs, the nightly backup): the first to claim a
 * firing runs it, every other instance on the same database skips it. The table is also its history.
 */
export class ScheduleClaims1764002000000 implements MigrationInterface {
  name = 'ScheduleClaims1764002000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schedule_claims (
        schedule text NOT NULL,
        fire_at timestamptz NOT NULL,
        instance text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_schedule_claims PRIMARY KEY (schedule, fire_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE schedule_claims`);
  }
}
