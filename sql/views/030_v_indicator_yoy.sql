-- Year-over-year: each town × indicator × year next to the same town's value for the calendar year
-- before (prev_year = report_year - 1; NULL when that year has no loaded value). Loaded reports only.
-- The rows are computed at build time (sql/load/040_derived.sql, table agg_indicator_yoy).
CREATE OR REPLACE VIEW v_indicator_yoy AS
SELECT town_key,
       town,
       county,
       indicator_code,
       report_year,
       value,
       prev_year,
       prev_value,
       abs_change,
       pct_change,
       indicator_name,
       category,
       unit,
       qualifier,
       prev_qualifier
FROM agg_indicator_yoy;
