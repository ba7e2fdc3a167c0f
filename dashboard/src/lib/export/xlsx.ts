import type ExcelJS from 'exceljs';
import { neutraliseFormula } from './csv.js';
import { contextRows, type ExportCell, type ExportContext, type TableData } from './table-data.js';

type ExcelModule = typeof ExcelJS;

/** Display width of a text in Excel's character units (CJK counts double). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    w += code <= 0xff || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return w;
}

/**
 * The table as an xlsx workbook: title rows (title, 基準日, filters, source, demo flag), a bold header
 * frozen below them with an autofilter, codes as text, rates as percentages, columns sized to content.
 */
export function buildWorkbook(Excel: ExcelModule, table: TableData, context: ExportContext, sheetName = 'データ'): ExcelJS.Workbook {
  const workbook = new Excel.Workbook();
  workbook.creator = '介護DX ロールアウトダッシュボード';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const titles = contextRows(context);
  titles.forEach((r, i) => {
    const row = sheet.addRow(r);
    if (i === 0) row.font = { bold: true, size: 14 };
  });
  sheet.addRow([]);
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  for (const cells of table.rows) {
    const row = sheet.addRow(cells.map(xlsxValue));
    cells.forEach((c, i) => {
      const target = row.getCell(i + 1);
      if (c.kind === 'rate') target.numFmt = '0.0%';
      else if (c.kind === 'number') target.numFmt = '#,##0';
      else if (c.kind === 'code') target.numFmt = '@';
      else if (c.kind === 'date') target.numFmt = 'yyyy/mm/dd';
    });
  }
  const headerRow = header.number;
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  if (table.headers.length > 0)
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: table.headers.length } };
  table.headers.forEach((h, i) => {
    const longest = Math.max(textWidth(h), ...table.rows.map((r) => textWidth(displayed(r[i]?.value, r[i]?.kind))));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return workbook;
}

/** A cell's value as Excel stores it: numbers and dates typed, text neutralised against formulas. */
function xlsxValue(c: ExportCell): string | number | Date | null {
  if (c.kind === 'date' && typeof c.value === 'string') return new Date(`${c.value}T00:00:00Z`);
  return typeof c.value === 'string' ? neutraliseFormula(c.value) : c.value;
}

function displayed(value: string | number | null | undefined, kind: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (kind === 'rate') return `${((value as number) * 100).toFixed(1)}%`;
  return typeof value === 'number' ? value.toLocaleString('ja-JP') : value;
}
