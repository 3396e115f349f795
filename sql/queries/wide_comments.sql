-- COMMENT statements for the generated columns of v_town_year_wide, from the catalogue text.
SELECT string_agg(
           format('COMMENT ON COLUMN v_town_year_wide."{}" IS ''{}'';',
                  indicator_code,
                  replace(indicator_name || '（' || coalesce(unit, '') || '，' || coalesce(category_zh, '')
                          || '）/ ' || indicator_code || ' (' || coalesce(unit, '') || '): '
                          || coalesce(definition, ''), '''', '''''')),
           chr(10) ORDER BY indicator_code)
FROM dim_indicator;
