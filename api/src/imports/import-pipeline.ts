import type { ImportReport } from './dto/imports.responses.js';
import type { ImportKind } from './import-kind.js';
import { ImportNotes } from './import-notes.js';
import { parseCodeChoice, sha256Of } from './import-reading.js';
import { byMunicipality, confirmationsNeeded, recordFailedAttempt, rejectedReport, summaryEn, summaryJa } from './import-report.js';
import type { ImportRequest } from './import-request.js';
import { Rejected, rejectFile, validate } from './import-validation.js';
import type { ImportsRepository } from './imports.repository.js';

/**
 * Running an upload: reading (import-reading.ts) and validating (import-validation.ts) inside one transaction,
 * the kind's write, and the answer (import-report.ts).
 */
/** Thrown out of the transaction when the upload needs a confirmation it did not carry: nothing is written. */
class NotAccepted extends Error {
  constructor(readonly report: ImportReport) {
    super('not accepted');
  }
}

/** Thrown out of the transaction of a dry run, so everything it wrote rolls back. */
class Simulated extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * One upload (one or several files), all or nothing: every row is validated before anything is written, and
 * the write is one transaction. A rejected upload leaves the data tables untouched; every attempt is
 * recorded. A dry run does the same and rolls the write back, answering what it would change.
 */
export async function runImport<T, C>(
  repository: ImportsRepository,
  kind: ImportKind<T, C>,
  request: ImportRequest,
): Promise<ImportReport> {
  const sha256 = await sha256Of(request.files);
  const parameters = JSON.stringify(request.parameters ?? {});
  const fileName = request.files
    .map((f) => f.fileName)
    .join(', ')
    .slice(0, 255);
  const base = { kind: kind.kind, file_name: fileName, sha256, uploaded_by: request.uploadedBy, parameters };
  let choice;
  try {
    choice = parseCodeChoice(request.parameters?.code_choice);
  } catch (error) {
    return rejectedReport(repository, base, rejectFile(error), new ImportNotes(), request.dryRun);
  }
  const notes = new ImportNotes(choice);
  let context: C | undefined;
  try {
    const report = await repository.transaction(async (tx) => {
      const validated = await validate(kind, request, tx, notes);
      context = validated.context;
      const { rows, total, files, setAside } = validated;
      const encoding = files[0]?.encoding ?? null;
      const earlier = await tx.previousSuccess(kind.kind, sha256, parameters);
      const importId = await tx.record({
        ...base,
        encoding,
        rows: total,
        status: 'succeeded',
        set_aside: setAside.listed(),
        set_aside_count: setAside.rows.length,
      });
      const { handback, ...counts } = await kind.write(
        tx.store,
        rows.map((r) => r.value),
        importId,
        validated.context,
      );
      const duplicate = earlier !== null && counts.inserted === 0 && counts.updated === 0 && !counts.closed;
      const common = {
        ...base,
        encoding,
        rows: total,
        ...counts,
        closed: counts.closed ?? 0,
        files,
        errors: [],
        error_count: 0,
        set_aside: setAside.listed(),
        set_aside_count: setAside.rows.length,
        warnings: notes.warnings,
        warning_count: notes.warningCount,
        ambiguous: notes.ambiguous,
        by_municipality: byMunicipality(counts),
      };
      const needed = confirmationsNeeded(setAside.rows.length, counts);
      if (request.dryRun) {
        throw new Simulated({
          ...common,
          import_id: null,
          status: 'preview',
          duplicate_of: null,
          message_ja: `プレビュー: 取り込むと ${summaryJa(counts, total)}${notes.ambiguous.length ? `。曖昧な市区町村コード ${notes.ambiguous.length} 件は取り込む前に選んでください` : ''}${needed.map((n) => `。${n.ja}`).join('')}。まだ何も書き込んでいません`,
          message_en: `preview: importing would give ${summaryEn(counts, total)}${notes.ambiguous.length ? `; choose a reading for ${notes.ambiguous.length} ambiguous municipality codes first` : ''}${needed.map((n) => `; ${n.en}`).join('')}; nothing is written yet`,
        });
      }
      const missing = needed.find((n) => !request.accept?.[n.flag]);
      if (missing) {
        throw new NotAccepted({
          ...common,
          import_id: null,
          status: 'not_accepted',
          refusal: missing.refusal,
          duplicate_of: null,
          message_ja: `取り込んでいません: ${missing.ja}。データベースは変更されていません`,
          message_en: `not imported: ${missing.en}; the database is unchanged`,
        });
      }
      await tx.finish(importId, counts, duplicate ? earlier : null);
      if (counts.inserted + counts.updated + (counts.closed ?? 0) > 0) {
        const from = kind.changesFrom ? await kind.changesFrom(validated.context) : await tx.earliestChangedDate(importId);
        await tx.recordDataChange(importId, kind.kind, 'import', from);
      }
      return {
        ...common,
        // Handed back once, in this answer only: nothing stores it (the initial passwords of new accounts).
        ...(handback ? { handback } : {}),
        import_id: importId,
        status: duplicate ? 'duplicate' : 'succeeded',
        duplicate_of: duplicate ? earlier : null,
        message_ja: duplicate
          ? `同じファイルは取り込み済みです（取込ID ${earlier}）。変更はありません`
          : `取り込みました: ${summaryJa(counts, total)}`,
        message_en: duplicate
          ? `this file was already imported (import ${earlier}); nothing changed`
          : `imported ${summaryEn(counts, total)}`,
      } satisfies ImportReport;
    });
    if (context !== undefined) await kind.afterCommit?.(context);
    return report;
  } catch (error) {
    if (context !== undefined) await kind.afterRollback?.(context);
    if (error instanceof Simulated || error instanceof NotAccepted) return error.report;
    if (!(error instanceof Rejected)) {
      await recordFailedAttempt(repository, {
        ...base,
        fileName: base.file_name,
        uploadedBy: base.uploaded_by,
        status: 'failed',
        reasonJa: 'サーバー内部のエラーで取り込めませんでした',
        reasonEn: `internal error: ${(error as Error).message}`.slice(0, 300),
      }).catch(() => undefined);
      throw error;
    }
    return rejectedReport(repository, base, error, notes, request.dryRun);
  } finally {
    if (context !== undefined) kind.stage?.(context).close();
  }
}
