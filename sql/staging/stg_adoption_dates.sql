-- Grain: one row per as-of date the adoption marts are computed for in this run:
-- every month end from 2023-04 (the system's first month) up to the run date, the run date itself,
-- and any as-of date an earlier run was asked for (kept so an ad-hoc date is not lost).
-- An incremental run (recompute_from set) keeps only the dates on or after recompute_from and the dates
-- the marts do not hold yet; a full run (recompute_from null) keeps them all.
create or replace table stg_adoption_dates as
with month_ends as (
    select last_day(cast(month_start as date)) as as_of
    from range(date '2023-04-01', getvariable('as_of') + interval 1 day, interval 1 month) t(month_start)
),

requested as (
    select getvariable('as_of') as as_of
    union all
    select as_of from previous_as_of_dates
),

all_dates as (
    select as_of from month_ends where as_of <= getvariable('as_of')
    union
    select as_of from requested
),

final as (
    select as_of
    from all_dates
    where getvariable('recompute_from') is null
       or as_of >= getvariable('recompute_from')
       or as_of not in (select as_of from previous_as_of_dates)
)

select as_of from final order by as_of;
