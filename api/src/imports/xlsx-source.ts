import ExcelJS from 'exceljs';
import { stat } from 'node:fs/promises';
import type { CsvFields } from './csv-source.js';
import { ImportFileError } from './import-errors.js';
import { checkXlsxLimits, XLSX_LIMITS } from './xlsx-limits.js';

/** An xlsx is read whole (merged cells need the sheet), so it has a size limit of its own; CSV streams. */
export const MAX_XLSX_BYTES = 30 * 1024 * 1024;
const MAX_XLSX_ROWS = XLSX_LIMITS.rows;

type Value = ExcelJS.CellValue;

/** A cell as text the field parsers read: dates as YYYY-MM-DD (Excel date cells), numbers as written, formulas by result. */
export function cellText(value: Value): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as Value);
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return '';
  return String(value);
}

const nonEmpty = (ws: ExcelJS.Worksheet) => ws.actualRowCount > 0;

/**
 * Reads a worksheet's rows as the CSV reader hands them on: the sheet asked for, or the first one with any
 * data; a merged cell gives its value to every cell it covers (merged headers, a name merged over rows).
 */
export async function readXlsxRecords(
  path: string,
  onRecord: (record: CsvFields) => void | 'stop',
  options: { sheet?: string } = {},
): Promise<{ sheet: string; sheets: string[] }> {
  if ((await stat(path)).size > MAX_XLSX_BYTES) {
    throw new ImportFileError(
      `xlsx ファイルは ${MAX_XLSX_BYTES / 1024 / 1024}MB までです。大きなファイルは CSV で保存してください`,
      `xlsx files are limited to ${MAX_XLSX_BYTES / 1024 / 1024} MB; save larger files as CSV`,
    );
  }
  await checkXlsxLimits(path);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    throw new ImportFileError(
      'Excel ファイル（xlsx）として読めません。壊れていないか確認してください',
      'cannot read the file as an Excel workbook (xlsx)',
    );
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets.find(nonEmpty);
  if (!sheet) {
    throw new ImportFileError(
      options.sheet ? `シート「${options.sheet}」がありません（${sheets.join('、')}）` : 'データのあるシートがありません',
      options.sheet ? `no sheet named ${options.sheet} (sheets: ${sheets.join(', ')})` : 'no sheet has any data',
    );
  }
  if (sheet.rowCount > MAX_XLSX_ROWS)
    throw new ImportFileError(
      `行数が多すぎます（上限 ${MAX_XLSX_ROWS.toLocaleString('ja-JP')} 行）`,
      `too many rows (at most ${MAX_XLSX_ROWS})`,
    );
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const fields: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      fields.push(cellText(cell.isMerged ? cell.master.value : cell.value).trim());
    }
    while (fields.length && fields[fields.length - 1] === '') fields.pop();
    if (onRecord({ row: r, fields }) === 'stop') break;
  }
  return { sheet: sheet.name, sheets };
}
