import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCsv, type DetectedEncoding } from './csv-decoding.js';
import { parseCells, readCsv, type CsvRecord } from './csv-table.js';
import { ImportFileError, type RowError } from './import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow, type WriteCounts } from './import-kind.js';

export const MAX_REPORTED_ERRORS = 1000;

export interface ImportRequest {
  fileName: string;
  content: Buffer;
  uploadedBy: string;
  parameters?: Record<string, string>;
  /** Where data kept outside PostgreSQL (usage logs) lives. */
  dataDir: string;
}

export interface ImportReport extends WriteCounts {
  import_id: number;
  kind: string;
  file_name: string;
  sha256: string;
  encoding: DetectedEncoding | null;
  status: 'succeeded' | 'rejected' | 'duplicate';
  rows: number;
  duplicate_of: number | null;
  errors: RowError[];
  error_count: number;
  message_ja: string;
  message_en: string;
}

class Rejected extends Error {
  constructor(
    readonly errors: RowError[],
    readonly rows: number,
    readonly encoding: DetectedEncoding | null,
  ) {
    super('rejected');
  }
}

function fileError(error: ImportFileError): RowError {
  return { row: 0, column: '', value: '', reason_ja: error.reasonJa, reason_en: error.reasonEn };
}

/** Decode → parse → validate every row → cross-row checks; throws Rejected with every problem found. */
async function validate<T, C>(kind: ImportKind<T, C>, request: ImportRequest, manager: EntityManager) {
  let decoded: { text: string; encoding: DetectedEncoding };
  try {
    decoded = decodeCsv(request.content);
    const missing = (kind.parameters ?? []).filter((name) => !request.parameters?.[name]);
    if (missing.length) throw new ImportFileError(`パラメータが必要です: ${missing.join(', ')}`, `missing parameters: ${missing.join(', ')}`);
  } catch (error) {
    if (error instanceof ImportFileError) throw new Rejected([fileError(error)], 0, null);
    throw error;
  }
  let context: C;
  try {
    context = await kind.prepare(manager, request.parameters ?? {}, { dataDir: request.dataDir });
  } catch (error) {
    if (error instanceof ImportFileError) throw new Rejected([fileError(error)], 0, decoded.encoding);
    throw error;
  }
  const rows: ParsedRow<T>[] = [];
  const errors: RowError[] = [];
  // Each record is checked as it is read; only the checked values are kept for the write.
  const onRecord = (record: CsvRecord) => {
    const parsed = parseCells(record, kind.columns, context);
    if (!parsed.cells) {
      errors.push(...parsed.errors);
      return;
    }
    try {
      rows.push({ row: record.row, value: kind.toRow(parsed.cells, context) });
    } catch (error) {
      if (!(error instanceof RowRuleError)) throw error;
      errors.push({ row: record.row, column: error.column, value: String(parsed.cells[kindKey(kind, error.column)] ?? ''), reason_ja: error.reasonJa, reason_en: error.reasonEn });
    }
  };
  let total: number;
  try {
    const table = readCsv(decoded.text, kind.columns as never, onRecord);
    errors.push(...table.errors);
    total = table.records;
  } catch (error) {
    if (error instanceof ImportFileError) throw new Rejected([fileError(error)], 0, decoded.encoding);
    throw error;
  }
  errors.push(...(await kind.checkRows(rows, context, manager)));
  if (errors.length) throw new Rejected(errors.sort((a, b) => a.row - b.row), total, decoded.encoding);
  return { rows, context, encoding: decoded.encoding, total };
}

function kindKey(kind: ImportKind<unknown, unknown>, header: string): string {
  return kind.columns.find((c) => c.header === header)?.key ?? header;
}

async function recordImport(manager: EntityManager, values: Record<string, unknown>): Promise<number> {
  const columns = Object.keys(values);
  const [{ id }] = await manager.query(
    `INSERT INTO imports (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(values),
  );
  return id;
}

async function previousSuccess(manager: EntityManager, kind: string, sha256: string, parameters: string): Promise<number | null> {
  const rows = await manager.query(
    `SELECT id FROM imports WHERE kind = $1 AND sha256 = $2 AND status = 'succeeded' AND coalesce(parameters::text, '{}') = $3 ORDER BY id DESC LIMIT 1`,
    [kind, sha256, parameters],
  );
  return rows[0]?.id ?? null;
}

/**
 * One upload, all or nothing: every row is validated before anything is written, and the write is
 * one transaction. A rejected file leaves the data tables untouched; every attempt is recorded.
 */
export async function runImport<T, C>(db: DataSource, kind: ImportKind<T, C>, request: ImportRequest): Promise<ImportReport> {
  const sha256 = createHash('sha256').update(request.content).digest('hex');
  const parameters = JSON.stringify(request.parameters ?? {});
  const base = { kind: kind.kind, file_name: request.fileName.slice(0, 255), sha256, uploaded_by: request.uploadedBy, parameters };
  let context: C | undefined;
  try {
    const report = await db.transaction(async (manager) => {
      const validated = await validate(kind, request, manager);
      context = validated.context;
      const { rows, encoding, total } = validated;
      const earlier = await previousSuccess(manager, kind.kind, sha256, parameters);
      const importId = await recordImport(manager, { ...base, encoding, rows: total, status: 'succeeded' });
      const counts = await kind.write(manager, rows.map((r) => r.value), importId, validated.context);
      const duplicate = earlier !== null && counts.inserted === 0 && counts.updated === 0;
      await manager.query(
        `UPDATE imports SET inserted = $2, updated = $3, unchanged = $4, status = $5, duplicate_of = $6 WHERE id = $1`,
        [importId, counts.inserted, counts.updated, counts.unchanged, duplicate ? 'duplicate' : 'succeeded', duplicate ? earlier : null],
      );
      return {
        ...base, import_id: importId, encoding, status: duplicate ? 'duplicate' : 'succeeded', rows: total, ...counts,
        duplicate_of: duplicate ? earlier : null, errors: [], error_count: 0,
        message_ja: duplicate
          ? `同じファイルは取り込み済みです（取込ID ${earlier}）。変更はありません`
          : `${total.toLocaleString('ja-JP')}行を取り込みました（追加 ${counts.inserted}、更新 ${counts.updated}、変更なし ${counts.unchanged}）`,
        message_en: duplicate
          ? `this file was already imported (import ${earlier}); nothing changed`
          : `imported ${total} rows (${counts.inserted} new, ${counts.updated} updated, ${counts.unchanged} unchanged)`,
      } satisfies ImportReport;
    });
    if (context !== undefined) kind.afterCommit?.(context);
    return report;
  } catch (error) {
    if (context !== undefined) kind.afterRollback?.(context);
    if (!(error instanceof Rejected)) throw error;
    const errors = error.errors.slice(0, MAX_REPORTED_ERRORS);
    const importId = await recordImport(db.manager, {
      ...base, encoding: error.encoding, rows: error.rows, status: 'rejected', errors: JSON.stringify(errors),
    });
    const rowsWithErrors = new Set(error.errors.map((e) => e.row)).size;
    return {
      ...base, import_id: importId, encoding: error.encoding, status: 'rejected', rows: error.rows,
      inserted: 0, updated: 0, unchanged: 0, duplicate_of: null, errors, error_count: error.errors.length,
      message_ja: `ファイル全体を取り込みませんでした: ${error.errors.length}件のエラー（${rowsWithErrors}行）。データベースは変更されていません`,
      message_en: `the whole file was rejected: ${error.errors.length} errors in ${rowsWithErrors} rows; the database is unchanged`,
    };
  }
}
