import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

export class SurveyQuery {
  @ApiPropertyOptional({ enum: ['class', 'prefecture'], default: 'class' })
  @IsOptional()
  @IsIn(['class', 'prefecture'])
  group?: 'class' | 'prefecture';
}

export class ProgressQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD: a month end 2025-04..2028-04 or the run date; default the run date' })
  @IsOptional()
  @IsString()
  as_of?: string;

  @ApiPropertyOptional({ example: '07' })
  @IsOptional()
  @IsString()
  prefecture?: string;

  @ApiPropertyOptional({ enum: ['prefecture', 'vendor'] })
  @IsOptional()
  @IsIn(['prefecture', 'vendor'])
  group?: 'prefecture' | 'vendor';
}

export class PrefectureFilterQuery {
  @ApiPropertyOptional({ example: '07' })
  @IsOptional()
  @IsString()
  prefecture?: string;
}
