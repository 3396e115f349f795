-- Incremental build, step 3 of 3 (own transaction). stg_reports holds EVERY report (text only for the
-- changed ones), so the stg_dim_* views give the rows a full build would write; this makes the
-- file's dimensions and dim_report equal to them. The changed reports' facts are loaded next
-- (030_facts.sql with their frames only). stg_changed: report_id of the new and changed reports.
INSERT INTO dim_year SELECT * FROM stg_dim_year WHERE year_key NOT IN (SELECT year_key FROM dim_year);
DELETE FROM dim_year
WHERE year_key <> 0
  AND year_key NOT IN (SELECT year_key FROM stg_dim_year)
  AND year_key NOT IN (SELECT year_key FROM dim_report);

INSERT INTO dim_town SELECT * FROM stg_dim_town WHERE town_key NOT IN (SELECT town_key FROM dim_town);
-- Cross-town ranks and medians are within a level (035_derived_rows.sql): a town whose level moves
-- (a metadata file, a register edition) moves the ranks of its years, so those years are refreshed.
INSERT INTO stg_touched
SELECT DISTINCT r.town_key, r.year_key
FROM dim_report AS r JOIN dim_town AS d USING (town_key) JOIN stg_dim_town AS s USING (town_key)
WHERE d.level IS DISTINCT FROM s.level;
UPDATE dim_town SET town = s.town, county = s.county, town_type = s.town_type, level = s.level,
                    prefecture = s.prefecture, province = s.province
FROM stg_dim_town AS s
WHERE dim_town.town_key = s.town_key
  AND (dim_town.town, dim_town.county, dim_town.town_type, dim_town.level, dim_town.prefecture, dim_town.province)
      IS DISTINCT FROM (s.town, s.county, s.town_type, s.level, s.prefecture, s.province);
DELETE FROM dim_town
WHERE town_key <> 0
  AND town_key NOT IN (SELECT town_key FROM stg_dim_town)
  AND town_key NOT IN (SELECT town_key FROM dim_report);

INSERT INTO dim_report
SELECT * FROM stg_dim_report WHERE report_id IN (SELECT report_id FROM stg_changed) ORDER BY source_path;
-- Supersession may move for unchanged reports: of a touched town-year (a newer report arrived or
-- left), or of any town-year when a file's modification time moved (touched, copied: same bytes, so
-- the report keeps its rows and only the recorded time follows). Derived rows of every town-year
-- whose status moves are refreshed too.
INSERT INTO stg_touched
SELECT DISTINCT d.town_key, d.year_key
FROM dim_report AS d JOIN stg_dim_report AS s USING (report_key)
WHERE d.status IS DISTINCT FROM s.status;
UPDATE dim_report SET status = s.status, superseded_by = s.superseded_by, recency_rank = s.recency_rank,
       file_mtime_ns = s.file_mtime_ns
FROM stg_dim_report AS s
WHERE dim_report.report_key = s.report_key
  AND (dim_report.status IS DISTINCT FROM s.status
       OR dim_report.superseded_by IS DISTINCT FROM s.superseded_by
       OR dim_report.recency_rank IS DISTINCT FROM s.recency_rank
       OR dim_report.file_mtime_ns IS DISTINCT FROM s.file_mtime_ns);

-- Their texts follow in the same transaction (025_report_text.sql, stg_texts = the changed texts).

-- The town-years of the new and changed reports (supersession moves only within them).
INSERT INTO stg_touched
SELECT DISTINCT town_key, year_key FROM dim_report WHERE report_id IN (SELECT report_id FROM stg_changed);
