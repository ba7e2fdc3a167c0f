import { comparisonConfig } from './comparison-trend-config.js';

describe('comparisonConfig', () => {
  it("puts every series on the first series' month ends, missing months as gaps, then the target line", () => {
    const config = comparisonConfig(
      [
        {
          label: '須賀川市',
          points: [
            { as_of: '2025-03-31', application_rate: 0.31 },
            { as_of: '2025-04-30', application_rate: 0.32 },
          ],
        },
        { label: '福島県', points: [{ as_of: '2025-04-30', application_rate: 0.2 }] },
      ],
      0.3,
    );
    expect(config.data.labels).toEqual(['2025-03', '2025-04']);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['須賀川市 申請率', '福島県 申請率', '目標 30%']);
    expect(config.data.datasets[1].data).toEqual([null, 0.2]);
    expect(config.data.datasets[2].data).toEqual([0.3, 0.3]);
  });
});
