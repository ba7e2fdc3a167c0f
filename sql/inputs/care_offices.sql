-- PostgreSQL → DuckDB input: care offices with their service type, location and designation period.
SELECT office_number, name, service_type_code, municipality_code, designated_on, abolished_on FROM care_offices
