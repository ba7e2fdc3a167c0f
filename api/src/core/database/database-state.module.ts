import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CHANGE_NOTICES, ChangeNotices } from './change-notices.js';
import { DATABASE_STATE, DatabaseState } from './database-state.js';

const LISTEN_URL = Symbol('LISTEN_URL');

/** Listens for change notices while the application runs (a server: every instance; a CLI does not listen). */
@Injectable()
class ChangeListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ChangeNotices');

  constructor(
    @Inject(CHANGE_NOTICES) private readonly notices: ChangeNotices,
    @Inject(LISTEN_URL) private readonly url: string | undefined,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.url) await this.notices.listen(this.url, (line) => this.logger.warn(line));
  }

  async onModuleDestroy(): Promise<void> {
    await this.notices.close();
  }
}

/**
 * The state the process's database watch keeps (a fresh "up" one when nothing watches, as in a CLI), and
 * the change notices every instance hears (listened to when `listenUrl` is given).
 */
@Global()
@Module({})
export class DatabaseStateModule {
  static forRoot(state = new DatabaseState(), listenUrl?: string): DynamicModule {
    return {
      module: DatabaseStateModule,
      providers: [
        { provide: DATABASE_STATE, useValue: state },
        { provide: CHANGE_NOTICES, useValue: new ChangeNotices() },
        { provide: LISTEN_URL, useValue: listenUrl },
        ChangeListener,
      ],
      exports: [DATABASE_STATE, CHANGE_NOTICES],
    };
  }
}
