-- Grain: one row per as-of date per fiscal year per prefecture per programme, over grants decided on or
-- before the date (cumulative). The dates are the month ends from the last one before the first grant
-- decision (the baseline of subsidy_effect) up to the run date, the dates of the subsidy figures.
-- offices = distinct subsidised offices (grants without an office, e.g. model regions, count none);
-- share_of_national = amount / the national amount of the same programme and fiscal year on the date.
-- A date with no grant decided yet has no rows.
-- Invariant: per (as_of, fiscal_year, program_code) the shares sum to 1.
create or replace table subsidy_summary as
with baseline as (
    select cast(date_trunc('month', min(decided_on)) - interval 1 day as date) as baseline
    from subsidy_grants
),

dates as (
    select cast(month_start + interval 1 month - interval 1 day as date) as as_of
    from baseline b, range(cast(date_trunc('month', b.baseline) as date), getvariable('as_of') + interval 1 day, interval 1 month) t(month_start)
    where month_start + interval 1 month - interval 1 day <= getvariable('as_of')
),

decided as (
    select d.as_of, g.*
    from dates d
    join subsidy_grants g on g.decided_on <= d.as_of
),

grouped as (
    select
        as_of,
        fiscal_year,
        prefecture_code,
        program_code,
        cast(count(*) as integer) as grants,
        cast(count(distinct office_number) as integer) as offices,
        cast(sum(amount) as bigint) as amount
    from decided
    group by as_of, fiscal_year, prefecture_code, program_code
),

national as (
    select as_of, fiscal_year, program_code, sum(amount) as national_amount
    from decided
    group by as_of, fiscal_year, program_code
)

select g.*, g.amount / n.national_amount as share_of_national
from grouped g
join national n using (as_of, fiscal_year, program_code)
order by as_of, fiscal_year, prefecture_code, program_code;
