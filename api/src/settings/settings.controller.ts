import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Roles } from '../auth/access.decorators.js';
import type { SessionUser } from '../auth/user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Audited } from '../audit/audited.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UpdateSettingBody } from './dto/update-setting.body.js';
import { SettingsService } from './settings.service.js';

@ApiTags('settings')
@Controller('api/v1')
export class SettingsController {
  constructor(private readonly service: SettingsService) {}

  @Get('settings')
  @ApiOperation({ summary: 'Settings with validity periods and sources / 設定値' })
  list() {
    return this.service.list();
  }

  @Put('admin/settings/:key')
  @Roles('admin', 'national')
  @ApiOperation({ summary: 'Change a setting from a date (target rate, conformance date, …) / 設定変更' })
  @Audited<Awaited<ReturnType<SettingsService['change']>>>({
    action: 'setting_change',
    target: ({ params }) => params.key,
    detail: ({ answer }) => ({ value: answer!.data.value, valid_from: answer!.data.valid_from }),
    refused: {
      result: 'rejected',
      target: ({ params }) => params.key.slice(0, 50),
      detail: ({ body }) => ({ value: String(body?.value).slice(0, 50) }),
    },
  })
  change(@Param('key') key: string, @Body() body: UpdateSettingBody, @CurrentUser() user: SessionUser) {
    return this.service.change(key, body, user);
  }
}
