import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MunicipalityCodePipe, OptionalPrefecturePipe, parseIsoDate } from '../core/http/params.js';
import { ComplianceQuery, SubsidySummaryQuery } from './dto/subsidy-queries.js';
import { AsOfQuery } from '../figures/dto/as-of.query.js';
import { SubsidiesService } from './subsidies.service.js';
import { Scope } from '../auth/access.decorators.js';
import { municipalityFromParam, prefectureDetailFromQuery } from '../auth/scopes.js';
import { CachedSummaries } from '../core/http/summary-cache.js';

@ApiTags('subsidies')
@Controller('api/v1/subsidies')
@CachedSummaries()
export class SubsidiesController {
  constructor(private readonly service: SubsidiesService) {}

  @Get('programs')
  @ApiOperation({ summary: 'Programmes with caps, rates and conditions / 補助メニュー' })
  programs() {
    return this.service.programs();
  }

  @Get('summary')
  @ApiOperation({ summary: 'Utilisation by fiscal year × prefecture × programme / 活用状況' })
  summary(@Query() query: SubsidySummaryQuery, @Query('prefecture', OptionalPrefecturePipe) prefecture?: string) {
    return this.service.summary({ asOf: query, fiscalYear: query.fiscal_year, prefecture });
  }

  @Get('totals')
  @ApiOperation({ summary: 'Grants decided by the as-of date, cumulative / 基準日までの交付決定の累計' })
  totals(@Query() query: AsOfQuery) {
    return this.service.totals(query.as_of ? parseIsoDate(query.as_of, 'as_of') : undefined);
  }

  @Get('compliance')
  @Scope(prefectureDetailFromQuery)
  @ApiOperation({
    summary:
      "Subsidised offices that do not meet a linkage condition of their grants, per condition (?condition= one of the programmes' conditions, ?program= a programme carrying one) / 連携要件の未達",
  })
  compliance(@Query() query: ComplianceQuery, @Query('prefecture', OptionalPrefecturePipe) prefecture?: string) {
    return this.service.compliance(prefecture, query);
  }

  @Get('effect')
  @ApiOperation({ summary: 'Adoption before and after, with and without subsidies and model regions / 補助と導入率' })
  effect(@Query() query: AsOfQuery) {
    return this.service.effect(query);
  }

  @Get('by-municipality')
  @Scope(prefectureDetailFromQuery)
  @ApiOperation({ summary: 'Grants and amount per municipality (for filtering) / 市区町村別の交付決定' })
  async byMunicipality(@Query('prefecture', OptionalPrefecturePipe) prefecture?: string) {
    return { data: await this.service.subsidisedMunicipalities(prefecture) };
  }

  @Get('municipalities/:code')
  @Scope(municipalityFromParam)
  @ApiOperation({ summary: "A municipality's grants / 市区町村の交付決定" })
  municipality(@Param('code', MunicipalityCodePipe) code: string) {
    return this.service.municipality(code);
  }
}
