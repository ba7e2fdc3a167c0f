-- Grain: standardization_progress, one row per municipality per as-of date (stg_progress_dates); standardization_funnel, one row per as-of date per group
-- (national 'all', each prefecture, each vendor) counting municipalities that completed each step.
-- Steps in order: migration (① 標準準拠システムへの移行), modification (② データ送信のための改修),
-- transmission_start (データ送信開始), data_migration (③ データ移行), sharing_start (情報共有開始).
-- A step counts as completed on D when completed_on <= D. current_step = first step in order not
-- completed on D ('completed' when none is left). days_late = the largest D - planned_on over steps
-- planned before D and not completed on D (0 when none). <step>_completed is the completion date only when the
-- step is completed on D: an earlier date never shows a completion that came after it.
create or replace table standardization_progress as
with steps as (
    select * from (values
        ('migration', 1), ('modification', 2), ('transmission_start', 3), ('data_migration', 4), ('sharing_start', 5)
    ) t(step, step_order)
),

vendors as (
    select municipality_code, max(vendor) as vendor
    from standardization_milestones
    group by municipality_code
),

grid as (
    select d.as_of, m.code as municipality_code, m.prefecture_code, s.step, s.step_order, ms.planned_on, ms.completed_on,
           ms.completed_on is not null and ms.completed_on <= d.as_of as done
    from stg_progress_dates d
    cross join municipalities m
    cross join steps s
    left join standardization_milestones ms on ms.municipality_code = m.code and ms.step = s.step
    where m.valid_to is null
),

final as (
    select
        g.as_of,
        g.municipality_code,
        any_value(g.prefecture_code) as prefecture_code,
        any_value(v.vendor) as vendor,
        coalesce(arg_min(g.step, g.step_order) filter (where not g.done), 'completed') as current_step,
        cast(count(*) filter (where g.done) as integer) as steps_completed,
        max(g.planned_on) filter (where g.step = 'migration') as migration_planned,
        max(g.completed_on) filter (where g.step = 'migration' and g.done) as migration_completed,
        max(g.planned_on) filter (where g.step = 'modification') as modification_planned,
        max(g.completed_on) filter (where g.step = 'modification' and g.done) as modification_completed,
        max(g.planned_on) filter (where g.step = 'data_migration') as data_migration_planned,
        max(g.completed_on) filter (where g.step = 'data_migration' and g.done) as data_migration_completed,
        max(g.planned_on) filter (where g.step = 'transmission_start') as transmission_start_planned,
        max(g.completed_on) filter (where g.step = 'transmission_start' and g.done) as transmission_start_completed,
        max(g.planned_on) filter (where g.step = 'sharing_start') as sharing_start_planned,
        max(g.completed_on) filter (where g.step = 'sharing_start' and g.done) as sharing_start_completed,
        cast(coalesce(max(g.as_of - g.planned_on) filter (where not g.done and g.planned_on < g.as_of), 0) as integer) as days_late
    from grid g
    left join vendors v on v.municipality_code = g.municipality_code
    group by g.as_of, g.municipality_code
)

select * from final order by as_of, municipality_code;

create or replace table standardization_funnel as
with grouped as (
    select
        as_of,
        case when grouping(prefecture_code) = 0 then 'prefecture' when grouping(vendor) = 0 then 'vendor' else 'national' end as group_kind,
        coalesce(prefecture_code, vendor, 'all') as group_key,
        grouping(vendor) = 0 and vendor is null as vendorless,
        cast(count(*) as integer) as municipalities,
        cast(count(*) filter (where migration_completed <= as_of) as integer) as migration_done,
        cast(count(*) filter (where modification_completed <= as_of) as integer) as modification_done,
        cast(count(*) filter (where transmission_start_completed <= as_of) as integer) as transmission_start_done,
        cast(count(*) filter (where data_migration_completed <= as_of) as integer) as data_migration_done,
        cast(count(*) filter (where sharing_start_completed <= as_of) as integer) as sharing_start_done
    from standardization_progress
    group by grouping sets ((as_of, prefecture_code), (as_of, vendor), (as_of))
)

select
    as_of, group_kind, case when vendorless then '（未登録）' else group_key end as group_key,
    municipalities, migration_done, modification_done, transmission_start_done, data_migration_done, sharing_start_done
from grouped
order by as_of, group_kind, group_key;
