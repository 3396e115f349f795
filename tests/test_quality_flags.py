"""Quality flags: the gold flags of the seeds are produced, and each rule on sentences of its own."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from etl.catalogue import load_catalogue
from etl.normalise import normalise
from etl.pipeline import FACTS_SCHEMA, extract_folder, flags_frame, ingest_one
from etl.quality import other_towns, quality_flags, repeated_passages, year_evidence
from tests.conftest import SEEDS_REPORTS, read_gold

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def seed_flags() -> dict[str, list[tuple[str, str]]]:
    ex = extract_folder(SEEDS_REPORTS, load_catalogue())
    joined = ex.flags.join(ex.reports.select("report_id", "source_path"), on="report_id")
    out: dict[str, list[tuple[str, str]]] = {}
    for path, flag, detail in joined.select("source_path", "flag", "detail").iter_rows():
        out.setdefault(path, []).append((flag, detail or ""))
    return out


@pytest.mark.parametrize("gold", read_gold("seed_reports.csv"), ids=lambda g: g["report_file"])
def test_gold_flags_are_produced(gold: dict[str, str], seed_flags: dict[str, list[tuple[str, str]]]) -> None:
    produced = seed_flags.get(gold["report_file"], [])
    for want in filter(None, gold["quality_flags"].split(";")):
        flag, _, detail = want.partition(":")
        assert any(f == flag and detail in d for f, d in produced), (want, produced)


def test_seed_flags_beyond_gold_are_real(seed_flags: dict[str, list[tuple[str, str]]]) -> None:
    """004 is published 2025-04-11 (late) and repeats its (五) paragraph in the plans: both true."""
    flags_004 = {f for f, _ in seed_flags["004_a75718c85b8d6247.txt"]}
    assert {"published_late", "repeated_paragraph"} <= flags_004
    own_short = [d for f, d in seed_flags["004_a75718c85b8d6247.txt"] if f == "mentions_other_town"]
    assert own_short == []  # 贡献小龙门力量 is the report's own town
    assert not any(f == "mentions_other_town" for f, _ in seed_flags.get("000_0e8ab8da4e11ecb3.txt", []))


@pytest.mark.parametrize(
    ("sentence", "town", "county", "expected"),
    [
        ("把依法行政作为岩头寨镇开展各项工作的首要前提。", "张八桥镇", "宝丰县", ["岩头寨镇"]),
        ("没有结合仁兆实际情况，深思目前仁兆法治建设存在的问题。", "高庄镇", None, ["仁兆"]),
        ("为全面建设社会主义现代化国家贡献小龙门力量。", "小龙门乡", "辰溪县", []),
        ("结合工作实际，为全镇高质量发展提供保障，推进法治乡镇建设。", "白石镇", None, []),
        ("借助县纪委在张八桥镇设立办案基地，为宝丰县创建示范县奠定基础。", "张八桥镇", "宝丰县", []),
        ("按照县委、县政府部署，突出镇领导班子集体学法。", "木叶乡", None, []),
    ],
)
def test_other_town_rule(sentence: str, town: str, county: str | None, expected: list[str]) -> None:
    assert other_towns(sentence, town, county) == expected


def test_copy_pasted_neighbour_and_year_mismatch_in_a_fixture() -> None:
    row = ingest_one("12.txt", (FIXTURES / "12_copy_paste_neighbour.txt").read_bytes())
    meta = dict(row, publish_date=None)
    flags = quality_flags(meta, str(row["text"]), n_facts=3)
    assert ("mentions_other_town", "清水乡") in flags
    assert ("year_mismatch", "title says 2024, body reports on 2023") in flags
    assert not any(f == "no_quantitative_facts" for f, _ in flags)


def test_county_report_naming_its_towns_is_not_flagged() -> None:
    row = ingest_one("06.txt", (FIXTURES / "06_county_level.txt").read_bytes())
    flags = quality_flags(dict(row, publish_date=None), str(row["text"]), n_facts=2)
    assert not any(f == "mentions_other_town" for f, _ in flags)


def test_repeated_paragraph_found_once_and_short_repeats_ignored() -> None:
    para = "认真开展行政执法工作，明确执法权限，镇行政执法人员年度法治培训参与率达100%，切实维护基层社会稳定和谐。"
    text = f"一是规范执法。{para}\n二是其他工作，内容不同。\n三是规范执法程序，{para}\n"
    assert len(repeated_passages(text)) == 1
    assert repeated_passages("加强学习。加强学习。强化宣传，强化宣传。") == []


@pytest.mark.parametrize(
    ("published", "late"), [("2025-04-01", False), ("2025-04-02", True), ("2024-12-30", False)]
)
def test_published_late_after_1_april_of_the_following_year(published: str, late: bool) -> None:
    flags = quality_flags({"publish_date": published, "report_year": 2024}, "某镇2024年报告", n_facts=1)
    assert any(f == "published_late" for f, _ in flags) is late


def test_flags_frame_turns_ingest_notes_into_flags() -> None:
    data = normalise((FIXTURES / "04_addressee.txt").read_text(encoding="utf-8")).text.encode()[:-1]
    row = ingest_one("cut.txt", data)
    from etl.pipeline import REPORTS_SCHEMA

    reports = pl.DataFrame([row], schema=REPORTS_SCHEMA, orient="row")
    flags = flags_frame(reports, pl.DataFrame(schema=FACTS_SCHEMA))
    assert {"truncated_file", "no_quantitative_facts"} <= set(flags["flag"].to_list())


# ---------------------------------------------------------------- false positives found on held-out reports

HELDOUT = Path(__file__).parent / "fixtures" / "heldout" / "reports"


@pytest.mark.parametrize(
    ("sentence", "town"),
    [
        ("调解成功率97.8%，实现了“小事不出村、大事不出镇、矛盾不上交”。", "青溪镇"),
        ("坚持小事不出村、大事不出乡、矛盾不上交，全年调解纠纷37起。", "扎西乡"),
        ("坚持“难事不出镇”，全年化解信访积案6件。", "周庄镇"),
        ("全年对镇区道路改造、农贸市场提升等重大项目开展合法性审查9个。", "河口镇"),
        ("深化镇、村、组三级调解网络建设，全年排查矛盾纠纷117件。", "河口镇"),
        ("深化镇党委理论学习中心组学法，全年集体学法12次。", "白石乡"),
        ("推进镇村两级公共法律服务平台建设，镇级平台1个。", "马坪镇"),
        ("全镇132名干部参加考试，本镇、我镇、该镇及各镇均无违法案件。", "六合镇"),
        ("统筹镇域内执法力量，完善乡镇综合执法。", "桃坪镇"),
        ("组织干部走进镇中心小学开展普法，回到乡里继续宣讲。", "金水乡"),
        ("全年向镇人大报告法治工作2次。", "北园镇"),
        ("强化乡和村两级调解组织建设。", "大龙瑶族乡"),
    ],
)
def test_verb_phrases_and_slogans_before_the_suffix_are_not_towns(sentence: str, town: str) -> None:
    assert other_towns(sentence, town, None) == []


@pytest.mark.parametrize(
    ("sentence", "town", "expected"),
    [
        ("借鉴岩头寨镇的经验，建立矛盾纠纷调处中心。", "青溪镇", ["岩头寨镇"]),
        ("学习清水乡做法，全年开展普法活动9场。", "河口乡", ["清水乡"]),
        ("推进大王庄镇法治文化阵地建设。", "白石镇", ["大王庄镇"]),
        ("为沙渡镇经济社会发展提供法治保障。", "黄冲镇", ["沙渡镇"]),
        ("为城关镇高质量发展保驾护航。", "河口镇", ["城关镇"]),
    ],
)
def test_genuine_other_towns_still_found(sentence: str, town: str, expected: list[str]) -> None:
    """Names after a verb (借鉴/学习/推进) and names ending in a verb-like character (沙渡, 城关)."""
    assert other_towns(sentence, town, None) == expected


def test_seed_neighbour_names_still_flagged(seed_flags: dict[str, list[tuple[str, str]]]) -> None:
    def towns(name: str) -> list[str]:
        return [d for f, d in seed_flags[name] if f == "mentions_other_town"]

    assert towns("001_0376ecbf1b3a9eef.txt") == ["岩头寨镇"]
    assert towns("003_aa655783a9e9278f.txt") == ["仁兆"]


def _flags_of(path: Path) -> list[tuple[str, str]]:
    row = ingest_one(path.name, path.read_bytes())
    return quality_flags(dict(row, publish_date=None), str(row["text"]), n_facts=5)


@pytest.mark.parametrize("name", ["h06_qingxi_zhen_2024.txt", "h08_hekou_zhen_2024.txt"])
def test_heldout_reports_without_false_flags(name: str) -> None:
    # which registered body a name denotes is identity's business (ambiguous_town is true of 青溪镇,
    # which three counties have); the content flags must stay silent on these clean reports
    content = [f for f in _flags_of(HELDOUT / name) if f[0] not in ("ambiguous_town", "not_in_register")]
    assert content == []


PLAN_YEAR_REPORT = """青溪镇2024年法治政府建设工作总结

今年以来，青溪镇坚持依法行政。根据《中共某县委依法治县委员会关于做好2024年度法治政府建设年度报告工作的通知》要求，现将有关情况报告如下。
一、主要举措和成效
（一）全年开展普法活动12场，制定《青溪镇2023年度“八五”普法推进方案》。
二、存在的不足
近三年（2021—2023年）全镇行政诉讼案件逐年上升，2022年、2023年均有败诉案件，2023年以来执法人员流失3人。
三、下一年度工作安排
一是力争2025年培育“法律明白人”200名以上。二是计划2025年完成镇村两级公共法律服务站点提质，2025年底前覆盖全部行政村。
青溪镇人民政府
2025年1月10日
"""


def test_year_mismatch_ignores_plans_targets_history_and_quoted_documents() -> None:
    title, body = year_evidence(PLAN_YEAR_REPORT)
    assert (title, body) == (2024, None)
    assert not any(f == "year_mismatch" for f, _ in quality_flags({}, PLAN_YEAR_REPORT, n_facts=1))


@pytest.mark.parametrize(
    "sentence",
    [
        "调解纠纷143起，较2023年增长12%，比2023年多调解15起。",
        "到2025年，全镇法律顾问覆盖率达100%，力争2025年创建省级民主法治示范村。",
        "对照《2023年法治政府建设考核办法》《2023年度普法责任清单》逐项落实。",
        "2021年以来累计化解纠纷500余起，2021-2023年连续三年无重大案件。",
    ],
)
def test_years_that_are_not_the_reported_year(sentence: str) -> None:
    text = f"某镇2024年法治政府建设情况报告\n\n今年以来，某镇扎实推进法治建设。\n一、主要成效\n{sentence}\n"
    assert year_evidence(text) == (2024, None)


def test_a_body_still_reporting_on_last_year_is_flagged() -> None:
    text = (
        "白石镇2024年法治政府建设情况报告\n\n今年以来，白石镇扎实推进法治建设。\n一、主要成效\n"
        "2023年，全镇开展普法活动9场。2023年全年调解纠纷88起。\n二、存在问题\n普法针对性不强。\n"
        "三、下一步打算\n力争2025年普法全覆盖。\n"
    )
    assert ("year_mismatch", "title says 2024, body reports on 2023") in quality_flags({}, text, n_facts=2)
