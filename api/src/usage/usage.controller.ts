import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scope } from '../auth/access.decorators.js';
import { optionalPrefectureDetail } from '../auth/scopes.js';
import { OptionalPrefecturePipe } from '../core/http/params.js';
import { AsOfQuery } from '../figures/dto/as-of.query.js';
import { UsageService } from './usage.service.js';
import { CachedSummaries } from '../core/http/summary-cache.js';

@ApiTags('usage')
@Controller('api/v1/usage')
@CachedSummaries()
export class UsageController {
  constructor(private readonly service: UsageService) {}

  @Get()
  @Scope(optionalPrefectureDetail)
  @ApiOperation({
    summary: 'Active use from the monthly exchange logs: nationally, per prefecture, and per municipality of a prefecture / 利用実績',
  })
  usage(@Query() query: AsOfQuery, @Query('prefecture', OptionalPrefecturePipe) prefecture?: string) {
    return this.service.usage(query, prefecture);
  }
}
