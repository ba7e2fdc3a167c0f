import { canReadMunicipality, canReadPrefectureDetail } from './scopes.js';
import type { SessionUser } from './user.js';

const user = (role: SessionUser['role'], prefectureCode: string | null = null, municipalityCode: string | null = null): SessionUser => ({
  id: 1,
  username: 'u',
  role,
  prefectureCode,
  municipalityCode,
});

describe('scopes: who may read detail below the prefecture aggregates', () => {
  it('lets national and admin accounts read everything', () => {
    for (const role of ['admin', 'national'] as const) {
      expect(canReadPrefectureDetail(user(role), '13')).toBe(true);
      expect(canReadMunicipality(user(role), '131016')).toBe(true);
    }
  });

  it('keeps a prefecture account to its own prefecture, whatever form the code takes', () => {
    const fukushima = user('prefecture', '07');
    expect(canReadPrefectureDetail(fukushima, '07')).toBe(true);
    expect(canReadPrefectureDetail(fukushima, '7')).toBe(true);
    expect(canReadPrefectureDetail(fukushima, '13')).toBe(false);
    expect(canReadPrefectureDetail(fukushima, undefined)).toBe(false);
    expect(canReadMunicipality(fukushima, '07207')).toBe(true);
    expect(canReadMunicipality(fukushima, '131016')).toBe(false);
  });

  it('keeps a municipality account to itself, and lets malformed codes through to validation (400)', () => {
    const sukagawa = user('municipality', '07', '072079');
    expect(canReadMunicipality(sukagawa, '072079')).toBe(true);
    expect(canReadMunicipality(sukagawa, '07207')).toBe(true);
    expect(canReadMunicipality(sukagawa, '072010')).toBe(false);
    expect(canReadPrefectureDetail(sukagawa, '07')).toBe(false);
    expect(canReadMunicipality(sukagawa, 'not-a-code')).toBe(true);
  });
});
