import Papa from 'papaparse';
import type { ColumnSpec } from './import-kind.js';
import { FieldError, ImportFileError, type RowError } from './import-errors.js';

export interface CsvRecord {
  /** Row as numbered in the file: the header is row 1. */
  row: number;
  cells: Record<string, string>;
}

const normaliseHeader = (h: string) => h.normalize('NFKC').trim().toLowerCase().replace(/[\s_]+/g, '');

/** Maps the header to the kind's columns; unknown, duplicate and missing columns reject the file. */
function mapHeader(header: string[], columns: ColumnSpec<never>[]): (string | undefined)[] {
  const byName = new Map<string, string>();
  for (const c of columns) for (const name of [c.header, c.key, ...c.aliases]) byName.set(normaliseHeader(name), c.key);
  const keys = header.map((h) => byName.get(normaliseHeader(h)));
  const unknown = header.filter((h, i) => keys[i] === undefined && h.trim() !== '');
  const expected = columns.map((c) => c.header).join(', ');
  if (unknown.length) {
    throw new ImportFileError(`不明な列があります: ${unknown.join(', ')}（受け付ける列: ${expected}）`, `unknown columns: ${unknown.join(', ')} (accepted: ${expected})`);
  }
  const seen = keys.filter((k, i) => k !== undefined && keys.indexOf(k) !== i);
  if (seen.length) throw new ImportFileError(`列が重複しています: ${seen.join(', ')}`, `duplicate columns: ${seen.join(', ')}`);
  const missing = columns.filter((c) => !c.optional && !keys.includes(c.key)).map((c) => c.header);
  if (missing.length) throw new ImportFileError(`必須の列がありません: ${missing.join(', ')}`, `missing columns: ${missing.join(', ')}`);
  return keys;
}

/** Parses CSV text into records keyed by column, with row-numbered errors for malformed rows. */
export function readCsv(text: string, columns: ColumnSpec<never>[]): { records: CsvRecord[]; errors: RowError[] } {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const rows = parsed.data;
  while (rows.length && rows[rows.length - 1].every((c) => c.trim() === '')) rows.pop();
  if (rows.length === 0) throw new ImportFileError('ファイルが空です', 'the file is empty');
  const keys = mapHeader(rows[0], columns);
  if (rows.length === 1) throw new ImportFileError('データ行がありません（見出し行のみ）', 'no data rows (header only)');
  const errors: RowError[] = [];
  const records: CsvRecord[] = [];
  rows.slice(1).forEach((fields, i) => {
    const row = i + 2;
    if (fields.every((f) => f.trim() === '')) return; // a blank line is not data
    if (fields.length !== keys.length) {
      errors.push({
        row, column: '', value: fields.join(',').slice(0, 80),
        reason_ja: `列の数が見出しと違います（${fields.length}列、見出しは${keys.length}列）`,
        reason_en: `has ${fields.length} fields; the header has ${keys.length}`,
      });
      return;
    }
    const cells: Record<string, string> = {};
    keys.forEach((k, j) => k && (cells[k] = fields[j]));
    for (const c of columns) cells[c.key] ??= '';
    records.push({ row, cells });
  });
  for (const e of parsed.errors.filter((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes')) {
    errors.push({ row: (e.row ?? 0) + 1, column: '', value: '', reason_ja: '引用符（"）の対応が取れていません', reason_en: `malformed quotes (${e.code})` });
  }
  return { records, errors };
}

/** Applies each column's parser, collecting every failure with its row and column. */
export function parseCells<C>(record: CsvRecord, columns: ColumnSpec<C>[], context: C): { cells?: Record<string, unknown>; errors: RowError[] } {
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
export function duplicateKeyErrors<T>(rows: { row: number; value: T }[], key: (value: T) => string, column: string, labelJa: string, labelEn: string): RowError[] {
  const firstRow = new Map<string, number>();
  const errors: RowError[] = [];
  for (const { row, value } of rows) {
    const k = key(value);
    const first = firstRow.get(k);
    if (first === undefined) firstRow.set(k, row);
    else errors.push({ row, column, value: k, reason_ja: `${labelJa}が重複しています（${first}行目と同じ）`, reason_en: `duplicate ${labelEn} (same as row ${first})` });
  }
  return errors;
}
