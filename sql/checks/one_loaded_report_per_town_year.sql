-- check: one_loaded_report_per_town_year | supersession left exactly one loaded report per town and year
SELECT t.natural_key, r.year_key, count(*) AS loaded_reports
FROM dim_report AS r
JOIN dim_town AS t USING (town_key)
WHERE r.status = 'loaded'
GROUP BY t.natural_key, r.year_key
HAVING count(*) > 1;
