import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SqlExecutor } from '../core/database/change-notices.js';
import type { Role } from '../auth/user.js';
import type { MailDelivery, MessageKind, NotificationItem, SubscriptionKind } from './dto/notifications.responses.js';

/** What a user subscribed to, with their area (the scope of everything they are sent). */
export interface Subscriber {
  user_id: number;
  username: string;
  role: Role;
  prefecture_code: string | null;
  municipality_code: string | null;
  email: string | null;
  digest_monthly: boolean;
  digest_weekly: boolean;
  alerts: boolean;
}

export interface Preferences {
  email: string | null;
  digest_monthly: boolean;
  digest_weekly: boolean;
  alerts: boolean;
  updated_at: string | null;
}

/** A message as written: to one user, for one subscription and period (its idempotency key). */
export interface NewMessage {
  user_id: number;
  kind: MessageKind;
  topic: string | null;
  period: string;
  idempotency_key: string;
  job_run_id: number | null;
  subject: string;
  body_text: string;
  body_html: string;
  link: string;
  figures: unknown;
}

/** An e-mail claimed for sending: its message and where it goes. */
export interface DueMail {
  id: number;
  attempts: number;
  to_address: string;
  message_id: string;
  user_id: number;
  kind: MessageKind;
  subject: string;
  body_text: string;
  body_html: string;
}

const MESSAGE_COLUMNS = `id::int AS id, kind, topic, period, subject, body_text, link, job_run_id, created_at, read_at`;

/** The notifications' tables: preferences, the inbox, the e-mail outbox, alert states and signing keys. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Active users who subscribed to something, with their area. */
  subscribers(q: SqlExecutor = this.db): Promise<Subscriber[]> {
    return q.query(
      `SELECT u.id AS user_id, u.username, u.role, u.prefecture_code, u.municipality_code,
              p.email, p.digest_monthly, p.digest_weekly, p.alerts
       FROM notification_preferences p JOIN users u ON u.id = p.user_id
       WHERE NOT u.disabled AND (p.digest_monthly OR p.digest_weekly OR p.alerts)
       ORDER BY u.id`,
    ) as Promise<Subscriber[]>;
  }

  async preferences(userId: number): Promise<Preferences> {
    const [row] = await this.db.query(
      `SELECT email, digest_monthly, digest_weekly, alerts, updated_at FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    return row ?? { email: null, digest_monthly: false, digest_weekly: false, alerts: false, updated_at: null };
  }

  async savePreferences(userId: number, p: Omit<Preferences, 'updated_at'>): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, email, digest_monthly, digest_weekly, alerts) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET email = $2, digest_monthly = $3, digest_weekly = $4, alerts = $5, updated_at = now()`,
      [userId, p.email, p.digest_monthly, p.digest_weekly, p.alerts],
    );
  }

  /** Turns one subscription off (an unsubscribe link); answers whether it was on. */
  async unsubscribe(userId: number, kind: SubscriptionKind): Promise<boolean> {
    const [rows] = await this.db.query(
      `UPDATE notification_preferences SET ${kind} = false, updated_at = now() WHERE user_id = $1 AND ${kind} RETURNING user_id`,
      [userId],
    );
    return rows.length > 0;
  }

  async exists(idempotencyKey: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM notifications WHERE idempotency_key = $1`, [idempotencyKey]);
    return rows.length > 0;
  }

  /**
   * Writes a message and, when it goes by e-mail too, its outbox row in the same transaction: a message is
   * written once per key (false when it already was), and its e-mail exists if and only if it does.
   */
  async write(q: SqlExecutor, message: NewMessage, mail: { to: string; messageId: string } | null): Promise<boolean> {
    const rows = (await q.query(
      `INSERT INTO notifications (user_id, kind, topic, period, idempotency_key, job_run_id, subject, body_text, body_html, link, figures)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        message.user_id,
        message.kind,
        message.topic,
        message.period,
        message.idempotency_key,
        message.job_run_id,
        message.subject,
        message.body_text,
        message.body_html,
        message.link,
        message.figures === null ? null : JSON.stringify(message.figures),
      ],
    )) as { id: string }[];
    if (rows.length === 0) return false;
    if (mail)
      await q.query(`INSERT INTO mail_outbox (notification_id, to_address, message_id) VALUES ($1, $2, $3)`, [
        rows[0].id,
        mail.to,
        mail.messageId,
      ]);
    return true;
  }

  /** The figures the user's latest message of this kind carried (what a digest compares with). */
  async lastFigures(userId: number, kind: MessageKind): Promise<unknown> {
    const [row] = await this.db.query(
      `SELECT figures FROM notifications WHERE user_id = $1 AND kind = $2 AND figures IS NOT NULL ORDER BY id DESC LIMIT 1`,
      [userId, kind],
    );
    return row?.figures ?? null;
  }

  inbox(userId: number, limit: number): Promise<NotificationItem[]> {
    return this.db.query(`SELECT ${MESSAGE_COLUMNS} FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT $2`, [userId, limit]);
  }

  async unreadCount(userId: number): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return row.n;
  }

  /** Marks the user's own messages read (all when `id` is null); answers how many changed. */
  async markRead(userId: number, id: number | null): Promise<number> {
    const [rows] = await this.db.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint IS NULL OR id = $2) RETURNING id`,
      [userId, id],
    );
    return rows.length;
  }

  async ownsMessage(userId: number, id: number): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND id = $2`, [userId, id]);
    return rows.length > 0;
  }

  /** Claims the next e-mail due, locked for this transaction (another instance skips it). */
  async claimDue(tx: EntityManager, now: Date): Promise<DueMail | undefined> {
    const [row] = await tx.query(
      `SELECT o.id::int AS id, o.attempts, o.to_address, o.message_id, n.user_id, n.kind, n.subject, n.body_text, n.body_html
       FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id
       WHERE o.status = 'pending' AND o.next_attempt_at <= $1
       ORDER BY o.next_attempt_at, o.id LIMIT 1 FOR UPDATE OF o SKIP LOCKED`,
      [now],
    );
    return row;
  }

  async markSent(tx: EntityManager, id: number, now: Date): Promise<void> {
    await tx.query(`UPDATE mail_outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [
      id,
      now,
    ]);
  }

  async markAttemptFailed(tx: EntityManager, id: number, error: string, retryAt: Date | null): Promise<void> {
    await tx.query(
      `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
         status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
       WHERE id = $1`,
      [id, error.slice(0, 500), retryAt],
    );
  }

  deliveries(limit: number): Promise<MailDelivery[]> {
    return this.db.query(
      `SELECT o.id::int AS id, o.notification_id::int AS notification_id, u.username, o.to_address, n.subject, n.kind, n.job_run_id,
              o.status, o.attempts, o.next_attempt_at, o.last_error, o.sent_at, o.created_at
       FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id JOIN users u ON u.id = n.user_id
       ORDER BY o.id DESC LIMIT $1`,
      [limit],
    );
  }

  /** The key a name signs with, made on first use (two instances racing keep the first). */
  async signingKey(name: string, fresh: string): Promise<string> {
    await this.db.query(`INSERT INTO signing_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, fresh]);
    const [row] = await this.db.query(`SELECT secret FROM signing_keys WHERE name = $1`, [name]);
    return row.secret;
  }
}
