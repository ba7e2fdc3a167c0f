import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const authErrors = errorTable({
  accountLocked: {
    code: ErrorCode.AccountLocked,
    ja: (until: Date) =>
      `ログインの失敗が続いたため、このアカウントは ${until.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })} までロックされています`,
    en: (until: Date) => `this account is locked after repeated failed sign-ins until ${until.toISOString()}`,
  },
  tooManySignIns: {
    code: ErrorCode.RateLimited,
    ja: () => 'ログインの試行が多すぎます。1分ほど待ってから再試行してください',
    en: () => 'too many sign-in attempts; wait a minute',
  },
  signInFirst: { code: ErrorCode.Unauthorized, ja: () => 'ログインしてください', en: () => 'sign in first' },
  passwordChangeRequired: {
    code: ErrorCode.PasswordChangeRequired,
    ja: () => '初期パスワードのままです。パスワードを変更してから利用してください',
    en: () => 'this account still has its initial password; change it first (POST /api/v1/auth/password)',
  },
  roleMayNot: { code: ErrorCode.Forbidden, ja: () => 'この操作の権限がありません', en: (role: string) => `role ${role} may not do this` },
  areaNotInScope: {
    code: ErrorCode.Forbidden,
    ja: () => 'この地域の詳細を見る権限がありません',
    en: (role: string) => `a ${role} account may not read this area's detail`,
  },
  wrongCredentials: {
    code: ErrorCode.Unauthorized,
    ja: () => 'ユーザー名またはパスワードが違います',
    en: () => 'wrong username or password',
  },
  wrongCurrentPassword: {
    code: ErrorCode.InvalidParameter,
    ja: () => '現在のパスワードが違います',
    en: () => 'the current password is wrong',
  },
  weakPassword: {
    code: ErrorCode.WeakPassword,
    ja: (problem: { ja: string; en: string }) => problem.ja,
    en: (problem: { ja: string; en: string }) => problem.en,
  },
});
