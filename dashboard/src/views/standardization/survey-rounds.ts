import type { SurveyRound } from '$api/standardization/dto/standardization.responses.js';

/** 2025-02 → 2025年2月調査 */
export function roundLabel(round: Pick<SurveyRound, 'round'>): string {
  const [year, month] = round.round.split('-').map(Number);
  return `${year}年${month}月調査`;
}
