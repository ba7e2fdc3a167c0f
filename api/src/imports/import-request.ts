import type { UploadedFile } from './uploaded-files.js';

/** A report keeps the first problems found; the total is counted beyond it. */
export const MAX_REPORTED_ERRORS = 1000;
/** Parameters every kind accepts: which sheet of a workbook, and how to read codes that lost a leading zero. */
export const COMMON_PARAMETERS = ['sheet', 'code_choice'];

export interface ImportRequest {
  /** One or several files (e.g. the 35 open-data files of one refresh), imported together, all or nothing. */
  files: UploadedFile[];
  uploadedBy: string;
  parameters?: Record<string, string>;
  /** Where data kept outside PostgreSQL (usage logs) lives. */
  dataDir: string;
  /** Validate and simulate the write, then roll it back: what the import would change. */
  dryRun?: boolean;
  /** Confirmations the user gave: import without the rows set aside; close what a partial list leaves out. */
  accept?: { setAside?: boolean; closures?: boolean };
}
