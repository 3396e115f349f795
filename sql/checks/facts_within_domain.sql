-- check: facts_within_domain | every fact in v_facts lies within its indicator's domain (never negative, a count a whole number, at most the ceiling in seeds/indicators.csv); the load puts the others in fact_out_of_range, shown in v_data_quality
SELECT i.indicator_code, r.source_path, f.value, f.value_high, i.ceiling
FROM fact_indicator_value AS f
JOIN dim_indicator AS i USING (indicator_key)
JOIN dim_report AS r USING (report_key)
WHERE f.report_key IN (SELECT report_key FROM checked_reports)
  AND (f.value < 0 OR f.value_high < 0 OR f.value > i.ceiling OR f.value_high > i.ceiling
       OR (i.value_type = 'count' AND (f.value <> trunc(f.value) OR f.value_high <> trunc(f.value_high))))
ORDER BY r.source_path, i.indicator_code;
