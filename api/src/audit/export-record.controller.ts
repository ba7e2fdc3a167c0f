import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Audited } from './audited.decorator.js';

/** What a user exported in the browser (the file itself is built there, from what the page shows). */
export class ExportRecordBody {
  @ApiProperty({ example: '働きかけ先の事業所' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ example: '福島県' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  area?: string;

  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'])
  format!: 'csv' | 'xlsx';

  @ApiProperty({ example: 120 })
  @IsInt()
  @Min(0)
  rows!: number;

  @ApiPropertyOptional({ description: 'filters in force, label → value' })
  @IsOptional()
  @IsObject()
  filters?: Record<string, string>;
}

function exportDetail(body: ExportRecordBody): Record<string, unknown> {
  const filters = Object.fromEntries(
    Object.entries(body.filters ?? {})
      .slice(0, 20)
      .map(([k, v]) => [String(k).slice(0, 50), String(v).slice(0, 200)]),
  );
  return { area: body.area ?? null, format: body.format, rows: body.rows, filters };
}

@ApiTags('audit')
@Controller('api/v1/audit/exports')
export class ExportRecordController {
  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Record an export of an office-level list made in the browser / 書き出しの記録' })
  @Audited<void>({
    action: 'list_exported',
    orRefuse: true,
    target: ({ body }) => body.title,
    detail: ({ body }) => exportDetail(body),
  })
  // The record is the whole point: the audit interceptor writes it (or refuses with 503).
  record(@Body() _body: ExportRecordBody): void {}
}
