-- Cross-town comparison: each body's value ranked among the bodies of the same level (township or
-- county) reporting it that year (rank 1 = largest value); n_towns and the median are within that level,
-- so a district's totals are never the median of its towns. Loaded reports only: one per body-year.
-- The rows are computed at build time (sql/load/040_derived.sql, table agg_cross_town).
CREATE OR REPLACE VIEW v_cross_town AS
SELECT i.indicator_code,
       a.report_year,
       a.town_key,
       t.town,
       t.county,
       a.value,
       a.rank_in_year,
       a.n_towns,
       a.median_value,
       a.ratio_to_median,
       i.indicator_name,
       i.category,
       i.unit,
       a.qualifier,
       t.level
FROM agg_cross_town AS a
JOIN dim_town AS t ON t.town_key = a.town_key
JOIN dim_indicator AS i ON i.indicator_key = a.indicator_key;
