import { typeCell, type CellKind, type TableData } from './table-data.js';

/**
 * Reads a rendered table: header texts, and every body row's cells typed by their column's `data-kind`
 * (or from the text). Columns whose header says `data-export="skip"` (buttons) are left out.
 */
export function readTable(table: HTMLTableElement): TableData {
  const headerCells = [...(table.tHead?.rows[table.tHead.rows.length - 1]?.cells ?? [])];
  const keep = headerCells.map((th) => th.dataset.export !== 'skip');
  const declared = headerCells.map((th) => th.dataset.kind as CellKind | undefined);
  const headers = headerCells.filter((_, i) => keep[i]).map((th) => clean(th.textContent));
  const rows = [...table.tBodies]
    .flatMap((body) => [...body.rows])
    .map((tr) =>
      [...tr.cells]
        .map((td, i) => ({ td, i }))
        .filter(({ i }) => keep[i])
        .map(({ td, i }) => typeCell(clean(td.dataset.export ?? td.textContent), (td.dataset.kind as CellKind) ?? declared[i])),
    );
  const kinds = headers.map((_, i) => declared.filter((_, j) => keep[j])[i] ?? rows.find((r) => r[i]?.value !== null)?.[i]?.kind ?? 'text');
  return { headers, kinds, rows };
}

/** Sort marks and line breaks are screen furniture, not data. */
const clean = (text: string | null | undefined) => (text ?? '').replace(/[▲▼]/g, '').replace(/\s+/g, ' ').trim();
