-- Grain: one row per office × linkage condition that binds it: the office holds a grant of a programme the
-- condition is linked to, and one of its services that count toward adoption is among the condition's services
-- (any of them when the condition names none). The one place the condition rule lives (subsidy_compliance and
-- office_outreach read it).
-- programs: the programmes binding it (comma-separated, ascending); amount: those grants' sum; pledged_on: the
--   earliest written pledge on them (only read when the condition lets a pledge count).
-- status on as_of: 'met' — a licence applied on or before the deadline (and by as_of); 'pledged' — not met, a
--   pledge counts for this condition, was made by as_of, and the deadline has not passed; 'overdue' — the
--   deadline passed without a licence; 'pending' — before the deadline, neither.
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
)

select
    b.office_number, b.condition_code, b.deadline, b.programs, b.amount,
    case when b.pledge_counts then b.pledged_on end as pledged_on,
    case
        when l.applied_on <= least(b.deadline, getvariable('as_of')) then 'met'
        when b.pledge_counts and b.pledged_on <= getvariable('as_of') and getvariable('as_of') <= b.deadline then 'pledged'
        when b.deadline < getvariable('as_of') then 'overdue'
        else 'pending'
    end as status
from bound b
left join cpdl_licenses l on l.office_number = b.office_number;
