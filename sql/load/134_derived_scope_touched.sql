-- Incremental build: the derived rows (035_derived_rows.sql) are computed only for the towns and years
-- of the reports that changed (stg_touched, written by 110 and 130); 140 replaces exactly those rows.
CREATE OR REPLACE TEMP VIEW stg_scope_towns AS SELECT DISTINCT town_key FROM stg_touched;
CREATE OR REPLACE TEMP VIEW stg_scope_years AS SELECT DISTINCT year_key FROM stg_touched;
