import type { Request } from 'express';
import { parseMunicipalityCode, parsePrefectureCode } from '../core/municipality-code.js';
import type { SessionUser } from './user.js';

/**
 * Who may read detail below the prefecture aggregates. admin and national: everything. A prefecture
 * user: municipality- and office-level rows of its own prefecture. A municipality user: its own
 * municipality only (its peers reach it as aggregates inside its own detail).
 * A malformed code passes here so that validation answers it with a 400.
 */
const normalise = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};
const isNationwide = (u: SessionUser) => u.role === 'admin' || u.role === 'national';

export function canReadPrefectureDetail(user: SessionUser, prefecture: unknown): boolean {
  if (isNationwide(user)) return true;
  if (typeof prefecture !== 'string' || prefecture === '') return false;
  const code = normalise(() => parsePrefectureCode(prefecture));
  if (code === undefined) return true;
  return user.role === 'prefecture' && code === user.prefectureCode;
}

export function canReadMunicipality(user: SessionUser, municipality: unknown): boolean {
  if (isNationwide(user)) return true;
  const code = normalise(() => parseMunicipalityCode(String(municipality)));
  if (code === undefined) return true;
  if (user.role === 'prefecture') return code.slice(0, 2) === user.prefectureCode;
  return code === user.municipalityCode;
}

const query = (req: Request, name: string) => (req.query as Record<string, unknown>)[name];

export const prefectureDetailFromQuery = (user: SessionUser, req: Request) => canReadPrefectureDetail(user, query(req, 'prefecture'));
export const municipalityFromParam = (user: SessionUser, req: Request) => canReadMunicipality(user, req.params.code);
/** Aggregates unless a prefecture (detail) is asked for. */
export const optionalPrefectureDetail = (user: SessionUser, req: Request) =>
  query(req, 'prefecture') === undefined || prefectureDetailFromQuery(user, req);
export const trendScope = (user: SessionUser, req: Request) =>
  query(req, 'municipality') === undefined || canReadMunicipality(user, query(req, 'municipality'));
/** Projections: national and prefecture aggregates for everyone; municipalities as the municipality detail allows. */
export const projectionScope = (user: SessionUser, req: Request) => {
  if (query(req, 'level') !== 'municipality') return true;
  if (query(req, 'municipality') !== undefined) return canReadMunicipality(user, query(req, 'municipality'));
  return canReadPrefectureDetail(user, query(req, 'prefecture'));
};
/** Office lists: a municipality's as the municipality detail allows, a prefecture's as its detail allows, the nation's for nationwide roles. */
export const officeListScope = (user: SessionUser, req: Request) =>
  query(req, 'municipality') !== undefined
    ? canReadMunicipality(user, query(req, 'municipality'))
    : canReadPrefectureDetail(user, query(req, 'prefecture'));
