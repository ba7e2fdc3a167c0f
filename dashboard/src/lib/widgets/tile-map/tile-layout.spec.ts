import { shortName, TILE_LAYOUT } from './tile-layout.js';

describe('tile map layout', () => {
  it('places all 47 prefectures on distinct cells', () => {
    expect(Object.keys(TILE_LAYOUT)).toHaveLength(47);
    const cells = Object.values(TILE_LAYOUT).map(([c, r]) => `${c},${r}`);
    expect(new Set(cells).size).toBe(47);
  });

  it('shortens names', () => {
    expect(shortName('福島県')).toBe('福島');
    expect(shortName('東京都')).toBe('東京');
    expect(shortName('北海道')).toBe('北海道');
  });
});
