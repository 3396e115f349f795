-- The published reports whose rows an incremental build removes: changed (stg_changed) or no longer
-- in the source folder (not in stg_reports). Their replacements, if any, are loaded afterwards.
CREATE OR REPLACE TEMP TABLE stg_gone AS
SELECT report_key
FROM dim_report
WHERE report_id IN (SELECT report_id FROM stg_changed)
   OR report_id NOT IN (SELECT report_id FROM stg_reports);
