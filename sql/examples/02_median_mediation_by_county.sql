-- Question: What is the median number of disputes mediated, and the median stated mediation success
--           rate, per county and year?
-- 问题：各县（市、区）每年调解矛盾纠纷件数的中位数、调解成功率的中位数分别是多少？
-- Towns whose county is unknown are grouped under '(未注明 unknown)'.
SELECT coalesce(county, '(未注明 unknown)') AS county,
       report_year,
       indicator_code,
       count(*) AS n_towns,
       median(value) AS median_value,
       min(value) AS min_value,
       max(value) AS max_value
FROM v_facts
WHERE indicator_code IN ('disputes_mediated', 'dispute_resolution_rate')
GROUP BY ALL
ORDER BY county, report_year, indicator_code;
