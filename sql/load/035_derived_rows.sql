-- The rows of the derived tables (agg_indicator_yoy, agg_cross_town) as TEMP views over the loaded
-- facts: 040_derived.sql writes all of them (full build), 140_refresh_derived.sql only those of the
-- town-years an incremental build touched. One definition, so both paths give the same rows. The
-- scope (stg_scope_towns, stg_scope_years: 034 or 134) filters BEFORE the join and the windows: a
-- town's YoY rows need only that town's facts, a year's ranks only that year's (at 100,000 reports,
-- ranking every year to keep one cost 0.7 s).

CREATE OR REPLACE TEMP VIEW stg_loaded_facts AS
SELECT f.report_key, f.indicator_key, f.town_key, y.report_year, f.value, f.qualifier, t.level
FROM fact_indicator_value AS f
JOIN dim_report AS r USING (report_key)
JOIN dim_year AS y ON y.year_key = f.year_key
JOIN dim_town AS t ON t.town_key = f.town_key
WHERE r.status = 'loaded';

-- Each loaded town × indicator × year next to the same town's value for the calendar year before.
CREATE OR REPLACE TEMP VIEW stg_yoy_rows AS
SELECT cur.report_key,
       cur.indicator_key,
       cur.town_key,
       cur.report_year,
       cur.value,
       prev.report_year AS prev_year,
       prev.value AS prev_value,
       cur.value - prev.value AS abs_change,
       CASE WHEN prev.value IS NULL OR prev.value = 0 THEN NULL
            ELSE round(100.0 * (cur.value - prev.value) / prev.value, 2) END AS pct_change,
       cur.qualifier,
       prev.qualifier AS prev_qualifier
FROM (SELECT * FROM stg_loaded_facts WHERE town_key IN (SELECT town_key FROM stg_scope_towns)) AS cur
LEFT JOIN (SELECT * FROM stg_loaded_facts WHERE town_key IN (SELECT town_key FROM stg_scope_towns)) AS prev
       ON prev.town_key = cur.town_key
      AND prev.indicator_key = cur.indicator_key
      AND prev.report_year = cur.report_year - 1;

-- Each loaded town's value ranked among the bodies of its own level (township or county) reporting the
-- indicator that year: a district is never compared with its towns.
CREATE OR REPLACE TEMP VIEW stg_cross_town_rows AS
SELECT report_key,
       indicator_key,
       town_key,
       report_year,
       value,
       rank() OVER (PARTITION BY indicator_key, report_year, level ORDER BY value DESC) AS rank_in_year,
       count(*) OVER (PARTITION BY indicator_key, report_year, level) AS n_towns,
       median(value) OVER (PARTITION BY indicator_key, report_year, level) AS median_value,
       CASE WHEN median(value) OVER (PARTITION BY indicator_key, report_year, level) = 0 THEN NULL
            ELSE round(value / median(value) OVER (PARTITION BY indicator_key, report_year, level), 4) END
           AS ratio_to_median,
       qualifier
FROM stg_loaded_facts
WHERE coalesce(report_year, 0) IN (SELECT year_key FROM stg_scope_years);
