import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { authErrors } from './auth.errors.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { passwordProblem } from './password-rules.js';
import type { SessionUser } from './user.js';
import { UsersRepository } from './users.repository.js';
import { DATABASE_STATE, type DatabaseState } from '../core/database/database-state.js';
import { CHANGE_NOTICES, type ChangeNotices } from '../core/database/change-notices.js';

export const SESSION_COOKIE = 'kaigo_session';

export type LoginOutcome = { kind: 'ok'; user: SessionUser } | { kind: 'failed' } | { kind: 'locked'; until: Date; newlyLocked: boolean };
const SAME = { ja: '新しいパスワードが現在のものと同じです', en: 'the new password is the same as the current one' };
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Sessions looked up in the last few seconds skip the database; sign-out removes them at once. */
const SESSION_CACHE_MS = 15_000;

/**
 * Password sign-in with server-side sessions (an opaque token in an httpOnly, SameSite cookie; only
 * its hash is stored). A later OIDC sign-in would map the identity provider's user to a users row and
 * call createSession the same way.
 */
@Injectable()
export class AuthService {
  private readonly recent = new Map<string, { user: SessionUser; at: number }>();
  private readonly unknownNames = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_STATE) private readonly database: DatabaseState,
    @Inject(CHANGE_NOTICES) notices: ChangeNotices,
  ) {
    // A session ended or an account changed in any instance: no instance answers from its cache for it.
    notices.on('account', (n) => this.dropCached(n.user_id));
    notices.on('session', (n) => this.recent.delete(n.token_hash));
    notices.on('resync', () => this.recent.clear());
  }

  /**
   * Checks a password. Beside the per-address rate limit, each account locks after
   * LOGIN_LOCKOUT_ATTEMPTS failures in a row, for LOGIN_LOCKOUT_MINUTES; a locked account is not even
   * checked, so guessing gains nothing while it lasts.
   */
  async verify(username: string, password: string): Promise<LoginOutcome> {
    const found = await this.users.findForLogin(username);
    if (found?.lockedUntil) return { kind: 'locked', until: found.lockedUntil, newlyLocked: false };
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    if (!found) return this.unknownNameFailed(username);
    if (!ok) {
      const { attempts, minutes } = this.config.loginLockout;
      const until = await this.users.recordFailedLogin(found.id, attempts, minutes);
      return until ? { kind: 'locked', until, newlyLocked: true } : { kind: 'failed' };
    }
    await this.users.clearFailedLogins(found.id);
    const { passwordHash: _hash, lockedUntil: _locked, ...user } = found;
    return { kind: 'ok', user };
  }

  /**
   * An unknown name fails and locks exactly as a known one would (in this process's memory), so the
   * answers do not tell which usernames exist.
   */
  private unknownNameFailed(username: string): LoginOutcome {
    const now = Date.now();
    const entry = this.unknownNames.get(username) ?? { failures: 0, lockedUntil: 0 };
    if (entry.lockedUntil > now) return { kind: 'locked', until: new Date(entry.lockedUntil), newlyLocked: false };
    entry.failures += 1;
    const { attempts, minutes } = this.config.loginLockout;
    if (entry.failures >= attempts) entry.lockedUntil = now + minutes * 60_000;
    if (this.unknownNames.size > 10_000) this.unknownNames.clear();
    this.unknownNames.set(username, entry);
    return entry.lockedUntil ? { kind: 'locked', until: new Date(entry.lockedUntil), newlyLocked: true } : { kind: 'failed' };
  }

  async createSession(user: SessionUser): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3_600_000);
    await this.users.createSession(hashToken(token), user.id, expiresAt);
    return { token, expiresAt };
  }

  cookieOptions(expiresAt: Date) {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.config.cookieSecure, path: '/', expires: expiresAt };
  }

  tokenOf(req: FastifyRequest): string | undefined {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    return typeof token === 'string' && token.length > 0 && token.length < 200 ? token : undefined;
  }

  async userFromRequest(req: FastifyRequest): Promise<SessionUser | undefined> {
    const token = this.tokenOf(req);
    if (!token) return undefined;
    const hash = hashToken(token);
    const cached = this.recent.get(hash);
    // A cached session never outlives the database's answer: nothing from before a lost database counts.
    if (cached && Date.now() - cached.at < SESSION_CACHE_MS && this.database.trusts(cached.at)) return cached.user;
    const user = await this.users.userBySession(hash);
    if (user) {
      if (this.recent.size > 10_000) this.recent.clear();
      this.recent.set(hash, { user, at: Date.now() });
    } else this.recent.delete(hash);
    return user;
  }

  /** Ends every session of an account at once, the cached ones of this process included. */
  async endSessionsOf(userId: number, exceptToken?: string): Promise<void> {
    const keep = exceptToken ? hashToken(exceptToken) : undefined;
    for (const [hash, entry] of this.recent) if (entry.user.id === userId && hash !== keep) this.recent.delete(hash);
    await this.users.deleteSessionsOf(userId, keep);
  }

  /** Drops an account's cached sessions in every instance so the next request reads it again (after a change to the account). */
  async forgetCached(userId: number): Promise<void> {
    this.dropCached(userId);
    await this.users.announceAccountChange(userId);
  }

  private dropCached(userId: number): void {
    for (const [hash, entry] of this.recent) if (entry.user.id === userId) this.recent.delete(hash);
  }

  /**
   * A user replaces its password: the current one must be right and the new one follow the rules; every
   * other session of the account ends, this one stays.
   */
  async changePassword(user: SessionUser, current: string, next: string, req: FastifyRequest): Promise<void> {
    const hash = await this.users.passwordHashOf(user.id);
    if (!hash || !(await verifyPassword(current, hash))) {
      throw authErrors.wrongCurrentPassword();
    }
    const problem = passwordProblem(next, user.username) ?? (next === current ? SAME : null);
    if (problem) throw authErrors.weakPassword(problem);
    await this.users.setPassword(user.id, await hashPassword(next), false);
    await this.endSessionsOf(user.id, this.tokenOf(req));
  }

  async endSession(req: FastifyRequest): Promise<void> {
    const token = this.tokenOf(req);
    if (!token) return;
    this.recent.delete(hashToken(token));
    await this.users.deleteSession(hashToken(token));
  }
}
