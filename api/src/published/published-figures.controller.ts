import { Body, Controller, Delete, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import type { SessionUser } from '../auth/user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Audited, type AuditContext } from '../audit/audited.decorator.js';
import { CreatePublishedFigureBody } from './dto/published-figure.body.js';
import { PublishedFiguresService } from './published-figures.service.js';

type FigureAnswer = { data: Awaited<ReturnType<PublishedFiguresService['record']>> };

const figureDetail = ({ answer }: AuditContext<FigureAnswer>) => {
  const { measure, value, as_of, source } = answer!.data;
  return { measure, value, as_of, source };
};

@ApiTags('published-figures')
@Controller('api/v1/published-figures')
export class PublishedFiguresController {
  constructor(private readonly service: PublishedFiguresService) {}

  @Get()
  @ApiOperation({ summary: 'Figures others published (slides, WAMNET), shown beside the tracked series / 公表値' })
  async list() {
    return { data: await this.service.list() };
  }

  @Post()
  @Roles('admin', 'national')
  @ApiOperation({ summary: 'Record a published figure (the same measure, date and source replaces it) / 公表値の記録' })
  @Audited<FigureAnswer>({ action: 'published_figure_recorded', target: ({ answer }) => String(answer!.data.id), detail: figureDetail })
  async record(@Body() body: CreatePublishedFigureBody, @CurrentUser() user: SessionUser) {
    return { data: await this.service.record(body, user.username) };
  }

  @Delete(':id')
  @Roles('admin', 'national')
  @ApiOperation({ summary: 'Delete a published figure / 公表値の削除' })
  @Audited<FigureAnswer>({ action: 'published_figure_deleted', target: ({ params }) => params.id, detail: figureDetail })
  async delete(@Param('id', ParseIntPipe) id: number) {
    return { data: await this.service.delete(id) };
  }
}
