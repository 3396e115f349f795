-- Table comments (Chinese / English). Column comments follow in later files.
COMMENT ON TABLE dim_town IS '乡镇维度 / Township dimension: one row per town (name + county); key 0 is the unknown member';
COMMENT ON TABLE dim_year IS '年度维度 / Year dimension: the year a report covers; key 0 is the unknown member';
COMMENT ON TABLE dim_indicator IS '指标维度 / Indicator dimension, from seeds/indicators.csv';
COMMENT ON TABLE dim_report IS '报告维度 / One row per input file: loaded, rejected or superseded';
COMMENT ON TABLE fact_indicator_value IS '指标事实表 / Fact table, grain report × indicator';
COMMENT ON TABLE fact_mention IS '数量提及 / Every quantity found in a report, matched or not';
COMMENT ON TABLE fact_unmatched_quantity IS '未匹配数量 / Quantities that fit no catalogue indicator';
COMMENT ON TABLE report_section IS '报告章节 / Top-level report sections';
COMMENT ON TABLE report_problem IS '存在问题条目 / Shortcoming items × theme';
COMMENT ON TABLE report_quality_flag IS '数据质量标记 / Data-quality flags per report';
