-- One dim_report row per input file, and its normalised text in report_text.
--
-- Supersession: of several loaded reports for the same town-year, the NEWEST stays 'loaded' and the
-- others become 'superseded' (their rows stay, but every analyst view except v_reports ignores them).
-- Newest means, in this order:
--   1. the later publish_date (a report with a known publish date beats one without);
--   2. then the later file modification time (file_mtime_ns; a known time beats an unknown one);
--   3. then the greater source_path (so the order is total and every rebuild picks the same report).
INSERT INTO dim_report
WITH staged AS (
    SELECT r.*,
           CASE WHEN r.town IS NULL THEN 0
                ELSE fazhi_key(r.town || '|' || coalesce(r.county, '')) END AS t_key,
           coalesce(r.report_year, 0) AS y_key
    FROM stg_reports AS r
),
ranked AS (
    SELECT s.*,
           CASE WHEN s.status = 'loaded' THEN row_number() OVER newest END AS recency,
           CASE WHEN s.status = 'loaded' THEN first_value(s.report_id) OVER newest END AS newest_id
    FROM staged AS s
    WINDOW newest AS (
        PARTITION BY s.t_key, s.y_key, s.status = 'loaded'
        ORDER BY s.publish_date DESC NULLS LAST, s.file_mtime_ns DESC NULLS LAST, s.source_path DESC
    )
)
SELECT fazhi_key(report_id),
       report_id,
       source_path,
       content_sha256,
       file_size,
       file_mtime_ns,
       CASE WHEN status = 'loaded' AND recency > 1 THEN 'superseded' ELSE status END,
       reject_reason,
       CASE WHEN status = 'loaded' AND recency > 1 THEN newest_id END,
       recency,
       t_key,
       y_key,
       title,
       publish_date,
       doc_number,
       script,
       encoding,
       extractor_version,
       length(text)
FROM ranked
ORDER BY source_path;

INSERT INTO report_text
SELECT r.report_key, s.text
FROM stg_reports AS s
JOIN dim_report AS r USING (report_id)
WHERE s.text IS NOT NULL
ORDER BY r.report_key;
