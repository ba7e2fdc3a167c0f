import { ErrorCode, errorTable } from '../common/api-error.js';

export const standardizationErrors = errorTable({
  unknownRound: {
    code: ErrorCode.NotFound,
    ja: (round: string) => `調査回 ${round} はありません`,
    en: (round: string) => `no survey round ${round}`,
    details: (_round: string, available: string[]) => ({ available_rounds: available }),
  },
});
