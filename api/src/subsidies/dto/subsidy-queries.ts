import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { AsOfQuery } from '../../figures/dto/as-of.query.js';
import { OptionalIntParam } from '../../core/http/dto/int-param.js';

/** Grants decided by the 基準日 (`as_of`, a subsidy month end; default the latest), of a fiscal year or prefecture. */
export class SubsidySummaryQuery extends AsOfQuery {
  @ApiPropertyOptional({ example: 2025, description: 'fiscal year (2025 = 令和7年度)' })
  @OptionalIntParam(2019, 2035)
  fiscal_year?: number;

  @ApiPropertyOptional({ example: '07' })
  @IsOptional()
  @IsString()
  prefecture?: string;
}
