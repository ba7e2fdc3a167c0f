import { Controller, Delete, Get, Header, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AdoptionExportQuery } from './dto/adoption-export.js';
import { Audited } from '../audit/audited.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MunicipalityCodePipe, OptionalMunicipalityPipe, OptionalPrefecturePipe, parseMunicipalityCodeList } from '../core/http/params.js';
import { AdoptionService } from './adoption.service.js';
import { Roles, Scope } from '../auth/access.decorators.js';
import { municipalityFromParam, prefectureDetailFromQuery, projectionScope, trendScope } from '../auth/scopes.js';
import { AdoptionMunicipalitiesQuery, ComparisonQuery, MAX_COMPARED, ProjectionsQuery, TrendQuery } from './dto/adoption-queries.js';
import { AsOfQuery } from '../figures/dto/as-of.query.js';
import { CachedSummaries } from '../core/http/summary-cache.js';

@ApiTags('adoption')
@Controller('api/v1/adoption')
@CachedSummaries()
export class AdoptionController {
  constructor(private readonly service: AdoptionService) {}

  @Get('national')
  @ApiOperation({ summary: 'National adoption of the care-plan data linkage system / 全国の導入状況' })
  national(@Query() query: AsOfQuery) {
    return this.service.national(query.as_of);
  }

  @Get('prefectures')
  @ApiOperation({ summary: 'Adoption per prefecture / 都道府県別' })
  prefectures(@Query() query: AsOfQuery) {
    return this.service.prefectures(query.as_of);
  }

  @Get('classes')
  @ApiOperation({ summary: 'Adoption per municipality class / 区分別' })
  classes(@Query() query: AsOfQuery) {
    return this.service.classes(query.as_of);
  }

  @Get('dates')
  @ApiOperation({ summary: 'As-of dates with computed figures / 集計済み基準日' })
  dates() {
    return this.service.dates();
  }

  @Delete('dates/:date')
  @Roles('admin')
  @ApiOperation({ summary: 'Remove an ad-hoc computed as-of date (admin) / 集計済み基準日の削除' })
  @Audited({ action: 'as_of_removed', target: ({ answer }) => answer.data.as_of, detail: ({ answer }) => answer.data })
  async removeDate(@Param('date') date: string) {
    return { data: await this.service.removeDate(date) };
  }

  @Get('municipalities')
  @Scope(prefectureDetailFromQuery)
  @ApiOperation({ summary: 'Adoption per municipality, filtered and sorted / 市区町村別' })
  municipalities(@Query() query: AdoptionMunicipalitiesQuery, @Query('prefecture', OptionalPrefecturePipe) prefecture?: string) {
    return this.service.municipalities({ ...query, prefecture });
  }

  @Get('municipalities/export')
  @Scope(prefectureDetailFromQuery)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Bulk download: every municipality × month end as CSV (UTF-8 with BOM), or format=dictionary for what each column means; a prefecture account gives its own prefecture / 市区町村×月末の一括ダウンロード',
  })
  async export(
    @Query() query: AdoptionExportQuery,
    @Res({ passthrough: true }) res: FastifyReply,
    @Query('prefecture', OptionalPrefecturePipe) prefecture?: string,
  ) {
    const dictionary = query.format === 'dictionary';
    const name = dictionary ? '市区町村別導入状況_項目の説明.csv' : `市区町村別導入状況_月末_${prefecture ?? '全国'}.csv`;
    res.header('Content-Type', 'text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="adoption.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return dictionary ? this.service.exportDictionary() : this.service.exportCsv(prefecture);
  }

  @Get('municipalities/:code')
  @Scope(municipalityFromParam)
  @ApiOperation({ summary: 'One municipality with its peers and trend / 市区町村の詳細と比較' })
  municipality(@Param('code', MunicipalityCodePipe) code: string, @Query() query: AsOfQuery) {
    return this.service.municipality(code, query.as_of);
  }

  @Get('comparison')
  @ApiOperation({
    summary: 'Municipalities the user chose, side by side with their month-end rates (rates only, for every role) / 選んだ市区町村との比較',
  })
  comparison(@Query() query: ComparisonQuery) {
    return this.service.comparison(parseMunicipalityCodeList(query.codes, MAX_COMPARED), query.as_of);
  }

  @Get('projections')
  @Scope(projectionScope)
  @ApiOperation({ summary: 'When each area reaches the target at its pace over the last 6 months / 目標到達の見通し' })
  projections(
    @Query() query: ProjectionsQuery,
    @Query('prefecture', OptionalPrefecturePipe) prefecture?: string,
    @Query('municipality', OptionalMunicipalityPipe) municipality?: string,
  ) {
    return this.service.projections({ ...query, prefecture, municipality });
  }

  @Get('trend')
  @Scope(trendScope)
  @ApiOperation({ summary: 'Monthly series: national, a prefecture or a municipality / 月次推移' })
  trend(
    @Query() query: TrendQuery,
    @Query('prefecture', OptionalPrefecturePipe) prefecture?: string,
    @Query('municipality', OptionalMunicipalityPipe) municipality?: string,
  ) {
    return this.service.trend({ prefecture, municipality }, query.as_of);
  }
}
