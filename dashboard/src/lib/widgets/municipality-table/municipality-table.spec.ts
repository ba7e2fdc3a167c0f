import { filterLabels, filterRows, sortRows, type MunicipalityRow } from './municipality-table.js';

const row = (code: string, name: string, kana: string, rate: number | null, extra: Partial<MunicipalityRow> = {}): MunicipalityRow => ({
  code,
  name,
  kana,
  class: 'city',
  class_label: '市',
  size_band: '10-29',
  target_offices: 10,
  target_rate: 0.3,
  applied_offices: 0,
  in_force_offices: 0,
  application_rate: rate,
  usage_rate: null,
  meets_target: rate === null ? null : rate >= 0.3,
  offices_needed: 0,
  rank_in_prefecture: null,
  ...extra,
});

describe('municipality table', () => {
  const rows = [
    row('072079', '須賀川市', 'スカガワシ', 0.31, { subsidised: true }),
    row('072010', '福島市', 'フクシマシ', 0.05, { class: 'core_city', at_risk: true, target_offices: 500 }),
    row('074641', '泉崎村', 'イズミザキムラ', 0.75, { class: 'village', size_band: '10-29' }),
  ];

  it('filters by target, class, subsidy, risk and name or kana', () => {
    expect(filterRows(rows, { target: 'meets' }).map((r) => r.code)).toEqual(['072079', '074641']);
    expect(filterRows(rows, { target: 'below' }).map((r) => r.code)).toEqual(['072010']);
    expect(filterRows(rows, { class: 'village' }).map((r) => r.code)).toEqual(['074641']);
    expect(filterRows(rows, { subsidy: 'used' }).map((r) => r.code)).toEqual(['072079']);
    expect(filterRows(rows, { subsidy: 'unused' })).toHaveLength(2);
    expect(filterRows(rows, { risk: true }).map((r) => r.code)).toEqual(['072010']);
    expect(filterRows(rows, { q: 'すかがわ' }).map((r) => r.code)).toEqual(['072079']);
    expect(filterRows(rows, { q: '福島' }).map((r) => r.code)).toEqual(['072010']);
  });

  it('sorts either way', () => {
    expect(sortRows(rows, '-rate').map((r) => r.code)).toEqual(['074641', '072079', '072010']);
    expect(sortRows(rows, 'offices').map((r) => r.code)[2]).toBe('072010');
  });
});

describe('filterLabels', () => {
  it('names the filters in force for exports', () => {
    expect(filterLabels({ target: 'below', class: 'town', risk: true }, [['town', '町']])).toEqual({
      目標: '目標未達',
      区分: '町',
      遅延リスク: 'あり',
    });
    expect(filterLabels({}, [])).toEqual({});
  });
});
