-- Grain: one row, the usage window of the office list: the three latest months in the logs up to as_of's
-- month (both null when there are no logs).
create or replace table office_outreach_window as
with usage_months as (
    select distinct month from cpdl_usage where month <= strftime(getvariable('as_of'), '%Y-%m')
)
select min(month) as usage_from, max(month) as usage_to
from (select month from usage_months order by month desc limit 3);

-- Grain: one row per care office that counts toward adoption and is open on the run date (as_of): the
-- offices behind a municipality's target_offices on that date, for the outreach lists ("whom do we call").
-- The run date and the usage window are not in the rows (the run's as_of; office_outreach_window above), so
-- a later run rewrites only the offices whose values changed.
-- phone, address: as the latest office list gave them (null when none did).
-- service_type_codes: its counted services open on as_of, comma-separated, ascending (its lowest counted
--   service when none is open on the day itself).
-- licence_status on as_of: 'not_applied' (no licence, or applied after as_of), 'applied' (applied, not
--   started yet), 'in_force' (started, not ended), 'ended' (ended before as_of).
-- exchanges_3m: sent + received in the usage window, the three latest months in the logs up to as_of's month
--   (office_outreach_window: usage_from .. usage_to, YYYY-MM; null when there are no logs); last_exchange_month:
--   the latest month up to as_of's month with any exchange.
-- subsidy_status: 'none' when no linkage condition binds it; else its most pressing condition's status
--   (stg_subsidy_conditions: overdue, then pending, pledged, met) and subsidy_deadline that condition's deadline
--   (the earliest among several in that status).
-- Invariant: per municipality, count(*) = adoption_municipality.target_offices and
--   count(*) filter (where licence_status <> 'not_applied') = applied_offices at as_of.
create or replace table office_outreach as
with open_offices as (
    select c.office_number, c.municipality_code, c.service_type_code
    from stg_counted_offices c
    where c.designated_on <= getvariable('as_of') and (c.abolished_on is null or c.abolished_on > getvariable('as_of'))
),

open_services as (
    select o.office_number, string_agg(distinct o.service_type_code, ',' order by o.service_type_code) as service_type_codes
    from care_offices o
    join service_types t on t.code = o.service_type_code and t.counts_toward_adoption
    where o.designated_on <= getvariable('as_of') and (o.abolished_on is null or o.abolished_on > getvariable('as_of'))
    group by o.office_number
),

exchanges as (
    select
        u.office_number,
        sum(u.sent + u.received) filter (where u.month >= w.usage_from) as exchanges_3m,
        max(u.month) filter (where u.sent + u.received > 0) as last_exchange_month
    from cpdl_usage u cross join office_outreach_window w
    where u.month <= w.usage_to
    group by u.office_number
),

-- Per office, the condition that needs it most: overdue before pending before pledged before met, and the
-- earliest deadline among the conditions in that state.
conditioned as (
    select
        office_number,
        arg_min(status, rank_of_status) as subsidy_status,
        min(deadline) filter (where rank_of_status = min_rank) as subsidy_deadline
    from (
        select *, min(rank_of_status) over (partition by office_number) as min_rank
        from (
            select office_number, deadline, status,
                   case status when 'overdue' then 0 when 'pending' then 1 when 'pledged' then 2 else 3 end as rank_of_status
            from stg_subsidy_conditions
        )
    )
    group by office_number
)

select
    o.office_number,
    n.name as office_name,
    n.phone,
    n.address,
    o.municipality_code,
    left(o.municipality_code, 2) as prefecture_code,
    coalesce(s.service_type_codes, o.service_type_code) as service_type_codes,
    case
        when l.applied_on is null or l.applied_on > getvariable('as_of') then 'not_applied'
        when l.starts_on > getvariable('as_of') then 'applied'
        when l.ends_on is null or l.ends_on >= getvariable('as_of') then 'in_force'
        else 'ended'
    end as licence_status,
    case when l.applied_on <= getvariable('as_of') then l.applied_on end as applied_on,
    case when l.applied_on <= getvariable('as_of') then l.starts_on end as starts_on,
    case when l.applied_on <= getvariable('as_of') then l.ends_on end as ends_on,
    cast(coalesce(e.exchanges_3m, 0) as bigint) as exchanges_3m,
    e.last_exchange_month,
    c.subsidy_deadline,
    coalesce(c.subsidy_status, 'none') as subsidy_status
from open_offices o
join stg_office_names n using (office_number)
left join open_services s using (office_number)
left join cpdl_licenses l using (office_number)
left join exchanges e using (office_number)
left join conditioned c using (office_number)
order by o.office_number;
