-- Cross-town comparison: each town's value ranked among all towns reporting it that year
-- (rank 1 = largest value). Loaded reports only, so every town counts once per year.
-- The rows are computed at build time (sql/load/040_derived.sql, table agg_cross_town).
CREATE OR REPLACE VIEW v_cross_town AS
SELECT indicator_code,
       report_year,
       town_key,
       town,
       county,
       value,
       rank_in_year,
       n_towns,
       median_value,
       ratio_to_median,
       indicator_name,
       category,
       unit,
       qualifier
FROM agg_cross_town;
