-- PostgreSQL → DuckDB input: settings with their validity periods (target rate, key dates).
SELECT key, value, valid_from, valid_to FROM settings
