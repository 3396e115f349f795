-- Question: Each year, how does every town compare with the median town on disputes mediated
--           (rank, and value as a multiple of the median)?
-- 问题：每年各乡镇调解矛盾纠纷件数与中位数乡镇相比如何（排名，以及是中位数的多少倍）？
SELECT report_year,
       rank_in_year,
       town,
       county,
       value,
       n_towns,
       median_value,
       ratio_to_median
FROM v_cross_town
WHERE indicator_code = 'disputes_mediated'
ORDER BY report_year, rank_in_year, town;
