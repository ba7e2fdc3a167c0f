import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Roles } from '../auth/access.decorators.js';
import { AuditService } from './audit.service.js';
import { OptionalIntParam } from '../core/http/dto/int-param.js';

export class AuditQuery {
  @ApiPropertyOptional({ default: 200, maximum: 5000 })
  @OptionalIntParam(1, 5000)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @OptionalIntParam(0)
  offset?: number;

  @ApiPropertyOptional({ description: 'username / ユーザー名' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ example: 'login' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  action?: string;

  @ApiPropertyOptional({ example: 'succeeded' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  result?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (Tokyo), inclusive' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (Tokyo), inclusive' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;
}

@ApiTags('audit')
@Controller('api/v1/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Audit log filtered by user, action, result and dates (admin) / 監査ログ' })
  async list(@Query() query: AuditQuery) {
    const { rows, total } = await this.audit.list({ ...query, limit: query.limit ?? 200, offset: query.offset ?? 0 });
    return { data: rows, meta: { total, limit: query.limit ?? 200, offset: query.offset ?? 0, ...(await this.audit.facets()) } };
  }
}
