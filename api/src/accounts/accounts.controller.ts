import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service.js';
import { Roles } from '../auth/access.decorators.js';
import type { SignedInRequest } from '../auth/user.js';
import { parsePrefectureCode } from '../core/municipality-code.js';
import { badRequest } from '../common/api-error.js';
import { strictBody } from '../common/validation.js';
import { AccountPatch, AccountsQuery, GenerateAccountsBody, PasswordResetBody } from './dto/accounts.dto.js';
import { AccountsService } from './accounts.service.js';

type AdminRequest = SignedInRequest;

/** Accounts of the organisations (admin only). Bulk creation is the `accounts` import kind (preview, then commit). */
@ApiTags('accounts')
@Controller('api/v1/admin/users')
@Roles('admin')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Accounts filtered by role, prefecture and text / アカウント一覧' })
  async list(@Query() query: AccountsQuery) {
    let prefecture: string | undefined;
    try {
      prefecture = query.prefecture ? parsePrefectureCode(query.prefecture) : undefined;
    } catch {
      throw badRequest('都道府県コードが正しくありません', 'invalid prefecture code');
    }
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const { rows, total } = await this.accounts.list({
      role: query.role,
      prefecture,
      q: query.q,
      disabled: query.disabled === undefined ? undefined : query.disabled === 'true',
      limit,
      offset,
    });
    return { data: rows, meta: { total, limit, offset } };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change role, area, state, name or email; a new role, area or state ends its sessions / アカウントの変更' })
  async update(@Param('id', ParseIntPipe) id: number, @Body(strictBody()) body: AccountPatch, @Req() req: AdminRequest) {
    if (Object.values(body).every((v) => v === undefined))
      throw badRequest('変更する項目がありません', 'nothing to change: give role, area_code, disabled, display_name or email');
    const result = await this.accounts.update(req.user, id, body);
    const { reason, ...changes } = body;
    await this.audit.record({
      actor: req.user.username,
      action: 'account_updated',
      target: result.before.username,
      result: 'succeeded',
      detail: { changes, reason: reason ?? null, sessions_ended: result.sessions_ended },
      ip: req.ip,
    });
    return { data: result.account, meta: { sessions_ended: result.sessions_ended } };
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new one-time password, shown once; the account must change it and its sessions end / パスワードの再発行' })
  async reset(@Param('id', ParseIntPipe) id: number, @Body(strictBody()) body: PasswordResetBody, @Req() req: AdminRequest) {
    const result = await this.accounts.resetPassword(id);
    await this.audit.record({
      actor: req.user.username,
      action: 'password_reset',
      target: result.username,
      result: 'succeeded',
      detail: { reason: body.reason },
      ip: req.ip,
    });
    return { data: result };
  }

  @Post('generate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Preview one account per prefecture and per municipality (commit it as an import preview) / 都道府県・市区町村ごとのアカウント',
  })
  async generate(@Body() body: GenerateAccountsBody, @Req() req: AdminRequest) {
    const report = await this.accounts.generate(req.user, {
      prefectures: body.prefectures ?? true,
      municipalities: body.municipalities ?? true,
    });
    await this.audit.record({
      actor: req.user.username,
      action: 'upload_preview',
      target: 'accounts',
      result: report.status,
      detail: { generated: true, rows: report.rows, preview_id: report.preview_id },
      ip: req.ip,
    });
    return report;
  }
}
