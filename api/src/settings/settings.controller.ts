import { Body, Controller, Get, Param, Put } from '@nestjs/common';
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
  @ApiOperation({ summary: 'Change a setting from a date (target rate, conformance date, …) / 設定変更' })
  change(@Param('key') key: string, @Body() body: UpdateSettingBody) {
    return this.service.change(key, body, 'anonymous');
  }
}
