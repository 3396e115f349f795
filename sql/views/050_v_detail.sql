-- Quantities that fit no catalogue code, labelled from their context.
CREATE OR REPLACE VIEW v_unmatched_quantities AS
SELECT r.report_id, t.town, y.report_year, u.label, u.value, u.unit, u.qualifier, u.evidence,
       u.evidence_start, u.evidence_end
FROM fact_unmatched_quantity AS u
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = r.town_key
JOIN dim_year AS y ON y.year_key = r.year_key
WHERE r.status = 'loaded';

-- Report sections in reading order, classified.
CREATE OR REPLACE VIEW v_sections AS
SELECT r.report_id, s.section_no, s.section_type, s.heading, s.section_text AS text,
       s.start_offset, s.end_offset
FROM report_section AS s
JOIN dim_report AS r USING (report_key)
WHERE r.status = 'loaded';

-- Shortcoming items of the problems section, one row per item × theme.
CREATE OR REPLACE VIEW v_problems AS
SELECT r.report_id, r.town_key, t.town, y.report_year, p.item_no, p.theme, p.item_text AS text
FROM report_problem AS p
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = r.town_key
JOIN dim_year AS y ON y.year_key = r.year_key
WHERE r.status = 'loaded';

-- Data-quality flags per report.
CREATE OR REPLACE VIEW v_data_quality AS
SELECT r.report_id, t.town, y.report_year, q.flag, q.detail
FROM report_quality_flag AS q
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = r.town_key
JOIN dim_year AS y ON y.year_key = r.year_key;

-- Which towns report which indicators in which years.
CREATE OR REPLACE VIEW v_coverage AS
SELECT t.town_key, t.town, t.county, y.report_year, i.indicator_code, i.category,
       f.report_key IS NOT NULL AS reported
FROM (SELECT DISTINCT town_key, year_key FROM dim_report WHERE status = 'loaded') AS ty
JOIN dim_town AS t USING (town_key)
JOIN dim_year AS y USING (year_key)
CROSS JOIN dim_indicator AS i
LEFT JOIN (SELECT f.* FROM fact_indicator_value AS f JOIN dim_report AS r USING (report_key)
           WHERE r.status = 'loaded') AS f
       ON f.town_key = ty.town_key AND f.year_key = ty.year_key AND f.indicator_key = i.indicator_key;
