import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const accountsErrors = errorTable({
  noAccount: { code: ErrorCode.NotFound, ja: (id: number) => `アカウント ${id} はありません`, en: (id: number) => `no account ${id}` },
  notEmail: { code: ErrorCode.InvalidParameter, ja: () => 'メールアドレスの形式ではありません', en: () => 'not an email address' },
  areaCodeNeeded: {
    code: ErrorCode.InvalidParameter,
    ja: () => 'この役割には地域コードが必要です',
    en: () => 'this role needs an area code',
  },
  badAreaCode: {
    code: ErrorCode.InvalidParameter,
    ja: (code: string) => `地域コード ${code} が正しくありません`,
    en: (code: string, why: string) => `invalid area code ${code}: ${why}`,
  },
  badPrefectureCode: {
    code: ErrorCode.InvalidParameter,
    ja: () => '都道府県コードが正しくありません',
    en: () => 'invalid prefecture code',
  },
  nothingToChange: {
    code: ErrorCode.InvalidParameter,
    ja: () => '変更する項目がありません',
    en: () => 'nothing to change: give role, area_code, disabled, display_name or email',
  },
  ownAccount: {
    code: ErrorCode.OwnAccount,
    ja: () => '自分のアカウントは無効化・役割変更できません',
    en: () => 'you cannot disable or demote your own account',
  },
});
