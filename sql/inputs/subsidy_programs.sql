-- PostgreSQL → DuckDB input: subsidy programmes and their categories (their linkage conditions are subsidy_conditions).
SELECT code, category FROM subsidy_programs
