-- PostgreSQL → DuckDB input: one row per office and service it holds, with the office's name and location
-- and the service's validity (an office may hold several services; stg_counted_offices folds them).
SELECT s.office_number, o.name, o.phone, o.address, s.service_type_code, o.municipality_code, s.designated_on, s.abolished_on
FROM office_services s JOIN care_offices o USING (office_number)
