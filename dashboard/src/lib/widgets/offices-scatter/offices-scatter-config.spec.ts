import { scatterConfig } from './offices-scatter-config.js';

describe('scatterConfig', () => {
  it('plots municipalities with offices on a log axis, leaving out those without', () => {
    const config = scatterConfig(
      [
        { code: 'a', name: 'A', target_offices: 10, application_rate: 0.3 },
        { code: 'b', name: 'B', target_offices: 0, application_rate: null },
      ],
      0.3,
    );
    expect(config.data.datasets[0].data).toEqual([{ x: 10, y: 0.3, name: 'A' }]);
    expect(config.data.datasets[1].data).toEqual([
      { x: 1, y: 0.3 },
      { x: 10, y: 0.3 },
    ]);
  });
});
