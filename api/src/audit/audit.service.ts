import { Injectable, Logger } from '@nestjs/common';
import { AuditRepository, type AuditEntry, type AuditRow } from './audit.repository.js';

export type AuditAction =
  'login' | 'logout' | 'upload' | 'upload_preview' | 'setting_change' | 'job_run' | 'as_of_removed' | 'account_locked';

/** Who did what, when, with what result. Failures to write the log are logged, never thrown. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly repository: AuditRepository) {}

  async record(entry: AuditEntry & { action: AuditAction }): Promise<void> {
    try {
      await this.repository.insert(entry);
    } catch (error) {
      this.logger.error(`audit log write failed: ${(error as Error).message}`);
    }
  }

  list(limit: number, offset: number): Promise<AuditRow[]> {
    return this.repository.list(limit, offset);
  }
}
