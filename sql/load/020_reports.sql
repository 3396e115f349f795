-- One dim_report row per input file (supersession: see 005_staged_rows.sql), and its normalised
-- text in report_text.
INSERT INTO dim_report SELECT * FROM stg_dim_report ORDER BY source_path;

INSERT INTO report_text
SELECT r.report_key, s.text
FROM stg_reports AS s
JOIN dim_report AS r USING (report_id)
WHERE s.text IS NOT NULL
ORDER BY r.report_key;
