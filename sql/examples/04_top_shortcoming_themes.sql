-- Question: Which shortcoming themes do towns name most often in the "problems" part of their reports?
-- 问题："存在的不足"部分中，乡镇最常提到的问题主题有哪些？
SELECT theme,
       count(*) AS n_items,
       count(DISTINCT report_id) AS n_reports,
       count(DISTINCT town_key) AS n_towns,
       round(100.0 * count(DISTINCT report_id)
             / (SELECT count(*) FROM v_reports WHERE status = 'loaded'), 1) AS pct_of_reports
FROM v_problems
GROUP BY theme
ORDER BY n_reports DESC, n_items DESC, theme;
