import { Injectable, Logger } from '@nestjs/common';
import { AuditRepository, type AuditEntry, type AuditFilter, type AuditRow } from './audit.repository.js';
import { auditErrors } from './audit.errors.js';

export type AuditAction =
  | 'login'
  | 'logout'
  | 'upload'
  | 'upload_preview'
  | 'setting_change'
  | 'job_run'
  | 'as_of_removed'
  | 'account_locked'
  | 'password_changed'
  | 'password_reset'
  | 'account_updated'
  | 'accounts_provisioned'
  | 'audit_exported'
  | 'import_undone'
  | 'backup'
  | 'offices_listed'
  | 'list_exported'
  | 'event_recorded'
  | 'event_deleted'
  | 'published_figure_recorded'
  | 'published_figure_deleted';

/** Who did what, when, with what result. `record` logs a failed write and goes on; `recordOrRefuse` refuses. */
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

  /**
   * For reads that are "always on record" (office lists and their exports): when the record cannot be
   * written, the read is refused (503) instead of being served unaudited.
   */
  async recordOrRefuse(entry: AuditEntry & { action: AuditAction }): Promise<void> {
    try {
      await this.repository.insert(entry);
    } catch (error) {
      this.logger.error(`audit log write failed, request refused: ${(error as Error).message}`);
      throw auditErrors.unavailable();
    }
  }

  list(filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
    return this.repository.list(filter);
  }

  facets() {
    return this.repository.facets();
  }
}
