import type { RowError } from '../import-errors.js';

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
