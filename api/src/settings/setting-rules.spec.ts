import { HttpException } from '@nestjs/common';
import { checkValidFrom, settingRule, type KeyDates } from './setting-rules.js';

const dates: KeyDates = { law_in_force_date: '2026-04-01', conformance_date: '2028-04-01', full_operation_date: '2028-04-01' };
const message = (fn: () => unknown) => {
  try {
    return fn();
  } catch (error) {
    return ((error as HttpException).getResponse() as { message: string }).message;
  }
};

describe('setting rules', () => {
  it('knows only its own keys (no prototype properties)', () => {
    expect(settingRule('cpdl_target_rate')).toBeDefined();
    for (const key of ['__proto__', 'constructor', 'toString', 'nope']) expect(settingRule(key)).toBeUndefined();
  });

  it("leaves the law's dates to administrators", () => {
    expect(settingRule('law_in_force_date')!.writableBy).toEqual(['admin']);
    expect(settingRule('full_operation_date')!.writableBy).toEqual(['admin']);
    expect(settingRule('conformance_date')!.writableBy).toEqual(['admin', 'national']);
    expect(settingRule('cpdl_target_rate')!.writableBy).toEqual(['admin', 'national']);
  });

  it('keeps the target a fraction above 0 and at most 1', () => {
    const target = settingRule('cpdl_target_rate')!;
    expect(target.check('0.30', dates)).toBe('0.30');
    expect(target.check('1', dates)).toBe('1');
    for (const bad of ['0', '1.5', '30%', '-0.1', '0.12345'])
      expect(message(() => target.check(bad, dates))).toMatch(/fraction above 0 and at most 1/);
  });

  it('keeps the conformance date between the law in force and full operation, and the three in order', () => {
    expect(settingRule('conformance_date')!.check('2027-04-01', dates)).toBe('2027-04-01');
    expect(message(() => settingRule('conformance_date')!.check('2026-03-31', dates))).toMatch(/between 2026-04-01 and 2028-04-01/);
    expect(message(() => settingRule('law_in_force_date')!.check('2028-05-01', dates))).toMatch(
      /between 2024-04-01 and 2030-03-31|not be after the conformance date/,
    );
    expect(message(() => settingRule('full_operation_date')!.check('2027-04-01', dates))).toMatch(
      /not be before the conformance date \(2028-04-01\)/,
    );
  });

  it('takes valid_from from FY2023 up to five years ahead', () => {
    expect(checkValidFrom('2023-04-01', '2026-11-26')).toBe('2023-04-01');
    expect(message(() => checkValidFrom('2031-11-27', '2026-11-26'))).toMatch(/between 2023-04-01 and 2031-11-26/);
    expect(message(() => checkValidFrom('2023-03-31', '2026-11-26'))).toMatch(/valid_from must lie between/);
  });
});
