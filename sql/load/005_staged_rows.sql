-- The dimension and dim_report rows the staged reports (stg_reports) call for, as TEMP views.
-- A full build inserts them all (010, 020); an incremental build (110-130) inserts the missing ones
-- and updates the rest, so both end with the same rows.

CREATE OR REPLACE TEMP VIEW stg_dim_year AS
SELECT DISTINCT report_year AS year_key, report_year, make_date(report_year, 1, 1) AS year_start,
       CAST(report_year AS VARCHAR) AS year_label
FROM stg_reports
WHERE report_year IS NOT NULL;

-- The natural key of a reporting body is its register division code; a body the register does not
-- resolve is its name plus its county (the same name in two counties is two towns).
CREATE OR REPLACE TEMP VIEW stg_town_keys AS
SELECT *, coalesce(division_code, town || '|' || coalesce(county, '')) AS natural_key
FROM stg_reports
WHERE town IS NOT NULL;

CREATE OR REPLACE TEMP VIEW stg_dim_town AS
SELECT fazhi_key(natural_key) AS town_key,
       natural_key,
       min(town) AS town,                     -- min(): deterministic when reports disagree
       min(county) AS county,
       min(town_type) AS town_type,
       coalesce(min(level), 'township') AS level,
       min(division_code) AS division_code,
       min(prefecture) AS prefecture,
       min(province) AS province
FROM stg_town_keys
GROUP BY natural_key;

-- Supersession: of several loaded reports for the same town-year, the NEWEST stays 'loaded' and the
-- others become 'superseded' (their rows stay, but every analyst view except v_reports ignores them).
-- Newest means, in this order:
--   1. the later publish_date (a report with a known publish date beats one without);
--   2. then the later file modification time (file_mtime_ns; a known time beats an unknown one);
--   3. then the greater source_path (so the order is total and every rebuild picks the same report).
-- n_chars is NULL where stg_reports carries no text (an incremental build's unchanged reports; a
-- full build's reports, whose texts and lengths 025_report_text.sql adds one shard at a time).
CREATE OR REPLACE TEMP VIEW stg_dim_report AS
WITH staged AS (
    SELECT r.*,
           CASE WHEN r.town IS NULL THEN 0
                ELSE fazhi_key(coalesce(r.division_code, r.town || '|' || coalesce(r.county, ''))) END AS t_key,
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
SELECT fazhi_key(report_id) AS report_key,
       report_id,
       source_path,
       content_sha256,
       file_size,
       file_mtime_ns,
       CASE WHEN status = 'loaded' AND recency > 1 THEN 'superseded' ELSE status END AS status,
       reject_reason,
       CASE WHEN status = 'loaded' AND recency > 1 THEN newest_id END AS superseded_by,
       recency AS recency_rank,
       t_key AS town_key,
       y_key AS year_key,
       title,
       publish_date,
       doc_number,
       script,
       encoding,
       source_format,
       extractor_version,
       length(text) AS n_chars,
       url
FROM ranked;
