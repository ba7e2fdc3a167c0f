import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { AllowBeforePasswordChange, Public } from './access.decorators.js';
import { ChangePasswordBody } from './dto/password.body.js';
import { AuthService, SESSION_COOKIE } from './auth.service.js';
import { LoginBody } from './dto/login.body.js';
import type { SessionUser, SignedInRequest } from './user.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets an httpOnly session cookie / ログイン' })
  async login(@Body() body: LoginBody, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const outcome = await this.auth.verify(body.username, body.password);
    await this.audit.record({
      actor: body.username,
      action: 'login',
      result: outcome.kind === 'ok' ? 'succeeded' : outcome.kind,
      ip: req.ip,
    });
    if (outcome.kind === 'locked') {
      if (outcome.newlyLocked)
        await this.audit.record({
          actor: body.username,
          action: 'account_locked',
          result: 'locked',
          detail: { until: outcome.until },
          ip: req.ip,
        });
      const until = outcome.until.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' });
      throw new ApiError(
        HttpStatus.LOCKED,
        ErrorCode.AccountLocked,
        `ログインの失敗が続いたため、このアカウントは ${until} までロックされています`,
        `this account is locked after repeated failed sign-ins until ${outcome.until.toISOString()}`,
      );
    }
    if (outcome.kind === 'failed')
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.Unauthorized,
        'ユーザー名またはパスワードが違います',
        'wrong username or password',
      );
    const user = outcome.user;
    const session = await this.auth.createSession(user);
    res.cookie(SESSION_COOKIE, session.token, this.auth.cookieOptions(session.expiresAt));
    return { data: { user, expires_at: session.expiresAt, must_change_password: user.mustChangePassword === true } };
  }

  @Post('logout')
  @Public()
  @AllowBeforePasswordChange()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out / ログアウト' })
  async logout(@Req() req: Request & { user?: SessionUser }, @Res({ passthrough: true }) res: Response) {
    const user = await this.auth.userFromRequest(req);
    await this.auth.endSession(req);
    if (user) await this.audit.record({ actor: user.username, action: 'logout', result: 'succeeded', ip: req.ip });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { data: { signed_out: true } };
  }

  @Post('password')
  @HttpCode(200)
  @AllowBeforePasswordChange()
  @ApiOperation({ summary: 'Change your password; ends your other sessions / パスワードの変更' })
  async changePassword(@Body() body: ChangePasswordBody, @Req() req: SignedInRequest) {
    try {
      await this.auth.changePassword(req.user, body.current_password, body.new_password, req);
    } catch (error) {
      await this.audit.record({ actor: req.user.username, action: 'password_changed', result: 'rejected', ip: req.ip });
      throw error;
    }
    await this.audit.record({ actor: req.user.username, action: 'password_changed', result: 'succeeded', ip: req.ip });
    return { data: { changed: true } };
  }

  @Get('me')
  @AllowBeforePasswordChange()
  @ApiOperation({ summary: 'The signed-in user and role / ログイン中のユーザー' })
  me(@Req() req: SignedInRequest) {
    return { data: req.user };
  }
}
