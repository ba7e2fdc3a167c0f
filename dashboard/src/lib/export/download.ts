import { tableCsv } from './csv.js';
import { exportFileName, type ExportContext, type TableData } from './table-data.js';
import { buildWorkbook } from './xlsx.js';
import { chartImage } from './chart-image.js';

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(table: TableData, context: ExportContext) {
  save(new Blob([tableCsv(table, context)], { type: 'text/csv;charset=utf-8' }), exportFileName(context, 'csv'));
}

/** exceljs is loaded only when an xlsx is asked for, so the first page stays small. */
export async function downloadXlsx(table: TableData, context: ExportContext) {
  const { default: Excel } = await import('exceljs');
  const buffer = await buildWorkbook(Excel, table, context, context.title).xlsx.writeBuffer();
  save(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), exportFileName(context, 'xlsx'));
}

/** A chart as a PNG with its title, 基準日 and source drawn in. */
export async function downloadChartPng(chart: HTMLCanvasElement, context: ExportContext) {
  save(await chartImage(chart, context), exportFileName(context, 'png'));
}
