import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_STATE, DatabaseState } from './database-state.js';

/** The state the process's database watch keeps (a fresh "up" one when nothing watches, as in a CLI). */
@Global()
@Module({})
export class DatabaseStateModule {
  static forRoot(state = new DatabaseState()): DynamicModule {
    return { module: DatabaseStateModule, providers: [{ provide: DATABASE_STATE, useValue: state }], exports: [DATABASE_STATE] };
  }
}
