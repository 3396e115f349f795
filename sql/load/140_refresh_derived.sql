-- Incremental build: refresh only the derived rows (035_derived_rows.sql) that what changed can move.
-- stg_touched holds the town-years of every removed, changed or added report (110 and 130 wrote it).
-- A YoY row pairs a town's value with its previous year's: every row of a touched town is recomputed.
-- A cross-town row ranks all towns of an indicator-year: every row of a touched year is recomputed.
-- Adding one report to 10,000 thus rewrites a few dozen YoY rows and one year's ranks, not 2 × 160,000
-- rows (tests/test_warehouse_incremental_load.py checks the result equals a full build's).
DELETE FROM agg_indicator_yoy WHERE town_key IN (SELECT town_key FROM stg_touched);
INSERT INTO agg_indicator_yoy
SELECT * FROM stg_yoy_rows ORDER BY town_key, indicator_key, report_year;  -- scoped by 134

DELETE FROM agg_cross_town WHERE coalesce(report_year, 0) IN (SELECT year_key FROM stg_touched);
INSERT INTO agg_cross_town
SELECT * FROM stg_cross_town_rows ORDER BY indicator_key, report_year, rank_in_year, town_key;  -- scoped by 134

DROP TABLE stg_touched;
