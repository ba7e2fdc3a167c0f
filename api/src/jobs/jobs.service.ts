import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiError, badRequest, ErrorCode } from '../common/api-error.js';
import { findJob, JOBS } from './job-definitions.js';
import { checkJobAsOf, JobAsOfError, runJob, type RunOptions, type RunResult } from './job-runner.js';
import { HttpStatus } from '@nestjs/common';
import { SummaryCache } from '../common/summary-cache.js';

@Injectable()
export class JobsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobsService.name);
  /** Serialises runs in this process: two jobs writing the same summaries must not interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly cache: SummaryCache,
  ) {}

  onApplicationBootstrap(): void {
    const nightly = CronJob.from({
      cronTime: this.config.jobSchedule,
      timeZone: this.config.jobTimezone,
      onTick: () => void this.runAll('schedule'),
    });
    this.scheduler.addCronJob('nightly-jobs', nightly);
    nightly.start();
  }

  definitions() {
    return JOBS.map((j) => ({ name: j.name, description: j.description, sql: j.sql, outputs: j.outputs.map((o) => o.to) }));
  }

  run(name: string, trigger: RunOptions['trigger'], asOf?: string): Promise<RunResult> {
    const job = findJob(name);
    if (!job) {
      throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.UnknownJob, `ジョブ ${name} はありません`, `unknown job ${name}`, {
        jobs: JOBS.map((j) => j.name),
      });
    }
    if (asOf !== undefined) {
      try {
        checkJobAsOf(asOf);
      } catch (error) {
        if (error instanceof JobAsOfError) throw badRequest(error.messageJa, error.messageEn);
        throw error;
      }
    }
    const next = this.queue.then(() => runJob(this.db, job, { dataDir: this.config.dataDir, trigger, asOf }));
    this.queue = next.catch(() => undefined);
    return next.then((result) => {
      this.cache.clear();
      const log = `${name} run ${result.runId}: ${result.status} ${JSON.stringify(result.rowCounts)}`;
      if (result.status === 'failed') this.logger.error(`${log} ${result.error}`);
      else this.logger.log(log);
      return result;
    });
  }

  async runAll(trigger: RunOptions['trigger']): Promise<RunResult[]> {
    const results: RunResult[] = [];
    for (const job of JOBS) results.push(await this.run(job.name, trigger));
    return results;
  }

  async hasSucceeded(name: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM job_runs WHERE job_name = $1 AND status = 'succeeded' LIMIT 1`, [name]);
    return rows.length > 0;
  }

  recentRuns(limit = 50) {
    return this.db.query(
      `SELECT id, job_name, as_of, trigger, status, started_at, finished_at, row_counts, error
       FROM job_runs ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }
}
