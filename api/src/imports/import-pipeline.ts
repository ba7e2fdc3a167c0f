import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { detectEncoding, streamCsvRecords, type DetectedEncoding } from './csv-source.js';
import type { FileFormat, FileReport, ImportRefusal, ImportReport } from './dto/imports.responses.js';
import { parseCells, RecordAssembler, type CsvRecord, type DetectedLayout } from './csv-table.js';
import { FieldError, ImportFileError, type RowError, type SetAsideRow } from './import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow, type SourceFile, type WriteCounts } from './import-kind.js';
import { ImportNotes, type CodeChoice } from './import-notes.js';
import type { ImportsRepository, ImportTransaction } from './imports.repository.js';
import { AmbiguousCodeError } from './municipality-directory.js';
import { readXlsxRecords } from './xlsx-source.js';

/** A report keeps the first problems found; the total is counted beyond it. */
export const MAX_REPORTED_ERRORS = 1000;
/** Parameters every kind accepts: which sheet of a workbook, and how to read codes that lost a leading zero. */
export const COMMON_PARAMETERS = ['sheet', 'code_choice'];

export interface UploadedFile {
  fileName: string;
  /** The file on disk (uploads are streamed to disk, never held in memory whole). */
  path: string;
}

export interface ImportRequest {
  /** One or several files (e.g. the 35 open-data files of one refresh), imported together, all or nothing. */
  files: UploadedFile[];
  uploadedBy: string;
  parameters?: Record<string, string>;
  /** Where data kept outside PostgreSQL (usage logs) lives. */
  dataDir: string;
  /** Validate and simulate the write, then roll it back: what the import would change. */
  dryRun?: boolean;
  /** Confirmations the user gave: import without the rows set aside; close what a partial list leaves out. */
  accept?: { setAside?: boolean; closures?: boolean };
}

export type { FileFormat, FileReport, ImportReport };

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
  /** Problems of which only some are listed (a check that counts in SQL). */
  addCounted(listed: RowError[], count: number): void {
    this.addAll(listed);
    this.count += count - listed.length;
  }
  sorted(): RowError[] {
    return [...this.kept].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.row - b.row);
  }
}

/** Rows of published lists set aside while reading and settling (all kept: the kind protects what they name). */
class SetAside {
  readonly rows: SetAsideRow[] = [];
  add = (row: SetAsideRow): void => {
    this.rows.push({ ...row, value: row.value.slice(0, 80) });
  };
  listed(): SetAsideRow[] {
    return [...this.rows].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.row - b.row).slice(0, MAX_REPORTED_ERRORS);
  }
}

/** The row's cells by header, for a row set aside (what the publisher wrote). */
const valuesByHeader = (record: CsvRecord, layout: DetectedLayout): Record<string, string> =>
  Object.fromEntries(layout.columns.map((c) => [c.header, record.cells[c.key] ?? '']));

class Rejected extends Error {
  constructor(
    readonly problems: Problems,
    readonly rows: number,
    readonly files: FileReport[],
    readonly setAside = new SetAside(),
  ) {
    super('rejected');
  }
}

/** Thrown out of the transaction when the upload needs a confirmation it did not carry: nothing is written. */
class NotAccepted extends Error {
  constructor(readonly report: ImportReport) {
    super('not accepted');
  }
}

/** Thrown out of the transaction of a dry run, so everything it wrote rolls back. */
class Simulated extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const fileProblem = (error: ImportFileError, file?: string): RowError => ({
  row: 0,
  file,
  column: '',
  value: '',
  reason_ja: error.reasonJa,
  reason_en: error.reasonEn,
});

/** What a file is, from its first bytes: xlsx is a zip, the old .xls an OLE compound file. */
async function sniff(path: string): Promise<FileFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
      throw new ImportFileError(
        'Excel 97-2003 形式（.xls）です。xlsx で保存し直してください',
        'this is an Excel 97-2003 (.xls) workbook; save it as .xlsx',
      );
    }
    return 'csv';
  } finally {
    await handle.close();
  }
}

/** `code_choice`: one reading for every ambiguous code, or a JSON map from a written code to the chosen code. */
export function parseCodeChoice(value: string | undefined): { all?: CodeChoice; byValue?: Record<string, string> } | undefined {
  if (!value) return undefined;
  if (value === 'as-written' || value === 'leading-zero-restored') return { all: value };
  try {
    const map = JSON.parse(value) as unknown;
    if (map && typeof map === 'object' && !Array.isArray(map) && Object.values(map).every((v) => typeof v === 'string'))
      return { byValue: map as Record<string, string> };
  } catch {
    // reported below
  }
  throw new ImportFileError(
    'code_choice は as-written、leading-zero-restored、または {"12203":"012203"} の形式で指定してください',
    'code_choice must be as-written, leading-zero-restored, or a JSON map such as {"12203":"012203"}',
  );
}

interface Validated<T, C> {
  rows: ParsedRow<T>[];
  context: C;
  total: number;
  files: FileReport[];
  setAside: SetAside;
}

/** Reads one file into rows, through the layout its header matches. */
async function readFile<T, C>(
  kind: ImportKind<T, C>,
  file: UploadedFile,
  request: ImportRequest,
  state: {
    context: C;
    notes: ImportNotes;
    problems: Problems;
    setAside: SetAside;
    collect: (row: ParsedRow<T>) => void;
    label?: string;
  },
): Promise<FileReport> {
  const { context, notes, problems, collect } = state;
  const format = await sniff(file.path);
  const source: SourceFile = { fileName: file.fileName, title: '' };
  const addProblem = (p: RowError) => problems.add({ ...p, file: state.label });
  // A published list is never refused for its rows: one that cannot be attributed is set aside with its values.
  const rowProblem = (record: CsvRecord, layout: DetectedLayout, p: RowError, ambiguous = false) =>
    layout.layout && !ambiguous ? state.setAside.add({ ...p, file: state.label, values: valuesByHeader(record, layout) }) : addProblem(p);
  const onRecord = (record: CsvRecord, layout: DetectedLayout) => {
    notes.at = { row: record.row, file: state.label };
    source.title = assembler.title;
    const parsed = parseCells(record, layout.columns as never, context);
    if (!parsed.cells) {
      if (!layout.layout) return parsed.errors.forEach(addProblem);
      return rowProblem(record, layout, {
        ...parsed.errors[0],
        reason_ja: parsed.errors.map((e) => `${e.column}: ${e.reason_ja}`).join('／'),
        reason_en: parsed.errors.map((e) => `${e.column}: ${e.reason_en}`).join('; '),
      });
    }
    try {
      const built = layout.layout
        ? (layout.layout.toRow(parsed.cells, context, { row: record.row, file: source, layout: layout.id }) as T | T[])
        : kind.toRow(parsed.cells, context, { row: record.row, file: source, layout: layout.id });
      for (const value of Array.isArray(built) ? built : [built]) collect({ row: record.row, value, file: state.label });
    } catch (error) {
      if (error instanceof AmbiguousCodeError && request.dryRun) return; // listed in notes.ambiguous for the user to choose
      if (error instanceof RowRuleError) {
        const key = layout.columns.find((c) => c.header === error.column)?.key ?? error.column;
        rowProblem(
          record,
          layout,
          {
            row: record.row,
            column: error.column,
            value: String(parsed.cells[key] ?? ''),
            reason_ja: error.reasonJa,
            reason_en: error.reasonEn,
          },
          error instanceof AmbiguousCodeError,
        ); // a code read two ways waits for the user's choice, it is no set-aside
      } else if (error instanceof FieldError)
        rowProblem(record, layout, { row: record.row, column: '', value: '', reason_ja: error.reasonJa, reason_en: error.reasonEn });
      else throw error;
    }
  };
  const assembler = new RecordAssembler(kind as ImportKind<unknown, unknown>, onRecord, addProblem, notes, format === 'xlsx');
  let encoding: DetectedEncoding | null = null;
  let sheet: string | null = null;
  if (format === 'xlsx') sheet = (await readXlsxRecords(file.path, (r) => assembler.accept(r), { sheet: request.parameters?.sheet })).sheet;
  else {
    encoding = await detectEncoding(file.path);
    await streamCsvRecords(file.path, encoding, (r) => assembler.accept(r));
  }
  const before = problems.count;
  assembler.finish(before);
  const detected = assembler.detected!;
  return {
    file_name: file.fileName,
    format,
    encoding,
    sheet,
    layout: detected.id,
    layout_label: detected.labelJa,
    columns: detected.header.map((h, i) => ({ header: h, used_as: detected.keys[i] ?? null })),
    title: assembler.title,
    rows: assembler.records,
  };
}

/** Parameters → lookups → every record of every file checked as it streams past → cross-row checks. */
async function validate<T, C>(
  kind: ImportKind<T, C>,
  request: ImportRequest,
  tx: ImportTransaction,
  notes: ImportNotes,
): Promise<Validated<T, C>> {
  const missing = (kind.parameters ?? []).filter((name) => !request.parameters?.[name]);
  if (missing.length)
    throw rejectFile(new ImportFileError(`パラメータが必要です: ${missing.join(', ')}`, `missing parameters: ${missing.join(', ')}`));
  let context: C;
  try {
    context = await kind.prepare(tx.store, request.parameters ?? {}, { dataDir: request.dataDir, notes });
  } catch (error) {
    throw rejectFile(error);
  }
  const rows: ParsedRow<T>[] = [];
  const stage = kind.stage?.(context);
  const collect = stage ? (row: ParsedRow<T>) => stage.add(row) : (row: ParsedRow<T>) => void rows.push(row);
  const problems = new Problems();
  const setAside = new SetAside();
  const files: FileReport[] = [];
  const several = request.files.length > 1;
  try {
    for (const file of request.files) {
      const label = several ? file.fileName : undefined;
      try {
        files.push(await readFile(kind, file, request, { context, notes, problems, setAside, collect, label }));
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        problems.add(fileProblem(error, label));
      }
    }
    let kept = rows;
    if (kind.settle && !problems.count) {
      const settled = await kind.settle(rows, setAside.rows, context, tx.store);
      kept = settled.rows;
      settled.setAside.forEach(setAside.add);
    }
    // A list of which no row could be attributed is no refresh: its rows are the errors.
    if (setAside.rows.length && kept.length === 0) problems.addAll(setAside.rows.map(({ values: _values, ...p }) => p));
    if (stage) {
      const { errors, count } = await stage.check(tx.store, MAX_REPORTED_ERRORS);
      problems.addCounted(errors, count);
    } else problems.addAll((await kind.checkRows?.(kept, context, tx.store)) ?? []);
    const total = files.reduce((s, f) => s + f.rows, 0);
    if (problems.count) throw new Rejected(problems, total, files, setAside);
    return { rows: kept, context, total, files, setAside };
  } catch (error) {
    // The caller only closes the stage of an import that got past validation.
    stage?.close();
    throw error;
  }
}

function rejectFile(error: unknown): Rejected {
  if (!(error instanceof ImportFileError)) throw error;
  const problems = new Problems();
  problems.add(fileProblem(error));
  return new Rejected(problems, 0, []);
}

async function fileSha256(file: UploadedFile): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One file: its SHA-256. Several: a hash of their names and hashes (the same set again is the same upload). */
async function sha256Of(files: UploadedFile[]): Promise<string> {
  if (files.length === 1) return fileSha256(files[0]);
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.fileName.localeCompare(b.fileName)))
    hash.update(`${file.fileName}:${await fileSha256(file)}\n`);
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

const byMunicipality = (counts: WriteCounts) =>
  Object.entries(counts.byMunicipality ?? {})
    .map(([code, c]) => ({ code, ...c }))
    .sort((a, b) => a.code.localeCompare(b.code));

const summaryJa = (counts: WriteCounts, total: number) =>
  `${total.toLocaleString('ja-JP')}行（追加 ${counts.inserted}、更新 ${counts.updated}、終了 ${counts.closed ?? 0}、変更なし ${counts.unchanged}）`;
const summaryEn = (counts: WriteCounts, total: number) =>
  `${total} rows (${counts.inserted} new, ${counts.updated} updated, ${counts.closed ?? 0} closed, ${counts.unchanged} unchanged)`;

interface Confirmation {
  flag: 'setAside' | 'closures';
  refusal: ImportRefusal;
  ja: string;
  en: string;
}

/** What the user must confirm before the import writes: rows left out of a published list, closures a partial list would make. */
function confirmationsNeeded(setAsideCount: number, counts: WriteCounts): Confirmation[] {
  const needed: Confirmation[] = [];
  if (setAsideCount > 0)
    needed.push({
      flag: 'setAside',
      refusal: 'SET_ASIDE_NOT_ACCEPTED',
      ja: `${setAsideCount.toLocaleString('ja-JP')}行を除外して取り込むには確認が必要です（accept_set_aside）`,
      en: `${setAsideCount} rows set aside: importing the rest needs accept_set_aside`,
    });
  if (counts.closures?.partial)
    needed.push({
      flag: 'closures',
      refusal: 'CLOSURES_NOT_ACCEPTED',
      ja: `${counts.closures.message_ja}。この一覧が一部だけなら「追加と変更のみ」で取り込み、すべてなら確認してください（accept_closures）`,
      en: `${counts.closures.message_en}; import a partial list as additions only, or confirm with accept_closures`,
    });
  return needed;
}

/**
 * One upload (one or several files), all or nothing: every row is validated before anything is written, and
 * the write is one transaction. A rejected upload leaves the data tables untouched; every attempt is
 * recorded. A dry run does the same and rolls the write back, answering what it would change.
 */
export async function runImport<T, C>(
  repository: ImportsRepository,
  kind: ImportKind<T, C>,
  request: ImportRequest,
): Promise<ImportReport> {
  const sha256 = await sha256Of(request.files);
  const parameters = JSON.stringify(request.parameters ?? {});
  const fileName = request.files
    .map((f) => f.fileName)
    .join(', ')
    .slice(0, 255);
  const base = { kind: kind.kind, file_name: fileName, sha256, uploaded_by: request.uploadedBy, parameters };
  let choice;
  try {
    choice = parseCodeChoice(request.parameters?.code_choice);
  } catch (error) {
    return rejectedReport(repository, base, rejectFile(error), new ImportNotes(), request.dryRun);
  }
  const notes = new ImportNotes(choice);
  let context: C | undefined;
  try {
    const report = await repository.transaction(async (tx) => {
      const validated = await validate(kind, request, tx, notes);
      context = validated.context;
      const { rows, total, files, setAside } = validated;
      const encoding = files[0]?.encoding ?? null;
      const earlier = await tx.previousSuccess(kind.kind, sha256, parameters);
      const importId = await tx.record({
        ...base,
        encoding,
        rows: total,
        status: 'succeeded',
        set_aside: setAside.listed(),
        set_aside_count: setAside.rows.length,
      });
      const { handback, ...counts } = await kind.write(
        tx.store,
        rows.map((r) => r.value),
        importId,
        validated.context,
      );
      const duplicate = earlier !== null && counts.inserted === 0 && counts.updated === 0 && !counts.closed;
      const common = {
        ...base,
        encoding,
        rows: total,
        ...counts,
        closed: counts.closed ?? 0,
        files,
        errors: [],
        error_count: 0,
        set_aside: setAside.listed(),
        set_aside_count: setAside.rows.length,
        warnings: notes.warnings,
        warning_count: notes.warningCount,
        ambiguous: notes.ambiguous,
        by_municipality: byMunicipality(counts),
      };
      const needed = confirmationsNeeded(setAside.rows.length, counts);
      if (request.dryRun) {
        throw new Simulated({
          ...common,
          import_id: null,
          status: 'preview',
          duplicate_of: null,
          message_ja: `プレビュー: 取り込むと ${summaryJa(counts, total)}${notes.ambiguous.length ? `。曖昧な市区町村コード ${notes.ambiguous.length} 件は取り込む前に選んでください` : ''}${needed.map((n) => `。${n.ja}`).join('')}。まだ何も書き込んでいません`,
          message_en: `preview: importing would give ${summaryEn(counts, total)}${notes.ambiguous.length ? `; choose a reading for ${notes.ambiguous.length} ambiguous municipality codes first` : ''}${needed.map((n) => `; ${n.en}`).join('')}; nothing is written yet`,
        });
      }
      const missing = needed.find((n) => !request.accept?.[n.flag]);
      if (missing) {
        throw new NotAccepted({
          ...common,
          import_id: null,
          status: 'not_accepted',
          refusal: missing.refusal,
          duplicate_of: null,
          message_ja: `取り込んでいません: ${missing.ja}。データベースは変更されていません`,
          message_en: `not imported: ${missing.en}; the database is unchanged`,
        });
      }
      await tx.finish(importId, counts, duplicate ? earlier : null);
      if (counts.inserted + counts.updated + (counts.closed ?? 0) > 0) {
        const from = kind.changesFrom ? await kind.changesFrom(validated.context) : await tx.earliestChangedDate(importId);
        await tx.recordDataChange(importId, kind.kind, 'import', from);
      }
      return {
        ...common,
        // Handed back once, in this answer only: nothing stores it (the initial passwords of new accounts).
        ...(handback ? { handback } : {}),
        import_id: importId,
        status: duplicate ? 'duplicate' : 'succeeded',
        duplicate_of: duplicate ? earlier : null,
        message_ja: duplicate
          ? `同じファイルは取り込み済みです（取込ID ${earlier}）。変更はありません`
          : `取り込みました: ${summaryJa(counts, total)}`,
        message_en: duplicate
          ? `this file was already imported (import ${earlier}); nothing changed`
          : `imported ${summaryEn(counts, total)}`,
      } satisfies ImportReport;
    });
    if (context !== undefined) await kind.afterCommit?.(context);
    return report;
  } catch (error) {
    if (context !== undefined) await kind.afterRollback?.(context);
    if (error instanceof Simulated || error instanceof NotAccepted) return error.report;
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
    return rejectedReport(repository, base, error, notes, request.dryRun);
  } finally {
    if (context !== undefined) kind.stage?.(context).close();
  }
}

async function rejectedReport(
  repository: ImportsRepository,
  base: { kind: string; file_name: string; sha256: string; uploaded_by: string; parameters: string },
  error: Rejected,
  notes: ImportNotes,
  dryRun = false,
): Promise<ImportReport> {
  const errors = error.problems.sorted();
  const encoding = error.files[0]?.encoding ?? null;
  // A preview records nothing; a rejected upload is an attempt.
  const importId = dryRun
    ? null
    : await repository.recordAttempt({
        ...base,
        encoding,
        rows: error.rows,
        status: 'rejected',
        errors,
        error_count: error.problems.count,
      });
  const rowsWithErrors = new Set(errors.map((e) => `${e.file ?? ''}:${e.row}`)).size;
  const more = error.problems.count > errors.length;
  return {
    ...base,
    import_id: importId,
    encoding,
    status: 'rejected',
    rows: error.rows,
    files: error.files,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    closed: 0,
    duplicate_of: null,
    errors,
    error_count: error.problems.count,
    set_aside: error.setAside.listed(),
    set_aside_count: error.setAside.rows.length,
    warnings: notes.warnings,
    warning_count: notes.warningCount,
    ambiguous: notes.ambiguous,
    by_municipality: [],
    message_ja: `ファイル全体を取り込みませんでした: ${error.problems.count.toLocaleString('ja-JP')}件のエラー${more ? `（最初の${errors.length}件を表示）` : `（${rowsWithErrors}行）`}。データベースは変更されていません`,
    message_en: `the whole file was rejected: ${error.problems.count} errors${more ? ` (the first ${errors.length} listed)` : ` in ${rowsWithErrors} rows`}; the database is unchanged`,
  };
}
