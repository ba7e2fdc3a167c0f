import { roundLabel } from './survey-rounds.js';

describe('roundLabel', () => {
  it('names a survey round by its month', () => {
    expect(roundLabel({ round: '2025-02' })).toBe('2025年2月調査');
    expect(roundLabel({ round: '2026-11' })).toBe('2026年11月調査');
  });
});
