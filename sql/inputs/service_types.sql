-- PostgreSQL → DuckDB input: which service types count toward adoption.
SELECT code, counts_toward_adoption FROM service_types
