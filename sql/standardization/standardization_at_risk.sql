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

-- Reasons are codes with their parameters; the API words them in Japanese and English (at-risk-reasons.ts).
reasons as (
    select p.municipality_code, 'planned_fy2028_or_later' as reason,
           s.round as survey_round, null::date as planned_on, null::date as deadline, null::integer as days_late
    from progress p join survey s using (municipality_code)
    where s.planned_period = 'FY2028_OR_LATER' and p.migration_completed is null
    union all
    select p.municipality_code, 'undecided', s.round, null, null, null
    from progress p join survey s using (municipality_code)
    where s.planned_period = 'UNDECIDED' and p.migration_completed is null
    union all
    select p.municipality_code, 'migration_after_conformance', null, p.migration_planned, k.conformance_date, null
    from progress p cross join key_dates k
    where (p.migration_completed is null or p.migration_completed > p.as_of)
      and (p.migration_planned is null or p.migration_planned >= k.conformance_date)
    union all
    select p.municipality_code, 'overdue', null, null, null, p.days_late
    from progress p
    where p.days_late > 0
    union all
    select p.municipality_code, 'data_migration_late', null, p.data_migration_planned, k.full_operation_date, null
    from progress p cross join key_dates k
    where (p.data_migration_completed is null or p.data_migration_completed > p.as_of)
      and (p.data_migration_planned is null or p.data_migration_planned >= k.full_operation_date)
)

select getvariable('as_of') as as_of, r.municipality_code, p.prefecture_code, p.vendor, r.reason, r.survey_round, r.planned_on, r.deadline, r.days_late
from reasons r join progress p using (municipality_code)
order by r.municipality_code, r.reason;
