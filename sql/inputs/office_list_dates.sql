-- PostgreSQL, for the offices job's plan: does the office list's state change between two run dates ($1 the
-- last run's, $2 this one's, both included)? Every date the list compares with its run date (an office or
-- service designated or abolished, a licence applied, started or ended, a linkage deadline, a pledge): when
-- none lies between them and no data changed, a run on $2 would write what the run on $1 wrote.
SELECT EXISTS (SELECT 1 FROM office_services WHERE designated_on BETWEEN $1 AND $2 OR abolished_on BETWEEN $1 AND $2)
    OR EXISTS (SELECT 1 FROM cpdl_licenses WHERE applied_on BETWEEN $1 AND $2 OR starts_on BETWEEN $1 AND $2 OR ends_on BETWEEN $1 AND $2)
    OR EXISTS (SELECT 1 FROM subsidy_conditions WHERE deadline BETWEEN $1 AND $2)
    OR EXISTS (SELECT 1 FROM subsidy_grants WHERE pledged_on BETWEEN $1 AND $2) AS moved
