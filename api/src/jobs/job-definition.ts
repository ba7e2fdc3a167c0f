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
  /** PostgreSQL table it replaces wholesale (in one transaction, only when the run succeeded). */
  to: string;
}

/** A Parquet dataset read directly by DuckDB (an empty typed table when there are no files yet). */
export interface ParquetInput {
  table: string;
  glob(dataDir: string): string;
  exists(dataDir: string): boolean;
  /** Column list for the empty table, e.g. 'office_number VARCHAR, month VARCHAR'. */
  columns: string;
}

export interface JobDefinition {
  name: string;
  description: string;
  inputs: JobInput[];
  /** Files under the SQL directory, run in order. */
  parquetInputs?: ParquetInput[];
  sql: string[];
  outputs: JobOutput[];
  /** Import kinds whose latest successful imports the outputs derive from (recorded on the run). */
  sourceImportKinds?: string[];
}
