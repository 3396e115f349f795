-- Star schema: dimensions first (their keys are referenced), then facts and per-report detail.
-- Surrogate keys are derived from natural keys (fazhi_key macro in 000_macros.sql), so the same
-- input gives the same keys in every rebuild. Key 0 is the 'unknown' member of dim_town and dim_year.

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE dim_year (
    year_key     INTEGER PRIMARY KEY,           -- the year itself (2024), 0 = unknown
    report_year  INTEGER UNIQUE,
    year_start   DATE,
    year_label   VARCHAR NOT NULL
);

CREATE TABLE dim_town (
    town_key      BIGINT PRIMARY KEY,           -- fazhi_key(natural_key), 0 = unknown
    natural_key   VARCHAR NOT NULL UNIQUE,      -- the division code, else 'town|county' (county empty when unknown)
    town          VARCHAR NOT NULL,
    county        VARCHAR,
    town_type     VARCHAR,
    level         VARCHAR NOT NULL,             -- 'township' / 'county' / 'unknown'
    division_code VARCHAR,                      -- 9-digit township / 6-digit county code of the register
    prefecture    VARCHAR,
    province      VARCHAR
);

CREATE TABLE dim_indicator (
    indicator_key  BIGINT PRIMARY KEY,          -- fazhi_key(indicator_code)
    indicator_code VARCHAR NOT NULL UNIQUE,
    indicator_name VARCHAR NOT NULL,
    category       VARCHAR NOT NULL,
    category_zh    VARCHAR,
    unit           VARCHAR,
    value_type     VARCHAR,
    definition     VARCHAR,
    is_profile     BOOLEAN NOT NULL,
    ceiling        DECIMAL(20, 4),              -- largest plausible value (seeds/indicators.csv; rates: 100)
    ceiling_basis  VARCHAR                      -- why that number
);

CREATE TABLE dim_report (
    report_key          BIGINT PRIMARY KEY,     -- fazhi_key(report_id); report_id is derived from source_path
    report_id           VARCHAR NOT NULL UNIQUE,
    source_path         VARCHAR NOT NULL UNIQUE,
    content_sha256      VARCHAR,
    file_size           BIGINT,
    file_mtime_ns       BIGINT,
    status              VARCHAR NOT NULL,       -- 'loaded' / 'unidentified' / 'rejected' / 'superseded'
    reject_reason       VARCHAR,
    superseded_by       VARCHAR,                -- report_id of the newer report of the same town-year
    recency_rank        INTEGER,                -- 1 = newest loaded report of its town-year
    town_key            BIGINT NOT NULL REFERENCES dim_town (town_key),
    year_key            INTEGER NOT NULL REFERENCES dim_year (year_key),
    title               VARCHAR,
    publish_date        DATE,
    doc_number          VARCHAR,
    script              VARCHAR,
    encoding            VARCHAR,
    source_format       VARCHAR,                -- 'text' / 'html' / 'docx' / 'pdf' (etl.formats)
    extractor_version   VARCHAR,
    n_chars             INTEGER,
    url                 VARCHAR                 -- the page's address, when a metadata file gives it
);

CREATE TABLE report_text (
    report_key  BIGINT PRIMARY KEY REFERENCES dim_report (report_key),
    text        VARCHAR NOT NULL
);

CREATE TABLE fact_indicator_value (
    report_key     BIGINT NOT NULL REFERENCES dim_report (report_key),
    indicator_key  BIGINT NOT NULL REFERENCES dim_indicator (indicator_key),
    town_key       BIGINT NOT NULL REFERENCES dim_town (town_key),
    year_key       INTEGER NOT NULL REFERENCES dim_year (year_key),
    value          DECIMAL(20, 4),
    value_high     DECIMAL(20, 4),
    unit_raw       VARCHAR,
    qualifier      VARCHAR NOT NULL,
    evidence       VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    mention_count  INTEGER NOT NULL,
    PRIMARY KEY (report_key, indicator_key)
);

-- Facts outside their indicator's domain (negative, a fractional count, above the ceiling): kept
-- out of fact_indicator_value, hence out of v_facts and every view built on it, and listed in
-- v_data_quality with the rule they break (sql/load/030_facts.sql decides).
CREATE TABLE fact_out_of_range (
    report_key     BIGINT NOT NULL REFERENCES dim_report (report_key),
    indicator_key  BIGINT NOT NULL REFERENCES dim_indicator (indicator_key),
    value          DECIMAL(20, 4),
    value_high     DECIMAL(20, 4),
    unit_raw       VARCHAR,
    qualifier      VARCHAR NOT NULL,
    evidence       VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    mention_count  INTEGER NOT NULL,
    rule           VARCHAR NOT NULL,
    PRIMARY KEY (report_key, indicator_key)
);

CREATE TABLE fact_mention (
    report_key     BIGINT NOT NULL REFERENCES dim_report (report_key),
    mention_no     INTEGER NOT NULL,
    indicator_key  BIGINT REFERENCES dim_indicator (indicator_key),
    label          VARCHAR,
    value          DECIMAL(20, 4),
    value_high     DECIMAL(20, 4),
    unit_raw       VARCHAR,
    qualifier      VARCHAR,
    evidence       VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    PRIMARY KEY (report_key, mention_no)
);

CREATE TABLE fact_unmatched_quantity (
    report_key     BIGINT NOT NULL REFERENCES dim_report (report_key),
    unmatched_no   INTEGER NOT NULL,
    label          VARCHAR,
    value          DECIMAL(20, 4),
    unit           VARCHAR,
    qualifier      VARCHAR,
    evidence       VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    indicator_hint VARCHAR,
    PRIMARY KEY (report_key, unmatched_no)
);

CREATE TABLE report_section (
    report_key    BIGINT NOT NULL REFERENCES dim_report (report_key),
    section_no    INTEGER NOT NULL,
    section_type  VARCHAR NOT NULL,
    heading       VARCHAR,
    section_text  VARCHAR,
    start_offset  INTEGER,
    end_offset    INTEGER,
    PRIMARY KEY (report_key, section_no)
);

CREATE TABLE report_problem (
    report_key  BIGINT NOT NULL REFERENCES dim_report (report_key),
    item_no     INTEGER NOT NULL,
    theme       VARCHAR NOT NULL,
    item_text   VARCHAR,
    part        VARCHAR NOT NULL DEFAULT 'problem',  -- 'problem', or 'cause' (原因分析 block)
    PRIMARY KEY (report_key, item_no, theme)
);

CREATE TABLE report_quality_flag (
    report_key  BIGINT NOT NULL REFERENCES dim_report (report_key),
    flag        VARCHAR NOT NULL,
    detail      VARCHAR,
    PRIMARY KEY (report_key, flag)
);
