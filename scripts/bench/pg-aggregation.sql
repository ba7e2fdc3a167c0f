-- The adoption and usage aggregations of sql/adoption and sql/usage written as PostgreSQL SQL, for the
-- benchmark's side-by-side timing. Same grains and definitions; results go to temporary tables.
CREATE TEMP TABLE bench_dates AS
SELECT (date_trunc('month', d) + interval '1 month - 1 day')::date AS as_of
FROM generate_series(date '2023-04-01', date '2026-10-01', interval '1 month') d;

CREATE TEMP TABLE bench_adoption AS
WITH counted AS (
  -- As stg_counted_offices: an office counts once, from its first counted service until its last one closes.
  SELECT s.office_number, min(o.municipality_code) AS municipality_code, min(s.designated_on) AS designated_on,
         CASE WHEN bool_or(s.abolished_on IS NULL) THEN NULL ELSE max(s.abolished_on) END AS abolished_on
  FROM office_services s JOIN care_offices o USING (office_number)
  JOIN service_types t ON t.code = s.service_type_code AND t.counts_toward_adoption
  GROUP BY s.office_number
)
SELECT d.as_of, c.municipality_code,
       count(*) AS target_offices,
       count(*) FILTER (WHERE l.applied_on <= d.as_of) AS applied_offices,
       count(*) FILTER (WHERE l.starts_on <= d.as_of AND (l.ends_on IS NULL OR l.ends_on >= d.as_of)) AS in_force_offices
FROM bench_dates d
JOIN counted c ON c.designated_on <= d.as_of AND (c.abolished_on IS NULL OR c.abolished_on > d.as_of)
LEFT JOIN cpdl_licenses l ON l.office_number = c.office_number
GROUP BY d.as_of, c.municipality_code;

CREATE TEMP TABLE bench_usage AS
WITH months AS (
  SELECT DISTINCT month, (to_date(month || '-01', 'YYYY-MM-DD') + interval '1 month - 1 day')::date AS as_of FROM bench_cpdl_usage
), counted AS (
  -- As stg_counted_offices: an office counts once, from its first counted service until its last one closes.
  SELECT s.office_number, min(o.municipality_code) AS municipality_code, min(s.designated_on) AS designated_on,
         CASE WHEN bool_or(s.abolished_on IS NULL) THEN NULL ELSE max(s.abolished_on) END AS abolished_on
  FROM office_services s JOIN care_offices o USING (office_number)
  JOIN service_types t ON t.code = s.service_type_code AND t.counts_toward_adoption
  GROUP BY s.office_number
), licensed AS (
  SELECT m.month, m.as_of, c.office_number, c.municipality_code
  FROM months m
  JOIN counted c ON c.designated_on <= m.as_of AND (c.abolished_on IS NULL OR c.abolished_on > m.as_of)
  JOIN cpdl_licenses l ON l.office_number = c.office_number AND l.starts_on <= m.as_of AND (l.ends_on IS NULL OR l.ends_on >= m.as_of)
), activity AS (
  SELECT month, office_number, sum(sent + received) AS exchanges FROM bench_cpdl_usage WHERE sent + received > 0 GROUP BY month, office_number
)
SELECT l.as_of, l.municipality_code, count(*) AS licensed_offices,
       count(*) FILTER (WHERE coalesce(a.exchanges, 0) > 0) AS active_offices, sum(coalesce(a.exchanges, 0)) AS exchanges
FROM licensed l LEFT JOIN activity a ON a.month = l.month AND a.office_number = l.office_number
GROUP BY l.as_of, l.municipality_code;
