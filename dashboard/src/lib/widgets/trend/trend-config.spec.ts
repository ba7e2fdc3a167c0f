import { trendConfig } from './trend-config.js';

describe('trendConfig', () => {
  it('builds a trend with both rates and the target', () => {
    const config = trendConfig([{ as_of: '2025-03-31', application_rate: 0.06, usage_rate: 0.05 }], 0.3, '全国');
    expect(config.data.labels).toEqual(['2025-03']);
    expect(config.data.datasets).toHaveLength(3);
  });
});
