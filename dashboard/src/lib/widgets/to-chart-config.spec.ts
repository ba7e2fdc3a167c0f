import { effectConfig, fy2025Config, prefectureBarsConfig, scatterConfig, surveyConfig, trendConfig } from './to-chart-config.js';

describe('chart configuration builders', () => {
  const rows = [
    { prefecture_code: '01', prefecture_name: '北海道', application_rate: 0.05 },
    { prefecture_code: '07', prefecture_name: '福島県', application_rate: 0.08 },
    { prefecture_code: '13', prefecture_name: '東京都', application_rate: null },
  ];

  it('sorts prefectures by rate, draws the target line and highlights the selection', () => {
    const config = prefectureBarsConfig(rows, 0.3, '07');
    expect(config.data.labels).toEqual(['福島県', '北海道', '東京都']);
    const [bars, line] = config.data.datasets;
    expect(bars.data).toEqual([0.08, 0.05, 0]);
    expect(line.data).toEqual([0.3, 0.3, 0.3]);
    expect((bars.backgroundColor as string[])[0]).not.toBe((bars.backgroundColor as string[])[1]);
  });

  it('stacks the survey periods as shares of those that gave a period', () => {
    const config = surveyConfig([{ label: '中核市', fy2025: 10, fy2026: 20, fy2027: 25, fy2028_or_later: 5, gave_period: 60 }]);
    expect(config.data.datasets.map((d) => d.data[0])).toEqual([10 / 60, 20 / 60, 25 / 60, 5 / 60]);
    expect((config.options as { indexAxis: string }).indexAxis).toBe('y');
  });

  it('splits FY2025 migration into possible and difficult over those that answered', () => {
    const config = fy2025Config([{ label: '政令指定都市・23区', possible: 3, difficult: 40, answered: 43 }]);
    expect(config.data.datasets.map((d) => d.data[0])).toEqual([3 / 43, 40 / 43]);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['移行可能', '移行困難']);
  });

  it('builds a trend with both rates and the target', () => {
    const config = trendConfig([{ as_of: '2025-03-31', application_rate: 0.06, usage_rate: 0.05 }], 0.3, '全国');
    expect(config.data.labels).toEqual(['2025-03']);
    expect(config.data.datasets).toHaveLength(3);
  });

  it('plots municipalities with offices on a log axis, leaving out those without', () => {
    const config = scatterConfig([
      { code: 'a', name: 'A', target_offices: 10, application_rate: 0.3 },
      { code: 'b', name: 'B', target_offices: 0, application_rate: null },
    ], 0.3);
    expect(config.data.datasets[0].data).toEqual([{ x: 10, y: 0.3, name: 'A' }]);
    expect(config.data.datasets[1].data).toEqual([{ x: 1, y: 0.3 }, { x: 10, y: 0.3 }]);
  });

  it('compares before and after', () => {
    const config = effectConfig([{ label: '補助あり', rate_before: 0.05, rate_after: 0.2 }], '2025-01-31', '2026-10-31');
    expect(config.data.datasets.map((d) => d.data)).toEqual([[0.05], [0.2]]);
  });
});
