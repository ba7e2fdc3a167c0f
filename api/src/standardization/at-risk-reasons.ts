import { STEP_LABELS_JA, type Step } from '../core/domain/standardization-steps.js';
import type { AtRiskDetail } from './dto/standardization.responses.js';
import { REASON_LABELS_JA, type AtRiskReasonCode } from '../core/domain/at-risk-rules.js';

export { AT_RISK_REASONS, REASON_LABELS_JA, type AtRiskReasonCode } from '../core/domain/at-risk-rules.js';

/** One at-risk reason as the standardisation job records it: a code and its parameters. */
export interface AtRiskReason {
  reason: AtRiskReasonCode;
  survey_round: string | null;
  step?: Step | null;
  planned_on: string | null;
  deadline: string | null;
  days_late: number | null;
}

const STEP_EN: Record<Step, string> = {
  migration: 'step 1 (standard system)',
  modification: 'step 2 (modification to send data)',
  transmission_start: 'start of data transmission',
  data_migration: 'step 3 (data migration)',
  sharing_start: 'start of information sharing',
};

/** Words a reason in Japanese and English (the SQL gives codes only). */
export function describeReason(r: AtRiskReason): AtRiskDetail {
  const words = wordings(r);
  return { reason: r.reason, label_ja: REASON_LABELS_JA[r.reason], ...words };
}

function wordings(r: AtRiskReason): { detail_ja: string; detail_en: string } {
  switch (r.reason) {
    case 'planned_fy2028_or_later':
      return {
        detail_ja: `移行予定時期が令和10年度以降（${r.survey_round} 調査）`,
        detail_en: `planned migration in FY2028 or later (survey ${r.survey_round})`,
      };
    case 'undecided':
      return {
        detail_ja: `移行予定時期が調整中・未定（${r.survey_round} 調査）`,
        detail_en: `migration timing undecided (survey ${r.survey_round})`,
      };
    case 'migration_after_conformance':
      return r.planned_on
        ? {
            detail_ja: `①標準準拠システムへの移行予定 ${r.planned_on} が適合基準日 ${r.deadline} 以降`,
            detail_en: `step 1 planned ${r.planned_on}, not before the conformance date ${r.deadline}`,
          }
        : {
            detail_ja: `①標準準拠システムへの移行の予定日が未登録（適合基準日 ${r.deadline}）`,
            detail_en: `step 1 (standard system) has no planned date (conformance date ${r.deadline})`,
          };
    case 'overdue':
      return {
        detail_ja: `予定日を過ぎて未完了（最大 ${r.days_late} 日超過）`,
        detail_en: `a planned step is not completed (${r.days_late} days late)`,
      };
    case 'data_migration_late':
      return r.planned_on
        ? {
            detail_ja: `③データ移行予定 ${r.planned_on} が本格運用開始 ${r.deadline} に間に合わない`,
            detail_en: `step 3 planned ${r.planned_on}, not before full operation on ${r.deadline}`,
          }
        : {
            detail_ja: `③データ移行の予定日が未登録（本格運用開始 ${r.deadline}）`,
            detail_en: `step 3 (data migration) has no planned date (full operation ${r.deadline})`,
          };
    case 'step_after_full_operation': {
      const step = (r.step ?? 'sharing_start') as Step;
      return {
        detail_ja: `${STEP_LABELS_JA[step]}の予定 ${r.planned_on} が本格運用開始 ${r.deadline} より後`,
        detail_en: `${STEP_EN[step]} planned ${r.planned_on}, after full operation on ${r.deadline}`,
      };
    }
  }
}
