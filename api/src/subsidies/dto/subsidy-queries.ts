import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PrefectureFilterQuery } from '../../core/http/dto/area-filter.query.js';
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

/** The compliance list: of a prefecture, narrowed to one condition or to the conditions of one programme. */
export class ComplianceQuery extends PrefectureFilterQuery {
  @ApiPropertyOptional({ example: 'r7_wage_cpdl_join', description: "one of the programmes' linkage conditions" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  condition?: string;

  @ApiPropertyOptional({ example: 'treatment_addon_r8', description: 'a programme that carries a linkage condition' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  program?: string;
}
