import { displayRate, formatRate } from './rates.js';

describe('displayRate', () => {
  it('rounds half-up to one decimal of a percent as the seed does', () => {
    expect(formatRate(0.07199808542530009)).toBe('7.2%');
    expect(formatRate(0.0725)).toBe('7.3%');
    expect(formatRate(0.3134, 0.3)).toBe('31.3%');
    expect(formatRate(null, 0.3)).toBe('—');
  });

  it('never shows a rate below the target at the target (宮崎市-like 127 / 424)', () => {
    expect(127 / 424).toBeLessThan(0.3);
    expect(formatRate(127 / 424, 0.3)).toBe('29.9%');
    expect(formatRate(127 / 424)).toBe('30.0%');
    expect(displayRate(0.29951, 0.3)).toBe(0.299);
    expect(formatRate(0.29949, 0.3)).toBe('29.9%');
    expect(formatRate(0.2994, 0.3)).toBe('29.9%');
  });

  it('shows a rate that meets the target at or above it', () => {
    expect(formatRate(0.3, 0.3)).toBe('30.0%');
    expect(formatRate(3 / 10, 0.3)).toBe('30.0%');
    expect(formatRate(0.30004, 0.3)).toBe('30.0%');
  });

  it('applies to other digits and targets', () => {
    expect(formatRate(0.4999, 0.5, 0)).toBe('49%');
    expect(formatRate(0.4949, 0.5, 0)).toBe('49%');
    expect(formatRate(0.495, 0.5, 0)).toBe('49%');
    expect(formatRate(0.494, 0.5, 0)).toBe('49%');
  });
});
