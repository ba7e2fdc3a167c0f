import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { detectEncoding, streamCsvRecords, type DetectedEncoding } from './csv-source.js';
import type { FileFormat, FileReport } from './dto/imports.responses.js';
import { parseCells, RecordAssembler, type CsvRecord, type DetectedLayout } from './csv-table.js';
import { FieldError, ImportFileError, type RowError } from './import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow, type SourceFile } from './import-kind.js';
import type { CodeChoice, ImportNotes } from './import-notes.js';
import type { ImportRequest } from './import-request.js';
import type { UploadedFile } from './uploaded-files.js';
import type { Problems, SetAside } from './import-validation.js';
import { AmbiguousCodeError } from './municipality-directory.js';
import { readXlsxRecords } from './xlsx-source.js';

/** Reading an upload: what each file is, its records through the layout its header matches, its hash. */

/** The row's cells by header, for a row set aside (what the publisher wrote). */
const valuesByHeader = (record: CsvRecord, layout: DetectedLayout): Record<string, string> =>
  Object.fromEntries(layout.columns.map((c) => [c.header, record.cells[c.key] ?? '']));

/** What a file is, from its first bytes: xlsx is a zip, the old .xls an OLE compound file. */
async function sniff(path: string): Promise<FileFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
      throw new ImportFileError(
        'Excel 97-2003 形式（.xls）です。xlsx で保存し直してください',
        'this is an Excel 97-2003 (.xls) workbook; save it as .xlsx',
      );
    }
    return 'csv';
  } finally {
    await handle.close();
  }
}

/** `code_choice`: one reading for every ambiguous code, or a JSON map from a written code to the chosen code. */
export function parseCodeChoice(value: string | undefined): { all?: CodeChoice; byValue?: Record<string, string> } | undefined {
  if (!value) return undefined;
  if (value === 'as-written' || value === 'leading-zero-restored') return { all: value };
  try {
    const map = JSON.parse(value) as unknown;
    if (map && typeof map === 'object' && !Array.isArray(map) && Object.values(map).every((v) => typeof v === 'string'))
      return { byValue: map as Record<string, string> };
  } catch {
    // reported below
  }
  throw new ImportFileError(
    'code_choice は as-written、leading-zero-restored、または {"12203":"012203"} の形式で指定してください',
    'code_choice must be as-written, leading-zero-restored, or a JSON map such as {"12203":"012203"}',
  );
}

/** Reads one file into rows, through the layout its header matches. */
export async function readFile<T, C>(
  kind: ImportKind<T, C>,
  file: UploadedFile,
  request: ImportRequest,
  state: {
    context: C;
    notes: ImportNotes;
    problems: Problems;
    setAside: SetAside;
    collect: (row: ParsedRow<T>) => void;
    label?: string;
  },
): Promise<FileReport> {
  const { context, notes, problems, collect } = state;
  const format = await sniff(file.path);
  const source: SourceFile = { fileName: file.fileName, title: '' };
  const addProblem = (p: RowError) => problems.add({ ...p, file: state.label });
  // A published list is never refused for its rows: one that cannot be attributed is set aside with its values.
  const rowProblem = (record: CsvRecord, layout: DetectedLayout, p: RowError, ambiguous = false) =>
    layout.layout && !ambiguous ? state.setAside.add({ ...p, file: state.label, values: valuesByHeader(record, layout) }) : addProblem(p);
  const onRecord = (record: CsvRecord, layout: DetectedLayout) => {
    notes.at = { row: record.row, file: state.label };
    source.title = assembler.title;
    const parsed = parseCells(record, layout.columns as never, context);
    if (!parsed.cells) {
      if (!layout.layout) return parsed.errors.forEach(addProblem);
      return rowProblem(record, layout, {
        ...parsed.errors[0],
        reason_ja: parsed.errors.map((e) => `${e.column}: ${e.reason_ja}`).join('／'),
        reason_en: parsed.errors.map((e) => `${e.column}: ${e.reason_en}`).join('; '),
      });
    }
    try {
      const built = layout.layout
        ? (layout.layout.toRow(parsed.cells, context, { row: record.row, file: source, layout: layout.id }) as T | T[])
        : kind.toRow(parsed.cells, context, { row: record.row, file: source, layout: layout.id });
      for (const value of Array.isArray(built) ? built : [built]) collect({ row: record.row, value, file: state.label });
    } catch (error) {
      if (error instanceof AmbiguousCodeError && request.dryRun) return; // listed in notes.ambiguous for the user to choose
      if (error instanceof RowRuleError) {
        const key = layout.columns.find((c) => c.header === error.column)?.key ?? error.column;
        rowProblem(
          record,
          layout,
          {
            row: record.row,
            column: error.column,
            value: String(parsed.cells[key] ?? ''),
            reason_ja: error.reasonJa,
            reason_en: error.reasonEn,
          },
          error instanceof AmbiguousCodeError,
        ); // a code read two ways waits for the user's choice, it is no set-aside
      } else if (error instanceof FieldError)
        rowProblem(record, layout, { row: record.row, column: '', value: '', reason_ja: error.reasonJa, reason_en: error.reasonEn });
      else throw error;
    }
  };
  const assembler = new RecordAssembler(kind as ImportKind<unknown, unknown>, onRecord, addProblem, notes, format === 'xlsx');
  let encoding: DetectedEncoding | null = null;
  let sheet: string | null = null;
  if (format === 'xlsx') sheet = (await readXlsxRecords(file.path, (r) => assembler.accept(r), { sheet: request.parameters?.sheet })).sheet;
  else {
    encoding = await detectEncoding(file.path);
    await streamCsvRecords(file.path, encoding, (r) => assembler.accept(r));
  }
  const before = problems.count;
  assembler.finish(before);
  const detected = assembler.detected!;
  return {
    file_name: file.fileName,
    format,
    encoding,
    sheet,
    layout: detected.id,
    layout_label: detected.labelJa,
    columns: detected.header.map((h, i) => ({ header: h, used_as: detected.keys[i] ?? null })),
    title: assembler.title,
    rows: assembler.records,
  };
}

async function fileSha256(file: UploadedFile): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One file: its SHA-256. Several: a hash of their names and hashes (the same set again is the same upload). */
export async function sha256Of(files: UploadedFile[]): Promise<string> {
  if (files.length === 1) return fileSha256(files[0]);
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.fileName.localeCompare(b.fileName)))
    hash.update(`${file.fileName}:${await fileSha256(file)}\n`);
  return hash.digest('hex');
}
