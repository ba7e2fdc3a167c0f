-- Grain: one row per subsidised home-care office (a service type that counts toward adoption) whose
-- programme carries the linkage condition (start using the care-plan data linkage system within
-- FY2025: condition_deadline 2026-03-31) and that has no licence applied on or before the deadline.
-- status: 'overdue' once the deadline has passed on the run date, else 'pending'.
create or replace table subsidy_compliance as
with conditioned_grants as (
    select g.office_number, g.program_code, g.amount, p.condition_deadline
    from subsidy_grants g
    join subsidy_programs p on p.code = g.program_code
    where g.office_number is not null and p.condition_deadline is not null
),

home_care_offices as (
    select c.office_number, n.name as office_name, c.municipality_code, c.service_type_code
    from stg_counted_offices c join stg_office_names n using (office_number)
),

per_office as (
    select
        h.office_number,
        any_value(h.office_name) as office_name,
        any_value(h.municipality_code) as municipality_code,
        any_value(h.service_type_code) as service_type_code,
        string_agg(distinct c.program_code, ',' order by c.program_code) as programs,
        cast(sum(c.amount) as bigint) as amount,
        min(c.condition_deadline) as deadline
    from conditioned_grants c
    join home_care_offices h using (office_number)
    group by h.office_number
)

select
    p.office_number, p.office_name, p.municipality_code, left(p.municipality_code, 2) as prefecture_code,
    p.service_type_code, p.programs, p.amount, p.deadline,
    case when p.deadline < getvariable('as_of') then 'overdue' else 'pending' end as status
from per_office p
left join cpdl_licenses l on l.office_number = p.office_number and l.applied_on <= p.deadline
where l.office_number is null
order by p.office_number;
