import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SessionUser } from './user.js';
import { userRecord, type NewUser } from './passwords.js';

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: SessionUser['role'];
  prefecture_code: string | null;
  municipality_code: string | null;
}

const toUser = (r: UserRow): SessionUser => ({
  id: r.id,
  username: r.username,
  role: r.role,
  prefectureCode: r.prefecture_code,
  municipalityCode: r.municipality_code,
});

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
    const [row] = await this.db.query(
      `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHash],
    );
    return row ? toUser(row) : undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE token_hash = $1 OR expires_at < now()`, [tokenHash]);
  }
}
