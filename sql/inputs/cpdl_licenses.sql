-- PostgreSQL → DuckDB input: care-plan data linkage licences (application, start, end).
SELECT office_number, applied_on, starts_on, ends_on FROM cpdl_licenses
