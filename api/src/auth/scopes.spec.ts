import type { FastifyRequest } from 'fastify';
import { municipalityInPath, requestedArea } from './requested-area.js';
import { canReadMunicipality, canReadPrefectureDetail, officeListScope, projectionScope } from './scopes.js';
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
    expect(canReadPrefectureDetail(fukushima, requestedArea({ query: { prefecture: '7' } }).prefecture)).toBe(true);
    expect(canReadPrefectureDetail(fukushima, '13')).toBe(false);
    expect(canReadPrefectureDetail(fukushima, undefined)).toBe(false);
    expect(canReadMunicipality(fukushima, '072079')).toBe(true);
    expect(canReadMunicipality(fukushima, '131016')).toBe(false);
  });

  it('keeps a municipality account to itself', () => {
    const sukagawa = user('municipality', '07', '072079');
    expect(canReadMunicipality(sukagawa, '072079')).toBe(true);
    expect(canReadMunicipality(sukagawa, requestedArea({ query: { municipality: '07207' } }).municipality!)).toBe(true);
    expect(canReadMunicipality(sukagawa, '072010')).toBe(false);
    expect(canReadPrefectureDetail(sukagawa, '07')).toBe(false);
  });

  it('parses every scoped parameter before a rule reads it: empty, blank, repeated or malformed is a 400, never "no filter"', () => {
    const sukagawa = user('municipality', '07', '072079');
    const asRequest = (query: Record<string, unknown>, params: Record<string, string> = {}) =>
      ({ query, params }) as unknown as FastifyRequest;
    for (const query of [
      { municipality: '' },
      { municipality: ' ' },
      { municipality: 'x' },
      { municipality: ['072079', '131016'] },
      { municipality: '', prefecture: '13' },
      { prefecture: '' },
      { prefecture: '　' },
      { prefecture: '48' },
      { prefecture: ['07', '13'] },
    ]) {
      expect(() => officeListScope(sukagawa, asRequest(query))).toThrow(expect.objectContaining({ status: 400 }));
      expect(() => projectionScope(sukagawa, asRequest({ ...query, level: 'municipality' }))).toThrow(
        expect.objectContaining({ status: 400 }),
      );
    }
    expect(officeListScope(sukagawa, asRequest({ municipality: '072079' }))).toBe(true);
    expect(officeListScope(sukagawa, asRequest({}))).toBe(false);
    for (const code of ['', ' ', 'abc', '072070']) {
      expect(() => municipalityInPath(asRequest({}, { code }))).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});
