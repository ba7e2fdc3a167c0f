import { contextRows, type ExportCell, type ExportContext, type TableData } from './table-data.js';

/** CSV that Excel on Windows opens without garbling: UTF-8 with BOM, CRLF, quoted cells. */
export type Cell = string | number | boolean | null | undefined;

/**
 * Cells starting with = + - @ (or tab/CR) would run as formulas in Excel: prefix them with an apostrophe.
 * Their full-width forms (＝ ＋ － ＠) count too: Japanese Excel's input conversion can turn them into formulas.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value;
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return '\ufeff' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * A code as Excel keeps it: ="072010" is read as the text 072010 (a plain 072010 becomes the number 72010).
 * Only digits (and letters of office numbers) are written this way, so nothing else can run as a formula.
 */
export function codeCell(code: string): string {
  return /^[0-9A-Za-z]+$/.test(code) ? `="${code}"` : cell(code);
}

function exportCell(c: ExportCell): string {
  if (c.value === null) return '';
  if (c.kind === 'code') return codeCell(String(c.value));
  if (c.kind === 'rate') return `${((c.value as number) * 100).toFixed(1)}%`;
  return cell(c.value);
}

/** The table with its title rows (title, 基準日, filters, source, demo flag), a blank line, the header and the rows. */
export function tableCsv(table: TableData, context: ExportContext): string {
  const lines = [
    ...contextRows(context).map((r) => r.map(cell).join(',')),
    '',
    table.headers.map(cell).join(','),
    ...table.rows.map((r) => r.map(exportCell).join(',')),
  ];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
