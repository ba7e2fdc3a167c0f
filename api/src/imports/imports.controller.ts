import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { rm } from 'node:fs/promises';
import { badRequest } from '../common/api-error.js';
import { Roles } from '../auth/access.decorators.js';
import type { SessionUser } from '../auth/user.js';
import { AuditService } from '../audit/audit.service.js';
import { ImportsService } from './imports.service.js';
import { UploadAttemptFilter } from './upload-attempt.filter.js';

@ApiTags('imports')
@Controller('api/v1/imports')
@Roles('admin', 'national')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recent imports with their status / 取込履歴' })
  async list() {
    return { data: await this.imports.list(), kinds: this.imports.kinds() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One import with its error report / 取込結果' })
  async find(@Param('id', ParseIntPipe) id: number) {
    return { data: await this.imports.find(id) };
  }

  @Post(':kind')
  @UseFilters(UploadAttemptFilter)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiOperation({ summary: 'Upload a CSV (UTF-8, UTF-8 BOM or Shift_JIS); all rows or none / CSV取込（全件または0件）' })
  async upload(
    @Param('kind') kind: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
    @Req() req: Request & { user: SessionUser },
  ) {
    try {
      const importKind = this.imports.kind(kind);
      if (!file) throw badRequest('file フィールドに CSV ファイルを添付してください', 'attach the CSV as the multipart field "file"');
      const parameters = this.imports.uploadParameters(importKind, body);
      const report = await this.imports.upload(kind, {
        fileName: Buffer.from(file.originalname, 'latin1').toString('utf8'),
        path: file.path,
        uploadedBy: req.user.username,
        parameters,
      });
      const status = { succeeded: HttpStatus.CREATED, duplicate: HttpStatus.OK, rejected: HttpStatus.UNPROCESSABLE_ENTITY }[report.status];
      await this.audit.record({
        actor: req.user.username,
        action: 'upload',
        target: kind,
        result: report.status,
        detail: { import_id: report.import_id, file_name: report.file_name, rows: report.rows, errors: report.error_count },
        ip: req.ip,
      });
      res.status(status);
      return report.status === 'rejected' ? { code: 'IMPORT_REJECTED', ...report } : report;
    } finally {
      if (file?.path) await rm(file.path, { force: true });
    }
  }
}
