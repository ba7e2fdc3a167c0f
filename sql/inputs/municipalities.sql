-- PostgreSQL → DuckDB input: every municipality row with its validity period (mergers close a row).
SELECT code, prefecture_code, class, valid_from, valid_to FROM municipalities
