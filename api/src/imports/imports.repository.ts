import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ImportStore } from './import-store.repository.js';

import type { ImportDetail, ImportRecord, ImportSummary } from './dto/imports.responses.js';

export type { ImportDetail, ImportRecord, ImportSummary };

const RECORD_COLUMNS: (keyof ImportRecord)[] = [
  'kind',
  'file_name',
  'sha256',
  'uploaded_by',
  'parameters',
  'encoding',
  'rows',
  'inserted',
  'status',
  'errors',
  'error_count',
  'is_demo',
];

async function insertRecord(manager: EntityManager, record: ImportRecord): Promise<number> {
  const columns = RECORD_COLUMNS.filter((c) => record[c] !== undefined);
  const values = columns.map((c) => (c === 'errors' ? JSON.stringify(record.errors) : record[c]));
  const [{ id }] = await manager.query(
    `INSERT INTO imports (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values,
  );
  return id;
}

/** One import's transaction: the data it writes and its history row commit together or not at all. */
export class ImportTransaction {
  readonly store: ImportStore;

  constructor(private readonly manager: EntityManager) {
    this.store = new ImportStore(manager);
  }

  record(record: ImportRecord): Promise<number> {
    return insertRecord(this.manager, record);
  }

  /** The latest successful import of the same file (same kind, content and parameters), if any. */
  async previousSuccess(kind: string, sha256: string, parameters: string): Promise<number | null> {
    const rows: { id: number }[] = await this.manager.query(
      `SELECT id FROM imports WHERE kind = $1 AND sha256 = $2 AND status = 'succeeded' AND coalesce(parameters::text, '{}') = $3 ORDER BY id DESC LIMIT 1`,
      [kind, sha256, parameters],
    );
    return rows[0]?.id ?? null;
  }

  async finish(id: number, counts: { inserted: number; updated: number; unchanged: number }, duplicateOf: number | null): Promise<void> {
    await this.manager.query(
      `UPDATE imports SET inserted = $2, updated = $3, unchanged = $4, status = $5, duplicate_of = $6 WHERE id = $1`,
      [id, counts.inserted, counts.updated, counts.unchanged, duplicateOf === null ? 'succeeded' : 'duplicate', duplicateOf],
    );
  }
}

/** The import history and the transactions imports run in. */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: ImportTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => work(new ImportTransaction(manager)));
  }

  /** An attempt recorded on its own (refused before its rows were read, or failed). */
  recordAttempt(record: ImportRecord): Promise<number> {
    return insertRecord(this.db.manager, record);
  }

  list(limit: number): Promise<ImportSummary[]> {
    return this.db.query(
      `SELECT id, kind, file_name, sha256, encoding, rows, inserted, updated, unchanged, status, duplicate_of, is_demo,
              parameters, uploaded_by, uploaded_at, error_count
       FROM imports ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  async find(id: number): Promise<ImportDetail | undefined> {
    const rows: ImportDetail[] = await this.db.query(
      `SELECT id, kind, file_name, sha256, encoding, rows, inserted, updated, unchanged, status, duplicate_of, is_demo,
              parameters, uploaded_by, uploaded_at, error_count, errors
       FROM imports WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** True when no care data has been imported yet: the only state demo data may be loaded into. */
  async isEmptyForDemo(): Promise<boolean> {
    const [{ n }] = await this.db.query(
      `SELECT (SELECT count(*) FROM imports WHERE status NOT IN ('rejected', 'failed')) + (SELECT count(*) FROM care_offices) AS n`,
    );
    return Number(n) === 0;
  }
}
