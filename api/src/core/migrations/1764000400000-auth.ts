import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1764000400000 implements MigrationInterface {
  name = 'Auth1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id serial NOT NULL,
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        prefecture_code char(2),
        municipality_code char(6),
        is_demo boolean NOT NULL DEFAULT false,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT uq_users_username UNIQUE (username),
        CONSTRAINT fk_users_prefecture FOREIGN KEY (prefecture_code) REFERENCES prefectures (code),
        CONSTRAINT fk_users_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
        CONSTRAINT ck_users_role CHECK (role IN ('admin','national','prefecture','municipality')),
        CONSTRAINT ck_users_scope CHECK (
          (role IN ('admin','national') AND prefecture_code IS NULL AND municipality_code IS NULL) OR
          (role = 'prefecture' AND prefecture_code IS NOT NULL AND municipality_code IS NULL) OR
          (role = 'municipality' AND municipality_code IS NOT NULL AND prefecture_code = left(municipality_code, 2)))
      )`);
    await q.query(`
      CREATE TABLE sessions (
        token_hash char(64) NOT NULL,
        user_id int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_sessions PRIMARY KEY (token_hash),
        CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        target text,
        result text NOT NULL,
        detail jsonb,
        ip text,
        CONSTRAINT pk_audit_log PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_log_at ON audit_log (at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
  }
}
