-- One row per loaded town-year (also when it has no facts), one column per catalogue indicator.
-- {columns} is filled at build time from dim_indicator (queries/wide_columns.sql, see
-- warehouse/build.py), so a new catalogue code becomes a new column at the next build.
CREATE OR REPLACE VIEW v_town_year_wide AS
SELECT r.town_key, t.town, t.county, y.report_year, r.report_id, {columns}
FROM dim_report AS r
JOIN dim_town AS t ON t.town_key = r.town_key
JOIN dim_year AS y ON y.year_key = r.year_key
LEFT JOIN fact_indicator_value AS f ON f.report_key = r.report_key
LEFT JOIN dim_indicator AS i ON i.indicator_key = f.indicator_key
WHERE r.status = 'loaded'
GROUP BY r.town_key, t.town, t.county, y.report_year, r.report_id;
