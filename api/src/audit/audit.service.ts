import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type AuditAction = 'login' | 'logout' | 'upload' | 'setting_change' | 'job_run' | 'as_of_removed' | 'account_locked';

/** Who did what, when, with what result. Failures to write the log are logged, never thrown. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: { actor: string; action: AuditAction; target?: string; result: string; detail?: Record<string, unknown>; ip?: string }): Promise<void> {
    try {
      await this.db.query(
        `INSERT INTO audit_log (actor, action, target, result, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)`,
        [entry.actor, entry.action, entry.target ?? null, entry.result, entry.detail ? JSON.stringify(entry.detail) : null, entry.ip ?? null],
      );
    } catch (error) {
      this.logger.error(`audit log write failed: ${(error as Error).message}`);
    }
  }

  list(limit: number, offset: number) {
    return this.db.query(`SELECT id, at, actor, action, target, result, detail, ip FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2`, [limit, offset]);
  }
}
