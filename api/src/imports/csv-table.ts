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

/**
 * Parses CSV text row by row (papaparse's step mode), handing each record to `onRecord` as it is read
 * so that no intermediate array of the whole file is built. Malformed rows become row-numbered errors;
 * a problem with the file as a whole (empty, header) throws ImportFileError.
 */
export function readCsv(text: string, columns: ColumnSpec<never>[], onRecord: (record: CsvRecord) => void): { errors: RowError[]; records: number } {
  const errors: RowError[] = [];
  let keys: (string | undefined)[] | undefined;
  let fileError: ImportFileError | undefined;
  let index = 0;
  let records = 0;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    step: (result, parser) => {
      const fields = result.data;
      const i = index++;
      if (keys === undefined) {
        if (fields.every((f) => f.trim() === '')) return; // blank lines before the header
        try {
          keys = mapHeader(fields, columns);
        } catch (error) {
          fileError = error as ImportFileError;
          parser.abort();
        }
        return;
      }
      const row = i + 1; // the header is row 1
      for (const e of result.errors.filter((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes')) {
        errors.push({ row, column: '', value: '', reason_ja: '引用符（"）の対応が取れていません', reason_en: `malformed quotes (${e.code})` });
      }
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
      records++;
      onRecord({ row, cells });
    },
  });
  if (fileError) throw fileError;
  if (keys === undefined) throw new ImportFileError('ファイルが空です', 'the file is empty');
  if (records === 0 && errors.length === 0) throw new ImportFileError('データ行がありません（見出し行のみ）', 'no data rows (header only)');
  return { errors, records };
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
