import type { ColumnSpec, ImportKind, ImportLayout } from './import-kind.js';
import type { CsvFields } from './csv-source.js';
import { FieldError, ImportFileError, type RowError } from './import-errors.js';
import type { ImportNotes } from './import-notes.js';

export interface CsvRecord {
  /** Row as numbered in the file (a spreadsheet's row number). */
  row: number;
  cells: Record<string, string>;
}

/** The layout a file's header was recognised as, and what became of each of its columns. */
export interface DetectedLayout {
  id: string;
  labelJa: string;
  columns: ColumnSpec<never>[];
  /** Each header cell and the column it is read as (undefined: not used). */
  keys: (string | undefined)[];
  header: string[];
  /** Its own row builder (published layouts); the kind's for the app layout. */
  layout?: ImportLayout<unknown, unknown>;
}

export const MAX_COLUMNS = 200;
/** Title rows above the header are skipped (and kept: a date may be stated there), up to this many. */
const MAX_TITLE_ROWS = 20;

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

function namesOf(columns: ColumnSpec<never>[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const c of columns) for (const name of [c.header, c.key, ...c.aliases]) byName.set(normaliseHeader(name), c.key);
  return byName;
}

/** Maps the header to the kind's columns; empty, unknown, duplicate and missing columns reject the file. */
export function mapHeader(header: string[], columns: ColumnSpec<never>[]): (string | undefined)[] {
  const empty = header.map((h, i) => (h.trim() === '' ? i + 1 : 0)).filter((i) => i > 0);
  if (empty.length) {
    throw new ImportFileError(
      `見出しが空の列があります（${list(empty.map(String))}列目）`,
      `header cells are empty in column ${listEn(empty.map(String))}`,
    );
  }
  const byName = namesOf(columns);
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

/** A published layout, read leniently: its signature must all be there; columns it does not use are ignored. */
function mapLayout(header: string[], layout: ImportLayout<unknown, unknown>): (string | undefined)[] | undefined {
  const present = new Set(header.map(normaliseHeader));
  if (!layout.signature.every((s) => present.has(normaliseHeader(s)))) return undefined;
  const byName = namesOf(layout.columns as ColumnSpec<never>[]);
  const keys = header.map((h) => byName.get(normaliseHeader(h)));
  const missing = layout.columns.filter((c) => !c.optional && !keys.includes(c.key)).map((c) => c.header);
  if (missing.length) {
    throw new ImportFileError(
      `${layout.labelJa}の形式ですが、必須の列がありません: ${missing.join(', ')}`,
      `${layout.id} layout, but columns are missing: ${missing.join(', ')}`,
    );
  }
  return keys.map((k, i) => (k !== undefined && keys.indexOf(k) === i ? k : undefined));
}

/** Whether a row names any column any layout of the kind knows (else, above the header, it is a title). */
function namesAnyColumn(fields: string[], kind: ImportKind<unknown, unknown>): boolean {
  const known = new Set(
    [kind.columns, ...(kind.layouts ?? []).map((l) => l.columns)].flatMap((cs) => [...namesOf(cs as ColumnSpec<never>[]).keys()]),
  );
  return fields.some((f) => known.has(normaliseHeader(f)));
}

const trimTrailing = (fields: string[]) => {
  let end = fields.length;
  while (end > 0 && fields[end - 1].trim() === '') end--;
  return fields.slice(0, end);
};

/**
 * Turns the reader's records into cells keyed by column. Above the header, rows that name no known column
 * are titles (kept as `title`); the header picks the layout — the app's own (strict) or a published one
 * (signature); blank lines are skipped; records of the wrong width become row-numbered problems.
 */
export class RecordAssembler {
  detected: DetectedLayout | undefined;
  readonly titles: string[] = [];
  records = 0;

  constructor(
    private readonly kind: ImportKind<unknown, unknown>,
    private readonly onRecord: (record: CsvRecord, layout: DetectedLayout) => void,
    private readonly onProblem: (problem: RowError) => void,
    private readonly notes: ImportNotes,
    /** Spreadsheets: a row ending in empty cells is as wide as its header. */
    private readonly padShortRows = false,
  ) {}

  get title(): string {
    return this.titles.join(' ');
  }

  private detect(fields: string[]): DetectedLayout | undefined {
    // A spreadsheet's header row runs on into empty formatted cells; a CSV header must name every column.
    const header = this.padShortRows ? trimTrailing(fields) : fields;
    if (header.length > MAX_COLUMNS) {
      throw new ImportFileError(
        `見出しの列が多すぎます（${header.length}列、上限${MAX_COLUMNS}列）`,
        `the header has too many columns (${header.length}; at most ${MAX_COLUMNS})`,
      );
    }
    for (const layout of this.kind.layouts ?? []) {
      const keys = mapLayout(header, layout);
      if (!keys) continue;
      const unused = header.filter((_, i) => keys[i] === undefined && header[i].trim() !== '');
      if (unused.length) {
        this.notes.warn(
          '',
          '',
          `この形式で使わない列は読み飛ばします: ${list(unused)}`,
          `columns this layout does not use are ignored: ${listEn(unused)}`,
        );
      }
      return { id: layout.id, labelJa: layout.labelJa, columns: layout.columns as ColumnSpec<never>[], keys, header, layout };
    }
    if (!namesAnyColumn(header, this.kind) && this.titles.length < MAX_TITLE_ROWS) return undefined;
    return {
      id: 'app',
      labelJa: 'このシステムの形式',
      columns: this.kind.columns as ColumnSpec<never>[],
      keys: mapHeader(header, this.kind.columns as ColumnSpec<never>[]),
      header,
    };
  }

  accept({ row, fields, quoteError }: CsvFields): void {
    const blank = fields.every((f) => f.trim() === '');
    if (this.detected === undefined) {
      if (blank) return; // blank lines before the header are skipped
      const detected = this.detect(fields);
      if (detected) this.detected = detected;
      else
        this.titles.push(
          fields
            .filter((f) => f.trim())
            .join(' ')
            .slice(0, 200),
        );
      return;
    }
    const keys = this.detected.keys;
    if (quoteError)
      this.onProblem({
        row,
        column: '',
        value: '',
        reason_ja: '引用符（"）の対応が取れていません',
        reason_en: `malformed quotes (${quoteError})`,
      });
    if (blank) return; // a blank line is not data
    const cells = this.padShortRows ? [...fields, ...new Array(Math.max(0, keys.length - fields.length)).fill('')] : fields;
    const wide = cells.length > keys.length && cells.slice(keys.length).every((f) => f.trim() === '');
    if (cells.length !== keys.length && !wide) {
      this.onProblem({
        row,
        column: '',
        value: fields.join(',').slice(0, 80),
        reason_ja: `列の数が見出しと違います（${fields.length}列、見出しは${keys.length}列）`,
        reason_en: `has ${fields.length} fields; the header has ${keys.length}`,
      });
      return;
    }
    const byKey: Record<string, string> = {};
    keys.forEach((k, j) => k && (byKey[k] = cells[j]));
    for (const c of this.detected.columns) byKey[c.key] ??= '';
    this.records++;
    this.onRecord({ row, cells: byKey }, this.detected);
  }

  /** A file with no header or no data rows is refused as a whole. */
  finish(problems: number): void {
    if (this.detected === undefined) {
      if (this.titles.length) throw mapHeaderError(this.kind);
      throw new ImportFileError('ファイルが空です', 'the file is empty');
    }
    if (this.records === 0 && problems === 0)
      throw new ImportFileError('データ行がありません（見出し行のみ）', 'no data rows (header only)');
  }
}

function mapHeaderError(kind: ImportKind<unknown, unknown>): ImportFileError {
  const expected = kind.columns.map((c) => c.header).join(', ');
  const layouts = (kind.layouts ?? []).map((l) => l.labelJa).join('、');
  return new ImportFileError(
    `見出し行が見つかりません（受け付ける列: ${expected}${layouts ? `。または ${layouts} の形式` : ''}）`,
    `no header row found (accepted columns: ${expected}${layouts ? `; or the layouts ${(kind.layouts ?? []).map((l) => l.id).join(', ')}` : ''})`,
  );
}

/**
 * A string of its own: a parsed field is a slice of the text chunk it was read from, and a slice keeps its whole
 * chunk alive; a kept value that is a slice would hold the file's text in memory as long as the row. V8 copies
 * short substrings anyway; a longer one is rebuilt (a concatenation, flattened by the slice, shares nothing).
 */
function detach<T>(value: T): T {
  return typeof value === 'string' && value.length >= 13 ? ((' ' + value).slice(1) as T) : value;
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
      cells[c.key] = detach(c.parse(raw, context));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      errors.push({ row: record.row, column: c.header, value: raw.slice(0, 80), reason_ja: error.reasonJa, reason_en: error.reasonEn });
    }
  }
  return errors.length ? { errors } : { cells, errors };
}

/** One error per row that repeats a key already seen in an earlier row. */
export function duplicateKeyErrors<T>(
  rows: { row: number; value: T; file?: string }[],
  key: (value: T) => string,
  column: string,
  labelJa: string,
  labelEn: string,
): RowError[] {
  const firstRow = new Map<string, number>();
  const errors: RowError[] = [];
  for (const { row, value, file } of rows) {
    const k = key(value);
    const first = firstRow.get(k);
    if (first === undefined) firstRow.set(k, row);
    else
      errors.push({
        row,
        file,
        column,
        value: k,
        reason_ja: `${labelJa}が重複しています（${first}行目と同じ）`,
        reason_en: `duplicate ${labelEn} (same as row ${first})`,
      });
  }
  return errors;
}
