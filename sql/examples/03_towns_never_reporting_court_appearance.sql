-- Question: Which towns never report the rate at which officials appear in court for administrative
--           lawsuits, in any year we hold a report for?
-- 问题：哪些乡镇在所有年度报告中都从未报告行政机关负责人出庭应诉率？
SELECT r.town_key,
       r.town,
       r.county,
       count(*) AS n_reports,
       string_agg(CAST(r.report_year AS VARCHAR), ', ' ORDER BY r.report_year) AS years_reported
FROM v_reports AS r
WHERE r.status = 'loaded'
  AND r.town_key NOT IN (SELECT town_key FROM v_facts WHERE indicator_code = 'court_appearance_rate')
GROUP BY ALL
ORDER BY r.town, r.county;
