import { effectConfig } from './subsidy-effect-config.js';

describe('effectConfig', () => {
  it('compares before and after', () => {
    const config = effectConfig([{ label: '補助あり', rate_before: 0.05, rate_after: 0.2 }], '2025-01-31', '2026-10-31');
    expect(config.data.datasets.map((d) => d.data)).toEqual([[0.05], [0.2]]);
  });
});
