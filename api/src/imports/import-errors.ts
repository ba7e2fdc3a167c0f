/** One problem in an uploaded file: where (row as numbered in the file, header = row 1) and why, in both languages. */
export interface RowError {
  row: number;
  column: string;
  value: string;
  reason_ja: string;
  reason_en: string;
  /** The file, when an upload holds several. */
  file?: string;
}

/** A problem with the file as a whole (encoding, header, empty). */
export class ImportFileError extends Error {
  constructor(
    readonly reasonJa: string,
    readonly reasonEn: string,
  ) {
    super(reasonEn);
  }
}

/** A field that cannot be parsed; the column and row are added by the caller. */
export class FieldError extends Error {
  constructor(
    readonly reasonJa: string,
    readonly reasonEn: string,
  ) {
    super(reasonEn);
  }
}
