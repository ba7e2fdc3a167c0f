import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SessionUser } from './user.js';

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: SessionUser['role'];
  prefecture_code: string | null;
  municipality_code: string | null;
}

const toUser = (r: UserRow): SessionUser => ({ id: r.id, username: r.username, role: r.role, prefectureCode: r.prefecture_code, municipalityCode: r.municipality_code });

/** Users and sessions: the only place that queries them. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findForLogin(username: string): Promise<(SessionUser & { passwordHash: string }) | undefined> {
    const [row] = await this.db.query(`SELECT * FROM users WHERE username = $1 AND NOT disabled`, [username]);
    return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
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
