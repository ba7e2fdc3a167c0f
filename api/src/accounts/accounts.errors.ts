import { ErrorCode, errorTable } from '../common/api-error.js';

export const accountsErrors = errorTable({
  ownAccount: {
    code: ErrorCode.OwnAccount,
    ja: () => '自分のアカウントは無効化・役割変更できません',
    en: () => 'you cannot disable or demote your own account',
  },
});
