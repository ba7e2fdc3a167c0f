import { JapaneseDateError, parseFiscalYear, parseJapaneseDate, parseJapaneseMonth } from './japanese-dates.js';

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof JapaneseDateError)) throw error;
    return `${error.reasonEn} / ${error.reasonJa}`;
  }
};

describe('parseJapaneseDate', () => {
  it('reads every form government files use as the same day', () => {
    const forms = [
      '令和6年5月1日',
      'R6.5.1',
      'R06.05.01',
      '令6. 5. 1',
      'r6/5/1',
      '令和６年５月１日',
      'R6-5-1',
      '20240501',
      '2024年5月1日',
      '2024.5.1',
      '2024/05/01 0:00',
      '2024/5/1',
      '2024-05-01',
      '2024-05-01T00:00:00',
      '２０２４／５／１',
      '45413',
    ];
    expect(Object.fromEntries(forms.map((f) => [f, parseJapaneseDate(f)]))).toEqual(
      Object.fromEntries(forms.map((f) => [f, '2024-05-01'])),
    );
  });

  it('reads 元年 and the eras before 令和', () => {
    expect(parseJapaneseDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseJapaneseDate('H31.4.30')).toBe('2019-04-30');
    expect(parseJapaneseDate('平成元年1月8日')).toBe('1989-01-08');
    expect(parseJapaneseDate('S64.1.7')).toBe('1989-01-07');
    expect(parseJapaneseDate('平成12年4月1日')).toBe('2000-04-01');
  });

  it('refuses an era date outside its era, naming the era range', () => {
    expect(reasonOf(() => parseJapaneseDate('H31.5.1'))).toMatch(
      /H31\.5\.1 \(2019-05-01\) lies outside the 平成 era \(1989-01-08 〜 2019-04-30\)/,
    );
    expect(reasonOf(() => parseJapaneseDate('R1.4.30'))).toMatch(/lies outside the 令和 era \(2019-05-01 〜 \)/);
    expect(reasonOf(() => parseJapaneseDate('平成元年1月7日'))).toMatch(/outside the 平成 era/);
    expect(reasonOf(() => parseJapaneseDate('令和0年5月1日'))).toMatch(/no year 0 of 令和/);
  });

  it('refuses days that do not exist, and what is not a date', () => {
    expect(reasonOf(() => parseJapaneseDate('2025-02-30'))).toMatch(/^no such date \(2025-02-30\)/);
    expect(reasonOf(() => parseJapaneseDate('R7.2.29'))).toMatch(/no such date/);
    expect(reasonOf(() => parseJapaneseDate('2025/13/01'))).toMatch(/no such date/);
    expect(reasonOf(() => parseJapaneseDate('来月'))).toMatch(/^not a date/);
    // Too small or large to be a plausible Excel serial, or not a day count at all.
    expect(reasonOf(() => parseJapaneseDate('1234'))).toMatch(/^not a date/);
    expect(reasonOf(() => parseJapaneseDate('99999'))).toMatch(/^not a date/);
  });
});

describe('parseFiscalYear', () => {
  it('reads western and 和暦 fiscal years', () => {
    const forms = ['2025', '2025年度', '令和7年度', 'R7年度', 'R7', '令和７年度', '２０２５年度'];
    expect(forms.map(parseFiscalYear)).toEqual(forms.map(() => 2025));
    expect(parseFiscalYear('令和元年度')).toBe(2019);
    expect(parseFiscalYear('平成30年度')).toBe(2018);
  });

  it('refuses what is not a fiscal year', () => {
    for (const bad of ['令和0年度', '2025年', 'FY25', '']) expect(reasonOf(() => parseFiscalYear(bad))).toMatch(/not a fiscal year/);
  });
});

describe('parseJapaneseMonth', () => {
  it('reads months in western and 和暦 forms', () => {
    const forms = ['2025-05', '2025/5', '2025年5月', '202505', '令和7年5月', 'R7.5', '２０２５－０５'];
    expect(forms.map(parseJapaneseMonth)).toEqual(forms.map(() => '2025-05'));
  });

  it('refuses month 13 and what is not a month', () => {
    for (const bad of ['2025-13', '2025', '5月', 'abc']) expect(reasonOf(() => parseJapaneseMonth(bad))).toMatch(/not a month/);
  });
});
