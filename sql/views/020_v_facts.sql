-- One row per LOADED report × indicator: the value in the catalogue unit, with its evidence.
-- Superseded and rejected reports never reach this view, nor any view built on it.
CREATE OR REPLACE VIEW v_facts AS
SELECT r.report_id,
       f.town_key,
       t.town,
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
       y.year_start
FROM fact_indicator_value AS f
JOIN dim_report AS r USING (report_key)
JOIN dim_town AS t ON t.town_key = f.town_key
JOIN dim_year AS y ON y.year_key = f.year_key
JOIN dim_indicator AS i USING (indicator_key)
WHERE r.status = 'loaded';
