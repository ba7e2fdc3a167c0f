import { ErrorCode, errorTable } from '../common/api-error.js';

export const eventsErrors = errorTable({
  notOwnArea: {
    code: ErrorCode.Forbidden,
    ja: () => 'この地域の出来事は記録できません（自分の都道府県・市区町村の出来事のみ記録できます）',
    en: () => 'you may record events of your own prefecture or municipality only',
  },
});
