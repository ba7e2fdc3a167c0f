-- PostgreSQL → DuckDB input: which programmes' grants each linkage condition binds.
SELECT program_code, condition_code FROM subsidy_program_conditions
