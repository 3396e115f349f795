-- check: foreign_keys_resolve | every fact and detail table declares its foreign keys (so DuckDB refuses a row whose report, indicator, town or year is missing, and the removal of a report that still has rows), and a fact's town and year are its report's
-- The facts compared are those of the reports this build loaded (checked_reports, warehouse/checks.py).
WITH wanted (tbl, col) AS (
    VALUES ('dim_report', 'town_key'), ('dim_report', 'year_key'),
           ('report_text', 'report_key'),
           ('fact_indicator_value', 'report_key'), ('fact_indicator_value', 'indicator_key'),
           ('fact_indicator_value', 'town_key'), ('fact_indicator_value', 'year_key'),
           ('fact_out_of_range', 'report_key'), ('fact_out_of_range', 'indicator_key'),
           ('fact_mention', 'report_key'), ('fact_mention', 'indicator_key'),
           ('fact_unmatched_quantity', 'report_key'), ('report_section', 'report_key'),
           ('report_problem', 'report_key'), ('report_quality_flag', 'report_key')
),
declared AS (
    SELECT table_name AS tbl, unnest(constraint_column_names) AS col
    FROM duckdb_constraints()
    WHERE constraint_type = 'FOREIGN KEY' AND database_name = current_database()
)
SELECT tbl || '.' || col || ': no foreign key declared' AS problem, NULL AS n
FROM wanted ANTI JOIN declared USING (tbl, col)
UNION ALL
SELECT 'fact_indicator_value: town or year differs from its report''s', count(*)
FROM fact_indicator_value AS f
JOIN dim_report AS r USING (report_key)
WHERE f.report_key IN (SELECT report_key FROM checked_reports)
  AND (f.town_key <> r.town_key OR f.year_key <> r.year_key)
HAVING count(*) > 0;
