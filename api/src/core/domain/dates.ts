/**
 * Dates as the whole product reads them: calendar days in Japan as YYYY-MM-DD strings (never a JS Date
 * crossing a time zone), fiscal years from April, and 和暦 labels. Pure: the dashboard imports it too.
 */

/** The start of long-term-care insurance (2000-04-01): no office was designated before it. */
export const LTC_INSURANCE_START = '2000-04-01';
/** The care-plan data linkage system's first month (FY2023): no adoption figure is computed before it. */
export const CPDL_START = '2023-04-01';

const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function todayInTokyo(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

/** The current month in Tokyo, YYYY-MM. */
export const thisMonthInTokyo = (now = new Date()) => todayInTokyo(now).slice(0, 7);

/** A real calendar date as YYYY-MM-DD (2025-02-30 is not). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(utc(value)) && iso(utc(value)) === value;
}

/** YYYY-MM-DD plus whole days (negative to go back). */
export function addDays(date: string, days: number): string {
  return iso(utc(date) + days * DAY_MS);
}

/** Days from one date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** The last day of the date's month. */
export function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return iso(Date.UTC(y, m, 0));
}

export const isMonthEnd = (date: string) => monthEnd(date) === date;

/** Every month end from `from`'s month up to `to` (inclusive when `to` is a month end). */
export function monthEndsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = monthEnd(from); d <= to; d = monthEnd(addDays(d, 1))) out.push(d);
  return out;
}

/** The last month end on or before a date. */
/** The latest of sorted dates not after `date` (an as-of rule every figure family shares), or null. */
export const latestOnOrBefore = (dates: readonly string[], date: string): string | null => dates.filter((d) => d <= date).at(-1) ?? null;

export const monthEndOnOrBefore = (date: string) => (isMonthEnd(date) ? date : addDays(`${date.slice(0, 7)}-01`, -1));

/** Fiscal year (April–March) of a date: 2025-03-31 → 2024. */
export function fiscalYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

/** The eras that government files still write, newest first: first day and name. */
export const ERAS = [
  { name: '令和', abbr: 'R', start: '2019-05-01' },
  { name: '平成', abbr: 'H', start: '1989-01-08' },
  { name: '昭和', abbr: 'S', start: '1926-12-25' },
] as const;

/**
 * 2025 → 令和7年度 (2025); 2019 → 令和元年度 (2019); 2018 → 平成30年度 (2018). A fiscal year is named by the
 * era of the calendar year it starts in (FY2019, from 2019-04-01, is 令和元年度 although 令和 began in May).
 */
export function warekiFiscalYear(fiscalYear: number): string {
  const era = ERAS.find((e) => Number(e.start.slice(0, 4)) <= fiscalYear) ?? ERAS[ERAS.length - 1];
  const year = fiscalYear - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${year === 1 ? '元' : year}年度 (${fiscalYear})`;
}

/** 2025-03-31 → 2025年3月31日 */
export function dateJa(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2025-05-31 → 2025年5月31日時点・令和7年度 (2025) */
export const asOfLabel = (date: string) => `${dateJa(date)}時点・${warekiFiscalYear(fiscalYearOf(date))}`;

/** The ISO week of a date (weeks start on Monday; week 1 holds the year's first Thursday): 2026-12-07 → 2026-W50. */
export function isoWeekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
