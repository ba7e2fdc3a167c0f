import { prefectureBarsConfig } from './prefecture-bars-config.js';

describe('prefectureBarsConfig', () => {
  it('sorts prefectures by rate, draws the target line and highlights the selection', () => {
    const rows = [
      { prefecture_code: '01', prefecture_name: '北海道', application_rate: 0.05 },
      { prefecture_code: '07', prefecture_name: '福島県', application_rate: 0.08 },
      { prefecture_code: '13', prefecture_name: '東京都', application_rate: null },
    ];
    const config = prefectureBarsConfig(rows, 0.3, '07');
    expect(config.data.labels).toEqual(['福島県', '北海道', '東京都']);
    const [bars, line] = config.data.datasets;
    expect(bars.data).toEqual([0.08, 0.05, 0]);
    expect(line.data).toEqual([0.3, 0.3, 0.3]);
    expect((bars.backgroundColor as string[])[0]).not.toBe((bars.backgroundColor as string[])[1]);
  });
});
