import { type PipeTransform, Injectable } from '@nestjs/common';
import { InvalidCodeError, parseMunicipalityCode, parsePrefectureCode } from '../domain/municipality-code.js';
import { requestErrors } from './request.errors.js';
import { isIsoDate } from '../domain/dates.js';

/** Runs a code parser, turning its InvalidCodeError into the 400 with its Japanese and English reasons. */
export function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidCodeError) throw requestErrors.parserRefused(error);
    throw error;
  }
}

@Injectable()
export class MunicipalityCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return wrap(() => parseMunicipalityCode(value));
  }
}

/** Optional prefecture code in a query string: absent is undefined, empty is a 400 (never "every prefecture"). */
@Injectable()
export class OptionalPrefecturePipe implements PipeTransform<string | undefined, string | undefined> {
  transform(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    return wrap(() => parsePrefectureCode(value));
  }
}

/** YYYY-MM-DD that is a real calendar date (2025-02-30 is refused). */
export function parseIsoDate(value: string, name = 'date'): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw requestErrors.notADate(name, value);
  }
  return value;
}

/** Optional municipality code in a query string: absent is undefined, empty is a 400. */
@Injectable()
export class OptionalMunicipalityPipe implements PipeTransform<string | undefined, string | undefined> {
  transform(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    return wrap(() => parseMunicipalityCode(value));
  }
}

/** Comma-separated municipality codes (`?codes=072079,072010`): each parsed, repeats dropped, 1 to `max`; else a 400. */
export function parseMunicipalityCodeList(value: string, max: number): string[] {
  const parts = String(value ?? '')
    .split(/[,、，]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw requestErrors.noCodes();
  const codes = [...new Set(parts.map((part) => wrap(() => parseMunicipalityCode(part))))];
  if (codes.length > max) {
    throw requestErrors.tooManyCodes(max, codes.length);
  }
  return codes;
}
