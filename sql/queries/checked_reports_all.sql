-- The reports whose rows the blocking checks (sql/checks/) read: all of them after a full build.
CREATE OR REPLACE TEMP VIEW checked_reports AS SELECT report_key FROM dim_report;
