import type { ImportStore } from './import-store.repository.js';
import type { RowError, SetAsideRow } from './import-errors.js';
import type { ClosureReport } from './dto/imports.responses.js';

export type { ClosedService, ClosureReport, ClosureScope } from './dto/imports.responses.js';
import type { ImportNotes } from './import-notes.js';

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

/** One uploaded file as the pipeline reads it. */
export interface SourceFile {
  fileName: string;
  /** The text of title rows above the header (a date such as 令和6年10月1日現在 may be stated there). */
  title: string;
}

/** Where a row came from (for kinds whose rows depend on the file, e.g. a service code in its name). */
export interface RowSource {
  row: number;
  file: SourceFile;
  layout: string;
}

export interface ParsedRow<T> {
  row: number;
  value: T;
  file?: string;
}

export interface MunicipalityCounts {
  inserted: number;
  updated: number;
  closed: number;
  unchanged: number;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows ended by a snapshot upload (offices of its service types and area it no longer lists). */
  closed?: number;
  /** The same counts per municipality, where the kind knows the municipality of its rows. */
  byMunicipality?: Record<string, MunicipalityCounts>;
  /** What a snapshot closes (the offices its list no longer holds), and whether the list looks partial. */
  closures?: ClosureReport;
  /** What the committing user gets back once and nothing stores (the initial passwords of new accounts). */
  handback?: unknown[];
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

/**
 * A layout a publisher writes (the MHLW open data, the Digital Agency's recommended dataset …), recognised
 * from its header. Published layouts are read leniently: columns the kind does not use are ignored (and
 * said so), but every column it needs must be there.
 */
export interface ImportLayout<T, C> {
  id: string;
  labelJa: string;
  columns: ColumnSpec<C>[];
  /** Headers that tell this layout apart (all must be present). */
  signature: string[];
  toRow(cells: Record<string, unknown>, context: C, source: RowSource): T | T[];
}

/** Where a staged kind's rows go (see ImportKind.stage). */
export interface ImportRowStage<T> {
  add(row: ParsedRow<T>): void;
  /** The checks across rows: at most `limit` problems listed, `count` all of them. */
  check(store: ImportStore, limit: number): Promise<{ errors: RowError[]; count: number }>;
  /** Removes the stage, whatever became of the import. */
  close(): void;
}

/** Everything an import kind defines: its columns, row rules, cross-row checks, and the write. */
export interface ImportKind<T = unknown, C = unknown> {
  kind: string;
  labelJa: string;
  /** Who may upload it (default: admin and national). */
  roles?: ('admin' | 'national')[];
  /** The app's own layout (strict: unknown columns reject the file). */
  columns: ColumnSpec<C>[];
  /** Other layouts the kind reads, recognised from the header. */
  layouts?: ImportLayout<T, C>[];
  /** Parameters the upload must carry besides the file (e.g. a survey round's name). */
  parameters?: string[];
  /** Parameters it may carry. */
  optionalParameters?: string[];
  /** Loads what validation looks up (known codes, existing rows). */
  prepare(store: ImportStore, parameters: Record<string, string>, env: { dataDir: string; notes: ImportNotes }): Promise<C>;
  /** Builds the row(s) from its parsed cells (app layout); throws RowRuleError for rules across cells. */
  toRow(cells: Record<string, unknown>, context: C, source: RowSource): T | T[];
  /**
   * Published layouts: settles rows across the upload before the checks — matches rows to known records,
   * drops exact repeats (a warning), and sets aside rows that cannot be attributed safely. Gets the rows
   * set aside while reading (so it can leave what they name alone) and answers the rows to import.
   */
  settle?(
    rows: ParsedRow<T>[],
    setAside: SetAsideRow[],
    context: C,
    store: ImportStore,
  ): Promise<{ rows: ParsedRow<T>[]; setAside: SetAsideRow[] }>;
  /** Checks across rows and against the database (a staged kind checks in its stage instead). */
  checkRows?(rows: ParsedRow<T>[], context: C, store: ImportStore): Promise<RowError[]>;
  write(store: ImportStore, rows: T[], importId: number, context: C): Promise<WriteCounts>;
  /**
   * For data kept outside PostgreSQL (not in the change log the triggers keep): the earliest date the rows can
   * alter a figure. Kinds in the database have it worked out from their changed rows.
   */
  changesFrom?(context: C): Promise<string | null>;
  /**
   * For kinds whose files run to millions of rows: the stage (opened by prepare) the rows go to as they pass
   * validation, instead of a list held until the write, so memory does not grow with the file. The checks
   * across rows then run there and write() gets no rows.
   */
  stage?(context: C): ImportRowStage<T>;
  /** For data kept outside PostgreSQL: make the staged write final once the import is committed… */
  afterCommit?(context: C): void | Promise<void>;
  /** …or throw it away when the import is rolled back. */
  afterRollback?(context: C): void | Promise<void>;
  /** Its imports can be undone: every row it writes lives in the database (not, say, Parquet files). */
  undoable?: boolean;
  // The jobs an import runs afterwards are those whose sourceImportKinds name the kind (JobsService.jobsFedBy).
}
