import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const eventsErrors = errorTable({
  noEventToDelete: {
    code: ErrorCode.NotFound,
    ja: (id: number) => `出来事 ${id} はありません（または削除できる範囲にありません）`,
    en: (id: number) => `no event ${id} you may delete`,
  },
  areaMismatch: {
    code: ErrorCode.InvalidParameter,
    ja: () => 'prefecture_code と municipality_code が一致しません',
    en: () => 'prefecture_code does not match municipality_code',
  },
  unknownMunicipality: {
    code: ErrorCode.InvalidParameter,
    ja: (code: string) => `市区町村コード ${code} はありません`,
    en: (code: string) => `unknown municipality ${code}`,
  },
  notOwnArea: {
    code: ErrorCode.Forbidden,
    ja: () => 'この地域の出来事は記録できません（自分の都道府県・市区町村の出来事のみ記録できます）',
    en: () => 'you may record events of your own prefecture or municipality only',
  },
});
