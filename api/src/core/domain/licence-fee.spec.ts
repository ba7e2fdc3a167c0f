import { feeOn, feePeriodText, feeTalkingPoint, type FeeRow } from './licence-fee.js';

const SCHEDULE: FeeRow[] = [
  { value: '21000', valid_from: '2023-04-01', valid_to: '2025-06-01', source: 's1', note: null },
  { value: '0', valid_from: '2025-06-01', valid_to: '2027-04-01', source: 's2', note: null },
];

describe('the licence fee schedule', () => {
  it('finds the row in force, valid_to not included, and none where the schedule stops', () => {
    expect(feeOn(SCHEDULE, '2025-05-31')?.value).toBe('21000');
    expect(feeOn(SCHEDULE, '2025-06-01')?.value).toBe('0');
    expect(feeOn(SCHEDULE, '2027-03-31')?.value).toBe('0');
    expect(feeOn(SCHEDULE, '2027-04-01')).toBeNull();
  });

  it('words a period and the talking point for the phone', () => {
    expect(feePeriodText(SCHEDULE[0])).toBe('2023-04-01〜2025-05-31: 年21,000円');
    expect(feeTalkingPoint(SCHEDULE, '2026-12-06')).toBe('ライセンス料: 現在無料（2027-03-31まで）');
    expect(feeTalkingPoint(SCHEDULE, '2024-01-01')).toBe('ライセンス料: 現在年21,000円（2025-05-31まで）');
    expect(feeTalkingPoint(SCHEDULE, '2027-06-01')).toMatch(/未定/);
  });
});
