-- PostgreSQL → DuckDB input: the as-of dates the adoption marts hold now (ad-hoc dates are carried forward).
SELECT DISTINCT as_of FROM adoption_national
