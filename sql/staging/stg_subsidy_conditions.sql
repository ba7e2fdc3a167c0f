-- Grain: one row per office × linkage condition that binds it: the office holds a grant of a programme the
-- condition is linked to, and one of its services that count toward adoption is among the condition's services
-- (any of them when the condition names none). The one place the condition rule lives (subsidy_compliance and
-- office_outreach read it).
-- programs: the programmes binding it (comma-separated, ascending); amount: those grants' sum; pledged_on: the
--   earliest written pledge on them (only read when the condition lets a pledge count).
-- used_in: for a usage-report condition, the first month (YYYY-MM) up to the deadline's and as_of's in which the
--   exchange logs (cpdl_usage) show data sent or received; null otherwise.
-- status on as_of: 'met' — join_by_deadline: a licence applied on or before the deadline (and by as_of);
--   report_usage_by_deadline: used_in is set; 'pledged' — not met, a pledge counts for this condition, was made
--   by as_of, and the deadline has not passed; 'overdue' — the deadline passed unmet; 'pending' — before the
--   deadline, neither.
create or replace table stg_subsidy_conditions as
with bound_grants as (
    select g.office_number, pc.condition_code, g.program_code, g.amount, g.pledged_on
    from subsidy_grants g
    join subsidy_program_conditions pc on pc.program_code = g.program_code
    where g.office_number is not null
),

counted_services as (
    select o.office_number, list(distinct o.service_type_code) as services
    from care_offices o
    join service_types t on t.code = o.service_type_code and t.counts_toward_adoption
    group by o.office_number
),

bound as (
    select
        b.office_number,
        b.condition_code,
        any_value(c.kind) as kind,
        any_value(c.deadline) as deadline,
        any_value(c.pledge_counts) as pledge_counts,
        string_agg(distinct b.program_code, ',' order by b.program_code) as programs,
        cast(sum(b.amount) as bigint) as amount,
        min(b.pledged_on) as pledged_on
    from bound_grants b
    join subsidy_conditions c on c.code = b.condition_code
    join counted_services s on s.office_number = b.office_number
    where c.service_type_codes is null or list_has_any(s.services, string_split(c.service_type_codes, ','))
    group by b.office_number, b.condition_code
),

-- Only the offices a usage-report condition binds are looked up in the logs.
first_use as (
    select b.office_number, b.condition_code, min(u.month) as used_in
    from bound b
    join cpdl_usage u on u.office_number = b.office_number
    where b.kind = 'report_usage_by_deadline'
      and u.sent + u.received > 0
      and u.month <= strftime(least(b.deadline, getvariable('as_of')), '%Y-%m')
    group by b.office_number, b.condition_code
)

select
    b.office_number, b.condition_code, b.kind, b.deadline, b.programs, b.amount,
    case when b.pledge_counts then b.pledged_on end as pledged_on,
    f.used_in,
    case
        when b.kind = 'join_by_deadline' and l.applied_on <= least(b.deadline, getvariable('as_of')) then 'met'
        when b.kind = 'report_usage_by_deadline' and f.used_in is not null then 'met'
        when b.pledge_counts and b.pledged_on <= getvariable('as_of') and getvariable('as_of') <= b.deadline then 'pledged'
        when b.deadline < getvariable('as_of') then 'overdue'
        else 'pending'
    end as status
from bound b
left join cpdl_licenses l on l.office_number = b.office_number
left join first_use f on f.office_number = b.office_number and f.condition_code = b.condition_code;
