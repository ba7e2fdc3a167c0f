import { Body, Controller, Delete, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scope } from '../auth/access.decorators.js';
import { eventsScope } from '../auth/scopes.js';
import type { SessionUser } from '../auth/user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Audited } from '../audit/audited.decorator.js';
import { OptionalMunicipalityPipe, OptionalPrefecturePipe } from '../core/http/params.js';
import { CreateEventBody } from './dto/event.body.js';
import { EventsService } from './events.service.js';

type EventAnswer = { data: Awaited<ReturnType<EventsService['create']>> };

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly service: EventsService) {}

  @Get()
  @Scope(eventsScope)
  @ApiOperation({
    summary: "Events on the time-series charts: the nation's, and a prefecture's or municipality's own when given / グラフに表示する出来事",
  })
  async list(
    @CurrentUser() user: SessionUser,
    @Query('prefecture', OptionalPrefecturePipe) prefecture?: string,
    @Query('municipality', OptionalMunicipalityPipe) municipality?: string,
  ) {
    return { data: await this.service.list(user, { prefecture, municipality }) };
  }

  @Post()
  @ApiOperation({ summary: "Record an event of one's own area (national staff: any) / 出来事の記録" })
  @Audited<EventAnswer>({
    action: 'event_recorded',
    target: ({ answer }) => String(answer!.data.id),
    detail: ({ answer }) => {
      const e = answer!.data;
      return {
        occurred_on: e.occurred_on,
        title: e.title,
        scope: e.scope,
        prefecture: e.prefecture_code,
        municipality: e.municipality_code,
      };
    },
    refused: { result: 'refused', target: () => '-', detail: ({ error }) => ({ error: error!.message }) },
  })
  async create(@Body() body: CreateEventBody, @CurrentUser() user: SessionUser) {
    return { data: await this.service.create(user, body) };
  }

  @Delete(':id')
  @ApiOperation({ summary: "Delete an event of one's own area / 出来事の削除" })
  @Audited<{ data: Awaited<ReturnType<EventsService['delete']>> }>({
    action: 'event_deleted',
    target: ({ params }) => params.id,
    detail: ({ answer }) => ({ occurred_on: answer!.data.occurred_on, title: answer!.data.title }),
  })
  async delete(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser) {
    return { data: await this.service.delete(user, id) };
  }
}
