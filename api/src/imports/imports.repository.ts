import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ImportStore } from './import-store.repository.js';

import type { ImportDetail, ImportRecord, ImportSummary } from './dto/imports.responses.js';

export type { ImportDetail, ImportRecord, ImportSummary };

/** A preview kept until it is committed: the uploaded files (under DATA_DIR/previews) and what they would change. */
export interface StoredPreview {
  id: string;
  kind: string;
  parameters: Record<string, string>;
  files: { fileName: string; path: string }[];
  data_version: number;
  report: unknown;
  created_by: string;
  created_at: Date;
  committed_import_id: number | null;
}

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

  /** The latest successful import's id: a preview made before a newer import succeeded is stale. */
  async dataVersion(): Promise<number> {
    const [{ version }] = await this.db.query(`SELECT coalesce(max(id), 0)::int AS version FROM imports WHERE status = 'succeeded'`);
    return version;
  }

  async savePreview(preview: Omit<StoredPreview, 'created_at' | 'committed_import_id'>): Promise<void> {
    await this.db.query(
      `INSERT INTO import_previews (id, kind, parameters, files, data_version, report, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        preview.id,
        preview.kind,
        JSON.stringify(preview.parameters),
        JSON.stringify(preview.files),
        preview.data_version,
        JSON.stringify(preview.report),
        preview.created_by,
      ],
    );
  }

  async findPreview(id: string): Promise<StoredPreview | undefined> {
    const rows: StoredPreview[] = await this.db.query(`SELECT * FROM import_previews WHERE id = $1`, [id]);
    return rows[0];
  }

  async markPreviewCommitted(id: string, importId: number | null): Promise<void> {
    await this.db.query(`UPDATE import_previews SET committed_import_id = $2 WHERE id = $1`, [id, importId]);
  }

  /** True when no care data has been imported yet: the only state demo data may be loaded into. */
  async isEmptyForDemo(): Promise<boolean> {
    const [{ n }] = await this.db.query(
      `SELECT (SELECT count(*) FROM imports WHERE status NOT IN ('rejected', 'failed')) + (SELECT count(*) FROM care_offices) AS n`,
    );
    return Number(n) === 0;
  }
}
