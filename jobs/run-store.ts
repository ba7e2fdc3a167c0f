import type { JobTrigger } from './job-definition.js';

/** A column of a PostgreSQL result: its name and type (pg's type OID). */
export interface ExportedColumn {
  name: string;
  typeId: number;
}

export interface OutputFile {
  table: string;
  /** CSV without a header, columns in `columns` order. */
  file: string;
  columns: string[];
  /** Absent: the file replaces the whole table. Present: it replaces the rows of these dates and of every date from `from` on. */
  partition?: { column: string; from: string | null; dates: string[] };
}

/** How a run is done and what it has seen, recorded on the run. */
export interface RunPlanRecord {
  mode: 'full' | 'incremental' | 'skipped';
  recomputeFrom: string | null;
  changesSeen: number;
  basisHash: string | null;
}

/** The latest successful run of a job: what its figures were computed with and the last data change it saw. */
export interface LastSucceededRun {
  sql_hash: string | null;
  basis_hash: string | null;
  changes_seen: string | null;
  as_of: string;
}

/** The data changes logged after a run: the earliest date they alter and whether one may alter any date. */
export interface PendingChanges {
  count: number;
  from: string | null;
  anyDate: boolean;
}

/**
 * What the runner needs from the database that holds the data and the run history. The API's
 * JobRunsRepository implements it over PostgreSQL; the runner knows nothing else of the API.
 */
export interface RunStore {
  /** Records a run as started and holds its lock until `release`. */
  start(
    jobName: string,
    asOf: string,
    trigger: JobTrigger,
    sqlHash: string,
    plan: RunPlanRecord,
  ): Promise<{ id: number; release: () => Promise<void> }>;
  fail(runId: number, rowCounts: Record<string, number>, message: string): Promise<void>;
  lastSucceeded(jobName: string): Promise<LastSucceededRun | undefined>;
  latestDataChange(): Promise<number>;
  pendingChanges(kinds: string[], afterId: number, uptoId: number): Promise<PendingChanges>;
  /** Whether a calendar query finds a date that moved between two as-of dates. */
  calendarMoved(sql: string, from: string, to: string): Promise<boolean>;
  /** One hash of what these queries return. */
  fingerprint(queries: string[]): Promise<string>;
  succeededImports(kinds: string[]): Promise<number>;
  /** Writes a query's result into a CSV file; returns its columns. */
  exportQuery(sql: string, file: string): Promise<ExportedColumn[]>;
  tableColumns(table: string): Promise<string[]>;
  /** Replaces a job's outputs with the files of a run, in one transaction. */
  replaceOutputs(
    jobName: string,
    runId: number,
    sourceImportKinds: string[],
    outputs: OutputFile[],
    rowCounts: Record<string, number>,
  ): Promise<void>;
}
