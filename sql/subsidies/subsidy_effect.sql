-- Grain: one row per as-of date (month ends from the baseline on) per group:
--   group_kind 'subsidy'   key with / without  (a municipality with at least one office-level grant)
--   group_kind 'model'     key with / without  (a care-plan linkage model region names the municipality)
--   group_kind 'combined'  key subsidy_with|without + model_with|without
-- baseline = the last month end before the first grant decision (the adoption before any subsidy).
-- rate_before / rate_after = applied / target offices summed over the group's municipalities;
-- change = rate_after - rate_before (a difference of rates, in points of 1).
create or replace table subsidy_effect as
with baseline as (
    select cast(date_trunc('month', min(decided_on)) - interval 1 day as date) as baseline
    from subsidy_grants
),

office_level_grants as (
    select coalesce(o.municipality_code, g.municipality_code) as municipality_code
    from subsidy_grants g
    join subsidy_programs p on p.code = g.program_code
    left join (select distinct office_number, municipality_code from care_offices) o on o.office_number = g.office_number
    where p.category in ('technology', 'package', 'business_improvement', 'collaboration')
),

model_regions as (
    select distinct g.municipality_code
    from subsidy_grants g
    where g.program_code = 'cpdl_model_region' and g.municipality_code is not null
),

flags as (
    select
        a.municipality_code,
        exists (select 1 from office_level_grants s where s.municipality_code = a.municipality_code) as subsidised,
        exists (select 1 from model_regions r where r.municipality_code = a.municipality_code) as model_region
    from (select distinct municipality_code from adoption_municipality) a
),

before as (
    select a.municipality_code, a.target_offices, a.applied_offices
    from adoption_municipality a, baseline b
    where a.as_of = b.baseline
),

after as (
    select a.as_of, a.municipality_code, a.target_offices, a.applied_offices
    from adoption_municipality a, baseline b
    where a.as_of >= b.baseline and last_day(a.as_of) = a.as_of
),

labelled as (
    select
        af.as_of, f.subsidised, f.model_region,
        bf.target_offices as target_before, bf.applied_offices as applied_before,
        af.target_offices as target_after, af.applied_offices as applied_after
    from after af
    join before bf using (municipality_code)
    join flags f using (municipality_code)
),

grouped as (
    select
        as_of,
        case
            when grouping(subsidised) = 0 and grouping(model_region) = 0 then 'combined'
            when grouping(subsidised) = 0 then 'subsidy'
            else 'model'
        end as group_kind,
        case
            when grouping(subsidised) = 0 and grouping(model_region) = 0
                then 'subsidy_' || case when subsidised then 'with' else 'without' end || '+model_' || case when model_region then 'with' else 'without' end
            when grouping(subsidised) = 0 then case when subsidised then 'with' else 'without' end
            else case when model_region then 'with' else 'without' end
        end as group_key,
        cast(count(*) as integer) as municipalities,
        cast(sum(target_before) as integer) as target_offices_before,
        cast(sum(applied_before) as integer) as applied_before,
        cast(sum(target_after) as integer) as target_offices_after,
        cast(sum(applied_after) as integer) as applied_after
    from labelled
    group by grouping sets ((as_of, subsidised), (as_of, model_region), (as_of, subsidised, model_region))
)

select
    g.as_of, b.baseline, g.group_kind, g.group_key, g.municipalities,
    g.target_offices_before, g.applied_before,
    case when g.target_offices_before > 0 then g.applied_before / g.target_offices_before end as rate_before,
    g.target_offices_after, g.applied_after,
    case when g.target_offices_after > 0 then g.applied_after / g.target_offices_after end as rate_after,
    case when g.target_offices_before > 0 and g.target_offices_after > 0
         then g.applied_after / g.target_offices_after - g.applied_before / g.target_offices_before end as change
from grouped g, baseline b
order by g.as_of, g.group_kind, g.group_key;
