-- Grain: one row per care office whose service type counts toward adoption (service_types.counts_toward_adoption):
-- the offices every adoption, usage and subsidy-condition figure counts. The one place that rule lives.
create or replace table stg_counted_offices as
select o.*
from care_offices o
join service_types t on t.code = o.service_type_code and t.counts_toward_adoption;
