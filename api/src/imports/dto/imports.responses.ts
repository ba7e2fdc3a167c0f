import type { DetectedEncoding } from '../csv-source.js';
import type { RowError, SetAsideRow } from '../import-errors.js';
import type { MunicipalityCounts, WriteCounts } from '../import-kind.js';
import type { AmbiguousCode } from '../import-notes.js';
import type { JobProgress } from '../../jobs/dto/jobs.responses.js';

export type { RowError, SetAsideRow };

/** The import history as the API returns it (declared once; the dashboard imports these types). */
export type ImportStatus = 'succeeded' | 'rejected' | 'duplicate' | 'failed';

/** A new row of the import history (every attempt gets one). */
export interface ImportRecord {
  kind: string;
  file_name: string;
  sha256: string;
  uploaded_by: string;
  parameters?: string;
  encoding?: string | null;
  rows?: number;
  inserted?: number;
  status: ImportStatus;
  errors?: RowError[];
  error_count?: number;
  set_aside?: SetAsideRow[];
  set_aside_count?: number;
  is_demo?: boolean;
}

export interface ImportSummary {
  id: number;
  kind: string;
  file_name: string;
  sha256: string;
  encoding: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  status: ImportStatus;
  duplicate_of: number | null;
  is_demo: boolean;
  parameters: Record<string, string> | null;
  uploaded_by: string;
  uploaded_at: Date;
  error_count: number;
  set_aside_count: number;
}

export interface ImportDetail extends ImportSummary {
  errors: RowError[] | null;
  /** Rows of a published list left out of the import (the first MAX_REPORTED_ERRORS). */
  set_aside: SetAsideRow[] | null;
}

export type FileFormat = 'csv' | 'xlsx';

/** How one file was read: its format, encoding or sheet, the layout its header matched, and its columns. */
export interface FileReport {
  file_name: string;
  format: FileFormat;
  encoding: DetectedEncoding | null;
  sheet: string | null;
  layout: string | null;
  layout_label: string | null;
  /** Each header and the column it was read as (null: not used). */
  columns: { header: string; used_as: string | null }[];
  title: string;
  rows: number;
}

/** An import kind as `GET /api/v1/imports` lists it (the kinds the caller may upload). */
export interface ImportKindInfo {
  kind: string;
  label_ja: string;
  columns: { header: string; aliases: string[]; optional: boolean }[];
  layouts: { id: string; label_ja: string; signature: string[] }[];
  parameters: string[];
  optional_parameters: string[];
  /** Its imports can be undone (their rows live only in the database). */
  undoable: boolean;
}

export interface ImportReport extends WriteCounts {
  import_id: number | null;
  kind: string;
  file_name: string;
  sha256: string;
  encoding: DetectedEncoding | null;
  /** not_accepted: the upload needs a confirmation it did not carry (see `refusal`); nothing was written. */
  status: 'succeeded' | 'rejected' | 'duplicate' | 'preview' | 'not_accepted';
  refusal?: ImportRefusal;
  rows: number;
  closed: number;
  duplicate_of: number | null;
  files: FileReport[];
  /** The first MAX_REPORTED_ERRORS problems, by row. */
  errors: RowError[];
  /** Every problem found. */
  error_count: number;
  warnings: RowError[];
  warning_count: number;
  /** Rows of a published list that cannot be attributed safely: left out, listed (the first MAX_REPORTED_ERRORS), counted. */
  set_aside: SetAsideRow[];
  set_aside_count: number;
  /** Codes that read as two municipalities: a preview lists them, and its commit needs a choice. */
  ambiguous: AmbiguousCode[];
  by_municipality: ({ code: string } & MunicipalityCounts)[];
  message_ja: string;
  message_en: string;
}

/** A data change an import logged: its commit, or its undo. */
export interface ImportChange {
  id: number;
  reason: 'import' | 'undo';
  recorded_at: Date;
}

/**
 * `GET /api/v1/imports/:id/figures`: whether the figures served include the import's latest change. Uploads and
 * undos answer on commit; their jobs run after, and this says when each has taken the change in.
 */
export interface ImportFigures {
  import_id: number;
  /** null: the import changed nothing, so no job had anything to take in. */
  change: ImportChange | null;
  jobs: JobProgress[];
  /** Every job has taken the change in (succeeded or failed). */
  done: boolean;
}

/** A job as an upload or undo answers it: queued when the answer did not wait for it (see the Prefer header). */
export interface AnsweredJob {
  name: string;
  status: 'queued' | 'succeeded' | 'failed';
  runId?: number;
}

/** A confirmation an import needs before it writes: rows set aside, or closures from a partial list. */
export type ImportRefusal = 'SET_ASIDE_NOT_ACCEPTED' | 'CLOSURES_NOT_ACCEPTED';

/** One service a snapshot closes. */
export interface ClosedService {
  office_number: string;
  name: string;
  municipality_code: string;
  municipality_name: string;
  service_type_code: string;
  service_name: string;
}

/** One prefecture × service type a snapshot covers: how many services it holds open, and how many the list would close. */
export interface ClosureScope {
  prefecture_code: string;
  prefecture_name: string;
  service_type_code: string;
  service_name: string;
  held: number;
  closing: number;
  /** Closes more than a fifth of what the scope holds. */
  partial: boolean;
}

export interface ClosureReport {
  /** snapshot: offices missing from the list close; additions-only: nothing closes. */
  mode: 'snapshot' | 'additions-only';
  count: number;
  /** The first MAX_REPORTED_ERRORS services closed, by municipality. */
  services: ClosedService[];
  scopes: ClosureScope[];
  /** The list looks like part of what its scopes hold: the commit needs accept_closures. */
  partial: boolean;
  message_ja: string;
  message_en: string;
}
