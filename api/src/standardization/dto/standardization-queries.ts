import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { AsOfQuery } from '../../figures/dto/as-of.query.js';
import { IsIn, IsOptional } from 'class-validator';
import { PrefectureFilterQuery } from '../../common/dto/area-filter.query.js';

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
