-- One dim_report row per input file. Among loaded reports of the same town-year, the newest
-- (latest publish date, then latest file modification, then path) stays 'loaded'; the rest are 'superseded'.
INSERT INTO dim_report
WITH ranked AS (
    SELECT r.*,
           CASE WHEN r.town IS NULL THEN 0 ELSE fazhi_key(r.town || '|' || coalesce(r.county, '')) END AS t_key,
           coalesce(r.report_year, 0) AS y_key,
           row_number() OVER (
               PARTITION BY r.town, r.county, r.report_year, (r.status = 'loaded')
               ORDER BY r.publish_date DESC NULLS LAST, r.file_mtime_ns DESC NULLS LAST, r.source_path DESC
           ) AS recency
    FROM stg_reports AS r
)
SELECT fazhi_key(report_id),
       report_id,
       source_path,
       content_sha256,
       file_size,
       CASE WHEN status = 'loaded' AND recency > 1 THEN 'superseded' ELSE status END,
       reject_reason,
       t_key,
       y_key,
       title,
       publish_date,
       doc_number,
       script,
       encoding,
       level,
       extractor_version,
       length(text),
       text
FROM ranked
ORDER BY source_path;
