import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Audited } from '../audit/audited.decorator.js';
import { AllowBeforePasswordChange, Public } from './access.decorators.js';
import { ChangePasswordBody } from './dto/password.body.js';
import { AuthService, SESSION_COOKIE } from './auth.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginBody } from './dto/login.body.js';
import { SignInService } from './sign-in.service.js';
import type { SessionUser } from './user.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signIn: SignInService,
  ) {}

  @Post('login')
  @Public()
  // The sign-in rate limit per address (LOGIN_RATE_LIMIT a minute, registered in app/create-app.ts).
  @RouteConfig({ rateLimit: {} })
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets an httpOnly session cookie / ログイン' })
  async login(@Body() body: LoginBody, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const { user, session } = await this.signIn.signIn(body.username, body.password, req.ip);
    res.cookie(SESSION_COOKIE, session.token, this.auth.cookieOptions(session.expiresAt));
    return { data: { user, expires_at: session.expiresAt, must_change_password: user.mustChangePassword === true } };
  }

  @Post('logout')
  @Public()
  @AllowBeforePasswordChange()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out / ログアウト' })
  async logout(@Req() req: FastifyRequest & { user?: SessionUser }, @Res({ passthrough: true }) res: FastifyReply) {
    await this.signIn.signOut(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { data: { signed_out: true } };
  }

  @Post('password')
  @HttpCode(200)
  @AllowBeforePasswordChange()
  @ApiOperation({ summary: 'Change your password; ends your other sessions / パスワードの変更' })
  @Audited({ action: 'password_changed', refused: { result: 'rejected' } })
  async changePassword(@Body() body: ChangePasswordBody, @CurrentUser() user: SessionUser, @Req() req: FastifyRequest) {
    // The request too: its session is the one that stays.
    await this.auth.changePassword(user, body.current_password, body.new_password, req);
    return { data: { changed: true } };
  }

  @Get('me')
  @AllowBeforePasswordChange()
  @ApiOperation({ summary: 'The signed-in user and role / ログイン中のユーザー' })
  me(@CurrentUser() user: SessionUser) {
    return { data: user };
  }
}
