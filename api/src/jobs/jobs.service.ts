import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { RUN_MODE, type RunMode } from '../core/config/config.module.js';
import { SummaryCache } from '../core/http/summary-cache.js';
import { findJob, JOBS } from '../../../jobs/job-definitions.js';
import type { JobTrigger } from '../../../jobs/job-definition.js';
import { jobSqlHash, runJob, type RunResult } from '../../../jobs/job-runner.js';
import { JobRunsRepository, type JobRunRow } from './job-runs.repository.js';
import type { JobProgress } from './dto/jobs.responses.js';
import { firingOf } from '../core/database/schedule-claims.js';
import { jobsErrors } from './jobs.errors.js';
import { CPDL_START, todayInTokyo } from '../core/domain/dates.js';

export interface JobRun extends RunResult {
  name: string;
}

export type AfterRunHook = (run: JobRun, trigger: JobTrigger) => Promise<void>;
export type AfterRoundHook = (runs: JobRun[], trigger: JobTrigger) => Promise<void>;

/** The jobs a data change queued: their names at once, their runs when they finish. */
export interface QueuedRefresh {
  jobs: string[];
  finished: Promise<JobRun[]>;
}

/** Runs the DuckDB jobs (nightly, on demand, after imports), one at a time in this process. */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  /** Serialises runs in this process: two jobs writing the same summaries must not interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly afterRun: AfterRunHook[] = [];
  private readonly afterRound: AfterRoundHook[] = [];

  constructor(
    private readonly runs: JobRunsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUN_MODE) private readonly mode: RunMode,
    private readonly scheduler: SchedulerRegistry,
    private readonly cache: SummaryCache,
  ) {}

  onApplicationBootstrap(): void {
    if (this.mode !== 'server') return; // a CLI runs what it is told, never the nightly schedule
    const nightly = CronJob.from({
      cronTime: this.config.jobSchedule,
      timeZone: this.config.jobTimezone,
      onTick: () => void this.runScheduled(firingOf(new Date())),
    });
    this.scheduler.addCronJob('nightly-jobs', nightly);
    nightly.start();
  }

  /** A stopping server finishes the runs it queued (an upload's jobs) before its database connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue;
  }

  /** The jobs whose figures an import of this kind feeds (their sourceImportKinds name it), in run order. */
  jobsFedBy(kind: string): string[] {
    return JOBS.filter((j) => j.sourceImportKinds?.includes(kind)).map((j) => j.name);
  }

  /**
   * Queues the jobs an import (or undo) of this kind feeds and answers at once: the caller answers its user on
   * commit, not after the jobs. A run that fails is logged and recorded on its row; the figures stay as they were.
   */
  queueRefresh(kind: string): QueuedRefresh {
    const jobs = this.jobsFedBy(kind);
    const finished = Promise.all(jobs.map((name) => this.run(name, 'import')));
    finished.catch((error: Error) => this.logger.error(`jobs after a ${kind} change could not run: ${error.message}`));
    return { jobs, finished };
  }

  /** Where each of these jobs stands on data change `changeId` (see JobRunsRepository.runsThatSaw). */
  async progressOn(changeId: number, jobs: string[]): Promise<JobProgress[]> {
    const runs = new Map((await this.runs.runsThatSaw(jobs, changeId)).map((r) => [r.job_name, r]));
    return jobs.map((name) => {
      const run = runs.get(name) ?? null;
      return { name, status: run?.status ?? 'queued', run };
    });
  }

  definitions() {
    return JOBS.map((j) => ({ name: j.name, description: j.description, sql: j.sql, outputs: j.outputs.map((o) => o.to) }));
  }

  /** Runs a job after the ones queued before it; `full` recomputes everything even when it could recompute only what changed. */
  run(name: string, trigger: JobTrigger, asOf?: string, full = false): Promise<JobRun> {
    const job = findJob(name);
    if (!job) {
      throw jobsErrors.unknownJob(
        name,
        JOBS.map((j) => j.name),
      );
    }
    if (asOf !== undefined) checkJobAsOf(asOf);
    const next = this.queue.then(async () => {
      const run: JobRun = {
        name,
        ...(await runJob(this.runs, job, { dataDir: this.config.dataDir, trigger, asOf: asOf ?? todayInTokyo(), full })),
      };
      this.cache.clear();
      const log = `${name} run ${run.runId} (${run.mode}: ${run.why}): ${run.status} ${JSON.stringify(run.rowCounts)}`;
      if (run.status === 'failed') this.logger.error(`${log} ${run.error}`);
      else this.logger.log(log);
      await this.callHooks(this.afterRun, (hook) => hook(run, trigger));
      return run;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Work that follows each run in the queue (alerts compare what it wrote with what they last saw). */
  onRunFinished(hook: AfterRunHook): void {
    this.afterRun.push(hook);
  }

  /** Work that follows a run of every job (the digests of the period). */
  onRoundFinished(hook: AfterRoundHook): void {
    this.afterRound.push(hook);
  }

  /** A hook that fails is logged: the figures the run wrote stand. */
  private async callHooks<H>(hooks: H[], call: (hook: H) => Promise<void>): Promise<void> {
    for (const hook of hooks) {
      await call(hook).catch((error: Error) => this.logger.error(`after a job run: ${error.message}`));
    }
  }

  /**
   * A firing of the nightly schedule: run by the one instance that claims it first (among the instances on
   * this database); the others skip it and say which instance runs it.
   */
  async runScheduled(fireAt: Date): Promise<{ ran: boolean; instance: string; runs: JobRun[] }> {
    const claim = await this.runs.claimFiring('nightly-jobs', fireAt, this.config.instanceId);
    if (!claim.won) {
      this.logger.log(`nightly jobs of ${fireAt.toISOString()}: run by instance ${claim.instance}; skipped here`);
      return { ran: false, instance: claim.instance, runs: [] };
    }
    return { ran: true, instance: claim.instance, runs: await this.runAll('schedule') };
  }

  /** The latest scheduled firings and the instance that ran each. */
  recentFirings() {
    return this.runs.recentFirings();
  }

  async runAll(trigger: JobTrigger, full = false): Promise<JobRun[]> {
    const results: JobRun[] = [];
    for (const job of JOBS) results.push(await this.run(job.name, trigger, undefined, full));
    await this.callHooks(this.afterRound, (hook) => hook(results, trigger));
    return results;
  }

  /**
   * True when the job never succeeded, its SQL changed since it last did (an upgrade), or data it reads changed
   * after its last successful run (a process stopped between an import's commit and its jobs): its figures are stale.
   */
  async isStale(name: string): Promise<boolean> {
    const job = findJob(name);
    const last = await this.runs.lastSucceeded(name);
    if (!job || !last || last.sql_hash !== jobSqlHash(job)) return true;
    if (last.changes_seen === null || !job.sourceImportKinds?.length) return false;
    const latest = await this.runs.latestDataChange();
    return (await this.runs.pendingChanges(job.sourceImportKinds, Number(last.changes_seen), latest)).count > 0;
  }

  markInterrupted(): Promise<number[]> {
    return this.runs.markInterrupted();
  }

  recentRuns(limit = 50): Promise<JobRunRow[]> {
    return this.runs.recent(limit);
  }
}

/** A job computes for a date from FY2023 up to today in Tokyo: never the future (its figures would become everyone's default). */
function checkJobAsOf(asOf: string, today = todayInTokyo()): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || asOf < CPDL_START || asOf > today) throw jobsErrors.asOfOutOfRange(asOf, CPDL_START, today);
}
