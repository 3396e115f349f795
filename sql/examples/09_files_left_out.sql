-- Question: Which input files are NOT in the analysis, and why (rejected, unidentified, or superseded by
--           a newer report for the same town and year)?
-- 问题：哪些输入文件没有进入分析？原因是什么（被拒收，或被同一乡镇同一年度更新的报告取代）？
SELECT r.source_path,
       r.status,
       r.town,
       r.report_year,
       CASE r.status
           WHEN 'superseded' THEN 'superseded by ' || n.source_path
           ELSE r.reject_reason  -- rejected, or unidentified (no body or year: a metadata file can give it)
       END AS why,
       r.publish_date,
       n.publish_date AS newer_publish_date
FROM v_reports AS r
LEFT JOIN v_reports AS n ON n.report_id = r.superseded_by
WHERE r.status <> 'loaded'
ORDER BY r.status, r.source_path;
