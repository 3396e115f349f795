-- Incremental build, step 2 of 3 (own transaction): the dim_report rows of those reports.
DELETE FROM dim_report WHERE report_key IN (SELECT report_key FROM stg_gone);
