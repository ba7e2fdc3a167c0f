import bcrypt from 'bcryptjs';
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

/** A users row ready to store: password hashed, the prefecture of a municipality account filled in. */
export interface UserRecord {
  username: string;
  passwordHash: string;
  role: Role;
  prefectureCode: string | null;
  municipalityCode: string | null;
  isDemo: boolean;
}

export async function userRecord(user: NewUser): Promise<UserRecord> {
  if (user.password.length < 10) throw new Error('password must be at least 10 characters / パスワードは10文字以上');
  return {
    username: user.username,
    passwordHash: await hashPassword(user.password),
    role: user.role,
    prefectureCode: user.role === 'municipality' ? user.municipalityCode!.slice(0, 2) : (user.prefectureCode ?? null),
    municipalityCode: user.municipalityCode ?? null,
    isDemo: user.isDemo ?? false,
  };
}

/** Documented demo accounts (README), created only together with the demo data. */
export const DEMO_ACCOUNTS: NewUser[] = [
  { username: 'demo-admin', password: 'demo-admin-pass', role: 'admin', isDemo: true },
  { username: 'demo-national', password: 'demo-national-pass', role: 'national', isDemo: true },
  { username: 'demo-fukushima', password: 'demo-fukushima-pass', role: 'prefecture', prefectureCode: '07', isDemo: true },
  { username: 'demo-sukagawa', password: 'demo-sukagawa-pass', role: 'municipality', municipalityCode: '072079', isDemo: true },
];
