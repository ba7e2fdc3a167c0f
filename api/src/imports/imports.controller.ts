import { ErrorCode } from '../core/http/api-error.js';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Headers,
  Query,
  Res,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { rm } from 'node:fs/promises';
import { Roles } from '../auth/access.decorators.js';
import type { SessionUser } from '../auth/user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Audited, type AuditContext, type AuditSpec } from '../audit/audited.decorator.js';
import type { AnsweredJob, ImportReport } from './dto/imports.responses.js';
import { ImportsService, type Committed } from './imports.service.js';
import type { QueuedRefresh } from '../jobs/jobs.service.js';
import { preferredWaitSeconds, settledWithin } from '../core/http/prefer-wait.js';
import { UploadAttemptFilter } from './upload-attempt.filter.js';
import type { UploadedFile } from './uploaded-files.js';
import { MultipartFilesInterceptor, Uploads } from './multipart-files.interceptor.js';
import { importsErrors } from './imports.errors.js';

export class UploadQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: validate and answer what would change, write nothing (a preview to commit)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dry_run?: 'true' | 'false';
}

export class CommitBody {
  @ApiPropertyOptional({
    description: 'as-written, leading-zero-restored, or a JSON map {"12203":"012203"} for ambiguous municipality codes',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  code_choice?: string;

  @ApiPropertyOptional({ description: 'import the rest when the preview set rows aside (needed then: 409 SET_ASIDE_NOT_ACCEPTED)' })
  @IsOptional()
  @IsBoolean()
  accept_set_aside?: boolean;

  @ApiPropertyOptional({
    description: 'close what a list that looks partial leaves out (needed then: 409 CLOSURES_NOT_ACCEPTED)',
  })
  @IsOptional()
  @IsBoolean()
  accept_closures?: boolean;
}

const STATUS: Record<ImportReport['status'], HttpStatus> = {
  succeeded: HttpStatus.CREATED,
  duplicate: HttpStatus.OK,
  preview: HttpStatus.OK,
  rejected: HttpStatus.UNPROCESSABLE_ENTITY,
  not_accepted: HttpStatus.CONFLICT,
};

/** A refused upload answers its code beside the report. */
const answer = (report: ImportReport) =>
  report.status === 'rejected'
    ? { code: ErrorCode.ImportRejected, ...report }
    : report.status === 'not_accepted'
      ? { code: report.refusal, ...report }
      : report;

/** Where to ask whether the figures include an import yet. */
const figuresUrl = (importId: number | null) => (importId === null ? null : `/api/v1/imports/${importId}/figures`);

/**
 * The jobs as an answer states them. Uploads and undos answer on commit with their jobs queued; a client that
 * sends `Prefer: wait=N` (RFC 7240: a script that reads the figures next, the CLI's way) gets their runs
 * instead, if they finish within N seconds.
 */
async function answeredJobs(refresh: QueuedRefresh, prefer: string | undefined, res: FastifyReply): Promise<AnsweredJob[]> {
  const wait = preferredWaitSeconds(prefer);
  if (wait !== undefined && refresh.jobs.length > 0) {
    res.header('Preference-Applied', `wait=${wait}`);
    const runs = await settledWithin(
      refresh.finished.catch(() => undefined),
      wait,
    );
    if (runs) return runs;
  }
  return refresh.jobs.map((name) => ({ name, status: 'queued' }));
}

/** An upload or a commit on record: what the report says (a refusal before the rows is UploadAttemptFilter's). */
const uploadAudit = (extra: (c: AuditContext<ImportReport>) => Record<string, unknown> = () => ({})): AuditSpec<ImportReport> => ({
  action: ({ answer }) => (answer!.status === 'preview' ? 'upload_preview' : 'upload'),
  target: ({ answer, params }) => answer!.kind ?? params.kind,
  result: ({ answer }) => answer!.status,
  detail: (c) => {
    const report = c.answer!;
    return { import_id: report.import_id, file_name: report.file_name, rows: report.rows, errors: report.error_count, ...extra(c) };
  },
});

export class UndoBody {
  @ApiProperty({ description: 'why the import is undone (kept in the audit log) / 取り消しの理由' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  reason!: string;
}

@ApiTags('imports')
@Controller('api/v1/imports')
@Roles('admin', 'national')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get()
  @ApiOperation({ summary: 'Recent imports with their status / 取込履歴' })
  async list(@CurrentUser() user: SessionUser) {
    return { data: await this.imports.list(), kinds: this.imports.kinds(user.role) };
  }

  @Get('previews/:id')
  @ApiOperation({ summary: 'A preview of an upload: what it would change / 取込プレビュー' })
  async preview(@Param('id') id: string, @CurrentUser() user: SessionUser) {
    const preview = await this.imports.findPreview(id, user.username);
    this.imports.kind(preview.kind, user.role);
    return {
      data: {
        id: preview.id,
        kind: preview.kind,
        created_by: preview.created_by,
        created_at: preview.created_at,
        committed_import_id: preview.committed_import_id,
        report: preview.report,
      },
    };
  }

  @Post('previews/:id/commit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import a previewed upload exactly as previewed (refused when another import came first) / プレビューを取り込む',
  })
  @Audited(uploadAudit(({ params }) => ({ preview_id: params.id })))
  async commit(
    @Param('id') id: string,
    @Body() body: CommitBody,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentUser() user: SessionUser,
    @Headers('prefer') prefer: string | undefined,
  ) {
    this.imports.kind((await this.imports.findPreview(id, user.username)).kind, user.role);
    const committed = await this.imports.commitPreview(id, user.username, {
      codeChoice: body?.code_choice,
      accept: { setAside: body?.accept_set_aside, closures: body?.accept_closures },
    });
    return this.answerCommitted(committed, prefer, res);
  }

  @Post(':id/undo')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo an import: its rows go or get their earlier values back, the jobs rerun; refused while a later import built on it / 取込の取り消し',
  })
  @Audited({
    action: 'import_undone',
    target: ({ params }) => params.id,
    detail: ({ body, answer }) => ({ reason: body.reason, tables: answer.data.tables }),
    refused: { result: 'refused', detail: ({ body, error }) => ({ reason: body?.reason, error: error!.message }) },
  })
  async undo(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UndoBody,
    @CurrentUser() user: SessionUser,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const { undone, refresh } = await this.imports.undo(id, user.username, body.reason);
    return { data: { ...undone, jobs: await answeredJobs(refresh, prefer, res), figures_url: figuresUrl(id) } };
  }

  @Get(':id/figures')
  @ApiOperation({
    summary:
      'Whether the figures served include the import (or its undo) yet: each dependent job queued, running, or the run that took it in / 集計への反映状況',
  })
  async figures(@Param('id', ParseIntPipe) id: number) {
    return { data: await this.imports.figures(id) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One import with its error report / 取込結果' })
  async find(@Param('id', ParseIntPipe) id: number) {
    return { data: await this.imports.find(id) };
  }

  @Post(':kind')
  @Audited(uploadAudit())
  @UseFilters(UploadAttemptFilter)
  @UseInterceptors(MultipartFilesInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } }, required: ['file'] },
  })
  @ApiOperation({
    summary:
      'Upload CSV or xlsx files (the app layout, the MHLW open data, the recommended dataset); all rows or none. dry_run=true answers a preview to commit / 取込',
  })
  async upload(
    @Param('kind') kind: string,
    @Query() query: UploadQuery,
    @Uploads() files: UploadedFile[],
    @Body() body: unknown,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentUser() user: SessionUser,
    @Headers('prefer') prefer: string | undefined,
  ) {
    try {
      const importKind = this.imports.kind(kind, user.role);
      if (files.length === 0) throw importsErrors.noFile();
      const parameters = this.imports.uploadParameters(importKind, body);
      const request = { files, uploadedBy: user.username, parameters };
      if (query.dry_run === 'true') {
        const report = await this.imports.preview(kind, request);
        res.status(STATUS[report.status]);
        return answer(report);
      }
      return await this.answerCommitted(await this.imports.upload(kind, request), prefer, res);
    } finally {
      for (const f of files) await rm(f.path, { force: true });
    }
  }

  /** An import's answer: its report, its jobs (queued, or their runs when asked to wait), where to follow them. */
  private async answerCommitted({ report, refresh }: Committed, prefer: string | undefined, res: FastifyReply) {
    const jobs = await answeredJobs(refresh, prefer, res);
    res.status(STATUS[report.status]);
    return { ...answer(report), jobs, figures_url: jobs.length ? figuresUrl(report.import_id) : null };
  }
}
