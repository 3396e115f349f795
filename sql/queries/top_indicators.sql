-- Facts per indicator in a staged file, most frequent first (run metadata shown in the Dagster UI).
SELECT i.indicator_code, count(*) AS facts, median(f.value) AS median_value
FROM fact_indicator_value AS f
JOIN dim_indicator AS i USING (indicator_key)
GROUP BY i.indicator_code
ORDER BY facts DESC, i.indicator_code;
