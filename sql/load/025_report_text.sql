-- The normalised text of reports already in dim_report (stg_texts: report_id, text). A build runs
-- this once per shard, so the texts of a large corpus are never all in memory at once.
INSERT INTO report_text
SELECT r.report_key, s.text
FROM stg_texts AS s
JOIN dim_report AS r USING (report_id)
WHERE s.text IS NOT NULL
ORDER BY r.report_key;
