import bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import type { Role } from './user.js';

const ROUNDS = 10;

export const hashPassword = (password: string) => bcrypt.hash(password, ROUNDS);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

/** A constant hash to compare against when the user does not exist, so timing does not reveal usernames. */
export const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.DuMMYdUMMYdUMMYdUMMYdUMMYdUm';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  prefectureCode?: string | null;
  municipalityCode?: string | null;
  isDemo?: boolean;
}

export async function createUser(db: DataSource, user: NewUser): Promise<number> {
  if (user.password.length < 10) throw new Error('password must be at least 10 characters / パスワードは10文字以上');
  const prefecture = user.role === 'municipality' ? user.municipalityCode!.slice(0, 2) : user.prefectureCode ?? null;
  const [{ id }] = await db.query(
    `INSERT INTO users (username, password_hash, role, prefecture_code, municipality_code, is_demo) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
       prefecture_code = EXCLUDED.prefecture_code, municipality_code = EXCLUDED.municipality_code RETURNING id`,
    [user.username, await hashPassword(user.password), user.role, prefecture, user.municipalityCode ?? null, user.isDemo ?? false],
  );
  return id;
}

/** Documented demo accounts (README), created only together with the demo data. */
export const DEMO_ACCOUNTS: NewUser[] = [
  { username: 'demo-admin', password: 'demo-admin-pass', role: 'admin', isDemo: true },
  { username: 'demo-national', password: 'demo-national-pass', role: 'national', isDemo: true },
  { username: 'demo-fukushima', password: 'demo-fukushima-pass', role: 'prefecture', prefectureCode: '07', isDemo: true },
  { username: 'demo-sukagawa', password: 'demo-sukagawa-pass', role: 'municipality', municipalityCode: '072079', isDemo: true },
];
