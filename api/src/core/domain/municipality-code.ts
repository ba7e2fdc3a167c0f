/**
 * 全国地方公共団体コード: five digits plus a check digit.
 * Weights 6,5,4,3,2 on the first five digits; check = (11 − sum mod 11) mod 10.
 */
const WEIGHTS = [6, 5, 4, 3, 2];

export class InvalidCodeError extends Error {
  constructor(
    readonly messageJa: string,
    readonly messageEn: string,
  ) {
    super(`${messageJa} / ${messageEn}`);
  }
}

/** Full-width digits (０-９) to ASCII, trimming surrounding blanks. */
export function toAsciiDigits(value: string): string {
  return value.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export function checkDigit(fiveDigits: string): number {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(fiveDigits[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export function withCheckDigit(fiveDigits: string): string {
  return fiveDigits + String(checkDigit(fiveDigits));
}

/** Accepts 5 or 6 digits (full-width allowed); returns the 6-digit code or throws. */
export function parseMunicipalityCode(input: string): string {
  const digits = toAsciiDigits(String(input ?? ''));
  if (!/^\d{5}(\d)?$/.test(digits)) {
    throw new InvalidCodeError(
      `市区町村コードは5桁または6桁の数字で指定してください（入力値: "${String(input).slice(0, 20)}"）`,
      `municipality code must be 5 or 6 digits (got "${String(input).slice(0, 20)}")`,
    );
  }
  const five = digits.slice(0, 5);
  const prefecture = Number(five.slice(0, 2));
  if (prefecture < 1 || prefecture > 47) {
    throw new InvalidCodeError(
      `市区町村コードの先頭2桁は都道府県コード01〜47です（入力値: ${digits}）`,
      `the first two digits must be a prefecture code 01-47 (got ${digits})`,
    );
  }
  const expected = checkDigit(five);
  if (digits.length === 6 && Number(digits[5]) !== expected) {
    throw new InvalidCodeError(
      `市区町村コード ${digits} の検査数字が誤っています（正しくは ${five}${expected}）`,
      `check digit of municipality code ${digits} is wrong (expected ${five}${expected})`,
    );
  }
  return five + String(expected);
}

export function parsePrefectureCode(input: string): string {
  const digits = toAsciiDigits(String(input ?? ''));
  if (!/^\d{1,2}$/.test(digits) || Number(digits) < 1 || Number(digits) > 47) {
    throw new InvalidCodeError(
      `都道府県コードは01〜47で指定してください（入力値: "${String(input).slice(0, 20)}"）`,
      `prefecture code must be 01-47 (got "${String(input).slice(0, 20)}")`,
    );
  }
  return digits.padStart(2, '0');
}

/** One way to read a code as written: as is, or with the leading zero that a spreadsheet dropped put back. */
export interface CodeReading {
  code: string;
  reading: 'as-written' | 'leading-zero-restored';
}

/**
 * Every 6-digit code a written code could mean. Excel drops leading zeros, so "12203" is either 12203 (→
 * 122033 市川市) or 012203 (士別市) with its zero lost; "1100" can only be 01100 (→ 011002 札幌市). Which
 * reading names a registered municipality, and which the row's name or prefecture agrees with, is for
 * the caller to decide. Throws InvalidCodeError when no reading is possible.
 */
export function codeReadings(input: string): CodeReading[] {
  const digits = toAsciiDigits(String(input ?? ''));
  if (digits.length === 6) return [{ code: parseMunicipalityCode(digits), reading: 'as-written' }];
  if (digits.length === 4 && /^\d{4}$/.test(digits))
    return [{ code: parseMunicipalityCode(`0${digits}`), reading: 'leading-zero-restored' }];
  if (!/^\d{5}$/.test(digits)) return [{ code: parseMunicipalityCode(digits), reading: 'as-written' }]; // throws the usual message
  const readings: CodeReading[] = [];
  let firstError: unknown;
  for (const [candidate, reading] of [
    [digits, 'as-written'],
    [`0${digits}`, 'leading-zero-restored'],
  ] as const) {
    try {
      readings.push({ code: parseMunicipalityCode(candidate), reading });
    } catch (error) {
      firstError ??= error;
    }
  }
  if (readings.length === 0) throw firstError;
  return readings;
}
