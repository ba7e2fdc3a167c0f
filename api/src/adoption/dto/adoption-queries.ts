import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MUNICIPALITY_CLASSES, type MunicipalityClass } from '../../reference/municipality-class.js';

export class AsOfQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD; default: the latest computed month end / 基準日', example: '2025-03-31' })
  @IsOptional()
  @IsString()
  as_of?: string;
}

export const MUNICIPALITY_SORTS = ['code', 'rate', '-rate', 'offices_needed', '-offices_needed', 'offices', '-offices'] as const;
export type MunicipalitySort = (typeof MUNICIPALITY_SORTS)[number];

export class AdoptionMunicipalitiesQuery extends AsOfQuery {
  @ApiPropertyOptional({ example: '07' })
  @IsOptional()
  @IsString()
  prefecture?: string;

  @ApiPropertyOptional({ enum: MUNICIPALITY_CLASSES })
  @IsOptional()
  @IsIn(MUNICIPALITY_CLASSES)
  class?: MunicipalityClass;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  meets_target?: 'true' | 'false';

  @ApiPropertyOptional({ enum: MUNICIPALITY_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(MUNICIPALITY_SORTS)
  sort?: MunicipalitySort;

  @ApiPropertyOptional({ default: 2000, maximum: 2000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class TrendQuery {
  @ApiPropertyOptional({ example: '07' })
  @IsOptional()
  @IsString()
  prefecture?: string;

  @ApiPropertyOptional({ example: '07207' })
  @IsOptional()
  @IsString()
  municipality?: string;
}
