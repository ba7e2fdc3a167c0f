import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { RUN_MODE, type RunMode } from '../core/config/config.module.js';
import { todayInTokyo } from '../core/domain/dates.js';
import { SettingsRepository } from '../settings/settings.repository.js';
import { BackupService } from './backup.service.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { claimFiring, firingOf } from '../core/database/schedule-claims.js';

/** Nightly backups kept while the server runs; how many stay is the `backup_retention` setting (default 7). */
export const DEFAULT_RETENTION = 7;

@Injectable()
export class BackupScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(BackupScheduler.name);

  constructor(
    private readonly backups: BackupService,
    private readonly settings: SettingsRepository,
    private readonly audit: AuditService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUN_MODE) private readonly mode: RunMode,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (this.mode !== 'server' || this.config.backupSchedule === 'off') return;
    const nightly = CronJob.from({
      cronTime: this.config.backupSchedule,
      timeZone: this.config.jobTimezone,
      onTick: () => void this.runScheduled(firingOf(new Date())),
    });
    this.scheduler.addCronJob('nightly-backup', nightly);
    nightly.start();
  }

  /** A firing of the nightly backup: taken by the one instance that claims it (the others skip it and say so). */
  async runScheduled(fireAt: Date): Promise<{ ran: boolean; instance: string }> {
    const claim = await claimFiring(this.db, 'nightly-backup', fireAt, this.config.instanceId);
    if (!claim.won) {
      this.logger.log(`nightly backup of ${fireAt.toISOString()}: taken by instance ${claim.instance}; skipped here`);
      return { ran: false, instance: claim.instance };
    }
    await this.runNightly();
    return { ran: true, instance: claim.instance };
  }

  async runNightly(): Promise<{ path: string; removed: string[] } | undefined> {
    try {
      const { path } = await this.backups.backup();
      const keep = Number((await this.settings.valuesOn(todayInTokyo())).backup_retention ?? DEFAULT_RETENTION);
      const removed = await this.backups.prune(keep);
      await this.audit.record({ actor: 'system', action: 'backup', target: path, result: 'succeeded', detail: { removed } });
      return { path, removed };
    } catch (error) {
      this.logger.error(`nightly backup failed: ${(error as Error).message}`);
      await this.audit.record({ actor: 'system', action: 'backup', result: 'failed', detail: { error: (error as Error).message } });
      return undefined;
    }
  }
}
