import { addDays, ERAS, isIsoDate } from './dates.js';

/**
 * Dates as Japanese government files write them, to ISO YYYY-MM-DD: 元号 (令和6年5月1日, 令和元年5月1日,
 * R6.5.1, R06.05.01, H31.4.30, 令6. 5. 1), western (2024年5月1日, 2024/05/01, 2024-5-1, 2024.5.1, 20240501,
 * with a time such as "2024/05/01 0:00"), full-width digits, and Excel serial day numbers (45413).
 * One parser for every import kind; a date that does not exist, or an era date outside its era, is refused
 * with the reason.
 */
export class JapaneseDateError extends Error {
  constructor(
    readonly reasonJa: string,
    readonly reasonEn: string,
  ) {
    super(reasonEn);
  }
}

const ERA_BY_PREFIX: Record<string, (typeof ERAS)[number]> = Object.fromEntries(
  ERAS.flatMap((era) => [
    [era.name, era],
    [era.name[0], era],
    [era.abbr, era],
    [era.abbr.toLowerCase(), era],
  ]),
);

/** The last day of an era: the day before the next era began (令和 has none yet). */
function eraEnd(era: (typeof ERAS)[number]): string | undefined {
  const i = ERAS.indexOf(era);
  return i === 0 ? undefined : addDays(ERAS[i - 1].start, -1);
}

/** Full-width digits and punctuation to ASCII, spaces removed. */
function normalise(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').trim();
}

/** A date as written, without a trailing time of day ("2024/05/01 0:00", "2024-05-01T00:00:00"). */
function dateOnly(value: string): string {
  return normalise(
    value
      .normalize('NFKC')
      .trim()
      .replace(/(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, ''),
  );
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function real(y: number, m: number, d: number, shown: string): string {
  const date = iso(y, m, d);
  if (!isIsoDate(date)) throw new JapaneseDateError(`存在しない日付です（${shown}）`, `no such date (${shown})`);
  return date;
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); only plausible serials are read as dates. */
export function excelSerialToIso(serial: number): string {
  return addDays('1899-12-30', Math.floor(serial));
}
const SERIAL_RANGE: [number, number] = [20_000, 80_000]; // 1954-10-03 .. 2119-01-10

export function parseJapaneseDate(value: string): string {
  const withoutTime = dateOnly(value);
  const era = /^(令和|平成|昭和|令|平|昭|[RHSrhs])(元|\d{1,2})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/.exec(withoutTime);
  if (era) {
    const e = ERA_BY_PREFIX[era[1]];
    const year = era[2] === '元' ? 1 : Number(era[2]);
    if (year < 1)
      throw new JapaneseDateError(`${e.name}0年はありません（${value.trim()}）`, `there is no year 0 of ${e.name} (${value.trim()})`);
    const date = real(Number(e.start.slice(0, 4)) + year - 1, Number(era[3]), Number(era[4]), value.trim());
    const end = eraEnd(e);
    if (date < e.start || (end && date > end)) {
      const range = `${e.start} 〜 ${end ?? ''}`;
      throw new JapaneseDateError(
        `${e.name}の期間（${range}）外の日付です（${value.trim()} = ${date}）`,
        `${value.trim()} (${date}) lies outside the ${e.name} era (${range})`,
      );
    }
    return date;
  }
  const western = /^(\d{4})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/.exec(withoutTime);
  if (western) return real(Number(western[1]), Number(western[2]), Number(western[3]), value.trim());
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(withoutTime);
  if (compact) return real(Number(compact[1]), Number(compact[2]), Number(compact[3]), value.trim());
  const serial = /^\d{5}(?:\.\d+)?$/.test(withoutTime) ? Number(withoutTime) : NaN;
  if (serial >= SERIAL_RANGE[0] && serial <= SERIAL_RANGE[1]) return excelSerialToIso(serial);
  throw new JapaneseDateError(
    `日付として読めません（${value.trim().slice(0, 30)}）。2024-05-01、2024/5/1、2024年5月1日、令和6年5月1日、R6.5.1 などの形式で入力してください`,
    `not a date (${value.trim().slice(0, 30)}); write it as 2024-05-01, 2024/5/1, 2024年5月1日, 令和6年5月1日 or R6.5.1`,
  );
}

/**
 * Fiscal years (April–March): 2025, 2025年度, 令和7年度, 令和元年度, R7年度, R7, 令和７年度 → the western
 * year in which the fiscal year starts.
 */
export function parseFiscalYear(value: string): number {
  const v = normalise(value);
  const era = /^(令和|平成|令|平|[RHrh])(元|\d{1,2})(?:年度)?$/.exec(v);
  if (era) {
    const e = ERA_BY_PREFIX[era[1]];
    const year = era[2] === '元' ? 1 : Number(era[2]);
    if (year >= 1) return Number(e.start.slice(0, 4)) + year - 1;
  }
  const western = /^(\d{4})(?:年度)?$/.exec(v);
  if (western) return Number(western[1]);
  throw new JapaneseDateError(
    `年度として読めません（${value.trim().slice(0, 20)}）。2025、2025年度、令和7年度、R7年度 の形式で入力してください`,
    `not a fiscal year (${value.trim().slice(0, 20)}); write it as 2025, 2025年度, 令和7年度 or R7年度`,
  );
}

/** A month: 2025-05, 2025/5, 2025年5月, 202505, 令和7年5月, R7.5 → 2025-05. */
export function parseJapaneseMonth(value: string): string {
  const v = dateOnly(value);
  const era = /^(令和|平成|令|平|[RHrh])(元|\d{1,2})(?:年|[./-])(\d{1,2})月?$/.exec(v);
  const western = /^(\d{4})(?:年|[./-])?(\d{1,2})月?$/.exec(v);
  let year: number | undefined;
  let month: number | undefined;
  if (era) {
    const e = ERA_BY_PREFIX[era[1]];
    year = Number(e.start.slice(0, 4)) + (era[2] === '元' ? 1 : Number(era[2])) - 1;
    month = Number(era[3]);
  } else if (western && (western[2].length === 2 || /[年./-]/.test(v))) {
    year = Number(western[1]);
    month = Number(western[2]);
  }
  if (year === undefined || month === undefined || month < 1 || month > 12) {
    throw new JapaneseDateError(
      `年月として読めません（${value.trim().slice(0, 20)}）。2025-05、2025年5月、令和7年5月 の形式で入力してください`,
      `not a month (${value.trim().slice(0, 20)}); write it as 2025-05, 2025年5月 or 令和7年5月`,
    );
  }
  return `${year}-${String(month).padStart(2, '0')}`;
}
