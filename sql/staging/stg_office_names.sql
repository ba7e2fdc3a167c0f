-- Grain: one row per care office: its name, telephone number and address, for the lists that show offices (the input
-- has a row per service; both are the office's, the same on each).
create or replace table stg_office_names as
select office_number, any_value(name) as name, any_value(phone) as phone, any_value(address) as address
from care_offices group by office_number;
