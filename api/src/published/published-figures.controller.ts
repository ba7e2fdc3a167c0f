import { Body, Controller, Delete, Get, Param, ParseIntPipe, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import type { SignedInRequest } from '../auth/user.js';
import { AuditService } from '../audit/audit.service.js';
import { CreatePublishedFigureBody } from './dto/published-figure.body.js';
import { PublishedFiguresService } from './published-figures.service.js';

@ApiTags('published-figures')
@Controller('api/v1/published-figures')
export class PublishedFiguresController {
  constructor(
    private readonly service: PublishedFiguresService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Figures others published (slides, WAMNET), shown beside the tracked series / 公表値' })
  async list() {
    return { data: await this.service.list() };
  }

  @Post()
  @Roles('admin', 'national')
  @ApiOperation({ summary: 'Record a published figure (the same measure, date and source replaces it) / 公表値の記録' })
  async record(@Body() body: CreatePublishedFigureBody, @Req() req: SignedInRequest) {
    const figure = await this.service.record(body, req.user.username);
    await this.audit.record({
      actor: req.user.username,
      action: 'published_figure_recorded',
      target: String(figure.id),
      result: 'succeeded',
      detail: { measure: figure.measure, value: figure.value, as_of: figure.as_of, source: figure.source },
      ip: req.ip,
    });
    return { data: figure };
  }

  @Delete(':id')
  @Roles('admin', 'national')
  @ApiOperation({ summary: 'Delete a published figure / 公表値の削除' })
  async delete(@Param('id', ParseIntPipe) id: number, @Req() req: SignedInRequest) {
    const figure = await this.service.delete(id);
    await this.audit.record({
      actor: req.user.username,
      action: 'published_figure_deleted',
      target: String(id),
      result: 'succeeded',
      detail: { measure: figure.measure, value: figure.value, as_of: figure.as_of, source: figure.source },
      ip: req.ip,
    });
    return { data: { id } };
  }
}
