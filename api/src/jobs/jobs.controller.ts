import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { Roles } from '../auth/access.decorators.js';
import type { SignedInRequest } from '../auth/user.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { parseIsoDate } from '../common/params.js';
import { JobsService } from './jobs.service.js';

export class RunJobBody {
  @IsOptional()
  @IsString()
  as_of?: string;

  /** Recompute every date, not only those whose data changed since the last run. */
  @IsOptional()
  @IsBoolean()
  full?: boolean;
}

@ApiTags('jobs')
@Controller('api/v1')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  @Get('jobs')
  @Roles('admin', 'national')
  @ApiOperation({ summary: 'Job definitions and recent runs / ジョブと実行履歴' })
  async list() {
    return { data: { jobs: this.jobs.definitions(), runs: await this.jobs.recentRuns(), firings: await this.jobs.recentFirings() } };
  }

  @Post('admin/jobs/:name/run')
  @HttpCode(200)
  @Roles('admin', 'national')
  @ApiOperation({ summary: 'Run a job now (admin) / ジョブを今すぐ実行' })
  async run(@Param('name') name: string, @Req() req: SignedInRequest, @Body() body: RunJobBody = {}) {
    const asOf = body?.as_of ? parseIsoDate(body.as_of, 'as_of') : undefined;
    const result = await this.jobs.run(name, 'manual', asOf, body?.full === true);
    await this.audit.record({
      actor: req.user.username,
      action: 'job_run',
      target: name,
      result: result.status,
      detail: { run_id: result.runId, as_of: asOf ?? null, mode: result.mode },
      ip: req.ip,
    });
    return { data: result };
  }
}
