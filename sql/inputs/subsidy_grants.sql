-- PostgreSQL → DuckDB input: subsidy grant decisions.
SELECT fiscal_year, prefecture_code, municipality_code, office_number, program_code, amount, decided_on FROM subsidy_grants
