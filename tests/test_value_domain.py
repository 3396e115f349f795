"""Issue 16: a value outside its indicator's domain is quarantined, never a reason to stop publishing.

Every build here goes through `dagster_project.build.run_build` (what `fazhi build` calls) on a copy
of the seed reports plus one report written for these tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

from dagster_project.build import run_build
from tests.conftest import REPO, SEEDS_REPORTS
from tests.warehouse_fixtures import rows

# One township report that states an impossible rate (化解率达105.9%: a typo or another base, as real
# reports do), a negative count (执法检查-3次) and an absurd magnitude (宣传资料5亿份: 500 million
# leaflets, 500 per resident of the largest township), next to ordinary figures.
BAD_REPORT = """云岭县青石镇2024年度法治政府建设工作情况报告

2024年，青石镇在县委、县政府的领导下，全面推进依法行政，现将有关情况报告如下：
一、主要举措和成效
（一）强化普法宣传。全年举办法律讲座9场，发放宣传资料5亿份，受教育群众1500余人次。
（二）化解矛盾纠纷。成功调解矛盾纠纷56起，化解率达105.9%。
（三）严格规范执法。开展执法检查-3次，办理行政处罚案件4件。
二、存在的不足和原因
一是普法形式较为单一；二是执法人员专业素养有待提高。
三、下一年度工作安排
继续深化法治宣传教育，提升基层依法治理水平。
"""
QUARANTINED = {  # indicator -> (value, words of the rule, words of the evidence)
    "dispute_resolution_rate": (105.9, "value <= 100 %", "化解率达105.9%"),
    "enforcement_inspections": (-3.0, "never negative", "执法检查-3次"),
    "publicity_materials": (5e8, "value <= 10000000 份", "宣传资料5亿份"),
}


def _source(tmp_path: Path) -> Path:
    src = tmp_path / "reports"
    shutil.copytree(SEEDS_REPORTS, src)
    (src / "青石镇2024.txt").write_text(BAD_REPORT, encoding="utf-8")
    return src


def test_out_of_range_values_are_quarantined_and_the_build_publishes(tmp_path: Path) -> None:
    source, target = _source(tmp_path), tmp_path / "wh" / "fazhi.duckdb"
    outcome = run_build(source, target, echo=False)
    assert outcome.published, outcome.failures
    rid = rows(target, "SELECT report_id FROM v_reports WHERE source_path = '青石镇2024.txt'")[0][0]
    assert rows(target, "SELECT status FROM v_reports WHERE report_id = ?", [rid]) == [("loaded",)]

    facts = dict(rows(target, "SELECT indicator_code, value FROM v_facts WHERE report_id = ?", [rid]))
    assert not set(QUARANTINED) & set(facts)  # none of the three reached v_facts
    assert float(facts["lectures"]) == 9 and float(facts["penalty_cases"]) == 4  # the rest of it did
    assert float(facts["disputes_resolved"]) == 56
    for view, column in (("v_cross_town", "indicator_code"), ("v_indicator_yoy", "indicator_code")):
        codes = {c for (c,) in rows(target, f"SELECT {column} FROM {view} WHERE town = '青石镇'")}
        assert codes and not set(QUARANTINED) & codes, view
    wide = rows(
        target,
        "SELECT publicity_materials, dispute_resolution_rate, enforcement_inspections, lectures "
        "FROM v_town_year_wide WHERE report_id = ?",
        [rid],
    )
    assert [tuple(None if v is None else float(v) for v in row) for row in wide] == [(None, None, None, 9.0)]

    flagged = rows(
        target,
        "SELECT indicator_code, value, evidence, rule, detail FROM v_data_quality "
        "WHERE report_id = ? AND flag = 'value_out_of_range'",
        [rid],
    )
    assert {r[0] for r in flagged} == set(QUARANTINED)
    for code, value, evidence, rule, detail in flagged:
        want_value, rule_words, evidence_words = QUARANTINED[str(code)]
        assert float(value) == want_value  # type: ignore[arg-type]
        assert rule_words in str(rule) and evidence_words in str(evidence), (code, rule, evidence)
        assert str(code) in str(detail)
    # no other report of the folder was touched by it: the seeds' facts are all there
    assert rows(target, "SELECT count(*) FROM v_data_quality WHERE flag = 'value_out_of_range'") == [(3,)]


def test_a_catalogue_edit_that_makes_values_implausible_quarantines_them(tmp_path: Path) -> None:
    """A count indicator declared a rate by mistake turns 3000 leaflets into '3000 %': the build
    still publishes; those values are listed in v_data_quality, every other fact is in v_facts."""
    source, target = _source(tmp_path), tmp_path / "wh" / "fazhi.duckdb"
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds, ignore=shutil.ignore_patterns("reports"))
    catalogue = pl.read_csv(seeds / "indicators.csv", infer_schema=False).with_columns(
        pl.when(pl.col("code") == "publicity_materials")
        .then(pl.lit("rate"))
        .otherwise("value_type")
        .alias("value_type"),
        pl.when(pl.col("code") == "publicity_materials")
        .then(pl.lit("100"))
        .otherwise("ceiling")
        .alias("ceiling"),
    )
    catalogue.write_csv(seeds / "indicators.csv")
    outcome = run_build(source, target, echo=False, seeds=seeds)
    assert outcome.published, outcome.failures
    assert rows(target, "SELECT count(*) FROM v_facts WHERE indicator_code = 'publicity_materials'") == [(0,)]
    quarantined = rows(
        target,
        "SELECT count(*), min(value) FROM v_data_quality "
        "WHERE flag = 'value_out_of_range' AND indicator_code = 'publicity_materials'",
    )
    assert quarantined[0][0] >= 3 and float(quarantined[0][1]) > 100  # type: ignore[arg-type]
    assert rows(target, "SELECT count(*) FROM v_facts WHERE indicator_code = 'lectures'")[0][0] >= 3
