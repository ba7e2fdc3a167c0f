/** What a job reads from PostgreSQL, which SQL files it runs in DuckDB, and what it writes back. */
export type JobTrigger = 'schedule' | 'manual' | 'startup' | 'cli' | 'import';

export interface JobInput {
  /** DuckDB table the rows land in. */
  table: string;
  /** PostgreSQL query that selects them: a file under sql/inputs/ (one per source table). */
  sql: string;
}

export interface JobOutput {
  /** DuckDB table the job's SQL builds. */
  from: string;
  /**
   * PostgreSQL table it replaces in one transaction, only when the run succeeded: whole, or for an incremental
   * run only the dates it recomputed (see IncrementalSpec.partition).
   */
  to: string;
}

/** A Parquet dataset read directly by DuckDB (an empty typed table when there are no files yet). */
export interface ParquetInput {
  table: string;
  /** Its files; with `fromMonth`, only those of that month and later. */
  files(dataDir: string, fromMonth?: string): string[];
  /** Column list for the empty table, e.g. 'office_number VARCHAR, month VARCHAR'. */
  columns: string;
  /** Import kinds whose imports write these files: when the database holds one, an empty store is an error (a DATA_DIR not shared). */
  writtenBy: string[];
}

/**
 * How a job avoids recomputing what did not change. Without it a job recomputes everything on every run.
 * With it a run is full when the SQL, a basis input or the data in an unknown way changed (an import with no
 * date, the demo load); otherwise it recomputes only the dates from the earliest date the logged changes
 * can alter, or is skipped when nothing it reads changed.
 */
export interface IncrementalSpec {
  /** Input tables any change of which means a full recompute (small reference tables: settings, codes). */
  basis: string[];
  /**
   * The outputs' date column (every output has it) and the DuckDB table listing the dates the run computed:
   * a run replaces the output rows of those dates and of every date from the recompute date on. The SQL
   * reads the recompute date as getvariable('recompute_from') (null in a full run).
   */
  partition?: { column: string; computed: string };
  /** The run date adds dates to compute even when no data changed (adoption's as-of dates). */
  runDateAddsDates?: boolean;
  /**
   * Its outputs hold the state on the run date (the office list): with no data change, a run is skipped only
   * when the run date stayed in the last run's month and this PostgreSQL query (a file under sql/, $1 the last
   * run's date, $2 this one's) finds no date of its inputs between them; otherwise it recomputes.
   */
  calendar?: string;
  /** Its Parquet inputs hold one file per month: an incremental run reads only the months it recomputes. */
  prunesParquetByMonth?: boolean;
}

export interface JobDefinition {
  name: string;
  description: string;
  inputs: JobInput[];
  /** Parquet files DuckDB reads directly (the usage logs), never through PostgreSQL. */
  parquetInputs?: ParquetInput[];
  /** Files under the SQL directory, run in order. */
  sql: string[];
  outputs: JobOutput[];
  /** Import kinds whose latest successful imports the outputs derive from (recorded on the run; their changes drive incremental runs). */
  sourceImportKinds?: string[];
  incremental?: IncrementalSpec;
}
