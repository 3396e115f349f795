-- Incremental build, step 1 of 3 (own transaction): the detail rows of every report that changed or
-- left the source folder (stg_gone: report_key) go. DuckDB checks a foreign key against the last
-- committed state, so the parents (dim_report) can only go in the next transaction.
-- stg_touched (a staging-only table, dropped by 140_refresh_derived.sql) remembers the town-years of
-- those reports for the refresh of the derived tables; 130 adds the town-years of the new ones.
CREATE OR REPLACE TABLE stg_touched AS
SELECT DISTINCT town_key, year_key FROM dim_report WHERE report_key IN (SELECT report_key FROM stg_gone);
DELETE FROM fact_indicator_value WHERE report_key IN (SELECT report_key FROM stg_gone);
DELETE FROM fact_out_of_range WHERE report_key IN (SELECT report_key FROM stg_gone);
DELETE FROM fact_mention WHERE report_key IN (SELECT report_key FROM stg_gone);
DELETE FROM fact_unmatched_quantity WHERE report_key IN (SELECT report_key FROM stg_gone);
DELETE FROM report_section WHERE report_key IN (SELECT report_key FROM stg_gone);
DELETE FROM report_problem WHERE report_key IN (SELECT report_key FROM stg_gone);
DELETE FROM report_quality_flag WHERE report_key IN (SELECT report_key FROM stg_gone);
DELETE FROM report_text WHERE report_key IN (SELECT report_key FROM stg_gone);
