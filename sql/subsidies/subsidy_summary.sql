-- Grain: one row per fiscal year per prefecture per programme.
-- offices = distinct subsidised offices (grants without an office, e.g. model regions, count none);
-- share_of_national = amount / the national amount of the same programme and fiscal year.
-- Invariant: per (fiscal_year, program_code) the shares sum to 1.
create or replace table subsidy_summary as
with grouped as (
    select
        fiscal_year,
        prefecture_code,
        program_code,
        cast(count(*) as integer) as grants,
        cast(count(distinct office_number) as integer) as offices,
        cast(sum(amount) as bigint) as amount
    from subsidy_grants
    group by fiscal_year, prefecture_code, program_code
),

national as (
    select fiscal_year, program_code, sum(amount) as national_amount
    from subsidy_grants
    group by fiscal_year, program_code
)

select g.*, g.amount / n.national_amount as share_of_national
from grouped g
join national n using (fiscal_year, program_code)
order by fiscal_year, prefecture_code, program_code;
