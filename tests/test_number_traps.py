"""Every numbered case of ../shared/spec/number_traps.md as a test (value, unit, qualifier, kind)."""

from __future__ import annotations

import pytest

from etl.normalise import normalise
from etl.numbers import Lexicon, find_quantities
from tests.extraction_support import extract


def quantities(text: str, lexicon: Lexicon | None = None) -> list[tuple[object, ...]]:
    """(value, value_high, unit, qualifier, kind) of every quantity in `text`."""
    return [(q.value, q.value_high, q.unit_raw, q.qualifier, q.kind) for q in find_quantities(text, lexicon)]


LEVEL = "level"

# case number -> (text, expected quantities)
QUANTITY_TRAPS: dict[str, tuple[str, list[tuple[object, ...]]]] = {
    "01": ("累计发放宣传资料5000余份", [(5000, None, "份", "at_least", LEVEL)]),
    "02": ("发放宣传页2万余份", [(20000, None, "份", "at_least", LEVEL)]),
    "03": ("书籍3千余册", [(3000, None, "册", "at_least", LEVEL)]),
    "04": ("发放两百余份", [(200, None, "份", "at_least", LEVEL)]),
    "05": ("发放二千三百余份", [(2300, None, "份", "at_least", LEVEL)]),
    "06": ("投入经费100余万元", [(1_000_000, None, "元", "at_least", LEVEL)]),
    "07": ("受教育群众1.2万余人次", [(12000, None, "人次", "at_least", LEVEL)]),
    "08": ("受教育群众达2000余人次", [(2000, None, "人次", "at_least", LEVEL)]),
    "09": ("评查十起", [(10, None, "起", "exact", LEVEL)]),
    "10": ("开展十二次", [(12, None, "次", "exact", LEVEL)]),
    "11": ("罚款1.5万元", [(15000, None, "元", "exact", LEVEL)]),
    "12": ("罚款1万5千元", [(15000, None, "元", "exact", LEVEL)]),
    "13": ("罚款壹万贰仟元整", [(12000, None, "元", "exact", LEVEL)]),
    "16": ("合格率１００％", [(100, None, "%", "exact", LEVEL)]),
    "17": ("群众满意度达到95%以上", [(95, None, "%", "at_least", LEVEL)]),
    "18": ("调解成功率98.5%", [(98.5, None, "%", "exact", LEVEL)]),
    "19": ("出庭应诉率百分之百", [(100, None, "%", "exact", LEVEL)]),
    "20": ("信访量下降4.5个百分点", [(4.5, None, "个百分点", "exact", "change")]),
    "21": ("参加群众近200人", [(200, None, "人", "at_most", LEVEL)]),
    "22": ("悬挂标语约30条", [(30, None, "条", "approx", LEVEL)]),
    "23": ("参加群众500人左右", [(500, None, "人", "approx", LEVEL)]),
    "30": ("党委每季度听取1次专题汇报", [(4, None, "次", "exact", LEVEL)]),
    "33": ("2024年共评查十起行政处罚案卷", [(10, None, "起", "exact", LEVEL)]),
    "38": ("实现肇事肇祸零发生，坚持零容忍", [(0, None, "", "exact", LEVEL)]),
    "43": ("三分之二", [(pytest.approx(66.6667, abs=1e-3), None, "%", "exact", "fraction")]),
}


@pytest.mark.parametrize("case", sorted(QUANTITY_TRAPS), ids=lambda c: f"trap{c}")
def test_quantity_trap(case: str) -> None:
    text, expected = QUANTITY_TRAPS[case]
    assert quantities(text) == expected


def test_trap15_nbsp_between_verb_and_number() -> None:
    raw = "确保执法人员持证上岗率达\u00a0100%"
    assert quantities(raw) == [(100, None, "%", "exact", LEVEL)]
    x = extract(raw)
    assert x.fact_set() == {("enforcement_certification_rate", 100, "exact")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3-5次", (3, 5, "次", "at_least", LEVEL)),
        ("3至5次", (3, 5, "次", "at_least", LEVEL)),
        ("3～5次", (3, 5, "次", "at_least", LEVEL)),
        ("3至5万元", (30000, 50000, "元", "at_least", LEVEL)),
    ],
)
def test_trap24_ranges(text: str, expected: tuple[object, ...]) -> None:
    assert quantities(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("开展两三次", (2, 3, "次", "at_least", LEVEL)), ("发生一两起", (1, 2, "起", "at_least", LEVEL))],
)
def test_trap25_adjacent_numerals_are_ranges(text: str, expected: tuple[object, ...]) -> None:
    assert quantities(text) == [expected]


def test_trap26_vague_magnitudes() -> None:
    assert quantities("开展数十次") == [(10, 100, "次", "at_least", LEVEL)]
    assert quantities("参与群众上百人") == [(100, None, "人", "at_least", LEVEL)]
    # a bare 百/千 with 余/多 after it is a count too (张贴标语百余条, real report 308); 百姓/千家万户 stay words
    assert quantities("张贴宣传标语百余条") == [(100, None, "条", "at_least", LEVEL)]
    assert quantities("发放资料千余份") == [(1000, None, "份", "at_least", LEVEL)]
    assert quantities("惠及百姓千家万户，开展百日攻坚") == []
    # and a bare 万 (获宣人员万余人, real report 477; 受益群众上万人次): one 万, at least
    assert quantities("获宣人员万余人") == [(10000, None, "人", "at_least", LEVEL)]
    assert quantities("受益群众上万人次") == [(10000, None, "人次", "at_least", LEVEL)]
    assert quantities("万人次") == [] and quantities("万众一心，千万家庭") == []


def test_trap27_before_after_pair_keeps_the_after_value() -> None:
    x = extract("养老保险的办理，原本需要5个工作日，经过流程优化后，现在仅需3个工作日即可完成。")
    assert x.fact_set() == {("approval_time_days", 3, "exact")}
    kinds = dict(x.mentions.select("value", "kind").iter_rows())
    assert kinds == {5: "baseline", 3: "level"}


def test_trap28_shared_verb_gives_two_indicators() -> None:
    x = extract("镇村两级共受理、调解纠纷143起，调解成功138起。")
    assert x.fact_set() == {("disputes_mediated", 143, "exact"), ("disputes_resolved", 138, "exact")}


def test_trap30_frequency_annualised_as_a_fact() -> None:
    x = extract("党委每季度听取1次专题汇报。")
    assert x.fact_set() == {("rule_of_law_briefings", 4, "exact")}


def test_trap31_villages_are_a_profile_figure() -> None:
    x = extract("全镇18个村，已实现法律顾问全覆盖。")
    assert x.fact_set() == {("villages", 18, "exact")}
    assert x.fact("villages")["is_profile"] is True


@pytest.mark.parametrize("text", ["2024年", "2024年度", "二〇二四年", "2024年法治政府建设情况报告"])
def test_trap32_years_are_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_trap34_dates_are_not_quantities() -> None:
    assert quantities("2024年3月15日") == []


@pytest.mark.parametrize("text", ["一是加强组织领导", "二是强化学法", "（一）健全组织", "履行第一责任人职责"])
def test_trap35_list_markers_and_ordinals(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize("text", ["八五普法", "“八五”普法", "编制全镇“八五”普法规划"])
def test_trap36_plan_names(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize("text", ["三重一大", "一件事一次办", "双随机一公开", "一村一法律顾问"])
def test_trap37_slogans_skipped_even_without_the_seeds_list(text: str) -> None:
    assert quantities(text) == []
    assert quantities(text, Lexicon()) == []  # the general 一X一Y rule, not only the list


def test_trap38_zero_wordings() -> None:
    assert quantities("实现肇事肇祸零发生") == [(0, None, "", "exact", LEVEL)]
    assert quantities("对腐败零容忍") == []
    x = extract("严重精神障碍患者实现肇事肇祸零发生。")
    assert x.fact_set() == {("incidents_by_managed_persons", 0, "exact")}


def test_trap39_full_coverage_is_qualitative() -> None:
    assert quantities("实现法律顾问全覆盖") == []


@pytest.mark.parametrize("text", ["0571-88888888", "12345热线", "拨打12348", "电话：0571-88888888"])
def test_trap40_phone_and_hotline_numbers(text: str) -> None:
    assert quantities(text) == []


def test_trap41_fullwidth_comma_is_not_a_thousands_separator() -> None:
    text = normalise("投入1，200万元").text
    assert "，" in text  # normalisation keeps the ambiguous comma
    values = [q.value for q in find_quantities(text)]
    assert 12_000_000 not in values and 1200 not in values
    assert values == [2_000_000]


@pytest.mark.parametrize("text", ["近三年", "第3季度", "一年来", "近三年来多次开展"])
def test_trap42_time_expressions(text: str) -> None:
    assert quantities(text) == []


def test_trap43_fraction_is_not_a_count() -> None:
    x = extract("全镇约三分之二的村建立了法治文化阵地。")
    assert x.facts.is_empty()
    assert [q.kind for q in find_quantities("三分之二")] == ["fraction"]


@pytest.mark.parametrize("text", ["首次实现", "多次开展"])
def test_trap44_first_and_many_times_have_no_value(text: str) -> None:
    assert quantities(text) == []


def test_trap45_traditional_fullwidth() -> None:
    text = normalise("發放宣傳資料５０００餘份").text
    assert quantities(text) == [(5000, None, "份", "at_least", LEVEL)]
    assert extract("發放宣傳資料５０００餘份").fact_set() == {("publicity_materials", 5000, "at_least")}


def test_trap20_change_is_not_a_rate_fact() -> None:
    x = extract("群众对行政执法的满意度较上年下降4.5个百分点。")
    assert x.facts.is_empty()
    assert x.mentions["kind"].to_list() == ["change"]
