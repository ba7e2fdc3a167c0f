import { parseIsoDate } from '../common/params.js';
import { badRequest } from '../common/api-error.js';
import type { Role } from '../auth/user.js';

/** The values in force of the key dates, for the checks that relate one date to another. */
export type KeyDates = Record<'law_in_force_date' | 'conformance_date' | 'full_operation_date', string>;

export interface SettingRule {
  /** Roles that may change it (README, "Accounts and roles"). */
  writableBy: Role[];
  /** Checks and normalises a value, given the other key dates in force. */
  check(value: string, dates: KeyDates): string;
  /** Jobs that read it and must rerun after a change. */
  jobs: string[];
}

function dateWithin(value: string, from: string, to: string, ja: string, en: string): string {
  const date = parseIsoDate(value, 'value');
  if (date < from || date > to)
    throw badRequest(`${ja}は ${from} から ${to} の間で指定してください`, `${en} must lie between ${from} and ${to}`);
  return date;
}

const RULES: Record<string, SettingRule> = {
  cpdl_target_rate: {
    writableBy: ['admin', 'national'],
    check(value) {
      if (!/^0(\.\d{1,4})?$|^1(\.0+)?$/.test(value) || Number(value) <= 0) {
        throw badRequest(
          '目標値は 0 より大きく 1 以下の小数で指定してください（例: 0.30）',
          'target must be a fraction above 0 and at most 1 (e.g. 0.30)',
        );
      }
      return value;
    },
    jobs: ['adoption'],
  },
  conformance_date: {
    writableBy: ['admin', 'national'],
    check(value, dates) {
      // The seed: set between the law's entry into force and full operation.
      return dateWithin(value, dates.law_in_force_date, dates.full_operation_date, '適合基準日', 'the conformance date');
    },
    jobs: ['standardization'],
  },
  law_in_force_date: {
    writableBy: ['admin'],
    check(value, dates) {
      const date = dateWithin(value, '2024-04-01', '2030-03-31', '法施行日', 'the law-in-force date');
      if (date > dates.conformance_date)
        throw badRequest(
          `法施行日は適合基準日（${dates.conformance_date}）以前です`,
          `the law-in-force date must not be after the conformance date (${dates.conformance_date})`,
        );
      return date;
    },
    jobs: ['standardization'],
  },
  cpdl_licence_fee_yen: {
    writableBy: ['admin', 'national'],
    check(value) {
      if (!/^\d{1,7}$/.test(value))
        throw badRequest(
          'ライセンス料は 0 以上の整数（円、1事業所あたり年額）で指定してください',
          'the licence fee is a whole number of yen per office and year, 0 or more',
        );
      return String(Number(value));
    },
    jobs: [],
  },
  backup_retention: {
    writableBy: ['admin'],
    check(value) {
      if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 365)
        throw badRequest(
          '保存する夜間バックアップの数は 1 から 365 の整数です',
          'the number of nightly backups kept is an integer from 1 to 365',
        );
      return String(Number(value));
    },
    jobs: [],
  },
  full_operation_date: {
    writableBy: ['admin'],
    check(value, dates) {
      const date = dateWithin(value, '2026-04-01', '2035-03-31', '本格運用開始日', 'the full-operation date');
      if (date < dates.conformance_date)
        throw badRequest(
          `本格運用開始日は適合基準日（${dates.conformance_date}）以後です`,
          `the full-operation date must not be before the conformance date (${dates.conformance_date})`,
        );
      return date;
    },
    jobs: ['standardization'],
  },
};

/** The rule of a key; own keys only (`__proto__`, `constructor` are not settings). */
export function settingRule(key: string): SettingRule | undefined {
  return Object.hasOwn(RULES, key) ? RULES[key] : undefined;
}

export const SETTING_KEYS = Object.keys(RULES);

/** A new value applies from this date: not before the data starts (FY2023), not more than five years ahead. */
export function checkValidFrom(value: string, today: string): string {
  const date = parseIsoDate(value, 'valid_from');
  const latest = `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`;
  if (date < '2023-04-01' || date > latest)
    throw badRequest(
      `valid_from は 2023-04-01 から ${latest} の間で指定してください`,
      `valid_from must lie between 2023-04-01 and ${latest}`,
    );
  return date;
}
