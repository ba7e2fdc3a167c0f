import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const settingsErrors = errorTable({
  notChangeable: {
    code: ErrorCode.NotFound,
    ja: (key: string) => `設定 ${key.slice(0, 50)} は変更できません`,
    en: (key: string) => `setting ${key.slice(0, 50)} cannot be changed`,
  },
  dateOutside: {
    code: ErrorCode.InvalidParameter,
    ja: (what: { ja: string; en: string }, from: string, to: string) => `${what.ja}は ${from} から ${to} の間で指定してください`,
    en: (what: { ja: string; en: string }, from: string, to: string) => `${what.en} must lie between ${from} and ${to}`,
  },
  badTarget: {
    code: ErrorCode.InvalidParameter,
    ja: () => '目標値は 0 より大きく 1 以下の小数で指定してください（例: 0.30）',
    en: () => 'target must be a fraction above 0 and at most 1 (e.g. 0.30)',
  },
  lawAfterConformance: {
    code: ErrorCode.InvalidParameter,
    ja: (conformance: string) => `法施行日は適合基準日（${conformance}）以前です`,
    en: (conformance: string) => `the law-in-force date must not be after the conformance date (${conformance})`,
  },
  badLicenceFee: {
    code: ErrorCode.InvalidParameter,
    ja: () => 'ライセンス料は 0 以上の整数（円、1事業所あたり年額）で指定してください',
    en: () => 'the licence fee is a whole number of yen per office and year, 0 or more',
  },
  badBackupCount: {
    code: ErrorCode.InvalidParameter,
    ja: () => '保存する夜間バックアップの数は 1 から 365 の整数です',
    en: () => 'the number of nightly backups kept is an integer from 1 to 365',
  },
  fullOperationBeforeConformance: {
    code: ErrorCode.InvalidParameter,
    ja: (conformance: string) => `本格運用開始日は適合基準日（${conformance}）以後です`,
    en: (conformance: string) => `the full-operation date must not be before the conformance date (${conformance})`,
  },
  validFromOutside: {
    code: ErrorCode.InvalidParameter,
    ja: (latest: string) => `valid_from は 2023-04-01 から ${latest} の間で指定してください`,
    en: (latest: string) => `valid_from must lie between 2023-04-01 and ${latest}`,
  },
  notWritableBy: {
    code: ErrorCode.Forbidden,
    ja: (key: string, writableBy: readonly string[]) => `設定 ${key} を変更できるのは ${writableBy.join('・')} です`,
    en: (key: string, writableBy: readonly string[]) => `only ${writableBy.join(', ')} may change ${key}`,
  },
});
