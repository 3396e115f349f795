-- Derived tables behind v_indicator_yoy and v_cross_town, computed once per build.
-- Why tables and not views: at 10,000 reports the self-join (YoY) and the four window functions
-- (cross-town) cost 60-110 ms per query; analysts and BI tools run them often, the file is never
-- changed after publishing, so the build computes them once and the views read the result
-- (joined to the small town and indicator dimensions for names, which keeps these tables lean).
-- A full build writes every row here; an incremental one refreshes the touched ones
-- (140_refresh_derived.sql). The row definitions are in 035_derived_rows.sql.

CREATE OR REPLACE TABLE agg_indicator_yoy AS
SELECT * FROM stg_yoy_rows ORDER BY town_key, indicator_key, report_year;
ALTER TABLE agg_indicator_yoy ADD PRIMARY KEY (report_key, indicator_key);

CREATE OR REPLACE TABLE agg_cross_town AS
SELECT * FROM stg_cross_town_rows ORDER BY indicator_key, report_year, rank_in_year, town_key;
ALTER TABLE agg_cross_town ADD PRIMARY KEY (report_key, indicator_key);

COMMENT ON TABLE agg_indicator_yoy IS '同比变化（预计算）/ Precomputed rows of v_indicator_yoy (refreshed by every build)';
COMMENT ON COLUMN agg_indicator_yoy.report_key IS '报告键 / Report of this year''s value';
COMMENT ON COLUMN agg_indicator_yoy.indicator_key IS '指标键 / Indicator surrogate key';
COMMENT ON COLUMN agg_indicator_yoy.town_key IS '乡镇键 / Town surrogate key';
COMMENT ON COLUMN agg_indicator_yoy.report_year IS '报告年度 / Year reported on';
COMMENT ON COLUMN agg_indicator_yoy.value IS '本年数值 / Value this year';
COMMENT ON COLUMN agg_indicator_yoy.prev_year IS '上年 / The previous calendar year, NULL when it has no value';
COMMENT ON COLUMN agg_indicator_yoy.prev_value IS '上年数值 / Value the year before';
COMMENT ON COLUMN agg_indicator_yoy.abs_change IS '增减量 / value - prev_value';
COMMENT ON COLUMN agg_indicator_yoy.pct_change IS '增减百分比 / Change in percent of prev_value (NULL when prev_value is 0 or missing)';
COMMENT ON COLUMN agg_indicator_yoy.qualifier IS '本年限定词 / Qualifier of this year''s value';
COMMENT ON COLUMN agg_indicator_yoy.prev_qualifier IS '上年限定词 / Qualifier of the previous year''s value';

COMMENT ON TABLE agg_cross_town IS '乡镇横向比较（预计算）/ Precomputed rows of v_cross_town (refreshed by every build)';
COMMENT ON COLUMN agg_cross_town.report_key IS '报告键 / Report of the value';
COMMENT ON COLUMN agg_cross_town.indicator_key IS '指标键 / Indicator surrogate key';
COMMENT ON COLUMN agg_cross_town.report_year IS '报告年度 / Year reported on';
COMMENT ON COLUMN agg_cross_town.town_key IS '乡镇键 / Town surrogate key';
COMMENT ON COLUMN agg_cross_town.value IS '数值 / Value in the catalogue unit';
COMMENT ON COLUMN agg_cross_town.rank_in_year IS '年度排名（同层级内）/ Rank among bodies of the same level that year (1 = largest value)';
COMMENT ON COLUMN agg_cross_town.n_towns IS '同层级报告该指标的主体数 / Bodies of the same level reporting this indicator that year';
COMMENT ON COLUMN agg_cross_town.median_value IS '同层级中位数 / Median value across those bodies';
COMMENT ON COLUMN agg_cross_town.ratio_to_median IS '与中位数之比 / value / median_value (NULL when the median is 0)';
COMMENT ON COLUMN agg_cross_town.qualifier IS '限定词 / exact, at_least, at_most or approx';
