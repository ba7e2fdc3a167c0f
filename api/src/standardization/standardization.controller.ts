import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MunicipalityCodePipe, OptionalPrefecturePipe, parseIsoDate } from '../core/http/params.js';
import { AsOfQuery } from '../figures/dto/as-of.query.js';
import { AtRiskQuery, ProgressQuery, SurveyQuery } from './dto/standardization-queries.js';
import { StandardizationService } from './standardization.service.js';
import { Scope } from '../auth/access.decorators.js';
import { municipalityFromParam, optionalPrefectureDetail, prefectureDetailFromQuery } from '../auth/scopes.js';
import { CachedSummaries } from '../core/http/summary-cache.js';
import { standardizationErrors } from './standardization.errors.js';

@ApiTags('standardization')
@Controller('api/v1')
@CachedSummaries()
export class StandardizationController {
  constructor(private readonly service: StandardizationService) {}

  @Get('standardization/surveys')
  @ApiOperation({ summary: 'Survey rounds / 調査回' })
  rounds() {
    return this.service.rounds();
  }

  @Get('standardization/survey/:round')
  @ApiOperation({ summary: 'Survey breakdown by population class or prefecture / アンケート集計' })
  survey(@Param('round') round: string, @Query() query: SurveyQuery) {
    if (!/^\d{4}-\d{2}$/.test(round)) throw standardizationErrors.badRound();
    return this.service.survey(round, query.group ?? 'class');
  }

  @Get('standardization/progress')
  @Scope(optionalPrefectureDetail)
  @ApiOperation({ summary: 'Step progress: national and per prefecture funnel, municipalities of a prefecture, or per vendor' })
  progress(@Query() query: ProgressQuery, @Query('prefecture', OptionalPrefecturePipe) prefecture?: string) {
    return this.service.progress({ ...query, prefecture });
  }

  @Get('standardization/municipalities/:code')
  @Scope(municipalityFromParam)
  @ApiOperation({ summary: "One municipality's steps and dates / 市区町村の段階" })
  municipality(@Param('code', MunicipalityCodePipe) code: string, @Query() query: AsOfQuery) {
    return this.service.municipality(code, query);
  }

  @Get('standardization/at-risk')
  @Scope(prefectureDetailFromQuery)
  @ApiOperation({ summary: 'At-risk municipalities with reasons on a progress date, filtered / 遅延リスクのある市区町村' })
  atRisk(@Query() query: AtRiskQuery, @Query('prefecture', OptionalPrefecturePipe) prefecture?: string) {
    return this.service.atRisk({ ...query, prefecture });
  }

  @Get('schedule')
  @ApiOperation({ summary: 'Key dates, days remaining, national share completed per step / スケジュール' })
  schedule(@Query() query: AsOfQuery) {
    return this.service.schedule(query.as_of ? parseIsoDate(query.as_of, 'as_of') : undefined);
  }
}
