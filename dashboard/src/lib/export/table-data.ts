/**
 * A table as it is exported: what is on the screen, typed. Built from the rendered <table> (dom-table.ts)
 * so an export has exactly the rows and values the user sees, and written as CSV (csv.ts) or xlsx (xlsx.ts).
 */
export type CellKind = 'text' | 'code' | 'number' | 'rate' | 'date';

export interface ExportCell {
  kind: CellKind;
  /** Text as displayed; a number for 'number' and 'rate' (a rate as a ratio, 29.9% → 0.299); YYYY-MM-DD for 'date'. */
  value: string | number | null;
}

export interface TableData {
  headers: string[];
  /** Kind per column, from the header (`data-kind`) or inferred from the cells. */
  kinds: CellKind[];
  rows: ExportCell[][];
}

/** What an export says about itself in its title rows and file name. */
export interface ExportContext {
  title: string;
  /** 全国, a prefecture or a municipality name. */
  area?: string;
  asOf?: string;
  /** Filters in force, as label → value (e.g. 目標 → 目標未達). */
  filters?: Record<string, string>;
  source?: string;
  demo?: boolean;
}

const RATE = /^(-?\d+(?:\.\d+)?)%$/;
const NUMBER = /^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$/;

/** Types a displayed cell: codes stay text (leading zeros), "1,234" is a number, "29.9%" the ratio 0.299. */
export function typeCell(text: string, declared?: CellKind): ExportCell {
  const t = text.trim();
  if (t === '' || t === '—') return { kind: declared ?? 'text', value: null };
  if (declared === 'code' || declared === 'text') return { kind: declared, value: t };
  const rate = RATE.exec(t);
  if (rate && declared !== 'number') return { kind: 'rate', value: Math.round(Number(rate[1]) * 1000) / 100000 };
  // A digit string with a leading zero is a code, never a number (072010 must not become 72010).
  if (/^0\d+$/.test(t)) return { kind: 'code', value: t };
  const date = isoDateOf(t);
  if (date) return { kind: 'date', value: date };
  if (NUMBER.test(t)) return { kind: 'number', value: Number(t.replace(/,/g, '')) };
  return { kind: 'text', value: t };
}

/** Title rows above the header: title and area, 基準日, filters, source, demo flag. */
export function contextRows(c: ExportContext): string[][] {
  const rows = [[[c.title, c.area].filter(Boolean).join('　')]];
  if (c.asOf) rows.push([`基準日: ${c.asOf}`]);
  rows.push([`絞り込み: ${filterText(c.filters) || 'なし'}`]);
  if (c.source) rows.push([`出典: ${c.source}`]);
  if (c.demo) rows.push(['デモデータ（合成）です。公表値以外は実際の数値ではありません。']);
  return rows;
}

function filterText(filters: Record<string, string> | undefined): string {
  return Object.entries(filters ?? {})
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('、');
}

/** File name carrying title, area, filters and date: 市区町村一覧_福島県_目標=目標未達_2025-03-31.xlsx. */
export function exportFileName(c: ExportContext, extension: 'csv' | 'xlsx' | 'png'): string {
  const parts = [c.title, c.area, filterText(c.filters), c.asOf].filter((p): p is string => Boolean(p));
  const base = parts.join('_').replace(/[\\/:*?"<>|\s、]+/g, '_');
  return `${base}.${extension}`;
}

/** A date as the dashboard writes it (2025年3月31日, 2025-03-31, 2025/3/31) in ISO form, else undefined. */
function isoDateOf(text: string): string | undefined {
  const m = /^(\d{4})(?:年|-|\/)(\d{1,2})(?:月|-|\/)(\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
