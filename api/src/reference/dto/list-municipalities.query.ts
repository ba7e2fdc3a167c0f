import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AreaFilterQuery } from '../../core/http/dto/area-filter.query.js';

export class ListMunicipalitiesQuery extends AreaFilterQuery {
  @ApiPropertyOptional({ description: 'Matches name or kana (hiragana, katakana, half-width) / 名称・かな検索', example: '須賀川' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}
