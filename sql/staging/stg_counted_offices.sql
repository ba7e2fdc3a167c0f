-- Grain: one row per care office that holds at least one service counting toward adoption
-- (service_types.counts_toward_adoption): the offices every adoption, usage and subsidy-condition figure counts.
-- An office counts once however many counted services it holds: from its earliest counted service's
-- designation until its last counted service closes (abolished_on null while any is open). The one place
-- that rule lives. service_type_code: its lowest counted service code (for display).
create or replace table stg_counted_offices as
select
    o.office_number,
    any_value(o.municipality_code) as municipality_code,
    min(o.service_type_code) as service_type_code,
    min(o.designated_on) as designated_on,
    case when bool_or(o.abolished_on is null) then null else max(o.abolished_on) end as abolished_on
from care_offices o
join service_types t on t.code = o.service_type_code and t.counts_toward_adoption
group by o.office_number;

