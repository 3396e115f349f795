-- check: loaded_reports_identified | every loaded (or superseded) report has a town and a year
SELECT report_id, source_path, status
FROM dim_report
WHERE status IN ('loaded', 'superseded') AND (town_key = 0 OR year_key = 0)
ORDER BY source_path;
