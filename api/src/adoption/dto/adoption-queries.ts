import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { AsOfQuery } from '../../figures/dto/as-of.query.js';
import { AreaFilterQuery, PrefectureFilterQuery } from '../../core/http/dto/area-filter.query.js';
import { OptionalIntParam } from '../../core/http/dto/int-param.js';

export const MUNICIPALITY_SORTS = ['code', 'rate', '-rate', 'offices_needed', '-offices_needed', 'offices', '-offices'] as const;
export type MunicipalitySort = (typeof MUNICIPALITY_SORTS)[number];

export class AdoptionMunicipalitiesQuery extends IntersectionType(AreaFilterQuery, AsOfQuery) {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  meets_target?: 'true' | 'false';

  @ApiPropertyOptional({ enum: MUNICIPALITY_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(MUNICIPALITY_SORTS)
  sort?: MunicipalitySort;

  @ApiPropertyOptional({ default: 2000, maximum: 2000 })
  @OptionalIntParam(1, 2000)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @OptionalIntParam(0)
  offset?: number;
}

export class TrendQuery extends IntersectionType(PrefectureFilterQuery, AsOfQuery) {
  @ApiPropertyOptional({ example: '07207' })
  @IsOptional()
  @IsString()
  municipality?: string;
}

/** `/adoption/projections`: every area of a level (municipalities of one prefecture, or one municipality), optionally only those not reaching the target by the fiscal year's end. */
export class ProjectionsQuery extends IntersectionType(TrendQuery, AsOfQuery) {
  @ApiPropertyOptional({ enum: ['national', 'prefecture', 'municipality'], default: 'prefecture' })
  @IsOptional()
  @IsIn(['national', 'prefecture', 'municipality'])
  level?: 'national' | 'prefecture' | 'municipality';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'false: only areas that will not reach the target by the end of the fiscal year',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  by_fiscal_year_end?: 'true' | 'false';

  @ApiPropertyOptional({
    description: 'only this many areas, those farthest from the target (most offices needed) first; meta.count counts all',
    maximum: 2000,
  })
  @OptionalIntParam(1, 2000)
  limit?: number;
}

/** Most municipalities one comparison puts side by side (the chosen ones, besides the page's own). */
export const MAX_COMPARED = 11;

/** `/adoption/comparison`: municipalities the user chose, as comma-separated codes. */
export class ComparisonQuery extends AsOfQuery {
  @ApiProperty({
    description: `1–${MAX_COMPARED} municipality codes, comma-separated / 比較する市区町村コード（カンマ区切り）`,
    example: '072079,072010',
  })
  @IsString()
  codes!: string;
}
