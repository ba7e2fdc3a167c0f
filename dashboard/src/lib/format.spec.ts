import { asOfLabel, daysBetween, fiscalYearOf, number, percent, wareki, yen, yenShort } from './format.js';

describe('dashboard formatters', () => {
  it('writes fiscal years in 和暦 with the western year', () => {
    expect(wareki(2025)).toBe('令和7年度 (2025)');
    expect(wareki(2019)).toBe('令和元年度 (2019)');
    expect(wareki(2018)).toBe('平成30年度 (2018)');
    expect(wareki(1989)).toBe('平成元年度 (1989)'); // from the same ERAS table the date parser reads
    expect(fiscalYearOf('2025-03-31')).toBe(2024);
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
    expect(asOfLabel('2025-05-31')).toBe('2025年5月31日時点・令和7年度 (2025)');
  });

  it('rounds rates half-up to one decimal as the seed does', () => {
    expect(percent(0.07199808542530009)).toBe('7.2%');
    expect(percent(0.3134)).toBe('31.3%');
    expect(percent(10 / 11)).toBe('90.9%');
    expect(percent(0.0725)).toBe('7.3%');
    expect(percent(0.3)).toBe('30.0%');
    expect(percent(null)).toBe('—');
  });

  it('uses thousands separators', () => {
    expect(number(238173)).toBe('238,173');
    expect(yen(2550000)).toBe('2,550,000円');
    expect(yenShort(1_234_567_890)).toBe('12.3億円');
    expect(yenShort(45_600_000)).toBe('4,560万円');
    expect(yenShort(2_550_000)).toBe('255万円');
    expect(yenShort(9_800)).toBe('9,800円');
    expect(daysBetween('2026-04-01', '2028-04-01')).toBe(731);
  });
});
