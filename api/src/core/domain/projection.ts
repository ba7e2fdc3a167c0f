import { addDays, fiscalYearOf, monthEnd } from './dates.js';

/** How many monthly steps the pace is measured over: the last 6 months (7 month ends). */
export const PROJECTION_MONTHS = 6;

export const PROJECTION_METHOD_JA =
  '直近6か月（7つの月末）の申請率に最小二乗法で直線を当てはめた傾き（1か月あたりの増加）が続くと仮定し、最新の月末の申請率から目標に届く月末を求めます。' +
  '月末の値が7つ未満のとき、または傾きが0以下のときは「見通せない」とします。年度末までに届くかは、基準日の属する年度の3月31日で判定します。';

export interface RatePoint {
  as_of: string;
  rate: number | null;
}

export type ProjectionStatus = 'met' | 'projected' | 'not_rising' | 'insufficient_data';

export interface Projection {
  status: ProjectionStatus;
  /** The month end at which the rate reaches the target at the recent pace (status 'projected'). */
  reaches_on: string | null;
  /** Percentage points per month, as a ratio (0.004 = +0.4 points a month); null without enough data. */
  slope_per_month: number | null;
  /** Whether the target is met, or projected to be met, by the end of the as-of date's fiscal year. */
  by_fiscal_year_end: boolean;
  fiscal_year_end: string;
}

/** Least-squares slope of y over x = 0, 1, 2, … */
export function leastSquaresSlope(values: number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

/** The month end `months` after a month end. */
export function monthEndsLater(date: string, months: number): string {
  let d = date;
  for (let i = 0; i < months; i++) d = monthEnd(addDays(d, 1));
  return d;
}

/** The month ends of the projection window ending at an as-of date (the as-of date itself last, month end or not). */
export function projectionWindow(asOf: string): string[] {
  const dates = [asOf];
  let d = asOf;
  while (dates.length < PROJECTION_MONTHS + 1) {
    d = addDays(`${d.slice(0, 7)}-01`, -1);
    dates.unshift(d);
  }
  return dates;
}

/**
 * When an area reaches the target at its recent pace. `series` holds month-end points, oldest first,
 * ending at the as-of date.
 */
export function projectTarget(series: RatePoint[], target: number): Projection {
  const last = series.at(-1);
  const fiscalYearEnd = last ? `${fiscalYearOf(last.as_of) + 1}-03-31` : '';
  const base = { fiscal_year_end: fiscalYearEnd };
  if (last && last.rate !== null && last.rate >= target) {
    return { ...base, status: 'met', reaches_on: null, slope_per_month: null, by_fiscal_year_end: true };
  }
  const window = series.slice(-(PROJECTION_MONTHS + 1));
  if (!last || last.rate === null || window.length < PROJECTION_MONTHS + 1 || window.some((p) => p.rate === null)) {
    return { ...base, status: 'insufficient_data', reaches_on: null, slope_per_month: null, by_fiscal_year_end: false };
  }
  const slope = leastSquaresSlope(window.map((p) => p.rate as number));
  if (slope <= 0) return { ...base, status: 'not_rising', reaches_on: null, slope_per_month: slope, by_fiscal_year_end: false };
  const months = Math.ceil((target - last.rate) / slope - 1e-9);
  const reachesOn = monthEndsLater(last.as_of, months);
  return { ...base, status: 'projected', reaches_on: reachesOn, slope_per_month: slope, by_fiscal_year_end: reachesOn <= fiscalYearEnd };
}
