-- The reports whose rows the blocking checks (sql/checks/) read after an incremental build: those it
-- (re)loaded (stg_check_scope: report_id). Every other report's rows are as they were in a file that
-- passed these checks when it was published, and the build did not write them; at 100,000 reports,
-- reading every fact in every check cost 1.6 s of a one-report build.
CREATE OR REPLACE TEMP VIEW checked_reports AS
SELECT report_key FROM dim_report WHERE report_id IN (SELECT report_id FROM stg_check_scope);
