import { Injectable, Logger } from '@nestjs/common';
import { AuditRepository, type AuditEntry, type AuditFilter, type AuditRow } from './audit.repository.js';

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
  | 'list_exported';

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

  list(filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
    return this.repository.list(filter);
  }

  facets() {
    return this.repository.facets();
  }
}
