import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditNote } from '../audit/audited.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/access.decorators.js';
import type { SessionUser } from '../auth/user.js';
import { parsePrefectureCode } from '../core/domain/municipality-code.js';
import { strictBody } from '../core/http/validation.js';
import { AccountPatch, AccountsQuery, GenerateAccountsBody, PasswordResetBody } from './dto/accounts.dto.js';
import { AccountsService } from './accounts.service.js';
import { accountsErrors } from './accounts.errors.js';

/** Accounts of the organisations (admin only). Bulk creation is the `accounts` import kind (preview, then commit). */
@ApiTags('accounts')
@Controller('api/v1/admin/users')
@Roles('admin')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'Accounts filtered by role, prefecture and text / アカウント一覧' })
  async list(@Query() query: AccountsQuery) {
    let prefecture: string | undefined;
    try {
      prefecture = query.prefecture ? parsePrefectureCode(query.prefecture) : undefined;
    } catch {
      throw accountsErrors.badPrefectureCode();
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
  @Audited({
    action: 'account_updated',
    target: ({ note }) => String(note.username),
    detail: ({ body: { reason, ...changes }, answer }) => ({ changes, reason: reason ?? null, sessions_ended: answer.meta.sessions_ended }),
  })
  async update(
    @Param('id', ParseIntPipe) id: number,
    @Body(strictBody()) body: AccountPatch,
    @CurrentUser() user: SessionUser,
    @AuditNote() note: Record<string, unknown>,
  ) {
    if (Object.values(body).every((v) => v === undefined)) throw accountsErrors.nothingToChange();
    const result = await this.accounts.update(user, id, body);
    note.username = result.before.username;
    return { data: result.account, meta: { sessions_ended: result.sessions_ended } };
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new one-time password, shown once; the account must change it and its sessions end / パスワードの再発行' })
  @Audited({ action: 'password_reset', target: ({ answer }) => answer.data.username, detail: ({ body }) => ({ reason: body.reason }) })
  async reset(@Param('id', ParseIntPipe) id: number, @Body(strictBody()) _body: PasswordResetBody) {
    return { data: await this.accounts.resetPassword(id) };
  }

  @Post('generate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Preview one account per prefecture and per municipality (commit it as an import preview) / 都道府県・市区町村ごとのアカウント',
  })
  @Audited({
    action: 'upload_preview',
    target: () => 'accounts',
    result: ({ answer }) => answer.status,
    detail: ({ answer }) => ({ generated: true, rows: answer.rows, preview_id: answer.preview_id }),
  })
  generate(@Body() body: GenerateAccountsBody, @CurrentUser() user: SessionUser) {
    return this.accounts.generate(user, { prefectures: body.prefectures ?? true, municipalities: body.municipalities ?? true });
  }
}
