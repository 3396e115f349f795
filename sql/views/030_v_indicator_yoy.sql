-- Year-over-year: each town × indicator × year next to the same town's value for the calendar year
-- before (prev_year = report_year - 1; NULL when that year has no loaded value). Loaded reports only.
CREATE OR REPLACE VIEW v_indicator_yoy AS
SELECT cur.town_key,
       cur.town,
       cur.county,
       cur.indicator_code,
       cur.report_year,
       cur.value,
       prev.report_year AS prev_year,
       prev.value AS prev_value,
       cur.value - prev.value AS abs_change,
       CASE WHEN prev.value IS NULL OR prev.value = 0 THEN NULL
            ELSE round(100.0 * (cur.value - prev.value) / prev.value, 2) END AS pct_change,
       cur.indicator_name,
       cur.category,
       cur.unit,
       cur.qualifier,
       prev.qualifier AS prev_qualifier
FROM v_facts AS cur
LEFT JOIN v_facts AS prev
       ON prev.town_key = cur.town_key
      AND prev.indicator_code = cur.indicator_code
      AND prev.report_year = cur.report_year - 1;
