import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { authErrors } from './auth.errors.js';
import { PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY, SCOPE_KEY, type ScopeCheck } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { requestedArea } from './requested-area.js';
import type { Role, SessionUser } from './user.js';

/** Every route needs a session unless marked @Public; @Roles and @Scope narrow it further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: SessionUser }>();
    const user = await this.auth.userFromRequest(req);
    if (!user) throw authErrors.signInFirst();
    req.user = user;
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_KEY, targets)) {
      throw authErrors.passwordChangeRequired();
    }
    // An empty or malformed area is a 400 for every role, before any rule reads it.
    requestedArea(req);
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw authErrors.roleMayNot(user.role);
    }
    const scope = this.reflector.getAllAndOverride<ScopeCheck>(SCOPE_KEY, targets);
    if (scope && !scope(user, req)) {
      throw authErrors.areaNotInScope(user.role);
    }
    return true;
  }
}
