-- check: foreign_keys_resolve | every fact and detail row points at an existing report, indicator, town and year, and a fact's town and year are its report's
SELECT 'fact_indicator_value' AS tbl, count(*) AS orphans
FROM fact_indicator_value AS f
LEFT JOIN dim_report AS r USING (report_key)
LEFT JOIN dim_indicator AS i USING (indicator_key)
LEFT JOIN dim_town AS t ON t.town_key = f.town_key
LEFT JOIN dim_year AS y ON y.year_key = f.year_key
WHERE r.report_key IS NULL OR i.indicator_key IS NULL OR t.town_key IS NULL OR y.year_key IS NULL
   OR f.town_key <> r.town_key OR f.year_key <> r.year_key
HAVING count(*) > 0
UNION ALL
SELECT 'dim_report', count(*)
FROM dim_report AS r
LEFT JOIN dim_town AS t USING (town_key)
LEFT JOIN dim_year AS y USING (year_key)
WHERE t.town_key IS NULL OR y.year_key IS NULL
HAVING count(*) > 0
UNION ALL
SELECT 'fact_mention', count(*)
FROM fact_mention AS m
LEFT JOIN dim_report AS r USING (report_key)
LEFT JOIN dim_indicator AS i USING (indicator_key)
WHERE r.report_key IS NULL OR (m.indicator_key IS NOT NULL AND i.indicator_key IS NULL)
HAVING count(*) > 0
UNION ALL
SELECT tbl, count(*)
FROM (SELECT 'fact_unmatched_quantity' AS tbl, report_key FROM fact_unmatched_quantity
      UNION ALL SELECT 'fact_out_of_range', report_key FROM fact_out_of_range
      UNION ALL SELECT 'report_section', report_key FROM report_section
      UNION ALL SELECT 'report_problem', report_key FROM report_problem
      UNION ALL SELECT 'report_quality_flag', report_key FROM report_quality_flag
      UNION ALL SELECT 'report_text', report_key FROM report_text) AS d
ANTI JOIN dim_report AS r USING (report_key)
GROUP BY tbl;
