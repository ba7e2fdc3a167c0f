import type { DetectedEncoding } from '../csv-source.js';
import type { RowError } from '../import-errors.js';
import type { MunicipalityCounts, WriteCounts } from '../import-kind.js';
import type { AmbiguousCode } from '../import-notes.js';

export type { RowError };

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
}

export interface ImportDetail extends ImportSummary {
  errors: RowError[] | null;
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

export interface ImportReport extends WriteCounts {
  import_id: number | null;
  kind: string;
  file_name: string;
  sha256: string;
  encoding: DetectedEncoding | null;
  status: 'succeeded' | 'rejected' | 'duplicate' | 'preview';
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
  /** Codes that read as two municipalities: a preview lists them, and its commit needs a choice. */
  ambiguous: AmbiguousCode[];
  by_municipality: ({ code: string } & MunicipalityCounts)[];
  message_ja: string;
  message_en: string;
}
