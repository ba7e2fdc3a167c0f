import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { detectEncoding, streamCsvRecords, type DetectedEncoding } from './csv-source.js';
import { parseCells, RecordAssembler, type CsvRecord } from './csv-table.js';
import { FieldError, ImportFileError, type RowError } from './import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow, type WriteCounts } from './import-kind.js';
import type { ImportsRepository, ImportTransaction } from './imports.repository.js';

/** A report keeps the first problems found; the total is counted beyond it. */
export const MAX_REPORTED_ERRORS = 1000;

export interface ImportRequest {
  fileName: string;
  /** The uploaded file on disk (uploads are streamed to disk, never held in memory whole). */
  path: string;
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
  /** The first MAX_REPORTED_ERRORS problems, by row. */
  errors: RowError[];
  /** Every problem found. */
  error_count: number;
  message_ja: string;
  message_en: string;
}

/** Collects problems, keeping only the first MAX_REPORTED_ERRORS. */
class Problems {
  readonly kept: RowError[] = [];
  count = 0;
  add = (problem: RowError): void => {
    this.count++;
    if (this.kept.length < MAX_REPORTED_ERRORS) this.kept.push({ ...problem, value: problem.value.slice(0, 80) });
  };
  addAll(problems: RowError[]): void {
    for (const p of problems) this.add(p);
  }
  sorted(): RowError[] {
    return [...this.kept].sort((a, b) => a.row - b.row);
  }
}

class Rejected extends Error {
  constructor(
    readonly problems: Problems,
    readonly rows: number,
    readonly encoding: DetectedEncoding | null,
  ) {
    super('rejected');
  }
}

const fileProblem = (error: ImportFileError): RowError => ({
  row: 0,
  column: '',
  value: '',
  reason_ja: error.reasonJa,
  reason_en: error.reasonEn,
});

function rejectFile(error: unknown, encoding: DetectedEncoding | null): never {
  if (!(error instanceof ImportFileError)) throw error;
  const problems = new Problems();
  problems.add(fileProblem(error));
  throw new Rejected(problems, 0, encoding);
}

function kindKey(kind: ImportKind<unknown, unknown>, header: string): string {
  return kind.columns.find((c) => c.header === header)?.key ?? header;
}

/** Encoding → parameters → lookups → every record checked as it streams past → cross-row checks. */
async function validate<T, C>(kind: ImportKind<T, C>, request: ImportRequest, tx: ImportTransaction) {
  let encoding: DetectedEncoding;
  try {
    encoding = await detectEncoding(request.path);
    const missing = (kind.parameters ?? []).filter((name) => !request.parameters?.[name]);
    if (missing.length)
      throw new ImportFileError(`パラメータが必要です: ${missing.join(', ')}`, `missing parameters: ${missing.join(', ')}`);
  } catch (error) {
    rejectFile(error, null);
  }
  let context: C;
  try {
    context = await kind.prepare(tx.store, request.parameters ?? {}, { dataDir: request.dataDir });
  } catch (error) {
    rejectFile(error, encoding);
  }
  const rows: ParsedRow<T>[] = [];
  const problems = new Problems();
  const onRecord = (record: CsvRecord) => {
    const parsed = parseCells(record, kind.columns, context);
    if (!parsed.cells) return problems.addAll(parsed.errors);
    try {
      rows.push({ row: record.row, value: kind.toRow(parsed.cells, context) });
    } catch (error) {
      if (error instanceof RowRuleError) {
        problems.add({
          row: record.row,
          column: error.column,
          value: String(parsed.cells[kindKey(kind, error.column)] ?? ''),
          reason_ja: error.reasonJa,
          reason_en: error.reasonEn,
        });
      } else if (error instanceof FieldError) {
        problems.add({ row: record.row, column: '', value: '', reason_ja: error.reasonJa, reason_en: error.reasonEn });
      } else throw error;
    }
  };
  const table = new RecordAssembler(kind.columns as never, onRecord, problems.add);
  try {
    await streamCsvRecords(request.path, encoding, (record) => table.accept(record));
    table.finish(problems.count);
  } catch (error) {
    rejectFile(error, encoding);
  }
  problems.addAll(await kind.checkRows(rows, context, tx.store));
  if (problems.count) throw new Rejected(problems, table.records, encoding);
  return { rows, context, encoding, total: table.records };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Records an attempt that never reached validation (too large, malformed upload) or failed unexpectedly. */
export async function recordFailedAttempt(
  repository: ImportsRepository,
  attempt: {
    kind: string;
    fileName: string;
    uploadedBy: string;
    status: 'rejected' | 'failed';
    reasonJa: string;
    reasonEn: string;
    sha256?: string;
  },
): Promise<number> {
  return repository.recordAttempt({
    kind: attempt.kind.slice(0, 50),
    file_name: attempt.fileName.slice(0, 255),
    sha256: attempt.sha256 ?? '0'.repeat(64),
    uploaded_by: attempt.uploadedBy,
    status: attempt.status,
    error_count: 1,
    errors: [{ row: 0, column: '', value: '', reason_ja: attempt.reasonJa, reason_en: attempt.reasonEn }],
  });
}

/**
 * One upload, all or nothing: every row is validated before anything is written, and the write is
 * one transaction. A rejected file leaves the data tables untouched; every attempt is recorded.
 */
export async function runImport<T, C>(
  repository: ImportsRepository,
  kind: ImportKind<T, C>,
  request: ImportRequest,
): Promise<ImportReport> {
  const sha256 = await sha256Of(request.path);
  const parameters = JSON.stringify(request.parameters ?? {});
  const base = { kind: kind.kind, file_name: request.fileName.slice(0, 255), sha256, uploaded_by: request.uploadedBy, parameters };
  let context: C | undefined;
  try {
    const report = await repository.transaction(async (tx) => {
      const validated = await validate(kind, request, tx);
      context = validated.context;
      const { rows, encoding, total } = validated;
      const earlier = await tx.previousSuccess(kind.kind, sha256, parameters);
      const importId = await tx.record({ ...base, encoding, rows: total, status: 'succeeded' });
      const counts = await kind.write(
        tx.store,
        rows.map((r) => r.value),
        importId,
        validated.context,
      );
      const duplicate = earlier !== null && counts.inserted === 0 && counts.updated === 0;
      await tx.finish(importId, counts, duplicate ? earlier : null);
      return {
        ...base,
        import_id: importId,
        encoding,
        status: duplicate ? 'duplicate' : 'succeeded',
        rows: total,
        ...counts,
        duplicate_of: duplicate ? earlier : null,
        errors: [],
        error_count: 0,
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
    if (!(error instanceof Rejected)) {
      await recordFailedAttempt(repository, {
        ...base,
        fileName: base.file_name,
        uploadedBy: base.uploaded_by,
        status: 'failed',
        reasonJa: 'サーバー内部のエラーで取り込めませんでした',
        reasonEn: `internal error: ${(error as Error).message}`.slice(0, 300),
      }).catch(() => undefined);
      throw error;
    }
    const errors = error.problems.sorted();
    const importId = await repository.recordAttempt({
      ...base,
      encoding: error.encoding,
      rows: error.rows,
      status: 'rejected',
      errors,
      error_count: error.problems.count,
    });
    const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
    const more = error.problems.count > errors.length;
    return {
      ...base,
      import_id: importId,
      encoding: error.encoding,
      status: 'rejected',
      rows: error.rows,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      duplicate_of: null,
      errors,
      error_count: error.problems.count,
      message_ja: `ファイル全体を取り込みませんでした: ${error.problems.count.toLocaleString('ja-JP')}件のエラー${more ? `（最初の${errors.length}件を表示）` : `（${rowsWithErrors}行）`}。データベースは変更されていません`,
      message_en: `the whole file was rejected: ${error.problems.count} errors${more ? ` (the first ${errors.length} listed)` : ` in ${rowsWithErrors} rows`}; the database is unchanged`,
    };
  }
}
