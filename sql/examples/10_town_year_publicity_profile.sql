-- Question: For a dashboard, give one row per town and year with its publicity and mediation figures
--           side by side, and how many catalogue indicators the report gives in total.
-- 问题：为仪表板提供每个乡镇每年一行的数据：普法宣传与矛盾调解主要指标并列，以及该报告共报告了多少个指标。
SELECT w.town,
       w.county,
       w.report_year,
       w.publicity_events,
       w.lectures,
       w.publicity_materials,
       w.disputes_mediated,
       w.dispute_resolution_rate,
       coalesce(r.n_facts, 0) AS n_indicators_reported
FROM v_town_year_wide AS w
JOIN v_reports AS r USING (report_id)
ORDER BY w.town, w.county, w.report_year;
