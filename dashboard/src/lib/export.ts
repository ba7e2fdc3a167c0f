import { toCsv, neutraliseFormula, type Cell } from './csv.js';

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => Cell;
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportCsv<T>(rows: T[], columns: ExportColumn<T>[], fileName: string) {
  const csv = toCsv(
    columns.map((c) => c.header),
    rows.map((r) => columns.map((c) => c.value(r))),
  );
  download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName);
}

/** xlsx via write-excel-file, loaded only when asked for so the first page stays small. */
export async function exportXlsx<T>(rows: T[], columns: ExportColumn<T>[], fileName: string, sheet: string) {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }));
  const body = rows.map((r) =>
    columns.map((c) => {
      const v = c.value(r);
      if (v === null || v === undefined) return null;
      return typeof v === 'number' ? { value: v } : { value: neutraliseFormula(String(v)), type: String };
    }),
  );
  const blob = await writeXlsxFile([header, ...body], { sheet }).toBlob();
  download(blob, fileName);
}
