import { RowRuleError } from '../import-kind.js';
import type { SubsidyProgram } from '../import-store.repository.js';
import { checkAgainstProgram, fiscalYear, type GrantRow } from './subsidy-grants.import.js';
import { FieldError } from '../import-errors.js';

/** The seed's caps and rates (last slide), as subsidy_programs holds them. */
const software: SubsidyProgram = {
  code: 'tech_software',
  category: 'technology',
  name: '介護テクノロジー導入支援（介護ソフト）',
  device_category: '介護ソフト',
  cap_yen: 2_500_000,
  addon_cap_yen: 2_550_000,
  max_rate: 0.8,
  max_per_prefecture: null,
  max_total_per_prefecture_yen: null,
};
const improvement: SubsidyProgram = {
  code: 'business_improvement',
  category: 'business_improvement',
  name: '一体的に行う業務改善支援',
  device_category: null,
  cap_yen: 450_000,
  addon_cap_yen: 480_000,
  max_rate: 0.8,
  max_per_prefecture: null,
  max_total_per_prefecture_yen: null,
};
const grant = (amount: number, cost: number, extra: Partial<GrantRow> = {}): GrantRow => ({
  grant_key: '',
  pledged_on: null,
  fiscal_year: 2025,
  prefecture_code: '07',
  municipality_code: null,
  office_number: null,
  program_code: 'tech_software',
  eligible_cost: cost,
  amount,
  decided_on: '2025-06-01',
  linked_offices: null,
  ...extra,
});
const reason = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (!(error instanceof RowRuleError)) throw error;
    return `${error.column}: ${error.reasonEn}`;
  }
};

describe('subsidy grant rules (caps and rates are data)', () => {
  it('accepts a grant within the cap and the 4/5 rate, and refuses one above the rate by a yen', () => {
    expect(reason(() => checkAgainstProgram(software, grant(2_000_000, 2_500_000), false))).toBe('ok');
    expect(reason(() => checkAgainstProgram(software, grant(2_000_001, 2_500_000), false))).toMatch(/rate 0.8 \(at most 2000000 yen/);
  });

  it('never lets the grant exceed the eligible cost', () => {
    expect(reason(() => checkAgainstProgram({ ...software, max_rate: 1 }, grant(1_000_001, 1_000_000), false))).toMatch(
      /exceeds the eligible cost/,
    );
  });

  it('allows the +50,000 yen software add-on only with 5 or more linked offices', () => {
    const cost = 4_000_000;
    expect(reason(() => checkAgainstProgram(software, grant(2_550_000, cost, { linked_offices: 5 }), false))).toBe('ok');
    expect(reason(() => checkAgainstProgram(software, grant(2_550_000, cost, { linked_offices: 4 }), false))).toMatch(
      /^連携事業所数: .*5 or more linked offices \(got 4\)/,
    );
    expect(reason(() => checkAgainstProgram(software, grant(2_550_001, cost, { linked_offices: 9 }), false))).toMatch(/cap of 2550000 yen/);
  });

  it('allows the business-improvement add-on (480,000) only when 機器区分 says 加算あり', () => {
    const row = grant(480_000, 600_000, { program_code: 'business_improvement' });
    expect(reason(() => checkAgainstProgram(improvement, row, true))).toBe('ok');
    expect(reason(() => checkAgainstProgram(improvement, row, false))).toMatch(/cap of 450000 yen \(the add-on needs/);
    expect(reason(() => checkAgainstProgram(improvement, grant(450_000, 600_000), false))).toBe('ok');
  });

  it('reads fiscal years as 2025, 令和7年度 or R7 and refuses others', () => {
    expect(['2025', '令和7年度', 'R7', 'r7', '令和７年度'].map(fiscalYear)).toEqual([2025, 2025, 2025, 2025, 2025]);
    for (const bad of ['R99', '1999', '平成30年度', 'abc']) expect(() => fiscalYear(bad)).toThrow(FieldError);
  });
});
