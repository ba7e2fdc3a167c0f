import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SessionUser } from './user.js';
import { userRecord, type NewUser } from './passwords.js';
import type { AccountView } from '../accounts/dto/accounts.responses.js';
import { publishChange } from '../core/database/change-notices.js';

export type { AccountView };

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: SessionUser['role'];
  prefecture_code: string | null;
  municipality_code: string | null;
  must_change_password: boolean;
  display_name: string | null;
}

const toUser = (r: UserRow): SessionUser => ({
  id: r.id,
  username: r.username,
  role: r.role,
  prefectureCode: r.prefecture_code,
  municipalityCode: r.municipality_code,
  mustChangePassword: r.must_change_password,
  displayName: r.display_name,
});

export interface AccountFilter {
  role?: string;
  prefecture?: string;
  q?: string;
  disabled?: boolean;
  limit: number;
  offset: number;
}

/** A new account from a bulk upload: the hash of its one-time initial password. */
export interface ProvisionedAccount {
  username: string;
  role: SessionUser['role'];
  prefecture_code: string | null;
  municipality_code: string | null;
  display_name: string | null;
  email: string | null;
  password_hash: string;
}

/** Users and sessions: the only place that queries them. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findForLogin(username: string): Promise<(SessionUser & { passwordHash: string; lockedUntil: Date | null }) | undefined> {
    const [row] = await this.db.query(
      `SELECT *, CASE WHEN locked_until > now() THEN locked_until END AS locked FROM users WHERE username = $1 AND NOT disabled`,
      [username],
    );
    return row ? { ...toUser(row), passwordHash: row.password_hash, lockedUntil: row.locked } : undefined;
  }

  /** Counts a failed sign-in; at `attempts` in a row the account is locked for `minutes`. Returns the lock's end, if locked now. */
  async recordFailedLogin(userId: number, attempts: number, minutes: number): Promise<Date | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [[row]] = await this.db.query(
      `UPDATE users SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1 RETURNING CASE WHEN locked_until > now() THEN locked_until END AS locked`,
      [userId, attempts, minutes],
    );
    return row?.locked ?? null;
  }

  async clearFailedLogins(userId: number): Promise<void> {
    await this.db.query(
      `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)`,
      [userId],
    );
  }

  /** Creates an account, or resets the password, role and area of an existing one. */
  async upsert(user: NewUser): Promise<number> {
    const r = await userRecord(user);
    const [{ id }] = await this.db.query(
      `INSERT INTO users (username, password_hash, role, prefecture_code, municipality_code, is_demo) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
         prefecture_code = EXCLUDED.prefecture_code, municipality_code = EXCLUDED.municipality_code RETURNING id`,
      [r.username, r.passwordHash, r.role, r.prefectureCode, r.municipalityCode, r.isDemo],
    );
    return id;
  }

  async createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    await this.db.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [tokenHash, userId, expiresAt]);
  }

  async userBySession(tokenHash: string): Promise<SessionUser | undefined> {
    // must_change_password and display_name travel with the session user (toUser).
    const [row] = await this.db.query(
      `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHash],
    );
    return row ? toUser(row) : undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE token_hash = $1 OR expires_at < now()`, [tokenHash]);
    await publishChange(this.db, { kind: 'session', token_hash: tokenHash });
  }

  /** Tells every instance to read an account again (its role, area, name or state changed). */
  async announceAccountChange(userId: number): Promise<void> {
    await publishChange(this.db, { kind: 'account', user_id: userId });
  }

  /** Ends every session of an account (password change or reset, disabling, a new role or area). */
  async deleteSessionsOf(userId: number, except?: string): Promise<number> {
    const [, affected] = await this.db.query(`DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [
      userId,
      except ?? null,
    ]);
    await this.announceAccountChange(userId);
    return affected;
  }

  async passwordHashOf(userId: number): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [userId]);
    return row?.password_hash;
  }

  /** Sets a password; `mustChange` for a reset (a one-time password), false when the user chose it. */
  async setPassword(userId: number, hash: string, mustChange: boolean): Promise<void> {
    await this.db.query(
      `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now(), failed_logins = 0, locked_until = NULL WHERE id = $1`,
      [userId, hash, mustChange],
    );
  }

  async list(filter: AccountFilter): Promise<{ rows: AccountView[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.role) where.push(`u.role = $${params.push(filter.role)}`);
    if (filter.prefecture) where.push(`u.prefecture_code = $${params.push(filter.prefecture)}`);
    if (filter.disabled !== undefined) where.push(`u.disabled = $${params.push(filter.disabled)}`);
    if (filter.q) {
      const i = params.push(`%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(u.username ILIKE $${i} OR u.display_name ILIKE $${i} OR m.name ILIKE $${i} OR p.name ILIKE $${i} OR u.municipality_code LIKE $${i})`,
      );
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM users u LEFT JOIN municipalities m ON m.code = u.municipality_code LEFT JOIN prefectures p ON p.code = u.prefecture_code ${clause}`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: AccountView[] = await this.db.query(
      `SELECT u.id, u.username, u.role, u.prefecture_code, u.municipality_code, coalesce(m.name, p.name) AS area_name, u.display_name, u.email,
              u.disabled, u.is_demo, u.must_change_password, CASE WHEN u.locked_until > now() THEN u.locked_until END AS locked_until,
              u.created_at, u.password_changed_at,
              (SELECT max(a.at) FROM audit_log a WHERE a.actor = u.username AND a.action = 'login' AND a.result = 'succeeded') AS last_sign_in,
              (SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id AND s.expires_at > now()) AS sessions
       ${from} ORDER BY u.role, u.prefecture_code NULLS FIRST, u.municipality_code NULLS FIRST, u.username
       LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return { rows, total };
  }

  async byId(id: number): Promise<(SessionUser & { disabled: boolean; isDemo: boolean }) | undefined> {
    const [row] = await this.db.query(`SELECT * FROM users WHERE id = $1`, [id]);
    return row ? { ...toUser(row), disabled: row.disabled, isDemo: row.is_demo } : undefined;
  }

  /** Changes what the admin page may change; the scope check of the table keeps role and area consistent. */
  async update(
    id: number,
    patch: {
      role?: string;
      prefecture_code?: string | null;
      municipality_code?: string | null;
      disabled?: boolean;
      display_name?: string | null;
      email?: string | null;
    },
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [column, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      sets.push(`${column} = $${params.push(value)}`);
    }
    if (sets.length) await this.db.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async existingUsernames(usernames: string[]): Promise<Set<string>> {
    const rows: { username: string }[] = await this.db.query(`SELECT username FROM users WHERE username = ANY($1::text[])`, [usernames]);
    return new Set(rows.map((r) => r.username));
  }

  async countAdmins(): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled`);
    return n;
  }
}
