/** A row of the licence fee's dated schedule (setting cpdl_licence_fee_yen): valid from, up to (not including) valid_to. */
export interface FeeRow {
  value: string;
  valid_from: string;
  valid_to: string | null;
  source: string | null;
  note: string | null;
}

export const LICENCE_FEE_KEY = 'cpdl_licence_fee_yen';

/** The fee in force on a date, or null when the schedule does not say (not decided). */
export function feeOn(schedule: FeeRow[], date: string): FeeRow | null {
  return schedule.find((r) => r.valid_from <= date && (r.valid_to === null || date < r.valid_to)) ?? null;
}

const yen = (value: string) => (Number(value) === 0 ? '無料' : `年${Number(value).toLocaleString('ja-JP')}円`);

/** The last day a row covers (valid_to is the first day it does not). */
function lastDay(validTo: string): string {
  const d = new Date(`${validTo}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** One row in words: 「2025-06-01〜2027-03-31: 無料」. */
export function feePeriodText(row: FeeRow): string {
  return `${row.valid_from}〜${row.valid_to ? lastDay(row.valid_to) : ''}: ${yen(row.value)}`;
}

/** What to tell an office on the phone: the fee today and until when, or that it is not decided. */
export function feeTalkingPoint(schedule: FeeRow[], today: string): string {
  const now = feeOn(schedule, today);
  if (!now) return 'ライセンス料: 現在の料金は未定です（用語と定義を参照）';
  const until = now.valid_to ? `（${lastDay(now.valid_to)}まで）` : '';
  return `ライセンス料: 現在${yen(now.value)}${until}`;
}
