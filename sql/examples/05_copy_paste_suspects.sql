-- Question: Which town reports look copy-pasted (a paragraph repeated, or another town's name left in
--           the text), and what exactly was flagged?
-- 问题：哪些乡镇的报告疑似复制粘贴（段落重复，或正文中残留其他乡镇名称）？具体标记了什么？
SELECT q.town,
       r.county,
       q.report_year,
       string_agg(q.flag, ', ' ORDER BY q.flag) AS flags,
       string_agg(q.flag || ': ' || coalesce(q.detail, ''), ' | ' ORDER BY q.flag) AS details,
       r.source_path
FROM v_data_quality AS q
JOIN v_reports AS r USING (report_id)
WHERE q.flag IN ('repeated_paragraph', 'mentions_other_town')
GROUP BY ALL
ORDER BY q.town, q.report_year;
