-- Grain: one row per survey round per group: group_kind 'class' (the seed's population groups
-- designated_or_ward = 政令指定都市・23区, core_city = 中核市, other = その他), 'prefecture', 'national'.
-- Shares follow the seed's denominators: response_rate = answered / asked; difficult_share =
-- difficult / answered (回答のあった団体); period shares over those that gave a period (調整中・未定 excluded).
-- Invariants: asked = answered + unanswered; gave_period = fy2025 + fy2026 + fy2027 + fy2028_or_later.
create or replace table survey_breakdown as
with responses as (
    select
        r.round,
        r.answered,
        r.fy2025_migration,
        r.planned_period,
        m.prefecture_code,
        case
            when m.class in ('designated_city', 'special_ward') then 'designated_or_ward'
            when m.class = 'core_city' then 'core_city'
            else 'other'
        end as population_group
    from survey_responses r
    join municipalities m on m.code = r.municipality_code
),

grouped as (
    select
        round,
        case
            when grouping(population_group) = 0 then 'class'
            when grouping(prefecture_code) = 0 then 'prefecture'
            else 'national'
        end as group_kind,
        coalesce(population_group, prefecture_code, 'all') as group_key,
        count(*) as asked,
        count(*) filter (where answered) as answered,
        count(*) filter (where fy2025_migration = 'possible') as possible,
        count(*) filter (where fy2025_migration = 'difficult') as difficult,
        count(*) filter (where planned_period in ('FY2025', 'FY2026', 'FY2027', 'FY2028_OR_LATER')) as gave_period,
        count(*) filter (where planned_period = 'UNDECIDED') as undecided,
        count(*) filter (where planned_period = 'FY2025') as fy2025,
        count(*) filter (where planned_period = 'FY2026') as fy2026,
        count(*) filter (where planned_period = 'FY2027') as fy2027,
        count(*) filter (where planned_period = 'FY2028_OR_LATER') as fy2028_or_later
    from responses
    group by grouping sets ((round, population_group), (round, prefecture_code), (round))
),

final as (
    select
        round, group_kind, group_key,
        cast(asked as integer) as asked,
        cast(answered as integer) as answered,
        case when asked > 0 then answered / asked end as response_rate,
        cast(possible as integer) as possible,
        cast(difficult as integer) as difficult,
        case when answered > 0 then difficult / answered end as difficult_share,
        cast(gave_period as integer) as gave_period,
        cast(undecided as integer) as undecided,
        cast(fy2025 as integer) as fy2025,
        cast(fy2026 as integer) as fy2026,
        cast(fy2027 as integer) as fy2027,
        cast(fy2028_or_later as integer) as fy2028_or_later,
        case when gave_period > 0 then fy2025 / gave_period end as cumulative_by_fy2025,
        case when gave_period > 0 then (fy2025 + fy2026) / gave_period end as cumulative_by_fy2026,
        case when gave_period > 0 then (fy2025 + fy2026 + fy2027) / gave_period end as cumulative_by_fy2027,
        case when gave_period > 0 then fy2028_or_later / gave_period end as share_fy2028_or_later
    from grouped
)

select * from final order by round, group_kind, group_key;
