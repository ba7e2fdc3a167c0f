import { FieldError } from './import-errors.js';
import * as p from './field-parsers.js';

const reason = (fn: () => unknown) => {
  try {
    return { ok: fn() };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return { error: error.reasonEn };
  }
};

describe('field parsers', () => {
  it('reads telephone numbers as lists write them and refuses what is not one', () => {
    expect(p.optionalPhone(' ０２４８－７５－１１１１ ')).toBe('0248-75-1111');
    expect(p.optionalPhone('(0248) 75-1111')).toBe('(0248) 75-1111');
    expect(p.optionalPhone('+81-248-75-1111')).toBe('+81-248-75-1111');
    expect(p.optionalPhone('')).toBeNull();
    for (const bad of ['電話なし', '12-34', '0248-75-1111 内線2', 'a0248751111']) expect(() => p.optionalPhone(bad)).toThrow(FieldError);
  });

  it('keeps free text as given, trimmed only', () => {
    expect(p.text('  （デモ）ｶﾀｶﾅ㈱①  ')).toBe('（デモ）ｶﾀｶﾅ㈱①');
    expect(reason(() => p.text('   '))).toEqual({ error: 'required value is empty' });
    expect(reason(() => p.text('あ'.repeat(201)))).toEqual({ error: 'longer than 200 characters (201)' });
  });

  it('reads office numbers with full-width digits and refuses other prefectures', () => {
    expect(p.officeNumber('０７７００００００１')).toBe('0770000001');
    expect(reason(() => p.officeNumber('4870000001'))).toEqual({
      error: 'the first two digits of an office number are a prefecture code (01-47)',
    });
  });

  it('reads municipality codes of 5 or 6 digits and names the right check digit', () => {
    expect(p.municipalityCode('07207')).toBe('072079');
    expect(reason(() => p.municipalityCode('072070')).error).toMatch(/expected 072079/);
  });

  it('reads real dates only and keeps them within a plausible range', () => {
    expect(p.date('2024/5/1')).toBe('2024-05-01');
    expect(reason(() => p.date('2025-02-30'))).toEqual({ error: 'no such date (2025-02-30)' });
    const designation = p.dateBetween('2000-04-01', { daysFromToday: 0 }, { ja: '指定年月日', en: 'the designation date' });
    expect(designation('2000-04-01')).toBe('2000-04-01');
    expect(reason(() => designation('2000-03-31')).error).toMatch(
      /^the designation date must lie between 2000-04-01 and \d{4}-\d{2}-\d{2} \(2000-03-31\)$/,
    );
    expect(reason(() => designation('9999-12-31')).error).toMatch(/must lie between/);
  });

  it('counts with separators and full-width digits, and refuses negatives and fractions', () => {
    expect(p.count('１，２３４')).toBe(1234);
    expect(reason(() => p.count('-5')).error).toMatch(/whole number/);
    expect(reason(() => p.count('1.5')).error).toMatch(/whole number/);
    expect(reason(() => p.count('2000', 1000)).error).toMatch(/at most 1000/);
  });

  it('matches labels after NFKC normalisation and lists the accepted ones', () => {
    const labels = { 可能: 'possible', 困難: 'difficult', possible: 'possible' };
    expect(p.oneOf(' 困 難 ', labels, { ja: '移行', en: 'answer' })).toBe('difficult');
    expect(reason(() => p.oneOf('たぶん', labels, { ja: '移行', en: 'answer' })).error).toBe(
      'unknown answer "たぶん" (accepted: 可能 / 困難)',
    );
  });
});
