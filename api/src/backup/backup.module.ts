import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { BackupRepository } from './backup.repository.js';
import { BackupScheduler } from './backup.scheduler.js';
import { BackupService } from './backup.service.js';

@Module({
  imports: [SettingsModule],
  providers: [BackupService, BackupRepository, BackupScheduler],
  exports: [BackupService, BackupScheduler],
})
export class BackupModule {}
