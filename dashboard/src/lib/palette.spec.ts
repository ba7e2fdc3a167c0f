import { rateColour } from './palette.js';

/** WCAG relative luminance contrast. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

describe('rate colours', () => {
  it('darkens with the rate and keeps AA contrast for tile text', () => {
    for (const rate of [null, 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.9]) {
      const { background, text } = rateColour(rate);
      expect(contrast(background, text)).toBeGreaterThanOrEqual(4.5);
    }
    expect(rateColour(0).background).not.toBe(rateColour(0.3).background);
  });
});
