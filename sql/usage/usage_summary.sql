-- Grain: usage_municipality, one row per municipality per month end of the months computed
-- (stg_usage_months); usage_prefecture and usage_national roll it up (one GROUPING SETS pass).
-- licensed_offices: offices of a counted service type, open on the month end, with a licence in force
--   on it. active_offices: of those, the ones that sent or received at least once in the month.
-- exchanges = sent + received of those offices; exchanges_per_active = exchanges / active_offices;
-- active_share = active_offices / licensed_offices.
-- Invariants: active_offices <= licensed_offices; per month the prefectures sum to the nation.
create or replace table usage_base as
with licensed as (
    select m.month, m.as_of, o.office_number, o.municipality_code
    from stg_usage_months m
    join stg_counted_offices o on o.designated_on <= m.as_of and (o.abolished_on is null or o.abolished_on > m.as_of)
    join cpdl_licenses l on l.office_number = o.office_number and l.starts_on <= m.as_of and (l.ends_on is null or l.ends_on >= m.as_of)
),

-- Months with no exchange add nothing: drop them before aggregating (most rows of unlicensed offices).
activity as (
    select month, office_number, sum(sent + received) as exchanges
    from cpdl_usage
    where sent + received > 0 and month in (select month from stg_usage_months)
    group by month, office_number
)

select l.as_of, l.municipality_code, left(l.municipality_code, 2) as prefecture_code, coalesce(a.exchanges, 0) as exchanges
from licensed l
left join activity a on a.month = l.month and a.office_number = l.office_number;

create or replace temp table usage_rollup as
with grouped as (
    select
        as_of,
        municipality_code,
        prefecture_code,
        grouping(municipality_code) = 0 as by_municipality,
        grouping(prefecture_code) = 0 and grouping(municipality_code) = 1 as by_prefecture,
        cast(count(*) as integer) as licensed_offices,
        cast(count(*) filter (where exchanges > 0) as integer) as active_offices,
        cast(sum(exchanges) as bigint) as exchanges
    from usage_base
    group by grouping sets ((as_of, municipality_code, prefecture_code), (as_of, prefecture_code), (as_of))
)

select
    *,
    case when active_offices > 0 then exchanges / active_offices end as exchanges_per_active,
    case when licensed_offices > 0 then active_offices / licensed_offices end as active_share
from grouped;

create or replace table usage_municipality as
select * exclude (by_municipality, by_prefecture) from usage_rollup where by_municipality order by as_of, municipality_code;

create or replace table usage_prefecture as
select * exclude (municipality_code, by_municipality, by_prefecture) from usage_rollup where by_prefecture order by as_of, prefecture_code;

create or replace table usage_national as
select * exclude (municipality_code, prefecture_code, by_municipality, by_prefecture) from usage_rollup
where not by_municipality and not by_prefecture order by as_of;
