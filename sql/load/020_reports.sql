-- One dim_report row per input file (supersession: see 005_staged_rows.sql). The texts follow
-- (025_report_text.sql), one shard at a time in a build.
INSERT INTO dim_report SELECT * FROM stg_dim_report ORDER BY source_path;
