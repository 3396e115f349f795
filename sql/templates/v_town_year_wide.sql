-- One row per town-year, one column per catalogue indicator. {columns} is filled at build time
-- from dim_indicator (see warehouse/build.py), so new catalogue codes become new columns.
CREATE OR REPLACE VIEW v_town_year_wide AS
SELECT town_key, town, county, report_year, report_id, {columns}
FROM v_facts
GROUP BY ALL;
