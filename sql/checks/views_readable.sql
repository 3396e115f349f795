-- check: views_readable | every analyst view binds: its tables and columns exist (a view that cannot be read fails the build, not the analyst)
SELECT view_name, count(*) AS rows_read
FROM (SELECT 'v_reports' AS view_name FROM (SELECT * FROM v_reports LIMIT 0)
      UNION ALL SELECT 'v_report_text' FROM (SELECT * FROM v_report_text LIMIT 0)
      UNION ALL SELECT 'v_facts' FROM (SELECT * FROM v_facts LIMIT 0)
      UNION ALL SELECT 'v_indicator_yoy' FROM (SELECT * FROM v_indicator_yoy LIMIT 0)
      UNION ALL SELECT 'v_cross_town' FROM (SELECT * FROM v_cross_town LIMIT 0)
      UNION ALL SELECT 'v_unmatched_quantities' FROM (SELECT * FROM v_unmatched_quantities LIMIT 0)
      UNION ALL SELECT 'v_sections' FROM (SELECT * FROM v_sections LIMIT 0)
      UNION ALL SELECT 'v_problems' FROM (SELECT * FROM v_problems LIMIT 0)
      UNION ALL SELECT 'v_data_quality' FROM (SELECT * FROM v_data_quality LIMIT 0)
      UNION ALL SELECT 'v_coverage' FROM (SELECT * FROM v_coverage LIMIT 0)
      UNION ALL SELECT 'v_town_year_wide' FROM (SELECT * FROM v_town_year_wide LIMIT 0))
GROUP BY view_name
HAVING count(*) < 0;
