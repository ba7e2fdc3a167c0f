-- PostgreSQL → DuckDB input: standardisation survey rounds.
SELECT round, conducted_on FROM survey_rounds
