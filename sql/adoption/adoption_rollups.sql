-- Grains: adoption_prefecture (one row per prefecture per as-of date), adoption_class (one row per
-- municipality class per as-of date), adoption_national (one row per as-of date), all from
-- adoption_municipality in one GROUPING SETS pass.
-- Rates are ratios of sums (national rate = applied / target offices over all municipalities),
-- not averages of municipal rates. offices_needed sums the municipalities' own shortfalls.
-- Invariants: per as_of, the prefectures' and the classes' target_offices each sum to the national one.
create or replace temp table adoption_rollup as
with grouped as (
    select
        as_of,
        prefecture_code,
        class,
        grouping(prefecture_code) = 0 as by_prefecture,
        grouping(class) = 0 as by_class,
        cast(sum(target_offices) as integer) as target_offices,
        cast(sum(applied_offices) as integer) as applied_offices,
        cast(sum(in_force_offices) as integer) as in_force_offices,
        any_value(target_rate) as target_rate,
        cast(count(*) as integer) as municipalities,
        cast(count(*) filter (where meets_target) as integer) as municipalities_meeting_target,
        cast(sum(offices_needed) as integer) as offices_needed
    from adoption_municipality
    group by grouping sets ((as_of, prefecture_code), (as_of, class), (as_of))
)

select
    *,
    case when target_offices > 0 then applied_offices / target_offices end as application_rate,
    case when target_offices > 0 then in_force_offices / target_offices end as usage_rate,
    case when target_offices > 0 then applied_offices >= cast(target_rate as decimal(9, 6)) * target_offices end as meets_target
from grouped;

create or replace table adoption_prefecture as
select * exclude (class, by_prefecture, by_class) from adoption_rollup
where by_prefecture order by as_of, prefecture_code;

create or replace table adoption_class as
select * exclude (prefecture_code, by_prefecture, by_class) from adoption_rollup
where by_class order by as_of, class;

create or replace table adoption_national as
select * exclude (prefecture_code, class, by_prefecture, by_class) from adoption_rollup
where not by_prefecture and not by_class order by as_of;
