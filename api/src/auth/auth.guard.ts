import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError, ErrorCode } from '../common/api-error.js';
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
    const req = context.switchToHttp().getRequest<Request & { user?: SessionUser }>();
    const user = await this.auth.userFromRequest(req);
    if (!user) throw new ApiError(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthorized, 'ログインしてください', 'sign in first');
    req.user = user;
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_KEY, targets)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        ErrorCode.PasswordChangeRequired,
        '初期パスワードのままです。パスワードを変更してから利用してください',
        'this account still has its initial password; change it first (POST /api/v1/auth/password)',
      );
    }
    // An empty or malformed area is a 400 for every role, before any rule reads it.
    requestedArea(req);
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ApiError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, 'この操作の権限がありません', `role ${user.role} may not do this`);
    }
    const scope = this.reflector.getAllAndOverride<ScopeCheck>(SCOPE_KEY, targets);
    if (scope && !scope(user, req)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'この地域の詳細を見る権限がありません',
        `a ${user.role} account may not read this area's detail`,
      );
    }
    return true;
  }
}
