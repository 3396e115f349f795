"""The analyst-facing contract (../shared/spec/CONTRACT.md) as data, for tests to check against."""

CONTRACT_VIEWS: dict[str, list[str]] = {
    "v_reports": [
        "report_id", "source_path", "content_sha256", "status", "reject_reason", "town", "town_type",
        "county", "report_year", "publish_date", "script", "n_facts",
    ],
    "v_facts": [
        "report_id", "town_key", "town", "county", "report_year", "indicator_code", "indicator_name",
        "category", "value", "unit", "qualifier", "evidence", "evidence_start", "evidence_end",
    ],
    "v_indicator_yoy": [
        "town_key", "town", "county", "indicator_code", "report_year", "value", "prev_year", "prev_value",
        "abs_change", "pct_change",
    ],
    "v_cross_town": [
        "indicator_code", "report_year", "town_key", "town", "county", "value", "rank_in_year", "n_towns",
        "median_value", "ratio_to_median",
    ],
    "v_unmatched_quantities": ["report_id", "town", "report_year", "label", "value", "unit", "qualifier", "evidence"],
    "v_sections": ["report_id", "section_no", "section_type", "heading", "text"],
    "v_problems": ["report_id", "town_key", "town", "report_year", "item_no", "theme", "text"],
    "v_data_quality": ["report_id", "town", "report_year", "flag", "detail"],
}

STAR_TABLES = ["dim_town", "dim_year", "dim_indicator", "dim_report", "fact_indicator_value"]
