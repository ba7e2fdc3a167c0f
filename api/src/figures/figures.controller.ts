import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FiguresService } from './figures.service.js';
import { CachedSummaries } from '../core/http/summary-cache.js';

@ApiTags('figures')
@Controller('api/v1/figures')
@CachedSummaries()
export class FiguresController {
  constructor(private readonly figures: FiguresService) {}

  @Get('sources')
  @ApiOperation({ summary: 'Each figure family: its source and when it was last computed / 出典と最終更新' })
  async sources() {
    return { data: await this.figures.sources() };
  }
}
