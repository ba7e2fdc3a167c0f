import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MUNICIPALITY_CLASSES, type MunicipalityClass } from '../municipality-class.js';

export class ListMunicipalitiesQuery {
  @ApiPropertyOptional({ description: 'Prefecture code 01–47 / 都道府県コード', example: '07' })
  @IsOptional()
  @IsString()
  prefecture?: string;

  @ApiPropertyOptional({ enum: MUNICIPALITY_CLASSES })
  @IsOptional()
  @IsIn(MUNICIPALITY_CLASSES)
  class?: MunicipalityClass;

  @ApiPropertyOptional({ description: 'Matches name or kana (hiragana, katakana, half-width) / 名称・かな検索', example: '須賀川' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}
