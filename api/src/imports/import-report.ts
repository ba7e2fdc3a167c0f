import type { ImportRefusal, ImportReport } from './dto/imports.responses.js';
import type { WriteCounts } from './import-kind.js';
import type { ImportNotes } from './import-notes.js';
import type { Rejected } from './import-validation.js';
import type { ImportsRepository } from './imports.repository.js';

/** Reporting an upload: the summary lines, what must be confirmed, the report of a refused one, a failed attempt on record. */

/** Records an attempt that never reached validation (too large, malformed upload) or failed unexpectedly. */
export async function recordFailedAttempt(
  repository: ImportsRepository,
  attempt: {
    kind: string;
    fileName: string;
    uploadedBy: string;
    status: 'rejected' | 'failed';
    reasonJa: string;
    reasonEn: string;
    sha256?: string;
  },
): Promise<number> {
  return repository.recordAttempt({
    kind: attempt.kind.slice(0, 50),
    file_name: attempt.fileName.slice(0, 255),
    sha256: attempt.sha256 ?? '0'.repeat(64),
    uploaded_by: attempt.uploadedBy,
    status: attempt.status,
    error_count: 1,
    errors: [{ row: 0, column: '', value: '', reason_ja: attempt.reasonJa, reason_en: attempt.reasonEn }],
  });
}

export const byMunicipality = (counts: WriteCounts) =>
  Object.entries(counts.byMunicipality ?? {})
    .map(([code, c]) => ({ code, ...c }))
    .sort((a, b) => a.code.localeCompare(b.code));

export const summaryJa = (counts: WriteCounts, total: number) =>
  `${total.toLocaleString('ja-JP')}行（追加 ${counts.inserted}、更新 ${counts.updated}、終了 ${counts.closed ?? 0}、変更なし ${counts.unchanged}）`;
export const summaryEn = (counts: WriteCounts, total: number) =>
  `${total} rows (${counts.inserted} new, ${counts.updated} updated, ${counts.closed ?? 0} closed, ${counts.unchanged} unchanged)`;

interface Confirmation {
  flag: 'setAside' | 'closures';
  refusal: ImportRefusal;
  ja: string;
  en: string;
}

/** What the user must confirm before the import writes: rows left out of a published list, closures a partial list would make. */
export function confirmationsNeeded(setAsideCount: number, counts: WriteCounts): Confirmation[] {
  const needed: Confirmation[] = [];
  if (setAsideCount > 0)
    needed.push({
      flag: 'setAside',
      refusal: 'SET_ASIDE_NOT_ACCEPTED',
      ja: `${setAsideCount.toLocaleString('ja-JP')}行を除外して取り込むには確認が必要です（accept_set_aside）`,
      en: `${setAsideCount} rows set aside: importing the rest needs accept_set_aside`,
    });
  if (counts.closures?.partial)
    needed.push({
      flag: 'closures',
      refusal: 'CLOSURES_NOT_ACCEPTED',
      ja: `${counts.closures.message_ja}。この一覧が一部だけなら「追加と変更のみ」で取り込み、すべてなら確認してください（accept_closures）`,
      en: `${counts.closures.message_en}; import a partial list as additions only, or confirm with accept_closures`,
    });
  return needed;
}

export async function rejectedReport(
  repository: ImportsRepository,
  base: { kind: string; file_name: string; sha256: string; uploaded_by: string; parameters: string },
  error: Rejected,
  notes: ImportNotes,
  dryRun = false,
): Promise<ImportReport> {
  const errors = error.problems.sorted();
  const encoding = error.files[0]?.encoding ?? null;
  // A preview records nothing; a rejected upload is an attempt.
  const importId = dryRun
    ? null
    : await repository.recordAttempt({
        ...base,
        encoding,
        rows: error.rows,
        status: 'rejected',
        errors,
        error_count: error.problems.count,
      });
  const rowsWithErrors = new Set(errors.map((e) => `${e.file ?? ''}:${e.row}`)).size;
  const more = error.problems.count > errors.length;
  return {
    ...base,
    import_id: importId,
    encoding,
    status: 'rejected',
    rows: error.rows,
    files: error.files,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    closed: 0,
    duplicate_of: null,
    errors,
    error_count: error.problems.count,
    set_aside: error.setAside.listed(),
    set_aside_count: error.setAside.rows.length,
    warnings: notes.warnings,
    warning_count: notes.warningCount,
    ambiguous: notes.ambiguous,
    by_municipality: [],
    message_ja: `ファイル全体を取り込みませんでした: ${error.problems.count.toLocaleString('ja-JP')}件のエラー${more ? `（最初の${errors.length}件を表示）` : `（${rowsWithErrors}行）`}。データベースは変更されていません`,
    message_en: `the whole file was rejected: ${error.problems.count} errors${more ? ` (the first ${errors.length} listed)` : ` in ${rowsWithErrors} rows`}; the database is unchanged`,
  };
}
