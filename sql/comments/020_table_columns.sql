-- Column comments of the tables (Chinese / English).

COMMENT ON COLUMN build_info.key IS '键 / Property name, e.g. extractor_version, catalogue_sha256, schema_version, built_at, source_dir';
COMMENT ON COLUMN build_info.value IS '值 / Property value as text';

COMMENT ON COLUMN dim_year.year_key IS '年度键（即年份，0=未知）/ Year key: the year itself, 0 = unknown';
COMMENT ON COLUMN dim_year.report_year IS '报告年度 / The year the report covers (a 2024 report published in 2025 is 2024)';
COMMENT ON COLUMN dim_year.year_start IS '年度首日 / First day of the year (DATE, for BI time grains)';
COMMENT ON COLUMN dim_year.year_label IS '年度标签 / Display label of the year';

COMMENT ON COLUMN dim_town.town_key IS '主体键（由区划代码或乡镇名+县名生成，0=未知）/ Surrogate key of the reporting body from its division code (else town + county), stable across builds; 0 = unknown';
COMMENT ON COLUMN dim_town.natural_key IS '主体自然键 / Natural key: the division code, else ''town|county'' (county empty when unknown)';
COMMENT ON COLUMN dim_town.town IS '乡镇（街道）名称 / Town, township or subdistrict name';
COMMENT ON COLUMN dim_town.county IS '所属县（市、区）/ County the town belongs to, NULL when the report does not say';
COMMENT ON COLUMN dim_town.town_type IS '乡镇类型（乡/镇/街道）/ Kind of town: 乡, 镇 or 街道';
COMMENT ON COLUMN dim_town.level IS '行政层级 / Jurisdiction level: township (乡/镇/街道), county (县/区/市/旗/开发区) or unknown';
COMMENT ON COLUMN dim_town.division_code IS '统计用区划代码 / Code in the national register (2023): 9 digits for a township, 6 for a county-level body; NULL when the register does not resolve the name (see the flags ambiguous_town / not_in_register)';
COMMENT ON COLUMN dim_town.prefecture IS '所属地级市（州、盟）/ Prefecture from the register, NULL for municipalities and unresolved bodies';
COMMENT ON COLUMN dim_town.province IS '所属省（自治区、直辖市）/ Province from the register, NULL for unresolved bodies';

COMMENT ON COLUMN dim_indicator.indicator_key IS '指标键 / Indicator surrogate key from the indicator code';
COMMENT ON COLUMN dim_indicator.indicator_code IS '指标代码（稳定）/ Stable indicator code from seeds/indicators.csv';
COMMENT ON COLUMN dim_indicator.indicator_name IS '指标中文名称 / Chinese name of the indicator';
COMMENT ON COLUMN dim_indicator.category IS '指标类别代码 / Indicator category code (publicity, mediation, ...)';
COMMENT ON COLUMN dim_indicator.category_zh IS '指标类别 / Chinese name of the category';
COMMENT ON COLUMN dim_indicator.unit IS '计量单位 / Catalogue unit every value is converted to';
COMMENT ON COLUMN dim_indicator.value_type IS '数值类型（count/rate/amount/duration）/ Kind of value: count, rate (0..100), amount (yuan) or duration';
COMMENT ON COLUMN dim_indicator.definition IS '指标定义 / What the indicator counts (English definition from the catalogue)';
COMMENT ON COLUMN dim_indicator.is_profile IS '是否基本情况指标 / True for profile figures describing the town (e.g. villages), not the year''s work';
COMMENT ON COLUMN dim_indicator.ceiling IS '合理上限 / Largest plausible value for one township in a year (seeds/indicators.csv; rates 100): a larger value is quarantined in v_data_quality';
COMMENT ON COLUMN dim_indicator.ceiling_basis IS '上限依据 / Why the ceiling is that number';

COMMENT ON COLUMN dim_report.report_key IS '报告键 / Report surrogate key from report_id';
COMMENT ON COLUMN dim_report.report_id IS '报告编号（由文件路径生成）/ Stable report id derived from source_path';
COMMENT ON COLUMN dim_report.source_path IS '源文件路径 / File path relative to the source folder';
COMMENT ON COLUMN dim_report.content_sha256 IS '文件内容哈希 / SHA-256 of the file bytes';
COMMENT ON COLUMN dim_report.file_size IS '文件大小（字节）/ File size in bytes';
COMMENT ON COLUMN dim_report.file_mtime_ns IS '文件修改时间（纳秒）/ File modification time in ns since the epoch; breaks supersession ties';
COMMENT ON COLUMN dim_report.status IS '状态 / loaded, unidentified (a report whose body or year is unknown; see reject_reason), rejected (see reject_reason) or superseded (a newer report covers the same town-year)';
COMMENT ON COLUMN dim_report.reject_reason IS '拒收或未识别原因 / Why the file was rejected, or why the report is unidentified';
COMMENT ON COLUMN dim_report.url IS '网页地址 / The page the report came from, when a metadata file gives it';
COMMENT ON COLUMN dim_report.superseded_by IS '被哪份报告取代 / report_id of the newer report of the same town-year';
COMMENT ON COLUMN dim_report.recency_rank IS '新旧排序（1=最新）/ 1 = newest loaded report of its town-year (publish date, then mtime, then path)';
COMMENT ON COLUMN dim_report.town_key IS '乡镇键 / Town of the report (0 = unknown)';
COMMENT ON COLUMN dim_report.year_key IS '年度键 / Year the report covers (0 = unknown)';
COMMENT ON COLUMN dim_report.title IS '报告标题 / Report title (first line)';
COMMENT ON COLUMN dim_report.publish_date IS '发布日期 / Publication date from the page header, when given';
COMMENT ON COLUMN dim_report.doc_number IS '文号 / Document number, when given';
COMMENT ON COLUMN dim_report.script IS '原文字体（简体/繁体）/ Script of the original: simplified or traditional';
COMMENT ON COLUMN dim_report.encoding IS '原文编码 / Detected text encoding of the file';
COMMENT ON COLUMN dim_report.source_format IS '原文格式（text 纯文本 / html 网页 / docx Word文档 / pdf）；正文偏移量均指规范化后的提取文本 / Format the file was read as (text, html, docx, pdf); evidence offsets index the normalised extracted text';
COMMENT ON COLUMN dim_report.extractor_version IS '抽取程序版本 / Version of the extractor that produced the rows';
COMMENT ON COLUMN dim_report.n_chars IS '正文字数 / Characters in the normalised text';

COMMENT ON COLUMN report_text.report_key IS '报告键 / Report surrogate key';
COMMENT ON COLUMN report_text.text IS '规范化正文 / Normalised report text (Simplified, half-width digits, page chrome removed)';

COMMENT ON COLUMN fact_indicator_value.report_key IS '报告键 / Report the value comes from';
COMMENT ON COLUMN fact_indicator_value.indicator_key IS '指标键 / Indicator of the value';
COMMENT ON COLUMN fact_indicator_value.town_key IS '乡镇键 / Town of the report';
COMMENT ON COLUMN fact_indicator_value.year_key IS '年度键 / Year of the report';
COMMENT ON COLUMN fact_indicator_value.value IS '数值（目录单位）/ Value in the catalogue unit (万 multiplied out, frequencies annualised)';
COMMENT ON COLUMN fact_indicator_value.value_high IS '区间上限 / Upper bound when the report gives a range, else NULL';
COMMENT ON COLUMN fact_indicator_value.unit_raw IS '原文单位 / Unit as written in the report';
COMMENT ON COLUMN fact_indicator_value.qualifier IS '限定词 / exact, at_least (余/以上), at_most (近) or approx (约/左右)';
COMMENT ON COLUMN fact_indicator_value.evidence IS '证据句 / Sentence the value came from';
COMMENT ON COLUMN fact_indicator_value.evidence_start IS '证据起始位置 / Character offset where the value starts in the normalised text (0-based)';
COMMENT ON COLUMN fact_indicator_value.evidence_end IS '证据结束位置 / Character offset where the value ends (exclusive)';
COMMENT ON COLUMN fact_indicator_value.mention_count IS '提及次数 / How many mentions of this indicator the report has (the first one is the value)';

COMMENT ON COLUMN fact_mention.report_key IS '报告键 / Report of the mention';
COMMENT ON COLUMN fact_mention.mention_no IS '提及序号 / Order of the mention in the report';
COMMENT ON COLUMN fact_mention.indicator_key IS '指标键 / Matched indicator, NULL when none fits';
COMMENT ON COLUMN fact_mention.label IS '上下文标签 / Words just before the number';
COMMENT ON COLUMN fact_mention.value IS '数值 / Value in the catalogue unit';
COMMENT ON COLUMN fact_mention.value_high IS '区间上限 / Upper bound of a range, else NULL';
COMMENT ON COLUMN fact_mention.unit_raw IS '原文单位 / Unit as written';
COMMENT ON COLUMN fact_mention.qualifier IS '限定词 / exact, at_least, at_most or approx';
COMMENT ON COLUMN fact_mention.evidence IS '证据句 / Sentence of the mention';
COMMENT ON COLUMN fact_mention.evidence_start IS '起始位置 / Start offset of the value in the normalised text';
COMMENT ON COLUMN fact_mention.evidence_end IS '结束位置 / End offset of the value (exclusive)';

COMMENT ON COLUMN fact_unmatched_quantity.report_key IS '报告键 / Report of the quantity';
COMMENT ON COLUMN fact_unmatched_quantity.unmatched_no IS '序号 / Order of the quantity in the report';
COMMENT ON COLUMN fact_unmatched_quantity.label IS '计数对象 / The noun counted, from the words around the number';
COMMENT ON COLUMN fact_unmatched_quantity.value IS '数值 / Value';
COMMENT ON COLUMN fact_unmatched_quantity.unit IS '单位 / Unit as written';
COMMENT ON COLUMN fact_unmatched_quantity.qualifier IS '限定词 / exact, at_least, at_most or approx';
COMMENT ON COLUMN fact_unmatched_quantity.evidence IS '证据句 / Sentence of the quantity';
COMMENT ON COLUMN fact_unmatched_quantity.evidence_start IS '起始位置 / Start offset in the normalised text';
COMMENT ON COLUMN fact_unmatched_quantity.evidence_end IS '结束位置 / End offset (exclusive)';
COMMENT ON COLUMN fact_unmatched_quantity.indicator_hint IS '指标提示 / Catalogue code this figure fits when the report''s fact for that code is another of its figures (a parallel activity, a sub-count); NULL when no code fits';

COMMENT ON COLUMN report_section.report_key IS '报告键 / Report of the section';
COMMENT ON COLUMN report_section.section_no IS '章节序号 / Section number in reading order (1-based)';
COMMENT ON COLUMN report_section.section_type IS '章节类型 / achievements, problems, leader_duty, plans or other';
COMMENT ON COLUMN report_section.heading IS '章节标题 / Section heading';
COMMENT ON COLUMN report_section.section_text IS '章节正文 / Section text';
COMMENT ON COLUMN report_section.start_offset IS '起始位置 / Start offset of the section in the normalised text';
COMMENT ON COLUMN report_section.end_offset IS '结束位置 / End offset of the section (exclusive)';

COMMENT ON COLUMN report_problem.report_key IS '报告键 / Report of the item';
COMMENT ON COLUMN report_problem.item_no IS '条目序号 / Shortcoming item number within the problems section';
COMMENT ON COLUMN report_problem.theme IS '问题主题 / Theme of the shortcoming (an item may have several)';
COMMENT ON COLUMN report_problem.item_text IS '条目原文 / Text of the shortcoming item';
COMMENT ON COLUMN report_problem.part IS '条目类别：problem 为问题本身，cause 为原因分析 / Item kind: problem (the shortcoming itself) or cause (from the 原因分析 block)';

COMMENT ON COLUMN fact_out_of_range.report_key IS '报告键 / Report the value comes from';
COMMENT ON COLUMN fact_out_of_range.indicator_key IS '指标键 / Indicator of the value';
COMMENT ON COLUMN fact_out_of_range.value IS '数值（目录单位）/ Value in the catalogue unit, as extracted';
COMMENT ON COLUMN fact_out_of_range.value_high IS '区间上限 / Upper bound when the report gives a range, else NULL';
COMMENT ON COLUMN fact_out_of_range.unit_raw IS '原文单位 / Unit as written in the report';
COMMENT ON COLUMN fact_out_of_range.qualifier IS '限定词 / exact, at_least, at_most or approx';
COMMENT ON COLUMN fact_out_of_range.evidence IS '证据句 / Sentence the value came from';
COMMENT ON COLUMN fact_out_of_range.evidence_start IS '证据起始位置 / Character offset where the value starts in the normalised text (0-based)';
COMMENT ON COLUMN fact_out_of_range.evidence_end IS '证据结束位置 / Character offset where the value ends (exclusive)';
COMMENT ON COLUMN fact_out_of_range.mention_count IS '提及次数 / Times the report states this figure';
COMMENT ON COLUMN fact_out_of_range.rule IS '违反的规则 / The domain rule the value breaks';

COMMENT ON COLUMN report_quality_flag.report_key IS '报告键 / Flagged report';
COMMENT ON COLUMN report_quality_flag.flag IS '质量标记 / Flag code (e.g. no_quantitative_facts, repeated_paragraph, mentions_other_town)';
COMMENT ON COLUMN report_quality_flag.detail IS '标记详情 / What triggered the flag';
