-- Grain: one row per month of the exchange logs the usage marts are computed for in this run, with its
-- month end (as_of). A full run (recompute_from null) computes every month in the logs; an incremental run
-- only the months ending on or after recompute_from (it reads only those months' files).
create or replace table stg_usage_months as
select distinct month, last_day(cast(month || '-01' as date)) as as_of
from cpdl_usage
where getvariable('recompute_from') is null
   or last_day(cast(month || '-01' as date)) >= getvariable('recompute_from')
order by month;
