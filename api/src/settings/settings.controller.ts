import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { Roles } from '../auth/access.decorators.js';
import type { SignedInRequest } from '../auth/user.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UpdateSettingBody } from './dto/update-setting.body.js';
import { SettingsService } from './settings.service.js';

@ApiTags('settings')
@Controller('api/v1')
export class SettingsController {
  constructor(
    private readonly service: SettingsService,
    private readonly audit: AuditService,
  ) {}

  @Get('settings')
  @ApiOperation({ summary: 'Settings with validity periods and sources / 設定値' })
  list() {
    return this.service.list();
  }

  @Put('admin/settings/:key')
  @Roles('admin', 'national')
  @ApiOperation({ summary: 'Change a setting from a date (target rate, conformance date, …) / 設定変更' })
  async change(@Param('key') key: string, @Body() body: UpdateSettingBody, @Req() req: SignedInRequest) {
    try {
      const result = await this.service.change(key, body, req.user);
      await this.audit.record({
        actor: req.user.username,
        action: 'setting_change',
        target: key,
        result: 'succeeded',
        detail: { value: result.data.value, valid_from: result.data.valid_from },
        ip: req.ip,
      });
      return result;
    } catch (error) {
      await this.audit.record({
        actor: req.user.username,
        action: 'setting_change',
        target: key.slice(0, 50),
        result: 'rejected',
        detail: { value: String(body?.value).slice(0, 50) },
        ip: req.ip,
      });
      throw error;
    }
  }
}
