import { surveyConfig } from './survey-periods-config.js';

describe('surveyConfig', () => {
  it('stacks the survey periods as shares of those that gave a period', () => {
    const config = surveyConfig([{ label: '中核市', fy2025: 10, fy2026: 20, fy2027: 25, fy2028_or_later: 5, gave_period: 60 }]);
    expect(config.data.datasets.map((d) => d.data[0])).toEqual([10 / 60, 20 / 60, 25 / 60, 5 / 60]);
    expect((config.options as { indexAxis: string }).indexAxis).toBe('y');
  });
});
