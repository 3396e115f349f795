"""Sections in any heading style and order; shortcoming items with themes from seeds/problem_themes.csv."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl.normalise import normalise
from etl.pipeline import PROBLEMS_SCHEMA, SECTIONS_SCHEMA, ingest_one, sections_frame
from etl.sections import classify_heading, load_themes, split_problem_items, split_sections, tag_themes
from tests.conftest import SEEDS_REPORTS

SEED = {p.name[:3]: p for p in SEEDS_REPORTS.glob("*.txt")}


def _text(path: Path) -> str:
    return normalise(path.read_text(encoding="utf-8")).text


def _problems(key: str) -> list:
    secs = split_sections(_text(SEED[key]))
    (prob,) = [s for s in secs if s.section_type == "problems"]
    return split_problem_items(prob.text)


def test_headings_classified_whatever_the_wording() -> None:
    cases = {
        "党政主要负责人履行推进法治建设第一责任人职责情况": "leader_duty",
        "存在的问题及下一步工作打算": "problems",
        "下一步工作打算": "plans",
        "推进法治政府建设的主要举措和成效": "achievements",
        "2025年法治政府建设工作计划": "plans",
        "推进法治政府建设存在的不足、原因和问题整改情况": "problems",
        "关于街道概况": "other",
        # rectifying last year's problems is work done (问题整改 outranks 问题 starting with it)
        "上一年度法治建设问题整改“回头看”": "achievements",
        "2023年度问题整改落实情况": "achievements",
        "存在的问题和整改措施": "problems",
        # a plan drawn up is work done; a plan heading still looks forward
        "制定学法计划,增强理论素养": "other",
        "印发年度普法工作要点": "other",
        "2025年工作安排": "plans",
    }
    for heading, kind in cases.items():
        assert classify_heading(heading, 2024) == kind, heading


def test_stray_unnumbered_line_does_not_start_a_section() -> None:
    secs = split_sections(_text(SEED["002"]))
    assert len(secs) == 4
    assert "坚持严格规范公正文明执法" in secs[0].text


def test_top_level_is_the_highest_style_even_when_sublists_mix_styles() -> None:
    text = (
        "某镇2024年法治政府建设情况报告\n"
        "（一）主要举措和成效\n1.学法用法。\n2.依法决策。\n"
        "（二）存在的问题\n一是意识不强。\n二是队伍薄弱。\n"
        "（三）下一步工作安排\n（1）加强学习。\n（二）健全机制。\n（三）强化普法。\n"
    )
    secs = split_sections(text)
    assert [s.section_type for s in secs] == ["achievements", "problems", "plans"]
    assert secs[2].text.endswith("（三）强化普法。")


def test_sections_cover_their_text_and_offsets() -> None:
    text = _text(SEED["004"])
    for s in split_sections(text):
        assert text[s.start : s.end].strip().endswith(s.text[-10:])
        assert s.heading in text[s.start : s.end]


def test_report_without_structure_still_yields_a_section() -> None:
    text = "某乡2024年法治工作总结\n今年我乡开展普法活动12场，调解纠纷30件，各项工作有序推进。"
    secs = split_sections(text)
    assert len(secs) == 1 and secs[0].text.startswith("今年我乡")


def test_seed_000_problem_items_and_themes() -> None:
    items = _problems("000")
    assert len(items) == 4
    assert items[0].text.startswith("法治意识有待进一步提高")
    assert items[0].themes == ["法治意识"]
    assert "执法规范" in items[1].themes and "信息化" in items[1].themes
    assert items[2].themes == ["普法实效"]
    assert items[3].themes == ["矛盾化解"]


def test_seed_002_items_under_heading_lines() -> None:
    items = _problems("002")
    assert [i.themes for i in items] == [["法治意识"], ["执法规范"], ["制度建设"], ["决策机制"]]
    assert items[1].text.startswith("行政执法规范化水平有待提升\n虽然")


def test_seed_004_problem_list_and_cause_analysis() -> None:
    items = _problems("004")
    problems = [i for i in items if i.part == "problem"]
    causes = [i for i in items if i.part == "cause"]
    assert len(problems) == 4 and len(causes) == 6
    assert problems[2].text.startswith("乡村法治人才短缺") and "队伍与人才" in problems[2].themes
    assert causes[0].text.startswith("立法层面") and "制度建设" in causes[0].themes
    assert "原因分析" not in " ".join(i.text for i in items)


def test_seed_003_items() -> None:
    items = _problems("003")
    assert len(items) == 3
    assert "队伍与人才" in items[1].themes and items[2].themes == ["普法实效"]


def test_inline_yishi_items_and_other_theme() -> None:
    text = "一是领导干部学法不够深入。二是村级档案管理混乱，资料缺失。三是调解员业务能力不足。"
    items = split_problem_items(text)
    assert [i.text[:4] for i in items] == ["领导干部", "村级档案", "调解员业"]
    assert items[1].themes == ["other"]


def test_themes_are_data() -> None:
    themes = load_themes()
    assert {"法治意识", "执法规范", "普法实效", "队伍与人才", "矛盾化解", "决策机制", "监督制约", "信息化",
            "制度建设"} <= set(themes)  # fmt: skip
    assert tag_themes("重大行政决策合法性审查不到位。", themes) == ["决策机制"]


def test_sections_frame_rows_follow_the_schemas() -> None:
    rows = [ingest_one(p.name, p.read_bytes()) for p in sorted(SEEDS_REPORTS.glob("*.txt"))]
    from etl.pipeline import REPORTS_SCHEMA

    reports = pl.DataFrame(rows, schema=REPORTS_SCHEMA, orient="row")
    sections, problems = sections_frame(reports)
    assert sections.schema == pl.Schema(SECTIONS_SCHEMA)
    assert problems.schema == pl.Schema(PROBLEMS_SCHEMA)
    assert sections.height == 3 + 4 + 4 + 3 + 4
    per_report = problems.group_by("report_id").agg(pl.col("item_no").n_unique()).sort("item_no")
    assert per_report["item_no"].to_list() == [2, 3, 4, 4, 10]
    assert problems.filter(pl.col("theme") == "other").height < problems.height


def test_v_problems_tells_problems_from_causes(seeds_warehouse: Path) -> None:
    """The 原因分析 items of seed 004 are stored as part 'cause' and shown last in v_problems."""
    import duckdb

    con = duckdb.connect(str(seeds_warehouse), read_only=True)
    try:
        columns = [r[0] for r in con.execute("DESCRIBE v_problems").fetchall()]
        got = con.execute(
            "SELECT p.part, count(DISTINCT p.item_no), min(p.item_no), max(p.item_no) FROM v_problems p "
            "JOIN v_reports r USING (report_id) WHERE r.source_path LIKE '004%' GROUP BY p.part ORDER BY p.part"
        ).fetchall()
        parts = {r[0] for r in con.execute("SELECT DISTINCT part FROM v_problems").fetchall()}
    finally:
        con.close()
    assert columns[:7] == ["report_id", "town_key", "town", "report_year", "item_no", "theme", "text"]
    assert columns[-1] == "part"
    # 4 problems numbered first, then the 6 causes of the analysis block
    assert got == [("cause", 6, 5, 10), ("problem", 4, 1, 4)]
    assert parts == {"problem", "cause"}
