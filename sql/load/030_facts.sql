-- Facts, mentions and the per-report detail tables, keyed through the dimensions already loaded.
-- Rows are inserted in key order and every tie is broken, so the same frames give the same rows.

-- Every fact is checked against its indicator's domain: never negative, a count a whole number,
-- at most the catalogue's ceiling (rates 100). `rule` names the first rule a value breaks; such
-- facts go to fact_out_of_range (shown in v_data_quality), never to fact_indicator_value.
CREATE OR REPLACE TEMP VIEW stg_fact_rows AS
SELECT r.report_key, i.indicator_key, r.town_key, r.year_key, v.value, v.value_high,
       f.unit_raw, f.qualifier, f.evidence, f.evidence_start, f.evidence_end, f.mention_count,
       CASE WHEN v.value < 0 OR v.value_high < 0
                THEN 'value >= 0: a ' || coalesce(i.value_type, 'value') || ' is never negative'
            WHEN i.value_type = 'count' AND (v.value <> trunc(v.value) OR v.value_high <> trunc(v.value_high))
                THEN 'a count is a whole number'
            WHEN v.value > i.ceiling OR v.value_high > i.ceiling
                THEN 'value <= ' || CAST(CAST(i.ceiling AS DECIMAL(20, 0)) AS VARCHAR) || ' '
                     || coalesce(i.unit, '') || ' (ceiling in seeds/indicators.csv: '
                     || coalesce(i.ceiling_basis, 'no reason given') || ')'
       END AS rule
FROM stg_facts AS f
CROSS JOIN LATERAL (SELECT CAST(f.value AS DECIMAL(20, 4)) AS value,
                           CAST(f.value_high AS DECIMAL(20, 4)) AS value_high) AS v
JOIN dim_report AS r USING (report_id)
JOIN dim_indicator AS i ON i.indicator_code = f.indicator_code;

INSERT INTO fact_indicator_value
SELECT * EXCLUDE (rule) FROM stg_fact_rows WHERE rule IS NULL ORDER BY report_key, indicator_key;

INSERT INTO fact_out_of_range
SELECT * EXCLUDE (town_key, year_key) FROM stg_fact_rows WHERE rule IS NOT NULL
ORDER BY report_key, indicator_key;

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
