/** Formatting for Japanese readers: 和暦 fiscal years, percentages as the seed shows them, thousands separators. */

const REIWA_START = 2019; // 令和元年度 = FY2019

/** Fiscal year (April–March) of a date. */
export function fiscalYearOf(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

/** 2025 → 令和7年度 (2025). */
export function wareki(fiscalYear: number): string {
  const n = fiscalYear - REIWA_START + 1;
  const era = n >= 1 ? `令和${n === 1 ? '元' : n}年度` : `平成${fiscalYear - 1988}年度`;
  return `${era} (${fiscalYear})`;
}

/** 0.072 → 7.2% (half-up to one decimal, as the seed writes rates). null → —. */
export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  const factor = 10 ** digits;
  const rounded = Math.round(rate * 100 * factor + 1e-9) / factor;
  return `${rounded.toFixed(digits)}%`;
}

export function number(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('ja-JP');
}

export function yen(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${Math.round(n).toLocaleString('ja-JP')}円`;
}

/** 2025-03-31 → 2025年3月31日（令和7年度） */
export function dateJa(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function asOfLabel(isoDate: string): string {
  return `${dateJa(isoDate)}時点・${wareki(fiscalYearOf(isoDate))}`;
}

/** Days from one date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}
