-- check: values_in_domain | coded columns hold only their documented values (status, source format, qualifier, section type, level)
SELECT 'dim_report.status' AS col, status AS value FROM dim_report
WHERE status NOT IN ('loaded', 'unidentified', 'rejected', 'superseded')
UNION ALL
SELECT 'dim_report.source_format', source_format FROM dim_report
WHERE source_format NOT IN ('text', 'html', 'docx', 'pdf')
UNION ALL
SELECT 'fact_indicator_value.qualifier', qualifier FROM fact_indicator_value
WHERE qualifier NOT IN ('exact', 'at_least', 'at_most', 'approx')
  AND report_key IN (SELECT report_key FROM checked_reports)  -- the reports this build loaded
UNION ALL
SELECT 'report_section.section_type', section_type FROM report_section
WHERE section_type NOT IN ('achievements', 'problems', 'leader_duty', 'plans', 'other')
  AND report_key IN (SELECT report_key FROM checked_reports)
UNION ALL
SELECT 'dim_town.level', level FROM dim_town
WHERE level NOT IN ('township', 'county', 'unknown');
