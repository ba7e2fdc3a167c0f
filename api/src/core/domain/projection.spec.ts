import { leastSquaresSlope, monthEndsLater, projectTarget, type RatePoint } from './projection.js';

const MONTHS = ['2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31'];
const series = (rates: (number | null)[]): RatePoint[] => rates.map((rate, i) => ({ as_of: MONTHS[i], rate }));

describe('projectTarget (the last 6 months, 7 month ends, least squares)', () => {
  it('hand-worked: +1 point a month from 20% reaches 30% four months after 26%', () => {
    // 20, 21, …, 26%: slope 0.01 a month; (0.30 − 0.26) / 0.01 = 4 months after 2025-10-31 → 2026-02-28.
    const p = projectTarget(series([0.2, 0.21, 0.22, 0.23, 0.24, 0.25, 0.26]), 0.3);
    expect(p.status).toBe('projected');
    expect(p.slope_per_month).toBeCloseTo(0.01, 12);
    expect(p.reaches_on).toBe('2026-02-28');
    expect(p).toMatchObject({ fiscal_year_end: '2026-03-31', by_fiscal_year_end: true });
  });

  it('hand-worked: a noisy series uses the fitted slope and the latest actual rate', () => {
    // y = 10, 10, 12, 12, 14, 14, 16 (%): x̄ = 3, ȳ = 12.571…; Σ(x−x̄)(y−ȳ) = 28, Σ(x−x̄)² = 28 → slope 1 point/month.
    // From 16%: 14 points → 14 months after 2025-10-31 → 2026-12-31, after FY2025 ends.
    const p = projectTarget(series([0.1, 0.1, 0.12, 0.12, 0.14, 0.14, 0.16]), 0.3);
    expect(p.slope_per_month).toBeCloseTo(0.01, 12);
    expect(p.reaches_on).toBe('2026-12-31');
    expect(p.by_fiscal_year_end).toBe(false);
  });

  it('says met, not rising, or not enough data instead of a date', () => {
    expect(projectTarget(series([0.2, 0.25, 0.3]), 0.3)).toMatchObject({ status: 'met', by_fiscal_year_end: true });
    expect(projectTarget(series([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]), 0.3)).toMatchObject({ status: 'not_rising', reaches_on: null });
    expect(projectTarget(series([0.2, 0.21, 0.22]), 0.3)).toMatchObject({ status: 'insufficient_data', by_fiscal_year_end: false });
    expect(projectTarget(series([0.2, null, 0.22, 0.23, 0.24, 0.25, 0.26]), 0.3).status).toBe('insufficient_data');
    expect(projectTarget([], 0.3).status).toBe('insufficient_data');
  });

  it('fits a line by least squares and counts month ends', () => {
    expect(leastSquaresSlope([1, 3, 5])).toBe(2);
    expect(leastSquaresSlope([4])).toBe(0);
    expect(monthEndsLater('2025-01-31', 1)).toBe('2025-02-28');
    expect(monthEndsLater('2024-01-31', 1)).toBe('2024-02-29');
    expect(monthEndsLater('2025-10-31', 0)).toBe('2025-10-31');
  });
});
