import { reportFilterLabels } from './report-filters.js';

describe("a report's title names the page's filters and sort", () => {
  it('names each filter in Japanese, in the order the page shows them', () => {
    const q = new URLSearchParams('as_of=2025-03-31&target=below&class=core_city&subsidy=unused&risk=1&q=須賀&sort=-rate');
    expect(reportFilterLabels(q)).toEqual([
      '目標未達',
      '中核市',
      '補助金を未利用',
      '遅延リスクあり',
      '名称に「須賀」',
      '並び順: 申請率の高い順',
    ]);
  });

  it('says nothing for the default order and no filter', () => {
    expect(reportFilterLabels(new URLSearchParams('as_of=2025-03-31&sort=code'))).toEqual([]);
  });
});
