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

export interface AuditFilter {
  actor?: string;
  action?: string;
  result?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
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

  /** Entries newest first, filtered by actor, action, result and a date range (Tokyo days, inclusive). */
  async list(filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.actor) where.push(`actor = $${params.push(filter.actor)}`);
    if (filter.action) where.push(`action = $${params.push(filter.action)}`);
    if (filter.result) where.push(`result = $${params.push(filter.result)}`);
    if (filter.from) where.push(`at >= ($${params.push(filter.from)}::date)::timestamp AT TIME ZONE 'Asia/Tokyo'`);
    if (filter.to) where.push(`at < ($${params.push(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_log ${clause}`, params);
    const rows: AuditRow[] = await this.db.query(
      `SELECT id, at, actor, action, target, result, detail, ip FROM audit_log ${clause} ORDER BY id DESC
       LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return { rows, total };
  }

  /** The actions and results that occur, for the filters. */
  async facets(): Promise<{ actions: string[]; results: string[] }> {
    const actions: { action: string }[] = await this.db.query(`SELECT DISTINCT action FROM audit_log ORDER BY 1`);
    const results: { result: string }[] = await this.db.query(`SELECT DISTINCT result FROM audit_log ORDER BY 1`);
    return { actions: actions.map((a) => a.action), results: results.map((r) => r.result) };
  }
}
