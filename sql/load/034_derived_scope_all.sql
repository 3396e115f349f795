-- Full build: the derived rows (035_derived_rows.sql) are computed for every town and year.
CREATE OR REPLACE TEMP VIEW stg_scope_towns AS SELECT town_key FROM dim_town;
CREATE OR REPLACE TEMP VIEW stg_scope_years AS SELECT year_key FROM dim_year;
