import { fy2025Config } from './survey-fy2025-config.js';

describe('fy2025Config', () => {
  it('splits FY2025 migration into possible and difficult over those that answered', () => {
    const config = fy2025Config([{ label: '政令指定都市・23区', possible: 3, difficult: 40, answered: 43 }]);
    expect(config.data.datasets.map((d) => d.data[0])).toEqual([3 / 43, 40 / 43]);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['移行可能', '移行困難']);
  });
});
