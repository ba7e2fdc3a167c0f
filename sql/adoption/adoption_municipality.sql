-- Grain: one row per municipality per as-of date (stg_adoption_dates).
-- target_offices: offices of a service type that counts toward adoption, designated on or before
--   the date and not abolished by it. applied_offices: of those, applied (申請) on or before the date.
-- in_force_offices: of those, licence started on or before the date and not ended before it.
-- Invariants: applied_offices <= target_offices; in_force_offices <= applied_offices;
--   application_rate = applied_offices / target_offices (null when no offices);
--   offices_needed = smallest n >= 0 with (applied + n) / offices >= target (exact decimal arithmetic).
create or replace table adoption_municipality as
with targets as (
    select d.as_of, cast(s.value as decimal(9, 6)) as target_rate
    from stg_adoption_dates d
    join settings s
      on s.key = 'cpdl_target_rate'
     and s.valid_from <= d.as_of
     and (s.valid_to is null or s.valid_to > d.as_of)
),

office_dates as (
    select d.as_of, o.municipality_code, l.applied_on, l.starts_on, l.ends_on
    from stg_adoption_dates d
    join stg_counted_offices o
      on o.designated_on <= d.as_of
     and (o.abolished_on is null or o.abolished_on > d.as_of)
    left join cpdl_licenses l on l.office_number = o.office_number
),

counts as (
    select
        as_of,
        municipality_code,
        count(*) as target_offices,
        count(*) filter (where applied_on <= as_of) as applied_offices,
        count(*) filter (where starts_on <= as_of and (ends_on is null or ends_on >= as_of)) as in_force_offices
    from office_dates
    group by as_of, municipality_code
),

municipality_dates as (
    select d.as_of, m.code as municipality_code, m.prefecture_code, m.class
    from stg_adoption_dates d
    join municipalities m
      on (m.valid_from is null or m.valid_from <= d.as_of)
     and (m.valid_to is null or m.valid_to > d.as_of)
),

joined as (
    select
        md.as_of,
        md.municipality_code,
        md.prefecture_code,
        md.class,
        cast(coalesce(c.target_offices, 0) as integer) as target_offices,
        cast(coalesce(c.applied_offices, 0) as integer) as applied_offices,
        cast(coalesce(c.in_force_offices, 0) as integer) as in_force_offices,
        t.target_rate
    from municipality_dates md
    join targets t on t.as_of = md.as_of
    left join counts c on c.as_of = md.as_of and c.municipality_code = md.municipality_code
),

rated as (
    select
        *,
        case when target_offices > 0 then applied_offices / target_offices end as application_rate,
        case when target_offices > 0 then in_force_offices / target_offices end as usage_rate,
        case
            when target_offices = 0 then null
            when target_offices < 10 then '1-9'
            when target_offices < 30 then '10-29'
            when target_offices < 100 then '30-99'
            when target_offices < 300 then '100-299'
            when target_offices < 1000 then '300-999'
            else '1000+'
        end as size_band
    from joined
),

final as (
    select
        as_of,
        municipality_code,
        prefecture_code,
        class,
        target_offices,
        applied_offices,
        in_force_offices,
        application_rate,
        usage_rate,
        cast(target_rate as double) as target_rate,
        case when target_offices > 0 then applied_offices >= target_rate * target_offices end as meets_target,
        size_band,
        case when target_offices > 0 then cast(rank() over (
            partition by as_of, prefecture_code, target_offices > 0 order by application_rate desc
        ) as integer) end as rank_in_prefecture,
        case when target_offices > 0 then percent_rank() over (
            partition by as_of, class, target_offices > 0 order by application_rate
        ) end as percentile_in_class,
        cast(greatest(0, ceil(target_rate * target_offices) - applied_offices) as integer) as offices_needed
    from rated
)

select * from final order by as_of, municipality_code;
