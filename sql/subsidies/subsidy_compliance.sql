-- Grain: one row per subsidised home-care office × linkage condition that binds it and that it does not
-- satisfy on the run date (stg_subsidy_conditions: status 'pending' before the deadline, 'overdue' after it).
-- An office whose written pledge counts until the deadline ('pledged') or that applied in time ('met') is not listed.
create or replace table subsidy_compliance as
select
    s.office_number, n.name as office_name, h.municipality_code, left(h.municipality_code, 2) as prefecture_code,
    h.service_type_code, s.condition_code, s.programs, s.amount, s.deadline, s.pledged_on, s.status
from stg_subsidy_conditions s
join stg_counted_offices h using (office_number)
join stg_office_names n using (office_number)
where s.status in ('pending', 'overdue')
order by s.office_number, s.condition_code;
