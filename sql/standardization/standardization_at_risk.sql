-- Grain: one row per as-of date (stg_progress_dates) per municipality per reason it is at risk on that date.
-- Reasons (the key dates are those in force on the run date, so changing the conformance date changes every list):
--   planned_fy2028_or_later  latest survey round conducted by as_of: planned period 令和10年度以降
--   undecided                latest survey round conducted by as_of: 調整中・未定
--   migration_after_conformance  step ① not completed and not planned before the conformance date
--   overdue                  a step planned before as_of and not completed by it
--   data_migration_late      step ③ not completed and not planned before full operation (2028-04-01)
--   step_after_full_operation  step ②, データ送信開始 or 情報共有開始 not completed and planned after full operation
--                            (the latest such step and its date are recorded)
create or replace table standardization_at_risk as
with key_dates as (select * from stg_key_dates),

progress as (select * from standardization_progress),

-- The survey round in force on each as-of date: the latest conducted on or before it.
round_on as (
    select d.as_of, arg_max(r.round, r.conducted_on) as round
    from stg_progress_dates d join survey_rounds r on r.conducted_on <= d.as_of
    group by d.as_of
),

survey as (
    select o.as_of, r.municipality_code, r.planned_period, r.round
    from round_on o join survey_responses r on r.round = o.round
),

late_steps as (
    select p.as_of, p.municipality_code, k.full_operation_date,
           arg_max(s.step, s.planned_on) as step, max(s.planned_on) as planned_on
    from progress p cross join key_dates k
    cross join lateral (values
        ('modification', p.modification_planned, p.modification_completed),
        ('transmission_start', p.transmission_start_planned, p.transmission_start_completed),
        ('sharing_start', p.sharing_start_planned, p.sharing_start_completed)
    ) s(step, planned_on, completed_on)
    where s.planned_on > k.full_operation_date and (s.completed_on is null or s.completed_on > p.as_of)
    group by p.as_of, p.municipality_code, k.full_operation_date
),

-- Reasons are codes with their parameters; the API words them in Japanese and English (at-risk-reasons.ts).
reasons as (
    select p.as_of, p.municipality_code, 'planned_fy2028_or_later' as reason, s.round as survey_round,
           null::varchar as step, null::date as planned_on, null::date as deadline, null::integer as days_late
    from progress p join survey s using (as_of, municipality_code)
    where s.planned_period = 'FY2028_OR_LATER' and (p.migration_completed is null or p.migration_completed > p.as_of)
    union all
    select p.as_of, p.municipality_code, 'undecided', s.round, null, null, null, null
    from progress p join survey s using (as_of, municipality_code)
    where s.planned_period = 'UNDECIDED' and (p.migration_completed is null or p.migration_completed > p.as_of)
    union all
    select p.as_of, p.municipality_code, 'migration_after_conformance', null, 'migration', p.migration_planned, k.conformance_date, null
    from progress p cross join key_dates k
    where (p.migration_completed is null or p.migration_completed > p.as_of)
      and (p.migration_planned is null or p.migration_planned >= k.conformance_date)
    union all
    select p.as_of, p.municipality_code, 'overdue', null, null, null, null, p.days_late
    from progress p
    where p.days_late > 0
    union all
    select p.as_of, p.municipality_code, 'data_migration_late', null, 'data_migration', p.data_migration_planned, k.full_operation_date, null
    from progress p cross join key_dates k
    where (p.data_migration_completed is null or p.data_migration_completed > p.as_of)
      and (p.data_migration_planned is null or p.data_migration_planned >= k.full_operation_date)
    union all
    select as_of, municipality_code, 'step_after_full_operation', null, step, planned_on, full_operation_date, null
    from late_steps
)

select r.as_of, r.municipality_code, p.prefecture_code, p.vendor, r.reason, r.survey_round, r.step, r.planned_on, r.deadline, r.days_late
from reasons r join progress p using (as_of, municipality_code)
order by r.as_of, r.municipality_code, r.reason;
