import { describeReason } from './at-risk-reasons.js';

describe('describeReason', () => {
  it('words each reason code with its parameters in Japanese and English', () => {
    expect(describeReason({ reason: 'overdue', survey_round: null, planned_on: null, deadline: null, days_late: 121 })).toEqual({
      reason: 'overdue',
      label_ja: '予定日を過ぎて未完了',
      detail_ja: '予定日を過ぎて未完了（最大 121 日超過）',
      detail_en: 'a planned step is not completed (121 days late)',
    });
    expect(
      describeReason({
        reason: 'migration_after_conformance',
        survey_round: null,
        planned_on: '2027-06-01',
        deadline: '2027-04-01',
        days_late: null,
      }).detail_en,
    ).toBe('step 1 planned 2027-06-01, not before the conformance date 2027-04-01');
    expect(
      describeReason({
        reason: 'migration_after_conformance',
        survey_round: null,
        planned_on: null,
        deadline: '2028-04-01',
        days_late: null,
      }).detail_ja,
    ).toBe('①標準準拠システムへの移行の予定日が未登録（適合基準日 2028-04-01）');
    expect(
      describeReason({ reason: 'undecided', survey_round: '2025-02', planned_on: null, deadline: null, days_late: null }).detail_ja,
    ).toBe('移行予定時期が調整中・未定（2025-02 調査）');
    expect(
      describeReason({
        reason: 'data_migration_late',
        survey_round: null,
        planned_on: '2028-06-01',
        deadline: '2028-04-01',
        days_late: null,
      }).detail_en,
    ).toBe('step 3 planned 2028-06-01, not before full operation on 2028-04-01');
    expect(
      describeReason({ reason: 'planned_fy2028_or_later', survey_round: '2025-02', planned_on: null, deadline: null, days_late: null })
        .detail_en,
    ).toBe('planned migration in FY2028 or later (survey 2025-02)');
  });
});

describe('describeReason for a step planned after full operation', () => {
  it('names the step and both dates', () => {
    const detail = describeReason({
      reason: 'step_after_full_operation',
      survey_round: null,
      step: 'sharing_start',
      planned_on: '2028-04-07',
      deadline: '2028-04-01',
      days_late: null,
    });
    expect(detail).toEqual({
      reason: 'step_after_full_operation',
      label_ja: '送信・共有の開始予定が本格運用開始より後',
      detail_ja: '情報共有開始の予定 2028-04-07 が本格運用開始 2028-04-01 より後',
      detail_en: 'start of information sharing planned 2028-04-07, after full operation on 2028-04-01',
    });
  });
});
