import { BAND_LABELS, bandOf, distributionConfig } from './peer-distribution-config.js';
import { OKABE_ITO } from '../../palette.js';

describe('peer distribution', () => {
  it('bands rates as the API does', () => {
    expect(BAND_LABELS).toHaveLength(11);
    expect(bandOf(0.3134)).toBe(6);
    expect(bandOf(0.3)).toBe(6);
    expect(bandOf(0.2995)).toBe(5);
    expect(bandOf(0.9)).toBe(10);
    expect(bandOf(null)).toBeNull();
  });

  it("marks the municipality's own band", () => {
    const config = distributionConfig([1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 1], 0.3134, 0.3);
    const colours = config.data.datasets[0].backgroundColor as string[];
    expect(colours[6]).toBe(OKABE_ITO.vermillion);
    expect(colours[5]).toBe(OKABE_ITO.skyBlue);
    expect(colours[7]).toBe(OKABE_ITO.blue);
  });
});
