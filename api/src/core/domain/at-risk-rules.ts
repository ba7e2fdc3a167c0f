/**
 * The reasons a municipality is at risk of missing the standardisation schedule: their codes, short
 * labels and the rule behind each (sql/standardization/standardization_at_risk.sql applies them; the
 * API words each case; the definitions page states the rules).
 */
export const AT_RISK_REASONS = [
  'planned_fy2028_or_later',
  'undecided',
  'migration_after_conformance',
  'overdue',
  'data_migration_late',
  'step_after_full_operation',
] as const;

export type AtRiskReasonCode = (typeof AT_RISK_REASONS)[number];

/** Short labels of the reasons, for filters and tables. */
export const REASON_LABELS_JA: Record<AtRiskReasonCode, string> = {
  planned_fy2028_or_later: '移行予定が令和10年度以降',
  undecided: '移行時期が調整中・未定',
  migration_after_conformance: '①の予定が適合基準日以降',
  overdue: '予定日を過ぎて未完了',
  data_migration_late: '③の予定が本格運用開始以降',
  step_after_full_operation: '送信・共有の開始予定が本格運用開始より後',
};

/** The rule of each reason, as the definitions page states it. */
export const REASON_RULES_JA: Record<AtRiskReasonCode, string> = {
  planned_fy2028_or_later: '基準日以前で最新の自治体アンケートで、移行予定時期を「令和10年度以降」と回答し、①が未完了。',
  undecided: '同じアンケートで移行予定時期が「調整中」「未定」で、①が未完了。',
  migration_after_conformance: '①標準準拠システムへの移行が未完了で、予定日が適合基準日以降（または未登録）。',
  overdue: 'いずれかの段階の予定日を基準日までに過ぎ、完了していない（最大の超過日数を表示）。',
  data_migration_late: '③介護情報基盤へのデータ移行が未完了で、予定日が本格運用開始（2028-04-01）以降（または未登録）。',
  step_after_full_operation: '②改修・データ送信開始・情報共有開始のいずれかが未完了で、予定日が本格運用開始より後。',
};
