import type { FastifyRequest } from 'fastify';
import { requestErrors } from '../core/http/request.errors.js';
import { InvalidCodeError, parseMunicipalityCode, parsePrefectureCode } from '../core/domain/municipality-code.js';

/**
 * The area a request names, parsed before any access check: `?prefecture=`, `?municipality=` and a
 * municipality `:code` in the path. Absent is absent; present but empty, blank, repeated or malformed is
 * a 400 — never "no filter", which would widen a scope to the nation.
 */
export interface RequestedArea {
  prefecture?: string;
  municipality?: string;
}

const SCOPED_QUERY = { prefecture: parsePrefectureCode, municipality: parseMunicipalityCode } as const;

function parseScoped(name: string, value: unknown, parse: (v: string) => string): string {
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    throw requestErrors.areaRepeated(name);
  }
  const text = String(value);
  if (text.trim() === '') {
    throw requestErrors.areaEmpty(name);
  }
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof InvalidCodeError) throw requestErrors.parserRefused(error);
    throw error;
  }
}

/** Query parameters that narrow a scope; throws the 400 for a present but unusable value. */
export function requestedArea(req: Pick<FastifyRequest, 'query'>): RequestedArea {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const area: RequestedArea = {};
  for (const [name, parse] of Object.entries(SCOPED_QUERY)) {
    if (query[name] !== undefined) area[name as keyof RequestedArea] = parseScoped(name, query[name], parse);
  }
  return area;
}

/** A municipality code in the path (`/municipalities/:code`), parsed or a 400. */
export function municipalityInPath(req: Pick<FastifyRequest, 'params'>): string {
  return parseScoped('code', (req.params as Record<string, string | undefined>).code, parseMunicipalityCode);
}
