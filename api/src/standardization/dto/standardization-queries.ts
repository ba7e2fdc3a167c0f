import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PrefectureFilterQuery } from '../../common/dto/area-filter.query.js';

export class SurveyQuery {
  @ApiPropertyOptional({ enum: ['class', 'prefecture'], default: 'class' })
  @IsOptional()
  @IsIn(['class', 'prefecture'])
  group?: 'class' | 'prefecture';
}

export class ProgressQuery extends PrefectureFilterQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD: a month end 2025-04..2028-04 or the run date; default the run date' })
  @IsOptional()
  @IsString()
  as_of?: string;

  @ApiPropertyOptional({ enum: ['prefecture', 'vendor'] })
  @IsOptional()
  @IsIn(['prefecture', 'vendor'])
  group?: 'prefecture' | 'vendor';
}
