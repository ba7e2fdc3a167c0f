import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const standardizationErrors = errorTable({
  badRound: { code: ErrorCode.InvalidParameter, ja: () => '調査回は YYYY-MM 形式です', en: () => 'round must be YYYY-MM' },
  unknownRound: {
    code: ErrorCode.NotFound,
    ja: (round: string) => `調査回 ${round} はありません`,
    en: (round: string) => `no survey round ${round}`,
    details: (_round: string, available: string[]) => ({ available_rounds: available }),
  },
});
