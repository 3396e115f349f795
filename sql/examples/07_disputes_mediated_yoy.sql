-- Question: How did the number of disputes mediated change from one year to the next in each town?
-- 问题：各乡镇调解矛盾纠纷件数的同比变化如何？
SELECT town,
       county,
       prev_year,
       report_year,
       prev_value,
       value,
       abs_change,
       pct_change
FROM v_indicator_yoy
WHERE indicator_code = 'disputes_mediated'
  AND prev_year IS NOT NULL
ORDER BY town, county, report_year;
