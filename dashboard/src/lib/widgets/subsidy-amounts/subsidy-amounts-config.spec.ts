import { amountBarsConfig } from './subsidy-amounts-config.js';

describe('amountBarsConfig', () => {
  it('draws one bar per prefecture with its amount', () => {
    const config = amountBarsConfig([
      { label: '北海道', amount: 300_000_000 },
      { label: '福島県', amount: 120_000_000 },
    ]);
    expect(config.data.labels).toEqual(['北海道', '福島県']);
    expect(config.data.datasets[0].data).toEqual([300_000_000, 120_000_000]);
  });
});
