-- Table and view comments (Chinese / English). Column comments follow in 020 (tables) and 030 (views).
COMMENT ON TABLE build_info IS '构建信息 / How this file was built: key/value (extractor_version, catalogue_sha256, schema_version, built_at, source_dir, ...)';
COMMENT ON TABLE dim_town IS '乡镇维度 / Township dimension: one row per town (name + county); key 0 is the unknown member';
COMMENT ON TABLE dim_year IS '年度维度 / Year dimension: the year a report covers; key 0 is the unknown member';
COMMENT ON TABLE dim_indicator IS '指标维度 / Indicator dimension, from seeds/indicators.csv';
COMMENT ON TABLE dim_report IS '报告维度 / One row per input file: loaded, rejected or superseded';
COMMENT ON TABLE report_text IS '报告正文 / Normalised text of each report; evidence offsets index into it';
COMMENT ON TABLE fact_indicator_value IS '指标事实表 / Fact table, grain report × indicator';
COMMENT ON TABLE fact_out_of_range IS '超出取值范围的事实 / Facts whose value breaks the indicator''s domain (negative, a fractional count, above the ceiling): kept out of v_facts, listed in v_data_quality';
COMMENT ON TABLE fact_mention IS '数量提及 / Every quantity found in a report, matched or not';
COMMENT ON TABLE fact_unmatched_quantity IS '未匹配数量 / Quantities that are not a fact: no catalogue indicator fits, or another figure is the fact of that indicator (indicator_hint)';
COMMENT ON TABLE report_section IS '报告章节 / Top-level report sections';
COMMENT ON TABLE report_problem IS '存在问题条目 / Shortcoming items × theme';
COMMENT ON TABLE report_quality_flag IS '数据质量标记 / Data-quality flags per report';

COMMENT ON VIEW v_reports IS '报告清单 / One row per input file with its status (loaded / rejected / superseded) and identity';
COMMENT ON VIEW v_report_text IS '报告正文 / Normalised report text; evidence_start/evidence_end in v_facts index into it';
COMMENT ON VIEW v_facts IS '指标数值 / One row per loaded report × indicator: value in the catalogue unit with its evidence';
COMMENT ON VIEW v_indicator_yoy IS '同比变化 / Town × indicator × year next to the previous calendar year';
COMMENT ON VIEW v_cross_town IS '乡镇横向比较 / Indicator × year × town, ranked, with the median across towns';
COMMENT ON VIEW v_unmatched_quantities IS '未匹配数量 / Quantities in loaded reports that are not a fact: no catalogue code fits, or (indicator_hint) another figure is the fact of that code';
COMMENT ON VIEW v_sections IS '报告章节 / Sections of loaded reports in reading order, classified';
COMMENT ON VIEW v_problems IS '存在问题 / Shortcoming items of loaded reports, one row per item × theme';
COMMENT ON VIEW v_data_quality IS '数据质量 / Data-quality flags of loaded reports, one row per report × flag (value_out_of_range: one row per report × indicator)';
COMMENT ON VIEW v_coverage IS '指标覆盖 / Every loaded town-year × every catalogue indicator: reported or not';
COMMENT ON VIEW v_town_year_wide IS '乡镇年度宽表 / One row per loaded town-year, one column per catalogue indicator (generated at build time)';
