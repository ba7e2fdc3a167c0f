import type { FileReport } from './dto/imports.responses.js';
import { ImportFileError, type RowError, type SetAsideRow } from './import-errors.js';
import type { ImportKind, ParsedRow } from './import-kind.js';
import type { ImportNotes } from './import-notes.js';
import { readFile } from './import-reading.js';
import { MAX_REPORTED_ERRORS, type ImportRequest } from './import-request.js';
import type { ImportTransaction } from './imports.repository.js';

/** Validating an upload: every record of every file checked as it streams past, then the checks across rows. */

/** Collects problems, keeping only the first MAX_REPORTED_ERRORS. */
export class Problems {
  readonly kept: RowError[] = [];
  count = 0;
  add = (problem: RowError): void => {
    this.count++;
    if (this.kept.length < MAX_REPORTED_ERRORS) this.kept.push({ ...problem, value: problem.value.slice(0, 80) });
  };
  addAll(problems: RowError[]): void {
    for (const p of problems) this.add(p);
  }
  /** Problems of which only some are listed (a check that counts in SQL). */
  addCounted(listed: RowError[], count: number): void {
    this.addAll(listed);
    this.count += count - listed.length;
  }
  sorted(): RowError[] {
    return [...this.kept].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.row - b.row);
  }
}

/** Rows of published lists set aside while reading and settling (all kept: the kind protects what they name). */
export class SetAside {
  readonly rows: SetAsideRow[] = [];
  add = (row: SetAsideRow): void => {
    this.rows.push({ ...row, value: row.value.slice(0, 80) });
  };
  listed(): SetAsideRow[] {
    return [...this.rows].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.row - b.row).slice(0, MAX_REPORTED_ERRORS);
  }
}

/** An upload refused whole: its problems, and what was read before. */
export class Rejected extends Error {
  constructor(
    readonly problems: Problems,
    readonly rows: number,
    readonly files: FileReport[],
    readonly setAside = new SetAside(),
  ) {
    super('rejected');
  }
}

export const fileProblem = (error: ImportFileError, file?: string): RowError => ({
  row: 0,
  file,
  column: '',
  value: '',
  reason_ja: error.reasonJa,
  reason_en: error.reasonEn,
});

export interface Validated<T, C> {
  rows: ParsedRow<T>[];
  context: C;
  total: number;
  files: FileReport[];
  setAside: SetAside;
}

/** Parameters → lookups → every record of every file checked as it streams past → cross-row checks. */
export async function validate<T, C>(
  kind: ImportKind<T, C>,
  request: ImportRequest,
  tx: ImportTransaction,
  notes: ImportNotes,
): Promise<Validated<T, C>> {
  const missing = (kind.parameters ?? []).filter((name) => !request.parameters?.[name]);
  if (missing.length)
    throw rejectFile(new ImportFileError(`パラメータが必要です: ${missing.join(', ')}`, `missing parameters: ${missing.join(', ')}`));
  let context: C;
  try {
    context = await kind.prepare(tx.store, request.parameters ?? {}, { dataDir: request.dataDir, notes });
  } catch (error) {
    throw rejectFile(error);
  }
  const rows: ParsedRow<T>[] = [];
  const stage = kind.stage?.(context);
  const collect = stage ? (row: ParsedRow<T>) => stage.add(row) : (row: ParsedRow<T>) => void rows.push(row);
  const problems = new Problems();
  const setAside = new SetAside();
  const files: FileReport[] = [];
  const several = request.files.length > 1;
  try {
    for (const file of request.files) {
      const label = several ? file.fileName : undefined;
      try {
        files.push(await readFile(kind, file, request, { context, notes, problems, setAside, collect, label }));
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        problems.add(fileProblem(error, label));
      }
    }
    let kept = rows;
    if (kind.settle && !problems.count) {
      const settled = await kind.settle(rows, setAside.rows, context, tx.store);
      kept = settled.rows;
      settled.setAside.forEach(setAside.add);
    }
    // A list of which no row could be attributed is no refresh: its rows are the errors.
    if (setAside.rows.length && kept.length === 0) problems.addAll(setAside.rows.map(({ values: _values, ...p }) => p));
    if (stage) {
      const { errors, count } = await stage.check(tx.store, MAX_REPORTED_ERRORS);
      problems.addCounted(errors, count);
    } else problems.addAll((await kind.checkRows?.(kept, context, tx.store)) ?? []);
    const total = files.reduce((s, f) => s + f.rows, 0);
    if (problems.count) throw new Rejected(problems, total, files, setAside);
    return { rows: kept, context, total, files, setAside };
  } catch (error) {
    // The caller only closes the stage of an import that got past validation.
    stage?.close();
    throw error;
  }
}

export function rejectFile(error: unknown): Rejected {
  if (!(error instanceof ImportFileError)) throw error;
  const problems = new Problems();
  problems.add(fileProblem(error));
  return new Rejected(problems, 0, []);
}
