import type { SetAsideRow } from '$api/imports/dto/imports.responses.js';
import type { CellKind, ExportCell, TableData } from '../../lib/export/table-data.js';

/** Columns whose values are codes (kept as text: 0770100012 must not lose its zero in Excel). */
const CODE_COLUMNS = new Set(['事業所番号', '市区町村コード', 'サービス種類コード', '都道府県コード又は市町村コード', '所在地_全国地方公共団体コード', '全国地方公共団体コード']);

/**
 * The rows an import set aside as a table to send back to the publisher: where (file, row), which column and
 * why (in Japanese and English), then every value the row had, by the headers the files used.
 */
export function setAsideTable(rows: SetAsideRow[]): TableData {
  const valueHeaders = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  const headers = ['ファイル', '行', '列', '理由', 'Reason', ...valueHeaders];
  const kinds: CellKind[] = ['text', 'number', 'text', 'text', 'text', ...valueHeaders.map((h): CellKind => (CODE_COLUMNS.has(h) ? 'code' : 'text'))];
  const text = (value: string | undefined, kind: CellKind = 'text'): ExportCell => ({ kind, value: value ? value : null });
  return {
    headers,
    kinds,
    rows: rows.map((r) => [
      text(r.file),
      { kind: 'number', value: r.row },
      text(r.column),
      text(r.reason_ja),
      text(r.reason_en),
      ...valueHeaders.map((h, i) => text(r.values[h], kinds[5 + i])),
    ]),
  };
}
