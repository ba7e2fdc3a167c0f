import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { MUNICIPALITY_CLASSES, type MunicipalityClass } from '../../domain/municipality-class.js';

/** `?prefecture=` shared by the list endpoints; the code itself is parsed by OptionalPrefecturePipe. */
export class PrefectureFilterQuery {
  @ApiPropertyOptional({ description: 'Prefecture code 01–47 / 都道府県コード', example: '07' })
  @IsOptional()
  @IsString()
  prefecture?: string;
}

/** `?prefecture=&class=`. */
export class AreaFilterQuery extends PrefectureFilterQuery {
  @ApiPropertyOptional({ enum: MUNICIPALITY_CLASSES })
  @IsOptional()
  @IsIn(MUNICIPALITY_CLASSES)
  class?: MunicipalityClass;
}
