-- What a published file knows of each report, as the reports frame says it (see
-- warehouse/build.py::changed_reports): a report whose row here is unchanged keeps its rows.
SELECT report_id, source_path, content_sha256, file_size, extractor_version,
       CASE WHEN status = 'superseded' THEN 'loaded' ELSE status END AS status,
       reject_reason
FROM dim_report;
