import { Body, Controller, Delete, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scope } from '../auth/access.decorators.js';
import { eventsScope } from '../auth/scopes.js';
import type { SignedInRequest } from '../auth/user.js';
import { AuditService } from '../audit/audit.service.js';
import { OptionalMunicipalityPipe, OptionalPrefecturePipe } from '../common/params.js';
import { CreateEventBody } from './dto/event.body.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(
    private readonly service: EventsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Scope(eventsScope)
  @ApiOperation({
    summary: "Events on the time-series charts: the nation's, and a prefecture's or municipality's own when given / グラフに表示する出来事",
  })
  async list(
    @Req() req: SignedInRequest,
    @Query('prefecture', OptionalPrefecturePipe) prefecture?: string,
    @Query('municipality', OptionalMunicipalityPipe) municipality?: string,
  ) {
    return { data: await this.service.list(req.user, { prefecture, municipality }) };
  }

  @Post()
  @ApiOperation({ summary: "Record an event of one's own area (national staff: any) / 出来事の記録" })
  async create(@Body() body: CreateEventBody, @Req() req: SignedInRequest) {
    try {
      const event = await this.service.create(req.user, body);
      await this.audit.record({
        actor: req.user.username,
        action: 'event_recorded',
        target: String(event.id),
        result: 'succeeded',
        detail: {
          occurred_on: event.occurred_on,
          title: event.title,
          scope: event.scope,
          prefecture: event.prefecture_code,
          municipality: event.municipality_code,
        },
        ip: req.ip,
      });
      return { data: event };
    } catch (error) {
      await this.audit.record({
        actor: req.user.username,
        action: 'event_recorded',
        target: '-',
        result: 'refused',
        detail: { error: (error as Error).message },
        ip: req.ip,
      });
      throw error;
    }
  }

  @Delete(':id')
  @ApiOperation({ summary: "Delete an event of one's own area / 出来事の削除" })
  async delete(@Param('id', ParseIntPipe) id: number, @Req() req: SignedInRequest) {
    const deleted = await this.service.delete(req.user, id);
    await this.audit.record({
      actor: req.user.username,
      action: 'event_deleted',
      target: String(id),
      result: 'succeeded',
      detail: { occurred_on: deleted.occurred_on, title: deleted.title },
      ip: req.ip,
    });
    return { data: { id } };
  }
}
