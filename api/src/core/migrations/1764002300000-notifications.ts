import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeping people informed: what each user subscribed to, the messages (the お知らせ inbox, one row per user ×
 * subscription × period, so a message is written once), the e-mail outbox written in the same transaction,
 * the state alerts compare against, and the key that signs unsubscribe links.
 */
export class Notifications1764002300000 implements MigrationInterface {
  name = 'Notifications1764002300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id int NOT NULL,
        email text,
        digest_monthly boolean NOT NULL DEFAULT false,
        digest_weekly boolean NOT NULL DEFAULT false,
        alerts boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_notification_preferences PRIMARY KEY (user_id),
        CONSTRAINT fk_notification_preferences_user FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT ck_notification_preferences_email CHECK (email IS NULL OR email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id bigserial NOT NULL,
        user_id int NOT NULL,
        kind text NOT NULL,
        topic text,
        period text NOT NULL,
        idempotency_key text NOT NULL,
        job_run_id int,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text NOT NULL,
        link text NOT NULL,
        figures jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT pk_notifications PRIMARY KEY (id),
        CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT uq_notifications_idempotency UNIQUE (idempotency_key),
        CONSTRAINT ck_notifications_kind CHECK (kind IN ('digest_monthly', 'digest_weekly', 'alert'))
      )`);
    await q.query(`CREATE INDEX ix_notifications_user ON notifications (user_id, id DESC)`);
    await q.query(`
      CREATE TABLE mail_outbox (
        id bigserial NOT NULL,
        notification_id bigint NOT NULL,
        to_address text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        message_id text NOT NULL,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_mail_outbox PRIMARY KEY (id),
        CONSTRAINT fk_mail_outbox_notification FOREIGN KEY (notification_id) REFERENCES notifications (id),
        CONSTRAINT uq_mail_outbox_notification UNIQUE (notification_id),
        CONSTRAINT ck_mail_outbox_status CHECK (status IN ('pending', 'sent', 'failed'))
      )`);
    await q.query(`CREATE INDEX ix_mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE alert_states (
        topic text NOT NULL,
        subject text NOT NULL,
        municipality_code char(6) NOT NULL,
        name text NOT NULL,
        detail text,
        CONSTRAINT pk_alert_states PRIMARY KEY (topic, subject)
      )`);
    await q.query(`
      CREATE TABLE alert_baselines (
        topic text NOT NULL,
        job_run_id int NOT NULL,
        as_of date NOT NULL,
        evaluated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_alert_baselines PRIMARY KEY (topic)
      )`);
    await q.query(`
      CREATE TABLE signing_keys (
        name text NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_signing_keys PRIMARY KEY (name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['signing_keys', 'alert_baselines', 'alert_states', 'mail_outbox', 'notifications', 'notification_preferences'])
      await q.query(`DROP TABLE ${table}`);
  }
}
