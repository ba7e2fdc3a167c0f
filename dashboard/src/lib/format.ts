/** Formatting for Japanese readers: 和暦 fiscal years, percentages as the seed shows them, thousands separators. */

import { asOfLabel, dateJa, daysBetween, fiscalYearOf, warekiFiscalYear } from '$api/core/domain/dates.js';
import { displayRate, formatRate } from '$api/core/domain/rates.js';

/** Dates, fiscal years and 和暦 come from the API's core module, so both sides label them alike. */
export { asOfLabel, dateJa, daysBetween, fiscalYearOf };
export const wareki = warekiFiscalYear;

/** A rate measured against the target: never shown at the target when below it (core/rates.ts). */
export const rate = formatRate;
export { displayRate };

/** 0.072 → 7.2%: half-up to `digits` decimals, as the seed writes rates (core/rates.ts, with no target). null → —. */
export const percent = (rate: number | null | undefined, digits = 1): string => formatRate(rate, undefined, digits);

/** One formatter for the whole app: toLocaleString builds a new one on every call (slow in long tables). */
const JA_NUMBER = new Intl.NumberFormat('ja-JP');

export function number(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return JA_NUMBER.format(n);
}

export function yen(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${Math.round(n).toLocaleString('ja-JP')}円`;
}

/** Large sums as officials read them: 12.3億円, 4,560万円 (the exact yen goes on hover and into exports). */
export function yenShort(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const abs = Math.abs(n);
  if (abs >= 1e8) return `${(n / 1e8).toLocaleString('ja-JP', { maximumFractionDigits: 1 })}億円`;
  if (abs >= 1e4) return `${Math.round(n / 1e4).toLocaleString('ja-JP')}万円`;
  return yen(n);
}
