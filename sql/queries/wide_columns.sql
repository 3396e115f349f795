-- The column list of v_town_year_wide, one filtered aggregate per indicator code.
SELECT string_agg(
           format('max(f.value) FILTER (WHERE i.indicator_code = ''{}'') AS "{}"', indicator_code, indicator_code),
           ', ' ORDER BY indicator_code)
FROM dim_indicator;
