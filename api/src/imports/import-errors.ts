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

/**
 * A row of a published list that cannot be attributed safely (an unknown or contradictory municipality, a
 * service name that maps to no code, an office number repeated with other content …): left out of the import
 * instead of refusing the whole refresh, and kept with the values it had so it can be sent back to the publisher.
 */
export interface SetAsideRow extends RowError {
  /** The row's cells as read, by header. */
  values: Record<string, string>;
}
