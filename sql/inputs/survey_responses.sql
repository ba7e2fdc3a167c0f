-- PostgreSQL → DuckDB input: each municipality's answers per survey round.
SELECT round, municipality_code, answered, fy2025_migration, planned_period FROM survey_responses
