-- Grain: one row per municipality per reason it is at risk, on the run date (as_of).
-- Reasons (the key dates come from settings, so changing the conformance date changes the list):
--   planned_fy2028_or_later  latest survey round: planned period 令和10年度以降
--   undecided                latest survey round: 調整中・未定
--   migration_after_conformance  step ① not completed and not planned before the conformance date
--   overdue                  a step planned before as_of and not completed by it
--   data_migration_late      step ③ not completed and not planned before full operation (2028-04-01)
create or replace table standardization_at_risk as
with key_dates as (select * from stg_key_dates),

latest_round as (
    select round from survey_rounds order by conducted_on desc, round desc limit 1
),

survey as (
    select r.municipality_code, r.planned_period, r.round
    from survey_responses r join latest_round l on l.round = r.round
),

progress as (
    select * from standardization_progress where as_of = getvariable('as_of')
),

reasons as (
    select p.municipality_code, 'planned_fy2028_or_later' as reason,
           '移行予定時期が令和10年度以降（' || s.round || ' 調査）' as detail_ja,
           'planned migration in FY2028 or later (survey ' || s.round || ')' as detail_en
    from progress p join survey s using (municipality_code)
    where s.planned_period = 'FY2028_OR_LATER' and p.migration_completed is null
    union all
    select p.municipality_code, 'undecided',
           '移行予定時期が調整中・未定（' || s.round || ' 調査）',
           'migration timing undecided (survey ' || s.round || ')'
    from progress p join survey s using (municipality_code)
    where s.planned_period = 'UNDECIDED' and p.migration_completed is null
    union all
    select p.municipality_code, 'migration_after_conformance',
           case when p.migration_planned is null then '①標準準拠システムへの移行の予定日が未登録（適合基準日 ' || strftime(k.conformance_date, '%Y-%m-%d') || '）'
                else '①標準準拠システムへの移行予定 ' || strftime(p.migration_planned, '%Y-%m-%d') || ' が適合基準日 ' || strftime(k.conformance_date, '%Y-%m-%d') || ' 以降' end,
           case when p.migration_planned is null then 'step 1 (standard system) has no planned date (conformance date ' || strftime(k.conformance_date, '%Y-%m-%d') || ')'
                else 'step 1 planned ' || strftime(p.migration_planned, '%Y-%m-%d') || ', not before the conformance date ' || strftime(k.conformance_date, '%Y-%m-%d') end
    from progress p cross join key_dates k
    where (p.migration_completed is null or p.migration_completed > p.as_of)
      and (p.migration_planned is null or p.migration_planned >= k.conformance_date)
    union all
    select p.municipality_code, 'overdue',
           '予定日を過ぎて未完了（最大 ' || p.days_late || ' 日超過）',
           'a planned step is not completed (' || p.days_late || ' days late)'
    from progress p
    where p.days_late > 0
    union all
    select p.municipality_code, 'data_migration_late',
           case when p.data_migration_planned is null then '③データ移行の予定日が未登録（本格運用開始 ' || strftime(k.full_operation_date, '%Y-%m-%d') || '）'
                else '③データ移行予定 ' || strftime(p.data_migration_planned, '%Y-%m-%d') || ' が本格運用開始 ' || strftime(k.full_operation_date, '%Y-%m-%d') || ' に間に合わない' end,
           case when p.data_migration_planned is null then 'step 3 (data migration) has no planned date (full operation ' || strftime(k.full_operation_date, '%Y-%m-%d') || ')'
                else 'step 3 planned ' || strftime(p.data_migration_planned, '%Y-%m-%d') || ', not before full operation on ' || strftime(k.full_operation_date, '%Y-%m-%d') end
    from progress p cross join key_dates k
    where (p.data_migration_completed is null or p.data_migration_completed > p.as_of)
      and (p.data_migration_planned is null or p.data_migration_planned >= k.full_operation_date)
)

select getvariable('as_of') as as_of, r.municipality_code, p.prefecture_code, p.vendor, r.reason, r.detail_ja, r.detail_en
from reasons r join progress p using (municipality_code)
order by r.municipality_code, r.reason;
