-- PostgreSQL → DuckDB input: the programmes' linkage conditions (deadline; services bound, comma-separated,
-- null for every service that counts toward adoption; whether a written pledge counts until the deadline).
SELECT code, deadline, array_to_string(service_type_codes, ',') AS service_type_codes, pledge_counts FROM subsidy_conditions
