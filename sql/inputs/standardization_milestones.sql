-- PostgreSQL → DuckDB input: planned and completed dates of each municipality's steps, with its vendor.
SELECT municipality_code, step, planned_on, completed_on, vendor FROM standardization_milestones
