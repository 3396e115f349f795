-- One row per report × indicator of LOADED and UNIDENTIFIED reports (status says which; an unidentified
-- report's town or year is NULL): the value in the catalogue unit, with its evidence. Superseded and
-- rejected reports never reach this view; the town × year views read loaded reports only.
CREATE OR REPLACE VIEW v_facts AS
SELECT r.report_id,
       f.town_key,
       CASE WHEN f.town_key = 0 THEN NULL ELSE t.town END AS town,
       t.county,
       y.report_year,
       i.indicator_code,
       i.indicator_name,
       i.category,
       f.value,
       i.unit,
       f.qualifier,
       f.evidence,
       f.evidence_start,
       f.evidence_end,
       f.unit_raw,
       f.value_high,
       f.mention_count,
       i.is_profile,
       y.year_start,
       t.level,
       t.division_code,
       t.prefecture,
       t.province,
       r.status
FROM fact_indicator_value AS f
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = f.town_key
JOIN dim_year AS y ON y.year_key = f.year_key
JOIN dim_indicator AS i USING (indicator_key)
WHERE r.status IN ('loaded', 'unidentified');
