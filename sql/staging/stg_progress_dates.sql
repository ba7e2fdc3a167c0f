-- Grain: one row per as-of date the standardisation marts are computed for: every month end from
-- 2025-04 (the survey's first planned fiscal year) to 2028-04 (full operation), and the run date.
create or replace table stg_progress_dates as
select distinct as_of from (
    select last_day(cast(month_start as date)) as as_of
    from range(date '2025-04-01', date '2028-04-30', interval 1 month) t(month_start)
    union all
    select getvariable('as_of')
);
