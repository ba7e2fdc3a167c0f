/** Dates as the whole product reads them: calendar days in Japan, as YYYY-MM-DD strings. */

export function todayInTokyo(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

/** YYYY-MM-DD plus whole days (negative to go back). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The start of long-term-care insurance (2000-04-01): no office was designated before it. */
export const LTC_INSURANCE_START = '2000-04-01';
/** The care-plan data linkage system's first month (FY2023). */
export const CPDL_START = '2023-04-01';
