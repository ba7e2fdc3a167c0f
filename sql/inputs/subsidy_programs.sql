-- PostgreSQL → DuckDB input: subsidy programmes (category and the linkage-start deadline).
SELECT code, category, condition_deadline FROM subsidy_programs
