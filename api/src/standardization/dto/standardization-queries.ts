import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { AsOfQuery } from '../../figures/dto/as-of.query.js';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AreaFilterQuery, PrefectureFilterQuery } from '../../core/http/dto/area-filter.query.js';
import { AT_RISK_REASONS, type AtRiskReasonCode } from '../at-risk-reasons.js';
import { OptionalIntParam } from '../../core/http/dto/int-param.js';

export class SurveyQuery {
  @ApiPropertyOptional({ enum: ['class', 'prefecture'], default: 'class' })
  @IsOptional()
  @IsIn(['class', 'prefecture'])
  group?: 'class' | 'prefecture';
}

/** `as_of`: a month end 2025-04..2028-04 or the run date; default the run date (figure-families.ts). */
export class ProgressQuery extends IntersectionType(PrefectureFilterQuery, AsOfQuery) {
  @ApiPropertyOptional({ enum: ['prefecture', 'vendor'] })
  @IsOptional()
  @IsIn(['prefecture', 'vendor'])
  group?: 'prefecture' | 'vendor';
}

/** The at-risk list: on a progress date (`as_of`, with `as_of_rule`), filtered by area, class, vendor and reason. */
export class AtRiskQuery extends IntersectionType(AreaFilterQuery, AsOfQuery) {
  @ApiPropertyOptional({ description: 'Vendor name as registered / 事業者名（（未登録） for none）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  vendor?: string;

  @ApiPropertyOptional({ enum: AT_RISK_REASONS })
  @IsOptional()
  @IsIn(AT_RISK_REASONS)
  reason?: AtRiskReasonCode;

  @ApiPropertyOptional({
    description: 'at most this many municipalities in data (0: only the counts, for the national page tile); meta.count counts all',
    maximum: 2000,
  })
  @OptionalIntParam(0, 2000)
  limit?: number;
}
