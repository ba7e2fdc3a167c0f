-- PostgreSQL → DuckDB input: subsidy grant decisions (pledged_on: the office's written pledge to join the linkage system).
SELECT fiscal_year, prefecture_code, municipality_code, office_number, program_code, amount, decided_on, pledged_on FROM subsidy_grants
