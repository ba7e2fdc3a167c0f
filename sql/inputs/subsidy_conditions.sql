-- PostgreSQL → DuckDB input: the programmes' linkage conditions (kind: join_by_deadline or
-- report_usage_by_deadline; deadline; services bound, comma-separated, null for every service that counts toward
-- adoption; whether a written pledge counts until the deadline).
SELECT code, kind, deadline, array_to_string(service_type_codes, ',') AS service_type_codes, pledge_counts FROM subsidy_conditions
