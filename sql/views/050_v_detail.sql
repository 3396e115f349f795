-- Per-report detail views. Like v_facts, they show LOADED and UNIDENTIFIED reports (superseded and
-- rejected reports are visible in v_reports alone; an unidentified report's town is NULL, as there); v_coverage is a town × year view: loaded only.

-- Quantities that are not a report's fact: figures that fit no catalogue code, and the other values
-- of a code whose fact (one per report × indicator) is another figure (indicator_hint = that code),
-- each labelled with the noun it counts. No figure of a report is dropped.
CREATE OR REPLACE VIEW v_unmatched_quantities AS
SELECT r.report_id, CASE WHEN r.town_key = 0 THEN NULL ELSE t.town END AS town, y.report_year, u.label, u.value, u.unit, u.qualifier, u.evidence,
       u.evidence_start, u.evidence_end, r.town_key, t.county, u.indicator_hint
FROM fact_unmatched_quantity AS u
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = r.town_key
JOIN dim_year AS y ON y.year_key = r.year_key
WHERE r.status IN ('loaded', 'unidentified');

-- Report sections in reading order, classified.
CREATE OR REPLACE VIEW v_sections AS
SELECT r.report_id, s.section_no, s.section_type, s.heading, s.section_text AS text,
       s.start_offset, s.end_offset, r.town_key, CASE WHEN r.town_key = 0 THEN NULL ELSE t.town END AS town,
       y.report_year
FROM report_section AS s
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = r.town_key
JOIN dim_year AS y ON y.year_key = r.year_key
WHERE r.status IN ('loaded', 'unidentified');

-- Shortcoming items of the problems section, one row per item × theme.
CREATE OR REPLACE VIEW v_problems AS
SELECT r.report_id, r.town_key, CASE WHEN r.town_key = 0 THEN NULL ELSE t.town END AS town, y.report_year,
       p.item_no, p.theme, p.item_text AS text,
       t.county, p.part
FROM report_problem AS p
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = r.town_key
JOIN dim_year AS y ON y.year_key = r.year_key
WHERE r.status IN ('loaded', 'unidentified');

-- Data-quality flags per loaded report, and one 'value_out_of_range' row per fact kept out of
-- v_facts because its value breaks the indicator's domain (with the value, evidence and rule).
CREATE OR REPLACE VIEW v_data_quality AS
SELECT r.report_id, CASE WHEN r.town_key = 0 THEN NULL ELSE t.town END AS town, y.report_year, q.flag, q.detail, r.town_key, t.county,
       q.indicator_code, q.value, q.evidence, q.rule
FROM (SELECT report_key, flag, detail, NULL AS indicator_code, CAST(NULL AS DECIMAL(20, 4)) AS value,
             NULL AS evidence, NULL AS rule
      FROM report_quality_flag
      UNION ALL
      SELECT x.report_key, 'value_out_of_range',
             i.indicator_code || ' = ' || CAST(x.value AS VARCHAR)
                 || coalesce(' .. ' || CAST(x.value_high AS VARCHAR), '') || ' ' || coalesce(i.unit, ''),
             i.indicator_code, x.value, x.evidence, x.rule
      FROM fact_out_of_range AS x
      JOIN dim_indicator AS i USING (indicator_key)) AS q
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = r.town_key
JOIN dim_year AS y ON y.year_key = r.year_key
WHERE r.status IN ('loaded', 'unidentified');

-- Which towns report which indicators in which years: every loaded town-year × every indicator.
CREATE OR REPLACE VIEW v_coverage AS
SELECT t.town_key, t.town, t.county, y.report_year, i.indicator_code, i.category,
       f.report_key IS NOT NULL AS reported, ty.report_id, i.indicator_name, i.category_zh,
       f.value
FROM (SELECT report_id, report_key, town_key, year_key FROM dim_report WHERE status = 'loaded') AS ty
JOIN dim_town AS t USING (town_key)
JOIN dim_year AS y USING (year_key)
CROSS JOIN dim_indicator AS i
LEFT JOIN fact_indicator_value AS f
       ON f.report_key = ty.report_key AND f.indicator_key = i.indicator_key;
