-- check: rates_in_range | rate indicators (unit %) lie within 0..100
SELECT i.indicator_code, f.report_key, f.value
FROM fact_indicator_value AS f
JOIN dim_indicator AS i USING (indicator_key)
WHERE i.value_type = 'rate' AND (f.value < 0 OR f.value > 100);
