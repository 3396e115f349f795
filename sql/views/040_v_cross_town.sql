-- Cross-town comparison: each town's value ranked among all towns reporting it that year
-- (rank 1 = largest value). Loaded reports only, so every town counts once per year.
CREATE OR REPLACE VIEW v_cross_town AS
SELECT indicator_code,
       report_year,
       town_key,
       town,
       county,
       value,
       rank() OVER (PARTITION BY indicator_code, report_year ORDER BY value DESC) AS rank_in_year,
       count(*) OVER (PARTITION BY indicator_code, report_year) AS n_towns,
       median(value) OVER (PARTITION BY indicator_code, report_year) AS median_value,
       CASE WHEN median(value) OVER (PARTITION BY indicator_code, report_year) = 0 THEN NULL
            ELSE round(value / median(value) OVER (PARTITION BY indicator_code, report_year), 4) END
           AS ratio_to_median,
       indicator_name,
       category,
       unit,
       qualifier
FROM v_facts;
