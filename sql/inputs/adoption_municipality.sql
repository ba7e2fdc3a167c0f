-- PostgreSQL → DuckDB input: the adoption mart per municipality and date (read by the subsidy effect mart).
SELECT as_of, municipality_code, target_offices, applied_offices FROM adoption_municipality
