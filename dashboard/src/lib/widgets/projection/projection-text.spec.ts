import { projectionDetail, projectionShort, projectionText, slopeText } from './projection-text.js';

describe('projection wording', () => {
  const base = { fiscal_year_end: '2026-03-31', slope_per_month: 0.004 };
  it('words each status in Japanese', () => {
    expect(projectionText({ ...base, status: 'met', reaches_on: null, by_fiscal_year_end: true })).toBe('目標に到達済み');
    expect(projectionText({ ...base, status: 'projected', reaches_on: '2026-02-28', by_fiscal_year_end: true })).toBe(
      '2026年2月28日ごろ到達の見込み（年度内）',
    );
    expect(projectionText({ ...base, status: 'projected', reaches_on: '2027-01-31', by_fiscal_year_end: false })).toContain('届かない');
    expect(projectionText({ ...base, status: 'not_rising', reaches_on: null, by_fiscal_year_end: false })).toContain('伸びていない');
    expect(slopeText({ ...base, status: 'projected', reaches_on: '2026-02-28', by_fiscal_year_end: true })).toBe('+0.40 ポイント/月');
  });
});

describe('projection on a tile', () => {
  it('gives a short value and a detail line', () => {
    const late = {
      status: 'projected' as const,
      reaches_on: '2028-10-31',
      slope_per_month: 0.0066,
      by_fiscal_year_end: false,
      fiscal_year_end: '2026-03-31',
    };
    expect(projectionShort(late)).toBe('2028年10月ごろ');
    expect(projectionDetail(late)).toBe('2026年3月末までには届かない・直近6か月のペース +0.66 ポイント/月');
    expect(projectionShort({ ...late, status: 'met', reaches_on: null })).toBe('到達済み');
    expect(projectionShort({ ...late, status: 'not_rising', reaches_on: null })).toBe('見通せない');
  });
});
