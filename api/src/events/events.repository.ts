import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EventKind } from '../core/domain/policy-events.js';

/** A recorded event as stored. */
export interface PolicyEventRow {
  id: number;
  occurred_on: string;
  title: string;
  kind: EventKind;
  source: string | null;
  source_url: string | null;
  prefecture_code: string | null;
  municipality_code: string | null;
  created_by: string;
}

export type NewPolicyEvent = Omit<PolicyEventRow, 'id'>;

const COLUMNS = `id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, title, kind, source, source_url, prefecture_code, municipality_code, created_by`;

@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The nation's events, and the prefecture's and the municipality's own when given, by date. */
  inArea(prefecture: string | null, municipality: string | null): Promise<PolicyEventRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM policy_events
       WHERE prefecture_code IS NULL
          OR (prefecture_code = $1 AND municipality_code IS NULL)
          OR municipality_code = $2
       ORDER BY occurred_on, id`,
      [prefecture, municipality],
    );
  }

  async find(id: number): Promise<PolicyEventRow | undefined> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM policy_events WHERE id = $1`, [id]);
    return row;
  }

  async create(event: NewPolicyEvent): Promise<PolicyEventRow> {
    const [row] = await this.db.query(
      `INSERT INTO policy_events (occurred_on, title, kind, source, source_url, prefecture_code, municipality_code, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        event.occurred_on,
        event.title,
        event.kind,
        event.source,
        event.source_url,
        event.prefecture_code,
        event.municipality_code,
        event.created_by,
      ],
    );
    return row;
  }

  async delete(id: number): Promise<void> {
    await this.db.query(`DELETE FROM policy_events WHERE id = $1`, [id]);
  }

  /** Whether a municipality code is one the reference data holds. */
  async municipalityExists(code: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM municipalities WHERE code = $1`, [code]);
    return row !== undefined;
  }
}
