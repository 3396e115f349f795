-- Star schema: dimensions first (their keys are referenced), then facts.
-- Surrogate keys are derived from natural keys (fazhi_key macro), so they are stable across rebuilds.

CREATE TABLE dim_year (
    year_key     INTEGER PRIMARY KEY,
    report_year  INTEGER,
    year_start   DATE,
    year_label   VARCHAR NOT NULL
);

CREATE TABLE dim_town (
    town_key   BIGINT PRIMARY KEY,
    town       VARCHAR NOT NULL,
    county     VARCHAR,
    town_type  VARCHAR,
    level      VARCHAR NOT NULL
);

CREATE TABLE dim_indicator (
    indicator_key  BIGINT PRIMARY KEY,
    indicator_code VARCHAR NOT NULL UNIQUE,
    indicator_name VARCHAR NOT NULL,
    category       VARCHAR NOT NULL,
    category_zh    VARCHAR,
    unit           VARCHAR,
    value_type     VARCHAR,
    definition     VARCHAR,
    is_profile     BOOLEAN NOT NULL
);

CREATE TABLE dim_report (
    report_key        BIGINT PRIMARY KEY,
    report_id         VARCHAR NOT NULL UNIQUE,
    source_path       VARCHAR NOT NULL,
    content_sha256    VARCHAR,
    file_size         BIGINT,
    status            VARCHAR NOT NULL,
    reject_reason     VARCHAR,
    town_key          BIGINT NOT NULL REFERENCES dim_town (town_key),
    year_key          INTEGER NOT NULL REFERENCES dim_year (year_key),
    title             VARCHAR,
    publish_date      DATE,
    doc_number        VARCHAR,
    script            VARCHAR,
    encoding          VARCHAR,
    level             VARCHAR,
    extractor_version VARCHAR,
    n_chars           INTEGER,
    report_text       VARCHAR
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
    PRIMARY KEY (report_key, item_no, theme)
);

CREATE TABLE report_quality_flag (
    report_key  BIGINT NOT NULL REFERENCES dim_report (report_key),
    flag        VARCHAR NOT NULL,
    detail      VARCHAR,
    PRIMARY KEY (report_key, flag)
);
