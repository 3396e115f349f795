-- check: foreign_keys_resolve | every fact row points at an existing report, indicator, town and year
SELECT 'fact_indicator_value' AS tbl, count(*) AS orphans
FROM fact_indicator_value AS f
LEFT JOIN dim_report AS r USING (report_key)
LEFT JOIN dim_indicator AS i USING (indicator_key)
LEFT JOIN dim_town AS t ON t.town_key = f.town_key
LEFT JOIN dim_year AS y ON y.year_key = f.year_key
WHERE r.report_key IS NULL OR i.indicator_key IS NULL OR t.town_key IS NULL OR y.year_key IS NULL
HAVING count(*) > 0;
