import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './app-config.js';
import { DATABASE_KIND, type DatabaseKind } from '../database/database-kind.js';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, databaseKind: DatabaseKind): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_KIND, useValue: databaseKind },
      ],
      exports: [APP_CONFIG, DATABASE_KIND],
    };
  }
}
