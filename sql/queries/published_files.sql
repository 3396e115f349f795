-- What each input file looked like when the published warehouse was built (warehouse/state.py).
SELECT source_path, content_sha256, file_size, file_mtime_ns, extractor_version, status
FROM dim_report
ORDER BY source_path;
