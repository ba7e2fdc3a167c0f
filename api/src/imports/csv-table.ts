import type { ColumnSpec } from './import-kind.js';
import type { CsvFields } from './csv-source.js';
import { FieldError, ImportFileError, type RowError } from './import-errors.js';

export interface CsvRecord {
  /** Row as numbered in the file: the header is row 1. */
  row: number;
  cells: Record<string, string>;
}

const normaliseHeader = (h: string) =>
  h
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');

/** At most this many names are listed in a header error (a hostile header can have thousands). */
const LISTED = 20;
const list = (names: string[]) =>
  names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} …（ほか${names.length - LISTED}列）` : names.join(', ');
const listEn = (names: string[]) =>
  names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} … (${names.length - LISTED} more)` : names.join(', ');

/** Maps the header to the kind's columns; empty, unknown, duplicate and missing columns reject the file. */
export function mapHeader(header: string[], columns: ColumnSpec<never>[]): (string | undefined)[] {
  const empty = header.map((h, i) => (h.trim() === '' ? i + 1 : 0)).filter((i) => i > 0);
  if (empty.length) {
    throw new ImportFileError(
      `見出しが空の列があります（${list(empty.map(String))}列目）`,
      `header cells are empty in column ${listEn(empty.map(String))}`,
    );
  }
  const byName = new Map<string, string>();
  for (const c of columns) for (const name of [c.header, c.key, ...c.aliases]) byName.set(normaliseHeader(name), c.key);
  const keys = header.map((h) => byName.get(normaliseHeader(h)));
  const unknown = header.filter((_h, i) => keys[i] === undefined).map((h) => h.slice(0, 40));
  const expected = columns.map((c) => c.header).join(', ');
  if (unknown.length) {
    throw new ImportFileError(
      `不明な列があります: ${list(unknown)}（受け付ける列: ${expected}）`,
      `unknown columns: ${listEn(unknown)} (accepted: ${expected})`,
    );
  }
  const seen = keys.filter((k, i) => k !== undefined && keys.indexOf(k) !== i) as string[];
  if (seen.length) throw new ImportFileError(`列が重複しています: ${list(seen)}`, `duplicate columns: ${listEn(seen)}`);
  const missing = columns.filter((c) => !c.optional && !keys.includes(c.key)).map((c) => c.header);
  if (missing.length) throw new ImportFileError(`必須の列がありません: ${missing.join(', ')}`, `missing columns: ${missing.join(', ')}`);
  return keys;
}

/**
 * Turns the parser's records into cells keyed by column: the first non-blank record is the header;
 * blank lines are skipped; records of the wrong width become row-numbered problems.
 */
export class RecordAssembler {
  private keys: (string | undefined)[] | undefined;
  records = 0;

  constructor(
    private readonly columns: ColumnSpec<never>[],
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly onProblem: (problem: RowError) => void,
  ) {}

  accept({ row, fields, quoteError }: CsvFields): void {
    const blank = fields.every((f) => f.trim() === '');
    if (this.keys === undefined) {
      if (!blank) this.keys = mapHeader(fields, this.columns); // blank lines before the header are skipped
      return;
    }
    if (quoteError)
      this.onProblem({
        row,
        column: '',
        value: '',
        reason_ja: '引用符（"）の対応が取れていません',
        reason_en: `malformed quotes (${quoteError})`,
      });
    if (blank) return; // a blank line is not data
    if (fields.length !== this.keys.length) {
      this.onProblem({
        row,
        column: '',
        value: fields.join(',').slice(0, 80),
        reason_ja: `列の数が見出しと違います（${fields.length}列、見出しは${this.keys.length}列）`,
        reason_en: `has ${fields.length} fields; the header has ${this.keys.length}`,
      });
      return;
    }
    const cells: Record<string, string> = {};
    this.keys.forEach((k, j) => k && (cells[k] = fields[j]));
    for (const c of this.columns) cells[c.key] ??= '';
    this.records++;
    this.onRecord({ row, cells });
  }

  /** A file with no header or no data rows is refused as a whole. */
  finish(problems: number): void {
    if (this.keys === undefined) throw new ImportFileError('ファイルが空です', 'the file is empty');
    if (this.records === 0 && problems === 0)
      throw new ImportFileError('データ行がありません（見出し行のみ）', 'no data rows (header only)');
  }
}

/** Applies each column's parser, collecting every failure with its row and column. */
export function parseCells<C>(
  record: CsvRecord,
  columns: ColumnSpec<C>[],
  context: C,
): { cells?: Record<string, unknown>; errors: RowError[] } {
  const errors: RowError[] = [];
  const cells: Record<string, unknown> = {};
  for (const c of columns) {
    const raw = record.cells[c.key] ?? '';
    try {
      cells[c.key] = c.parse(raw, context);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      errors.push({ row: record.row, column: c.header, value: raw.slice(0, 80), reason_ja: error.reasonJa, reason_en: error.reasonEn });
    }
  }
  return errors.length ? { errors } : { cells, errors };
}

/** One error per row that repeats a key already seen in an earlier row. */
export function duplicateKeyErrors<T>(
  rows: { row: number; value: T }[],
  key: (value: T) => string,
  column: string,
  labelJa: string,
  labelEn: string,
): RowError[] {
  const firstRow = new Map<string, number>();
  const errors: RowError[] = [];
  for (const { row, value } of rows) {
    const k = key(value);
    const first = firstRow.get(k);
    if (first === undefined) firstRow.set(k, row);
    else
      errors.push({
        row,
        column,
        value: k,
        reason_ja: `${labelJa}が重複しています（${first}行目と同じ）`,
        reason_en: `duplicate ${labelEn} (same as row ${first})`,
      });
  }
  return errors;
}
