import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { openDuckDb } from '../../../jobs/engine/duckdb.js';
import { DATABASE_KIND, type DatabaseKind } from '../core/config/database-kind.js';
import { Public } from '../auth/access.decorators.js';
import { HealthRepository } from './health.repository.js';
import { Lifecycle } from './lifecycle.js';
import { DATABASE_STATE, type DatabaseState } from '../core/database/database-state.js';
import { escapedErrors } from '../core/http/process-guard.js';

@ApiTags('health')
@Controller('api')
export class HealthController {
  constructor(
    private readonly repository: HealthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_KIND) private readonly databaseKind: DatabaseKind,
    @Inject(DATABASE_STATE) private readonly databaseState: DatabaseState,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers (also while draining) / 生存確認' })
  live() {
    return { status: 'live', pid: process.pid, draining: this.lifecycle.draining };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness for a load balancer: 503 while draining or while the database is away / 受付可否' })
  ready(@Res({ passthrough: true }) res: FastifyReply) {
    const status = this.lifecycle.draining ? 'draining' : this.databaseState.status === 'recovering' ? 'recovering' : 'ready';
    if (status !== 'ready') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status };
  }

  private async check(fn: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
    try {
      await fn();
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Database and DuckDB reachable / 稼働確認' })
  async health(@Res({ passthrough: true }) res: FastifyReply) {
    const database = await this.check(() => this.repository.ping());
    const duckdb = await this.check(async () => {
      const duck = await openDuckDb(this.config.dataDir);
      try {
        await duck.connection.run('SELECT 1');
      } finally {
        duck.close();
      }
    });
    const recovering = this.databaseState.status === 'recovering';
    const draining = this.lifecycle.draining;
    const ok = database.ok && duckdb.ok && !recovering && !draining;
    if (!ok) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    const { recoveries, lastRecoveredAt } = this.databaseState;
    return {
      status: ok ? 'ok' : draining ? 'draining' : recovering ? 'recovering' : 'error',
      database: { ...database, kind: this.databaseKind, state: this.databaseState.status, recoveries, last_recovered_at: lastRecoveredAt },
      duckdb,
      process: {
        pid: process.pid,
        uptime_s: Math.round(process.uptime()),
        restarts: this.config.supervisor.restarts,
        last_exit: this.config.supervisor.lastExit,
        escaped_errors: escapedErrors.count,
        last_escaped_error_at: escapedErrors.lastAt,
      },
    };
  }
}
