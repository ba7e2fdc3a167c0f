import type { FastifyRequest } from 'fastify';
import { municipalityInPath, requestedArea } from './requested-area.js';
import type { SessionUser } from './user.js';

/**
 * Who may read detail below the prefecture aggregates. admin and national: everything. A prefecture
 * user: municipality- and office-level rows of its own prefecture. A municipality user: its own
 * municipality only (its peers reach it as aggregates inside its own detail).
 * Codes arrive parsed (requested-area.ts): an empty or malformed one never reaches these checks.
 */
const isNationwide = (u: SessionUser) => u.role === 'admin' || u.role === 'national';

/** `prefecture`: a parsed code, or undefined for "no prefecture" (the nation's detail). */
export function canReadPrefectureDetail(user: SessionUser, prefecture: string | undefined): boolean {
  if (isNationwide(user)) return true;
  return prefecture !== undefined && user.role === 'prefecture' && prefecture === user.prefectureCode;
}

/** `municipality`: a parsed 6-digit code. */
export function canReadMunicipality(user: SessionUser, municipality: string): boolean {
  if (isNationwide(user)) return true;
  if (user.role === 'prefecture') return municipality.slice(0, 2) === user.prefectureCode;
  return municipality === user.municipalityCode;
}

export const prefectureDetailFromQuery = (user: SessionUser, req: FastifyRequest) =>
  canReadPrefectureDetail(user, requestedArea(req).prefecture);
export const municipalityFromParam = (user: SessionUser, req: FastifyRequest) => canReadMunicipality(user, municipalityInPath(req));
/** Aggregates unless a prefecture (detail) is asked for. */
export const optionalPrefectureDetail = (user: SessionUser, req: FastifyRequest) => {
  const { prefecture } = requestedArea(req);
  return prefecture === undefined || canReadPrefectureDetail(user, prefecture);
};
export const trendScope = (user: SessionUser, req: FastifyRequest) => {
  const { municipality } = requestedArea(req);
  return municipality === undefined || canReadMunicipality(user, municipality);
};
/** Projections: national and prefecture aggregates for everyone; municipalities as the municipality detail allows. */
export const projectionScope = (user: SessionUser, req: FastifyRequest) => {
  if ((req.query as Record<string, unknown>).level !== 'municipality') return true;
  const { prefecture, municipality } = requestedArea(req);
  if (municipality !== undefined) return canReadMunicipality(user, municipality);
  return canReadPrefectureDetail(user, prefecture);
};
/** Office lists: a municipality's as the municipality detail allows, a prefecture's as its detail allows, the nation's for nationwide roles. */
export const officeListScope = (user: SessionUser, req: FastifyRequest) => {
  const { prefecture, municipality } = requestedArea(req);
  return municipality !== undefined ? canReadMunicipality(user, municipality) : canReadPrefectureDetail(user, prefecture);
};
/**
 * Events of an area: a municipality's as its detail allows; a prefecture's for nationwide roles and that
 * prefecture's own accounts (the prefecture and its municipalities); the nation's for everyone.
 */
export const eventsScope = (user: SessionUser, req: FastifyRequest) => {
  const { prefecture, municipality } = requestedArea(req);
  if (municipality !== undefined) return canReadMunicipality(user, municipality);
  if (prefecture === undefined || isNationwide(user)) return true;
  return prefecture === user.prefectureCode || prefecture === user.municipalityCode?.slice(0, 2);
};
