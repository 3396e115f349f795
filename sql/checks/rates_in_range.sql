-- check: rates_in_range | rate indicators (value_type rate, unit %) lie within 0..100
SELECT i.indicator_code, r.source_path, f.value, f.value_high
FROM fact_indicator_value AS f
JOIN dim_indicator AS i USING (indicator_key)
JOIN dim_report AS r USING (report_key)
WHERE i.value_type = 'rate'
  AND (f.value < 0 OR f.value > 100 OR f.value_high < 0 OR f.value_high > 100)
ORDER BY r.source_path, i.indicator_code;
