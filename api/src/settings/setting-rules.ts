import { parseIsoDate } from '../core/http/params.js';
import type { Role } from '../auth/user.js';
import { settingsErrors } from './settings.errors.js';

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
  if (date < from || date > to) throw settingsErrors.dateOutside({ ja, en }, from, to);
  return date;
}

const RULES: Record<string, SettingRule> = {
  cpdl_target_rate: {
    writableBy: ['admin', 'national'],
    check(value) {
      if (!/^0(\.\d{1,4})?$|^1(\.0+)?$/.test(value) || Number(value) <= 0) {
        throw settingsErrors.badTarget();
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
      if (date > dates.conformance_date) throw settingsErrors.lawAfterConformance(dates.conformance_date);
      return date;
    },
    jobs: ['standardization'],
  },
  cpdl_licence_fee_yen: {
    writableBy: ['admin', 'national'],
    check(value) {
      if (!/^\d{1,7}$/.test(value)) throw settingsErrors.badLicenceFee();
      return String(Number(value));
    },
    jobs: [],
  },
  backup_retention: {
    writableBy: ['admin'],
    check(value) {
      if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 365) throw settingsErrors.badBackupCount();
      return String(Number(value));
    },
    jobs: [],
  },
  full_operation_date: {
    writableBy: ['admin'],
    check(value, dates) {
      const date = dateWithin(value, '2026-04-01', '2035-03-31', '本格運用開始日', 'the full-operation date');
      if (date < dates.conformance_date) throw settingsErrors.fullOperationBeforeConformance(dates.conformance_date);
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
  if (date < '2023-04-01' || date > latest) throw settingsErrors.validFromOutside(latest);
  return date;
}
