import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './app-config.js';
import { DATABASE_KIND, type DatabaseKind } from './database-kind.js';

/** The HTTP server, or a command-line tool (no schedule, no static files, no start-up jobs). */
export type RunMode = 'server' | 'cli';
export const RUN_MODE = Symbol('RUN_MODE');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, databaseKind: DatabaseKind, runMode: RunMode): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_KIND, useValue: databaseKind },
        { provide: RUN_MODE, useValue: runMode },
      ],
      exports: [APP_CONFIG, DATABASE_KIND, RUN_MODE],
    };
  }
}
