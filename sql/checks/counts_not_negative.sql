-- check: counts_not_negative | counts, amounts and durations are never negative
SELECT i.indicator_code, f.report_key, f.value
FROM fact_indicator_value AS f
JOIN dim_indicator AS i USING (indicator_key)
WHERE f.value < 0;
