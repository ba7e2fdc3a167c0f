import { officesNeededText } from './offices-needed.js';

describe('offices still needed for the target', () => {
  it('counts what is missing, says when it is met, and names the case of no counted offices', () => {
    expect(officesNeededText({ target_offices: 360, offices_needed: 1098 })).toBe('あと 1,098 事業所');
    expect(officesNeededText({ target_offices: 134, offices_needed: 0 })).toBe('達成済み');
    expect(officesNeededText({ target_offices: 0, offices_needed: 0 })).toBe('—');
    expect(officesNeededText({ target_offices: 0, offices_needed: 0 }, '対象事業所なし')).toBe('対象事業所なし');
  });
});
