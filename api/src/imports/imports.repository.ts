import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ImportStore } from './import-store.repository.js';
import { TRACKED_TABLES } from '../core/migrations/1764001100000-undo-imports.js';
import { DATA_CHANGES_LOCK, type DataChangeReason } from '../core/domain/data-changes.js';

import type { ImportChange, ImportDetail, ImportRecord, ImportSummary } from './dto/imports.responses.js';

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
  'set_aside',
  'set_aside_count',
  'is_demo',
];

async function insertRecord(manager: EntityManager, record: ImportRecord): Promise<number> {
  const columns = RECORD_COLUMNS.filter((c) => record[c] !== undefined);
  const values = columns.map((c) => (c === 'errors' || c === 'set_aside' ? JSON.stringify(record[c]) : record[c]));
  const [{ id }] = await manager.query(
    `INSERT INTO imports (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values,
  );
  return id;
}

async function logDataChange(manager: EntityManager, importId: number, kind: string, reason: DataChangeReason, from: string | null) {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [DATA_CHANGES_LOCK]);
  await manager.query(`INSERT INTO data_changes (kind, import_id, reason, changes_from) VALUES ($1, $2, $3, $4)`, [
    kind,
    importId,
    reason,
    from,
  ]);
  if (reason !== 'undo') await manager.query(`UPDATE imports SET changes_from = $2 WHERE id = $1`, [importId, from]);
}

/** One import's transaction: the data it writes and its history row commit together or not at all. */
export class ImportTransaction {
  readonly store: ImportStore;

  constructor(private readonly manager: EntityManager) {
    this.store = new ImportStore(manager);
  }

  /** Records the import; its writes in this transaction are then tracked for undo (not the demo load's). */
  async record(record: ImportRecord): Promise<number> {
    const id = await insertRecord(this.manager, record);
    if (!record.is_demo) await this.manager.query(`SELECT set_config('kaigo.import_id', $1, true)`, [String(id)]);
    return id;
  }

  /** The latest successful import of the same file (same kind, content and parameters), if any. */
  async previousSuccess(kind: string, sha256: string, parameters: string): Promise<number | null> {
    const rows: { id: number }[] = await this.manager.query(
      `SELECT id FROM imports WHERE kind = $1 AND sha256 = $2 AND status = 'succeeded' AND coalesce(parameters::text, '{}') = $3 ORDER BY id DESC LIMIT 1`,
      [kind, sha256, parameters],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The earliest date this import's changes to the tracked tables can alter a figure: the earliest date in
   * any row it changed, as it was and as it is now; an office's own row (its municipality) counts from its
   * first service. Null when no changed row holds a date.
   */
  async earliestChangedDate(importId: number): Promise<string | null> {
    const touched: { table_name: string }[] = await this.manager.query(
      `SELECT DISTINCT table_name FROM import_changes WHERE import_id = $1`,
      [importId],
    );
    if (touched.length === 0) return null;
    // Each changed row as it is now, found by its key read back into the table's own types (as undo does), so the key's index serves.
    const current = TRACKED_TABLES.filter(({ table }) => touched.some((t) => t.table_name === table)).map(
      ({ table, key }) =>
        `SELECT to_jsonb(t) FROM ch CROSS JOIN LATERAL jsonb_populate_record(null::${table}, ch.row_key) k
         JOIN ${table} t ON ${key.map((c) => `t.${c} = k.${c}`).join(' AND ')} WHERE ch.table_name = '${table}'`,
    );
    const [row]: { d: string | null }[] = await this.manager.query(
      `WITH ch AS (SELECT table_name, row_key, before FROM import_changes WHERE import_id = $1),
       changed(r) AS (
         SELECT before FROM ch WHERE before IS NOT NULL
         UNION ALL ${current.join(' UNION ALL ')}
         UNION ALL SELECT jsonb_build_object('designated_on', min(s.designated_on))
           FROM ch JOIN office_services s ON s.office_number = (ch.row_key->>'office_number')::char(10) WHERE ch.table_name = 'care_offices'
       )
       SELECT to_char(min(e.value::date), 'YYYY-MM-DD') AS d FROM changed, jsonb_each_text(changed.r) e WHERE e.value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`,
      [importId],
    );
    return row?.d ?? null;
  }

  /** Logs that this import changed the jobs' data from `from` on (null: any date), for the incremental jobs. */
  async recordDataChange(importId: number, kind: string, reason: DataChangeReason, from: string | null): Promise<void> {
    await logDataChange(this.manager, importId, kind, reason, from);
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
              parameters, uploaded_by, uploaded_at, error_count, set_aside_count
       FROM imports ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  async find(id: number): Promise<ImportDetail | undefined> {
    const rows: ImportDetail[] = await this.db.query(
      `SELECT id, kind, file_name, sha256, encoding, rows, inserted, updated, unchanged, status, duplicate_of, is_demo,
              parameters, uploaded_by, uploaded_at, error_count, errors, set_aside, set_aside_count
       FROM imports WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The latest data change an import logged (its commit, or its undo), if it changed anything. */
  async latestChangeOf(importId: number): Promise<ImportChange | undefined> {
    const [row] = await this.db.query(
      `SELECT id::int AS id, reason, recorded_at FROM data_changes WHERE import_id = $1 AND reason IN ('import', 'undo') ORDER BY id DESC LIMIT 1`,
      [importId],
    );
    return row;
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

  /** The later imports, still standing, that changed rows this import changed (they block its undo). */
  async blockingImports(importId: number): Promise<number[]> {
    const rows: { import_id: number }[] = await this.db.query(
      `SELECT DISTINCT later.import_id FROM import_changes mine
       JOIN import_changes later ON later.table_name = mine.table_name AND later.row_key = mine.row_key AND later.import_id > mine.import_id
       JOIN imports i ON i.id = later.import_id AND i.status = 'succeeded'
       WHERE mine.import_id = $1 ORDER BY 1`,
      [importId],
    );
    return rows.map((r) => r.import_id);
  }

  /** Later standing imports that changed rows of `table` (those whose key holds `column` = `value` when that narrows it). */
  async laterImportsTouching(importId: number, table: string, column: string, value: string): Promise<number[]> {
    const query = (narrow: boolean): Promise<{ import_id: number }[]> =>
      this.db.query(
        `SELECT DISTINCT c.import_id FROM import_changes c JOIN imports i ON i.id = c.import_id AND i.status = 'succeeded'
         WHERE c.import_id > $1 AND c.table_name = $2 ${narrow ? 'AND c.row_key @> jsonb_build_object($3::text, $4::text)' : ''} ORDER BY 1`,
        narrow ? [importId, table, column, value] : [importId, table],
      );
    const narrowed = await query(true);
    return (narrowed.length ? narrowed : await query(false)).map((r) => r.import_id);
  }

  /** Whether the undo log holds any row change of this import. */
  async hasUndoLog(importId: number): Promise<boolean> {
    const [row] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM import_changes WHERE import_id = $1) AS logged`, [importId]);
    return row.logged === true;
  }

  async importRow(importId: number): Promise<{ id: number; kind: string; status: string; is_demo: boolean } | undefined> {
    const [row] = await this.db.query(`SELECT id, kind, status, is_demo FROM imports WHERE id = $1`, [importId]);
    return row;
  }

  /**
   * Puts every row an import changed back as it was, in one transaction: rows it inserted go (children before
   * parents), rows it updated or deleted get their earlier values back (parents before children); the import
   * is marked undone. Answers the rows removed and restored per table.
   */
  async undo(
    importId: number,
    tables: ReadonlyArray<{ table: string; key: string[] }>,
    by: { user: string; reason: string },
  ): Promise<Record<string, { removed: number; restored: number }>> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT set_config('kaigo.import_id', '', true)`);
      const [[locked]] = await m.query(
        `UPDATE imports SET status = 'undone', undone_at = now(), undone_by = $2, undo_reason = $3 WHERE id = $1 AND status = 'succeeded' RETURNING id`,
        [importId, by.user, by.reason],
      );
      if (!locked) throw new Error(`import ${importId} is not a standing import`);
      // Undoing changes back exactly the rows the import changed: the same dates are recomputed.
      const [{ kind, changes_from }] = await m.query(
        `SELECT kind, to_char(changes_from, 'YYYY-MM-DD') AS changes_from FROM imports WHERE id = $1`,
        [importId],
      );
      await logDataChange(m, importId, kind, 'undo', changes_from);
      const changes: { table_name: string; first_op: 'I' | 'U' | 'D'; row_key: object; before: object | null }[] = await m.query(
        `SELECT table_name, row_key, (array_agg(operation ORDER BY id))[1] AS first_op, (array_agg(before ORDER BY id))[1] AS before
         FROM import_changes WHERE import_id = $1 GROUP BY table_name, row_key`,
        [importId],
      );
      const result: Record<string, { removed: number; restored: number }> = {};
      const of = (table: string) => changes.filter((c) => c.table_name === table);
      for (const { table, key } of [...tables].reverse()) {
        const inserted = of(table)
          .filter((c) => c.first_op === 'I')
          .map((c) => c.row_key);
        const match = key.map((k) => `t.${k} = k.${k}`).join(' AND ');
        const [, removed] = inserted.length
          ? await m.query(`DELETE FROM ${table} t USING jsonb_populate_recordset(null::${table}, $1) k WHERE ${match}`, [
              JSON.stringify(inserted),
            ])
          : [[], 0];
        result[table] = { removed, restored: 0 };
      }
      for (const { table, key } of tables) {
        const earlier = of(table)
          .filter((c) => c.first_op !== 'I')
          .map((c) => c.before);
        if (!earlier.length) continue;
        const columns: { column_name: string }[] = await m.query(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [table],
        );
        const names = columns.map((c) => c.column_name);
        const set = names.filter((c) => !key.includes(c));
        const match = key.map((k) => `t.${k} = r.${k}`).join(' AND ');
        const [, updated] = await m.query(
          `UPDATE ${table} t SET (${set.join(', ')}) = (${set.map((c) => `r.${c}`).join(', ')})
           FROM jsonb_populate_recordset(null::${table}, $1) r WHERE ${match}`,
          [JSON.stringify(earlier)],
        );
        // TypeORM answers an INSERT with its rows only: count what RETURNING gives.
        const inserted: unknown[] = await m.query(
          `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((c) => `r.${c}`).join(', ')}
           FROM jsonb_populate_recordset(null::${table}, $1) r WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${match}) RETURNING 1`,
          [JSON.stringify(earlier)],
        );
        result[table].restored = updated + inserted.length;
      }
      return result;
    });
  }
}
