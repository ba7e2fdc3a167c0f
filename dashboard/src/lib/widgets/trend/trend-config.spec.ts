import { publishedOfMonth, publishedText, trendConfig } from './trend-config.js';

describe('trendConfig', () => {
  it('builds a trend with both rates and the target', () => {
    const config = trendConfig([{ as_of: '2025-03-31', application_rate: 0.06, usage_rate: 0.05 }], 0.3, '全国');
    expect(config.data.labels).toEqual(['2025-03']);
    expect(config.data.datasets).toHaveLength(3);
  });
});

describe('published figures on the trend', () => {
  const points = [
    { as_of: '2025-04-30', application_rate: 0.1, usage_rate: 0.05 },
    { as_of: '2025-05-31', application_rate: 0.11, usage_rate: 0.06 },
  ];
  const published = [
    {
      id: 1,
      measure: 'usage_rate' as const,
      value: 0.072,
      as_of: '2025-05-31',
      source: 'スライド',
      source_url: null,
      note: null,
      created_by: 'seed',
    },
    {
      id: 2,
      measure: 'usage_rate' as const,
      value: 0.076,
      as_of: '2026-01-31',
      source: 'WAMNET',
      source_url: null,
      note: null,
      created_by: 'seed',
    },
  ];

  it('draws a published rate as an unjoined point on its month, and none for a measure with no figure in the span', () => {
    const config = trendConfig(points, 0.3, '全国', published);
    const datasets = config.data.datasets as { label?: string; data: (number | null)[]; showLine?: boolean }[];
    expect(datasets.map((d) => d.label)).toEqual(['全国 申請率', '全国 利用率', '目標 30%', '公表値（利用率）']);
    expect(datasets[3]).toMatchObject({ data: [null, 0.072], showLine: false });
  });

  it("says a month's published figure in the chart's table", () => {
    expect(publishedOfMonth(published, '2025-05-31').map(publishedText)).toEqual(['利用率 7.2%（スライド）']);
  });
});
