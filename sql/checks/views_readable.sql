-- check: views_readable | every analyst view binds and returns a row without error (a view that cannot be read fails the build, not the analyst)
SELECT view_name, count(*) AS rows_read
FROM (SELECT 'v_reports' AS view_name FROM (SELECT * FROM v_reports LIMIT 1)
      UNION ALL SELECT 'v_report_text' FROM (SELECT * FROM v_report_text LIMIT 1)
      UNION ALL SELECT 'v_facts' FROM (SELECT * FROM v_facts LIMIT 1)
      UNION ALL SELECT 'v_indicator_yoy' FROM (SELECT * FROM v_indicator_yoy LIMIT 1)
      UNION ALL SELECT 'v_cross_town' FROM (SELECT * FROM v_cross_town LIMIT 1)
      UNION ALL SELECT 'v_unmatched_quantities' FROM (SELECT * FROM v_unmatched_quantities LIMIT 1)
      UNION ALL SELECT 'v_sections' FROM (SELECT * FROM v_sections LIMIT 1)
      UNION ALL SELECT 'v_problems' FROM (SELECT * FROM v_problems LIMIT 1)
      UNION ALL SELECT 'v_data_quality' FROM (SELECT * FROM v_data_quality LIMIT 1)
      UNION ALL SELECT 'v_coverage' FROM (SELECT * FROM v_coverage LIMIT 1)
      UNION ALL SELECT 'v_town_year_wide' FROM (SELECT * FROM v_town_year_wide LIMIT 1))
GROUP BY view_name
HAVING count(*) < 0;
