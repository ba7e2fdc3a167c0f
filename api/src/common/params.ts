import { type PipeTransform, Injectable } from '@nestjs/common';
import { InvalidCodeError, parseMunicipalityCode, parsePrefectureCode } from '../core/municipality-code.js';
import { badRequest } from './api-error.js';
import { isIsoDate } from '../core/dates.js';

/** Runs a code parser, turning its InvalidCodeError into the 400 with its Japanese and English reasons. */
export function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidCodeError) throw badRequest(error.messageJa, error.messageEn);
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
    throw badRequest(
      `${name} は実在する日付を YYYY-MM-DD 形式で指定してください（入力値: "${String(value).slice(0, 20)}"）`,
      `${name} must be a real date as YYYY-MM-DD (got "${String(value).slice(0, 20)}")`,
    );
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
  if (parts.length === 0) throw badRequest('codes に市区町村コードを指定してください', 'codes must name at least one municipality code');
  const codes = [...new Set(parts.map((part) => wrap(() => parseMunicipalityCode(part))))];
  if (codes.length > max) {
    throw badRequest(
      `比較できるのは ${max} 団体までです（指定: ${codes.length}）`,
      `at most ${max} municipalities can be compared (got ${codes.length})`,
    );
  }
  return codes;
}
