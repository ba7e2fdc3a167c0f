import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import type { AppConfig } from '../core/config/app-config.js';
import { ConfigModule, type RunMode } from '../core/config/config.module.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { BackupModule } from '../backup/backup.module.js';
import { dataSourceOptions } from '../core/database/data-source-options.js';
import { openMigrated } from '../core/database/migrate.js';
import type { DatabaseKind } from '../core/config/database-kind.js';
import type { DatabaseState } from '../core/database/database-state.js';
import { DatabaseStateModule } from '../core/database/database-state.module.js';
import { HealthModule } from '../health/health.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { AdoptionModule } from '../adoption/adoption.module.js';
import { FiguresModule } from '../figures/figures.module.js';
import { UsageModule } from '../usage/usage.module.js';
import { OfficesModule } from '../offices/offices.module.js';
import { StandardizationModule } from '../standardization/standardization.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { EventsModule } from '../events/events.module.js';
import { PublishedFiguresModule } from '../published/published-figures.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { SummaryCacheModule } from '../core/http/summary-cache.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { BootstrapService } from './bootstrap.service.js';

export const DASHBOARD_DIST = join(import.meta.dirname ?? '.', '..', '..', '..', 'dashboard', 'dist');

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    databaseUrl: string,
    databaseKind: DatabaseKind,
    runMode: RunMode = 'server',
    databaseState?: DatabaseState,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, databaseKind, runMode),
        DatabaseStateModule.forRoot(databaseState, runMode === 'server' ? databaseUrl : undefined),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(databaseUrl, runMode === 'cli' ? 2 : 10),
          // Migrations run under a lock, so instances starting together do not race (database/migrate.ts).
          dataSourceFactory: (options) => openMigrated(options!),
        }),
        ScheduleModule.forRoot(),
        AuditModule,
        SummaryCacheModule,
        AuthModule,
        HealthModule,
        ReferenceModule,
        JobsModule,
        ImportsModule,
        FiguresModule,
        AdoptionModule,
        UsageModule,
        OfficesModule,
        StandardizationModule,
        SettingsModule,
        SubsidiesModule,
        AccountsModule,
        BackupModule,
        EventsModule,
        PublishedFiguresModule,
        NotificationsModule,
      ],
      providers: [BootstrapService],
    };
  }
}
