import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Scope } from '../auth/access.decorators.js';
import { officeListScope } from '../auth/scopes.js';
import { Audited, AuditNote } from '../audit/audited.decorator.js';
import { chooseEncoding, encodedReply } from '../core/http/content-encoding.js';
import { OptionalMunicipalityPipe, OptionalPrefecturePipe } from '../core/http/params.js';
import { ARROW_STREAM } from '../core/domain/media-types.js';
import { OfficesService } from './offices.service.js';

/** Arrow only when asked for by name: a browser's default Accept (or *\/*) gets JSON. */
export function wantsArrow(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((part) => part.split(';')[0].trim().toLowerCase() === ARROW_STREAM && !/;\s*q=0(\.0*)?\s*(;|$)/.test(part));
}

@ApiTags('offices')
@Controller('api/v1/offices')
export class OfficesController {
  constructor(private readonly service: OfficesService) {}

  @Get()
  @Scope(officeListScope)
  @ApiProduces('application/json', ARROW_STREAM)
  @ApiOperation({
    summary:
      'Offices of a municipality, a prefecture or (national, admin) the nation with licence status, recent exchanges and the subsidy condition; Arrow IPC stream when Accept asks for it / 事業所別の働きかけリスト',
  })
  // Licence and usage columns are not public data: every read of a list is on record, or not served.
  @Audited({
    action: 'offices_listed',
    orRefuse: true,
    target: ({ note }) => String(note.area),
    detail: ({ note }) => ({ rows: note.rows, encoding: note.format }),
  })
  async list(
    @Headers('accept') accept: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
    @AuditNote() note: Record<string, unknown>,
    @Query('prefecture', OptionalPrefecturePipe) prefecture?: string,
    @Query('municipality', OptionalMunicipalityPipe) municipality?: string,
  ) {
    const format = wantsArrow(accept) ? 'arrow' : 'json';
    const encoding = chooseEncoding(acceptEncoding);
    const built = await this.service.encodedList({ prefecture, municipality }, format, encoding);
    Object.assign(note, { area: municipality ?? prefecture ?? 'national', rows: built.rows, format });
    return encodedReply(res, built.bytes, encoding, format === 'arrow' ? ARROW_STREAM : 'application/json; charset=utf-8');
  }
}
