import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MunicipalityCodePipe, OptionalPrefecturePipe } from '../core/http/params.js';
import { ListMunicipalitiesQuery } from './dto/list-municipalities.query.js';
import { ReferenceService } from './reference.service.js';
import { CachedSummaries } from '../core/http/summary-cache.js';

@ApiTags('reference')
@Controller('api/v1')
@CachedSummaries()
export class ReferenceController {
  constructor(private readonly service: ReferenceService) {}

  @Get('prefectures')
  @ApiOperation({ summary: '47 prefectures with region / 都道府県一覧' })
  prefectures() {
    return this.service.prefectures();
  }

  @Get('municipalities')
  @ApiOperation({ summary: 'Municipalities, filtered by prefecture, class, name or kana / 市区町村一覧' })
  municipalities(@Query() query: ListMunicipalitiesQuery, @Query('prefecture', OptionalPrefecturePipe) prefecture?: string) {
    return this.service.municipalities({ ...query, prefecture });
  }

  @Get('municipalities/:code')
  @ApiOperation({ summary: 'One municipality by 5- or 6-digit code / 市区町村' })
  municipality(@Param('code', MunicipalityCodePipe) code: string) {
    return this.service.municipality(code);
  }

  @Get('reference/summary')
  @ApiOperation({ summary: 'Municipalities per prefecture and class, computed by a DuckDB job' })
  summary() {
    return this.service.summary();
  }
}
