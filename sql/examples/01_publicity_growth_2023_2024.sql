-- Question: Which towns increased their legal publicity work most from 2023 to 2024
--           (publicity events held, lectures given, materials handed out)?
-- 问题：2023年到2024年，哪些乡镇的普法宣传工作（宣传活动场次、法治讲座场次、宣传资料份数）增长最多？
-- Reads v_indicator_yoy (loaded reports only); one row per town × indicator with both years.
SELECT indicator_code,
       indicator_name,
       town,
       county,
       prev_value AS value_2023,
       value AS value_2024,
       abs_change,
       pct_change,
       rank() OVER (PARTITION BY indicator_code ORDER BY abs_change DESC) AS growth_rank
FROM v_indicator_yoy
WHERE indicator_code IN ('publicity_events', 'lectures', 'publicity_materials')
  AND report_year = 2024
  AND prev_year = 2023
ORDER BY indicator_code, growth_rank, town;
