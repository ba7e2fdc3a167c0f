import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { parseIsoDate } from '../common/params.js';
import { JobsService } from './jobs.service.js';

export class RunJobBody {
  @IsOptional()
  @IsString()
  as_of?: string;
}

@ApiTags('jobs')
@Controller('api/v1')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get('jobs')
  @ApiOperation({ summary: 'Job definitions and recent runs / ジョブと実行履歴' })
  async list() {
    return { data: { jobs: this.jobs.definitions(), runs: await this.jobs.recentRuns() } };
  }

  @Post('admin/jobs/:name/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a job now (admin) / ジョブを今すぐ実行' })
  async run(@Param('name') name: string, @Body() body: RunJobBody = {}) {
    const asOf = body?.as_of ? parseIsoDate(body.as_of, 'as_of') : undefined;
    return { data: await this.jobs.run(name, 'manual', asOf) };
  }
}
