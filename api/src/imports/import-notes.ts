import type { RowError } from './import-errors.js';

/** A municipality code that reads as two registered municipalities (a leading zero may have been lost). */
export interface AmbiguousCode {
  row: number;
  file?: string;
  column: string;
  value: string;
  candidates: { code: string; name: string; reading: 'as-written' | 'leading-zero-restored' }[];
}

/** Which reading of ambiguous codes the user chose (all of them, or per written value). */
export type CodeChoice = 'as-written' | 'leading-zero-restored';

const KEPT = 1000;

/**
 * What an import says besides errors: warnings (a code read with its leading zero restored, columns of a
 * published layout that are not used …) and ambiguous codes that need the user's choice.
 */
export class ImportNotes {
  readonly warnings: RowError[] = [];
  warningCount = 0;
  readonly ambiguous: AmbiguousCode[] = [];
  /** The current row's place, set by the pipeline as it reads. */
  at: { row: number; file?: string } = { row: 0 };

  constructor(readonly choice?: { all?: CodeChoice; byValue?: Record<string, string> }) {}

  warn(column: string, value: string, reasonJa: string, reasonEn: string, row = this.at.row): void {
    this.warningCount++;
    if (this.warnings.length < KEPT)
      this.warnings.push({ row, file: this.at.file, column, value: value.slice(0, 80), reason_ja: reasonJa, reason_en: reasonEn });
  }

  addAmbiguous(entry: Omit<AmbiguousCode, 'row' | 'file'>): void {
    if (this.ambiguous.length < KEPT) this.ambiguous.push({ row: this.at.row, file: this.at.file, ...entry });
  }
}
