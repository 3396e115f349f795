"""Numeral parsing and quantity finding beyond the trap list: forms, qualifiers, kinds, offsets."""

from __future__ import annotations

import pytest

from etl.numbers import Lexicon, find_quantities, load_lexicon, numeral_range, parse_numeral, surface_value


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十", 10), ("十二", 12), ("二十", 20), ("二十五", 25), ("一百零五", 105), ("两百", 200),
        ("二千三百", 2300), ("三千五", 3500), ("一万五", 15000), ("一万五千", 15000), ("1.5万", 15000),
        ("1万5千", 15000), ("壹万贰仟", 12000), ("叁佰", 300), ("2亿", 200_000_000), ("1,200", 1200),
        ("0.5万", 5000), ("100", 100), ("98.5", 98.5), ("一千零五十", 1050),
    ],
)  # fmt: skip
def test_parse_numeral(numeral: str, value: float) -> None:
    assert parse_numeral(numeral) == value


@pytest.mark.parametrize("numeral", ["二〇二四", "八五", "十四五", "一二三", "百千", "万"])
def test_digit_sequences_and_nonsense_are_not_numbers(numeral: str) -> None:
    assert parse_numeral(numeral) is None


@pytest.mark.parametrize(
    ("s", "rng"), [("两三", (2, 3)), ("一两", (1, 2)), ("三四十", (30, 40)), ("八五", None)]
)
def test_adjacent_numeral_ranges(s: str, rng: tuple[float, float] | None) -> None:
    assert numeral_range(s) == rng


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("不少于20次", "at_least"), ("超过300人", "at_least"), ("逾千人次", "at_least"), ("近万人", "at_most"), ("逾1000人次", "at_least"),
        ("多达50场", "at_least"), ("不足10人", "at_most"), ("不到10人", "at_most"), ("10人以内", "at_most"),
        ("大约40份", "approx"), ("30人上下", "approx"), ("20多家", "at_least"), ("共计3场", "exact"),
    ],
)  # fmt: skip
def test_qualifiers(text: str, qualifier: str | None) -> None:
    got = [q.qualifier for q in find_quantities(text)]
    assert got == ([qualifier] if qualifier else [])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("每月召开1次", 12), ("每半年听取一次", 2), ("每年听取4次", 4), ("每周开展2次", 104),
        ("每两个月开展1次", 6), ("每季度至少1次", 4), ("每月发放50份", 50),
    ],
)  # fmt: skip
def test_frequencies_are_annualised_for_events_only(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("同比增长15%", "change"), ("较上年减少8件", "change"), ("提升4.5个百分点", "change"),
        ("提高到95%", "level"), ("新增法律明白人20名", "level"), ("力争满意度达到98%", "target"),
        ("计划开展讲座10场", "target"), ("由原来的5个工作日", "baseline"), ("原需7天", "baseline"),
        ("压缩至3个工作日", "level"), ("三分之一", "fraction"),
    ],
)  # fmt: skip
def test_kinds(text: str, kind: str) -> None:
    assert [q.kind for q in find_quantities(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "近3个月", "一次性告知", "名单3名单", "落实五星支部", "加强三部门联动", "千家万户", "百姓", "元旦",
        "《2024年工作要点》", "“一校一律师”", "“四个意识”", "两个维护", "〔2024〕3号", "第3次会议",
        "与派出所一起开展", "发布时间：2025-04-11 16:33", "统一调度", "唯一的示范镇",
        "参加新一轮示范创建", "新一届村两委", "上一轮巡察",
    ],
)  # fmt: skip
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_one_qi_ending_a_clause_is_a_count() -> None:
    assert [(q.value, q.unit_raw) for q in find_quantities("其中败诉一起。")] == [(1, "起")]


def test_thousands_separator_ascii_comma() -> None:
    assert [q.value for q in find_quantities("发放1,200份")] == [1200]


def test_offsets_point_at_the_numeral_as_written() -> None:
    text = "累计发放宣传资料2万余份，举办讲座十二场，出庭应诉率百分之百，零发生，三分之二，均胜诉。"
    got = [(text[q.start : q.end], q.value) for q in find_quantities(text)]
    assert got == [
        ("2万", 20000),
        ("十二", 12),
        ("百分之百", 100),
        ("零", 0),
        ("三分之二", 66.6667),
        ("均胜诉", 0),
    ]
    for q in find_quantities(text):
        if q.unit_raw:  # zero wordings have no unit; 均胜诉 is a phrase
            assert surface_value(text[q.start : q.end]) == pytest.approx(q.value / q.annual_factor)


def test_zero_wording_code_hint_comes_from_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "zero_wordings.csv").write_text(
        "phrase,code,note\n全部胜诉,lawsuits_lost,\n", encoding="utf-8"
    )
    lex = load_lexicon(tmp_path)
    assert [q.code_hint for q in find_quantities("行政诉讼全部胜诉", lex)] == ["lawsuits_lost"]
    assert find_quantities("行政诉讼均胜诉", lex) == []  # not in this lexicon


def test_exclusions_come_from_data() -> None:
    assert find_quantities("落实三项制度", Lexicon()) != []  # only the seeds list knows this one
    assert find_quantities("落实三项制度", load_lexicon()) == []


def test_a_minus_sign_before_a_number_is_kept_not_dropped() -> None:
    """检查-3次 states a negative count: the value keeps its sign (the warehouse then quarantines it
    as out of range) instead of silently becoming 3. A dash between numbers is still a range, and a
    dash inside a code or phone number is no sign."""
    cases = {
        "开展执法检查-3次。": [("-3", -3.0, None)],
        "办理行政处罚案件－4件。": [("－4", -4.0, None)],
        "调解纠纷−2起。": [("−2", -2.0, None)],
        "举办讲座3-5场。": [("3-5", 3.0, 5.0)],
        "编号A-3次。": [("3", 3.0, None)],
        "咨询电话0571-12345678。": [],
    }
    for text, want in cases.items():
        got = [(text[q.start : q.end], q.value, q.value_high) for q in find_quantities(text)]
        assert got == want, text
        for q in find_quantities(text):
            if q.value_high is None:
                assert surface_value(text[q.start : q.end]) == pytest.approx(q.value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("盘活闲置集体土地35亩", 35, "亩"),
        ("收到群众来信12封", 12, "封"),
        ("梳理行政许可等8类事项", 8, "类"),
        ("清运建筑垃圾120余吨", 120, "吨"),
        ("完成复垦2.5公顷", 2.5, "公顷"),
    ],
)
def test_land_letters_kinds_and_tonnes_are_measure_words(text: str, value: float, unit: str) -> None:
    """Real reports count land (亩, 公顷), letters (封), kinds (类) and tonnes (吨) like anything else."""
    found = [(q.value, q.unit_raw) for q in find_quantities(text)]
    assert (value, unit) in found


@pytest.mark.parametrize("text", ["这类问题的整改", "此类似情况", "实行封闭管理", "两类型"])
def test_lei_and_feng_inside_words_are_no_measure(text: str) -> None:
    assert [q.unit_raw for q in find_quantities(text) if q.unit_raw in ("类", "封")] == []


def test_measure_words_that_make_words_with_a_lone_numeral() -> None:
    """面/组/枚/只/门/米 count after digits or a numeral of two or more characters (收缴活体980只,
    开设十七门课程, 约五千米); after a lone Chinese numeral they are part of a word (一门式, 四面围城,
    每周三组织, 最后一米, 一枚印章) and no quantity."""
    found = [
        (q.value, q.unit_raw)
        for q in find_quantities("收缴活体980只，开设十七门课程，设置展板36面，整治线路约五千米。")
    ]
    assert found == [(980, "只"), (17, "门"), (36, "面"), (5000, "米")]
    assert (
        find_quantities("推行“一门式”服务，每周三组织学习，打通服务群众最后一米，实现一枚印章管审批。") == []
    )
    assert [(q.value, q.unit_raw) for q in find_quantities("实际利用外资1.98亿美元。")] == [
        (198_000_000, "美元")
    ]


def test_a_count_of_events_before_mianxiang_is_a_count() -> None:
    """场 before 面向 / 面对面 (2场面向群众的讲座, 一场面对面的座谈) counts events: 场面 (a scene) is no word
    a numeral stands before in a report, while 场所, 场地 after a numeral still are (3场所 is no count)."""
    text = "开展2场面向群众的普法讲座，举办3场面对面法律咨询，组织十场面向企业的宣讲。"
    assert [(q.value, q.unit_raw) for q in find_quantities(text)] == [(2, "场"), (3, "场"), (10, "场")]
    assert find_quantities("新建1场所，改造2场地。") == []


def test_minutes_and_scores_are_quantities_but_a_time_of_day_is_not() -> None:
    """分钟 and 分 (a score) are measure words; 分 after an hour (9时30分, 9点30分) tells the time, and 十分
    (very) is a word."""
    qs = find_quantities("审批时间压缩至30分钟以内，考试平均得分96.5分。")
    assert [(q.value, q.unit_raw) for q in qs] == [(30, "分钟"), (96.5, "分")]
    for text in ("3月5日上午9时30分召开会议。", "当日9点45分开始。", "这项工作十分重要。"):
        assert [q for q in find_quantities(text) if q.unit_raw == "分"] == [], text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a target word inside a quoted name, an aim met, an office: the figure is the year's own
        ("举办“企业护航计划”系列沙龙、论坛等60余场活动。", "level"),
        ("联合县委目标绩效办成立4个督查组。", "level"),
        ("企业培育完成目标任务157.14%。", "level"),
        ("超额完成年度目标，新增市场主体320户。", "level"),
        # still targets
        ("力争明年调解纠纷100件。", "target"),
        ("目标是新建法治广场3个。", "target"),
        ("计划新建法治文化阵地5处。", "target"),
    ],
)
def test_target_words_in_names_met_aims_and_offices_are_no_target(text: str, kind: str) -> None:
    assert [q.kind for q in find_quantities(text)] == [kind], text


def test_the_prefiltered_scans_find_what_the_whole_text_scans_find() -> None:
    """Table rows are tried only on lines ending in a digit and zero wordings only where 无 stands
    (for speed): on every real report and seed they must find exactly what finditer over the whole
    text finds."""
    from etl import numbers  # noqa: PLC0415 - the private scanners under test
    from tests.conftest import REPO  # noqa: PLC0415

    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((REPO / "tests" / "fixtures" / "real").glob("*/raw/*.txt"))
    ]
    texts.append(
        "项目\t单位\t数量\n调解纠纷\t件\t143\n无\n全年无行政诉讼案件发生，无安全事故。\n1. 法律咨询 (次) 56"
    )
    rows = found = 0
    for t in texts:
        whole = [(m.span(), m.groupdict()) for m in numbers.TABLE_ROW.finditer(t)]
        assert [(m.span(), m.groupdict()) for m in numbers._table_rows(t)] == whole
        zeros = [m.span() for m in numbers.ZERO_NONE.finditer(t)]
        assert [m.span() for m in numbers._at_each(numbers.ZERO_NONE, t, "无")] == zeros
        rows, found = rows + len(whole), found + len(zeros)
    assert rows and found  # the corpus exercises both
