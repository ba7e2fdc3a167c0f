-- Grain: one row per care office: its name, for the lists that show offices (the input has a row per service).
create or replace table stg_office_names as
select office_number, any_value(name) as name from care_offices group by office_number;
