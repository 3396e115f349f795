-- The normalised text of reports already in dim_report (stg_texts: report_id, text), and its length
-- where dim_report does not have it yet (a full build stages dim_report without the texts). A build
-- runs this once per shard, so the texts of a large corpus are never all in memory at once.
INSERT INTO report_text
SELECT r.report_key, s.text
FROM stg_texts AS s
JOIN dim_report AS r USING (report_id)
WHERE s.text IS NOT NULL
ORDER BY r.report_key;

UPDATE dim_report SET n_chars = length(s.text)
FROM stg_texts AS s
WHERE dim_report.report_id = s.report_id AND s.text IS NOT NULL AND dim_report.n_chars IS NULL;
