import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  result: string;
  detail?: Record<string, unknown>;
  ip?: string;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  result: string;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

/** The audit log table. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(entry: AuditEntry): Promise<void> {
    await this.db.query(`INSERT INTO audit_log (actor, action, target, result, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)`, [
      entry.actor,
      entry.action,
      entry.target ?? null,
      entry.result,
      entry.detail ? JSON.stringify(entry.detail) : null,
      entry.ip ?? null,
    ]);
  }

  list(limit: number, offset: number): Promise<AuditRow[]> {
    return this.db.query(`SELECT id, at, actor, action, target, result, detail, ip FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2`, [
      limit,
      offset,
    ]);
  }
}
