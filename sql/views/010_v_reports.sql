-- One row per input file: loaded, unidentified (a report whose body or year the text does not give,
-- with the reason), rejected (not a report, with the reason) or superseded (with the newer report).
-- This is the only analyst view that shows superseded and rejected reports; the detail views (v_facts,
-- v_sections, v_problems, v_unmatched_quantities, v_data_quality) show loaded and unidentified ones,
-- and the town × year views (v_indicator_yoy, v_cross_town, v_coverage, v_town_year_wide) loaded ones.
CREATE OR REPLACE VIEW v_reports AS
SELECT r.report_id,
       r.source_path,
       r.content_sha256,
       r.status,
       r.reject_reason,
       CASE WHEN r.town_key = 0 THEN NULL ELSE t.town END AS town,
       t.town_type,
       t.county,
       y.report_year,
       r.publish_date,
       r.script,
       coalesce(n.n_facts, 0) AS n_facts,
       r.superseded_by,
       r.title,
       t.level,
       r.doc_number,
       r.encoding,
       r.source_format,
       CASE WHEN r.town_key = 0 THEN NULL ELSE r.town_key END AS town_key,
       r.n_chars,
       r.file_size,
       r.file_mtime_ns,
       r.extractor_version,
       t.division_code,
       t.prefecture,
       t.province,
       r.url
FROM dim_report AS r
JOIN dim_town AS t USING (town_key)
JOIN dim_year AS y USING (year_key)
LEFT JOIN (SELECT report_key, count(*) AS n_facts FROM fact_indicator_value GROUP BY report_key) AS n
       USING (report_key);

-- The normalised text of each report: evidence offsets in v_facts index into it (0-based, end exclusive).
CREATE OR REPLACE VIEW v_report_text AS
SELECT r.report_id, r.source_path, r.status, x.text
FROM dim_report AS r
JOIN report_text AS x USING (report_key);
