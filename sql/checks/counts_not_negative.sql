-- check: counts_not_negative | counts, amounts and durations are never negative
SELECT i.indicator_code, r.source_path, f.value, f.value_high
FROM fact_indicator_value AS f
JOIN dim_indicator AS i USING (indicator_key)
JOIN dim_report AS r USING (report_key)
WHERE i.value_type IN ('count', 'amount', 'duration') AND (f.value < 0 OR f.value_high < 0)
ORDER BY r.source_path, i.indicator_code;
