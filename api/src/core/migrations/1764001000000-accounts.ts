import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts for 1,788 organisations: display name and email, one-time initial passwords that must be changed, when a password last changed. */
export class Accounts1764001000000 implements MigrationInterface {
  name = 'Accounts1764001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users
      ADD COLUMN display_name text,
      ADD COLUMN email text,
      ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
      ADD COLUMN password_changed_at timestamptz,
      ADD COLUMN import_id int,
      ADD CONSTRAINT fk_users_import FOREIGN KEY (import_id) REFERENCES imports (id),
      ADD CONSTRAINT ck_users_display_name CHECK (display_name IS NULL OR length(display_name) <= 100),
      ADD CONSTRAINT ck_users_email CHECK (email IS NULL OR email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')`);
    await q.query(`CREATE INDEX ix_sessions_user ON sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_sessions_user`);
    await q.query(`ALTER TABLE users DROP COLUMN display_name, DROP COLUMN email, DROP COLUMN must_change_password,
      DROP COLUMN password_changed_at, DROP COLUMN import_id`);
  }
}
