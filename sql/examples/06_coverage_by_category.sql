-- Question: How completely do reports cover each indicator category, per year: what share of the
--           catalogue's indicators in the category does the average town report?
-- 问题：每年各指标类别的覆盖程度如何——平均每个乡镇报告了该类别中多大比例的指标？
SELECT report_year,
       category,
       any_value(category_zh) AS category_zh,
       count(DISTINCT town_key) AS n_towns,
       count(DISTINCT indicator_code) AS n_indicators,
       count(*) FILTER (WHERE reported) AS cells_reported,
       count(*) AS cells,
       round(100.0 * count(*) FILTER (WHERE reported) / count(*), 1) AS pct_reported,
       count(DISTINCT town_key) FILTER (WHERE reported) AS towns_reporting_any
FROM v_coverage
GROUP BY report_year, category
ORDER BY report_year, pct_reported DESC, category;
