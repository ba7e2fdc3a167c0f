-- Grain: one row: the key dates in force on the run date (settings with validity periods).
create or replace table stg_key_dates as
with in_force as (
    select key, try_cast(value as date) as value
    from settings
    where key in ('law_in_force_date', 'conformance_date', 'full_operation_date')
      and valid_from <= getvariable('as_of') and (valid_to is null or valid_to > getvariable('as_of'))
    qualify row_number() over (partition by key order by valid_from desc) = 1
)

select
    max(value) filter (where key = 'law_in_force_date') as law_in_force_date,
    max(value) filter (where key = 'conformance_date') as conformance_date,
    max(value) filter (where key = 'full_operation_date') as full_operation_date
from in_force;
