import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Roles } from '../auth/access.decorators.js';
import { Audited } from '../audit/audited.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { parseIsoDate } from '../core/http/params.js';
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
  constructor(private readonly jobs: JobsService) {}

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
  @Audited({
    action: 'job_run',
    target: ({ params }) => params.name,
    result: ({ answer }) => answer.data.status,
    detail: ({ answer, body }) => ({ run_id: answer.data.runId, as_of: body?.as_of ?? null, mode: answer.data.mode }),
  })
  async run(@Param('name') name: string, @Body() body: RunJobBody = {}) {
    const asOf = body?.as_of ? parseIsoDate(body.as_of, 'as_of') : undefined;
    return { data: await this.jobs.run(name, 'manual', asOf, body?.full === true) };
  }
}
