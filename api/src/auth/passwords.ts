import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Role } from './user.js';
import { passwordProblem } from './password-rules.js';

const ROUNDS = 10;

/** A password a person chose: bcrypt (slow on purpose). */
export const hashPassword = (password: string) => bcrypt.hash(password, ROUNDS);

/**
 * A generated initial password: 16 characters from a 54-letter alphabet without look-alikes (≈92 bits).
 * At that entropy a slow hash adds nothing against guessing, so it is stored as salted SHA-256 — which
 * lets 1,788 accounts be provisioned in a second — and it works only until the first sign-in replaces it.
 */
const INITIAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export function generateInitialPassword(): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += INITIAL_ALPHABET[randomInt(INITIAL_ALPHABET.length)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}
const sha256 = (salt: string, password: string) => createHash('sha256').update(`${salt}:${password}`).digest('hex');
export function hashInitialPassword(password: string): string {
  const salt = randomBytes(16).toString('hex');
  return `sha256$${salt}$${sha256(salt, password)}`;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (hash.startsWith('sha256$')) {
    const [, salt, digest] = hash.split('$');
    const expected = Buffer.from(digest, 'hex');
    const actual = Buffer.from(sha256(salt, password), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  return bcrypt.compare(password, hash);
}

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
  // The documented demo accounts keep their published passwords; every other password follows the rules.
  const problem = user.isDemo ? null : passwordProblem(user.password, user.username);
  if (problem) throw new Error(`${problem.en} / ${problem.ja}`);
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
