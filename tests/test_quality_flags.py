"""Quality flags: the gold flags of the seeds are produced, and each rule on sentences of its own."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from etl.catalogue import load_catalogue
from etl.normalise import normalise
from etl.pipeline import FACTS_SCHEMA, extract_folder, flags_frame, ingest_one
from etl.quality import other_towns, quality_flags, repeated_passages
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
