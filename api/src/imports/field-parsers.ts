import { InvalidCodeError, parseMunicipalityCode, parsePrefectureCode, toAsciiDigits } from '../core/domain/municipality-code.js';
import { FieldError } from './import-errors.js';
import { addDays, todayInTokyo } from '../core/domain/dates.js';
import { normalisePhoneText } from '../core/domain/japanese-names.js';
import { JapaneseDateError, parseFiscalYear, parseJapaneseDate, parseJapaneseMonth } from '../core/domain/japanese-dates.js';

/** Field parsers shared by every import kind. Each throws FieldError with a bilingual reason. */

export function required(value: string): string {
  const v = value.trim();
  if (v === '') throw new FieldError('必須項目が空です', 'required value is empty');
  return v;
}

/** Free text is stored as given, trimmed only (names keep their full-width and special characters). */
export function text(value: string, maxLength = 200): string {
  const v = required(value);
  if (v.length > maxLength)
    throw new FieldError(`${maxLength}文字以内で入力してください（${v.length}文字）`, `longer than ${maxLength} characters (${v.length})`);
  return v;
}

export function optionalText(value: string, maxLength = 200): string | null {
  return value.trim() === '' ? null : text(value, maxLength);
}

/** A telephone number as lists write it (full-width digits, hyphens or brackets); empty is none. */
export function optionalPhone(value: string): string | null {
  const v = normalisePhoneText(value);
  if (v === '') return null;
  if (!/^\+?[0-9(][0-9()\- ]{5,22}$/.test(v) || (v.match(/[0-9]/g) ?? []).length < 6)
    throw new FieldError(`電話番号の形式が正しくありません（${v.slice(0, 30)}）`, `not a telephone number (${v.slice(0, 30)})`);
  return v;
}

/**
 * 介護保険事業所番号: 10 characters, the first two the prefecture; the third may be a capital letter
 * (総合事業 offices, e.g. 04A0700017). Nine digits usually mean Excel dropped the leading zero.
 */
export function officeNumber(value: string): string {
  const v = toAsciiDigits(required(value)).normalize('NFKC').toUpperCase();
  if (/^\d{9}$/.test(v)) {
    throw new FieldError(
      `事業所番号は10桁です（9桁: ${v}）。先頭の0が失われた可能性があります（0${v}）。Excel では列を文字列にして保存してください`,
      `office numbers have 10 characters (got 9: ${v}); the leading zero may have been lost (0${v}) — keep the column as text in Excel`,
    );
  }
  if (!/^\d{2}[0-9A-Z]\d{7}$/.test(v)) {
    throw new FieldError(
      '事業所番号は10桁です（3桁目は英大文字も可）',
      'office number must be 10 characters: digits, a capital letter allowed in the third place',
    );
  }
  const prefecture = Number(v.slice(0, 2));
  if (prefecture < 1 || prefecture > 47) {
    throw new FieldError(
      '事業所番号の先頭2桁は都道府県コード（01〜47）です',
      'the first two digits of an office number are a prefecture code (01-47)',
    );
  }
  return v;
}

export function municipalityCode(value: string): string {
  try {
    return parseMunicipalityCode(required(value));
  } catch (error) {
    if (error instanceof InvalidCodeError) throw new FieldError(error.messageJa, error.messageEn);
    throw error;
  }
}

export function prefectureCode(value: string): string {
  try {
    return parsePrefectureCode(required(value));
  } catch (error) {
    if (error instanceof InvalidCodeError) throw new FieldError(error.messageJa, error.messageEn);
    throw error;
  }
}

/** A date in any form government files use (core/japanese-dates.ts): 和暦, western, compact, Excel serial. */
export function date(value: string): string {
  try {
    return parseJapaneseDate(required(value));
  } catch (error) {
    if (error instanceof JapaneseDateError) throw new FieldError(error.reasonJa, error.reasonEn);
    throw error;
  }
}

/** A month (2025-05, 2025年5月, 令和7年5月 …) as YYYY-MM. */
export function month(value: string): string {
  try {
    return parseJapaneseMonth(required(value));
  } catch (error) {
    if (error instanceof JapaneseDateError) throw new FieldError(error.reasonJa, error.reasonEn);
    throw error;
  }
}

/** A fiscal year (2025, 2025年度, 令和7年度, R7 …) within a range. */
export function fiscalYear(value: string, range: [number, number] = [2019, 2035]): number {
  let year: number;
  try {
    year = parseFiscalYear(required(value));
  } catch (error) {
    if (error instanceof JapaneseDateError) throw new FieldError(error.reasonJa, error.reasonEn);
    throw error;
  }
  if (year < range[0] || year > range[1]) {
    throw new FieldError(
      `年度は ${range[0]}〜${range[1]} 年度の範囲です（${year}）`,
      `the fiscal year must lie between ${range[0]} and ${range[1]} (${year})`,
    );
  }
  return year;
}

export function optionalDate(value: string): string | null {
  return value.trim() === '' ? null : date(value);
}

/** A bound of a plausible range: a fixed date, or one relative to today in Tokyo (checked per upload). */
export type DateBound = string | { daysFromToday: number };
const boundValue = (b: DateBound) => (typeof b === 'string' ? b : addDays(todayInTokyo(), b.daysFromToday));

/**
 * A date parser refusing dates outside a plausible range (a typo such as 0001-01-01 or 9999-12-31
 * is caught here rather than stored): e.g. a designation not before 2000-04-01 nor in the future.
 */
export function dateBetween(from: DateBound, to: DateBound, what: { ja: string; en: string }) {
  return (value: string): string => {
    const iso = date(value);
    const [min, max] = [boundValue(from), boundValue(to)];
    if (iso < min || iso > max) {
      throw new FieldError(
        `${what.ja}は ${min} から ${max} の間の日付です（${iso}）`,
        `${what.en} must lie between ${min} and ${max} (${iso})`,
      );
    }
    return iso;
  };
}

export function optionalDateBetween(from: DateBound, to: DateBound, what: { ja: string; en: string }) {
  const parse = dateBetween(from, to, what);
  return (value: string): string | null => (value.trim() === '' ? null : parse(value));
}

/** Non-negative integer; full-width digits and thousands separators accepted. */
export function count(value: string, max = 1_000_000_000): number {
  const v = toAsciiDigits(required(value)).replace(/[,，]/g, '');
  if (!/^\d+$/.test(v)) throw new FieldError('0以上の整数で入力してください', 'must be a whole number of 0 or more');
  const n = Number(v);
  if (n > max) throw new FieldError(`${max.toLocaleString('ja-JP')} 以下で入力してください`, `must be at most ${max}`);
  return n;
}

export function serviceTypeCode(value: string): string {
  const v = toAsciiDigits(required(value)).toUpperCase();
  if (!/^[0-9A-Z]{3}$/.test(v))
    throw new FieldError('サービス種類コードは3桁です（例: 430）', 'service type code must be 3 characters (e.g. 430)');
  return v;
}

/** One of a fixed set of labels (NFKC-normalised, blanks removed) mapped to a stored value. */
export function oneOf<T>(value: string, labels: Record<string, T>, what: { ja: string; en: string }): T {
  const key = required(value).normalize('NFKC').replace(/\s+/g, '');
  const found = labels[key] ?? labels[key.toLowerCase()];
  if (found === undefined) {
    const accepted = Object.keys(labels)
      .filter((k) => /[^\p{ASCII}]/u.test(k))
      .join(' / ');
    throw new FieldError(
      `${what.ja}の値が不正です: "${key.slice(0, 30)}"（${accepted}）`,
      `unknown ${what.en} "${key.slice(0, 30)}" (accepted: ${accepted})`,
    );
  }
  return found;
}
