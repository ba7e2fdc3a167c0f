import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Scope } from '../auth/access.decorators.js';
import { officeListScope } from '../auth/scopes.js';
import type { SignedInRequest } from '../auth/user.js';
import { AuditService } from '../audit/audit.service.js';
import { chooseEncoding, encodedReply } from '../common/content-encoding.js';
import { OptionalMunicipalityPipe, OptionalPrefecturePipe } from '../common/params.js';
import { ARROW_STREAM } from '../core/media-types.js';
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
  constructor(
    private readonly service: OfficesService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Scope(officeListScope)
  @ApiProduces('application/json', ARROW_STREAM)
  @ApiOperation({
    summary:
      'Offices of a municipality, a prefecture or (national, admin) the nation with licence status, recent exchanges and the subsidy condition; Arrow IPC stream when Accept asks for it / 事業所別の働きかけリスト',
  })
  async list(
    @Req() req: SignedInRequest,
    @Res({ passthrough: true }) res: Response,
    @Query('prefecture', OptionalPrefecturePipe) prefecture?: string,
    @Query('municipality', OptionalMunicipalityPipe) municipality?: string,
  ) {
    const arrow = wantsArrow(req.headers.accept);
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const built = await this.service.encodedList({ prefecture, municipality }, arrow ? 'arrow' : 'json', encoding);
    // Licence and usage columns are not public data: every read of a list is on record, or not served.
    await this.audit.recordOrRefuse({
      actor: req.user.username,
      action: 'offices_listed',
      target: municipality ?? prefecture ?? 'national',
      result: 'succeeded',
      detail: { rows: built.rows, encoding: arrow ? 'arrow' : 'json' },
      ip: req.ip,
    });
    return encodedReply(res, built.bytes, encoding, arrow ? ARROW_STREAM : 'application/json; charset=utf-8');
  }
}
