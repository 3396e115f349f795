-- Year-over-year: each town × indicator × year next to the same town's value for the calendar year
-- before (prev_year = report_year - 1; NULL when that year has no loaded value). Loaded reports only.
-- The rows are computed at build time (sql/load/040_derived.sql, table agg_indicator_yoy).
CREATE OR REPLACE VIEW v_indicator_yoy AS
SELECT a.town_key,
       t.town,
       t.county,
       i.indicator_code,
       a.report_year,
       a.value,
       a.prev_year,
       a.prev_value,
       a.abs_change,
       a.pct_change,
       i.indicator_name,
       i.category,
       i.unit,
       a.qualifier,
       a.prev_qualifier,
       t.level
FROM agg_indicator_yoy AS a
JOIN dim_town AS t ON t.town_key = a.town_key
JOIN dim_indicator AS i ON i.indicator_key = a.indicator_key;
