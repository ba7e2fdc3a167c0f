import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service.js';
import { authErrors } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import type { SessionUser } from './user.js';

/**
 * Signing in and out, each attempt on record. Kept apart from the audit interceptor: a sign-in has no user
 * yet (the name typed is the actor) and may write two rows (the attempt, and the lock it caused).
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async signIn(username: string, password: string, ip: string | undefined) {
    const outcome = await this.auth.verify(username, password);
    await this.audit.record({ actor: username, action: 'login', result: outcome.kind === 'ok' ? 'succeeded' : outcome.kind, ip });
    if (outcome.kind === 'locked') {
      if (outcome.newlyLocked)
        await this.audit.record({ actor: username, action: 'account_locked', result: 'locked', detail: { until: outcome.until }, ip });
      throw authErrors.accountLocked(outcome.until);
    }
    if (outcome.kind === 'failed') throw authErrors.wrongCredentials();
    return { user: outcome.user, session: await this.auth.createSession(outcome.user) };
  }

  async signOut(req: FastifyRequest & { user?: SessionUser }): Promise<void> {
    const user = await this.auth.userFromRequest(req);
    await this.auth.endSession(req);
    if (user) await this.audit.record({ actor: user.username, action: 'logout', result: 'succeeded', ip: req.ip });
  }
}
