import { chosenParam, MAX_CHOSEN, parseChosen } from './chosen-codes.js';

describe('chosen comparison codes in the URL', () => {
  it('keeps six-digit codes once, in order, without the page’s own', () => {
    expect(parseChosen('072010, 131016,072010,072079,abc,7201', '072079')).toEqual(['072010', '131016']);
  });

  it('reads nothing from an absent or empty parameter', () => {
    expect(parseChosen(null, '072079')).toEqual([]);
    expect(parseChosen('', '072079')).toEqual([]);
  });

  it(`keeps at most ${MAX_CHOSEN}`, () => {
    const codes = Array.from({ length: 12 }, (_, i) => String(100000 + i));
    expect(parseChosen(codes.join(','), '072079')).toEqual(codes.slice(0, MAX_CHOSEN));
  });

  it('writes the parameter back, or removes it when nothing is chosen', () => {
    expect(chosenParam(['072010', '131016'])).toBe('072010,131016');
    expect(chosenParam([])).toBeUndefined();
  });
});
