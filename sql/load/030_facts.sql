-- Facts, mentions and the per-report detail tables, keyed through the dimensions already loaded.
-- Rows are inserted in key order and every tie is broken, so the same frames give the same rows.

INSERT INTO fact_indicator_value
SELECT r.report_key, i.indicator_key, r.town_key, r.year_key,
       CAST(f.value AS DECIMAL(20, 4)), CAST(f.value_high AS DECIMAL(20, 4)),
       f.unit_raw, f.qualifier, f.evidence, f.evidence_start, f.evidence_end, f.mention_count
FROM stg_facts AS f
JOIN dim_report AS r USING (report_id)
JOIN dim_indicator AS i ON i.indicator_code = f.indicator_code
ORDER BY r.report_key, i.indicator_key;

INSERT INTO fact_mention
SELECT r.report_key, m.mention_no, i.indicator_key, m.label,
       CAST(m.value AS DECIMAL(20, 4)), CAST(m.value_high AS DECIMAL(20, 4)),
       m.unit_raw, m.qualifier, m.evidence, m.evidence_start, m.evidence_end
FROM stg_mentions AS m
JOIN dim_report AS r USING (report_id)
LEFT JOIN dim_indicator AS i ON i.indicator_code = m.indicator_code
ORDER BY r.report_key, m.mention_no;

INSERT INTO fact_unmatched_quantity
SELECT r.report_key,
       row_number() OVER (
           PARTITION BY r.report_key
           ORDER BY u.evidence_start NULLS LAST, u.evidence_end, u.label, u.value, u.unit
       ) AS unmatched_no,
       u.label, CAST(u.value AS DECIMAL(20, 4)), u.unit, u.qualifier, u.evidence, u.evidence_start,
       u.evidence_end, u.indicator_hint
FROM stg_unmatched AS u
JOIN dim_report AS r USING (report_id)
ORDER BY r.report_key, unmatched_no;

INSERT INTO report_section
SELECT r.report_key, s.section_no, s.section_type, s.heading, s.text, s.start, s."end"
FROM stg_sections AS s
JOIN dim_report AS r USING (report_id)
ORDER BY r.report_key, s.section_no;

INSERT INTO report_problem
SELECT r.report_key, p.item_no, p.theme, min(p.text), coalesce(min(p.part), 'problem')
FROM stg_problems AS p
JOIN dim_report AS r USING (report_id)
GROUP BY r.report_key, p.item_no, p.theme
ORDER BY r.report_key, p.item_no, p.theme;

INSERT INTO report_quality_flag
SELECT r.report_key, q.flag, string_agg(q.detail, '; ' ORDER BY q.detail)
FROM stg_flags AS q
JOIN dim_report AS r USING (report_id)
GROUP BY r.report_key, q.flag
ORDER BY r.report_key, q.flag;
