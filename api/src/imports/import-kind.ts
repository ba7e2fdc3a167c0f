import type { ImportStore } from './import-store.repository.js';
import type { RowError } from './import-errors.js';

export interface ColumnSpec<C = unknown> {
  key: string;
  /** The Japanese header as the file shows it. */
  header: string;
  /** Other accepted headers (English names). */
  aliases: string[];
  /** When true the column may be missing from the file altogether (its values are then empty). */
  optional?: boolean;
  /** Parses one cell; throws FieldError with a bilingual reason. */
  parse(value: string, context: C): unknown;
}

export interface ParsedRow<T> {
  row: number;
  value: T;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** A rule that involves more than one cell of a row; `column` names the cell to blame. */
export class RowRuleError extends Error {
  constructor(
    readonly column: string,
    readonly reasonJa: string,
    readonly reasonEn: string,
  ) {
    super(reasonEn);
  }
}

/** Everything an import kind defines: its columns, row rules, cross-row checks, and the write. */
export interface ImportKind<T = unknown, C = unknown> {
  kind: string;
  labelJa: string;
  columns: ColumnSpec<C>[];
  /** Parameters the upload must carry besides the file (e.g. a survey round's name). */
  parameters?: string[];
  /** Loads what validation looks up (known codes, existing rows). */
  prepare(store: ImportStore, parameters: Record<string, string>, env: { dataDir: string }): Promise<C>;
  /** Builds the row from its parsed cells; throws RowRuleError for rules across cells. */
  toRow(cells: Record<string, unknown>, context: C): T;
  /** Checks across rows and against the database. */
  checkRows(rows: ParsedRow<T>[], context: C, store: ImportStore): Promise<RowError[]>;
  write(store: ImportStore, rows: T[], importId: number, context: C): Promise<WriteCounts>;
  /** For data kept outside PostgreSQL: make the staged write final once the import is committed… */
  afterCommit?(context: C): void;
  /** …or throw it away when the import is rolled back. */
  afterRollback?(context: C): void;
  /** Jobs to run after a successful import so the summaries reflect it. */
  jobs: string[];
}
