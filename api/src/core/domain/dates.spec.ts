import { isoWeekOf, latestOnOrBefore } from './dates.js';

describe('isoWeekOf', () => {
  it('numbers weeks from Monday, week 1 holding the first Thursday, across year ends', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50'); // a Monday
    expect(isoWeekOf('2026-12-06')).toBe('2026-W49'); // the Sunday before
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
  });
});

describe('latestOnOrBefore', () => {
  const monthEnds = ['2025-04-30', '2025-05-31', '2025-06-30'];
  it('takes the date itself when computed, else the latest before it, else none', () => {
    expect(latestOnOrBefore(monthEnds, '2025-05-31')).toBe('2025-05-31');
    expect(latestOnOrBefore(monthEnds, '2025-06-15')).toBe('2025-05-31');
    expect(latestOnOrBefore(monthEnds, '2025-04-29')).toBeNull();
  });
});
