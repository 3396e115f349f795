"""The scorer: true/false positives, wrong values, qualifiers, and the `fazhi score` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from etl.pipeline import FACTS_SCHEMA
from etl.score import format_score, score
from tests.conftest import GOLD_DIR, REPO, SEEDS_REPORTS

GOLD_HEADER = "report_file,indicator_code,value,qualifier,unit_raw,difficulty,evidence\n"


def _reports() -> pl.DataFrame:
    return pl.DataFrame(
        {"report_id": ["a", "b"], "source_path": ["town/a.txt", "b.txt"], "status": ["loaded", "loaded"]}
    )


def _facts(rows: list[tuple[str, str, float, str]]) -> pl.DataFrame:
    data = [
        dict.fromkeys(FACTS_SCHEMA)
        | dict(zip(("report_id", "indicator_code", "value", "qualifier"), r, strict=True))
        for r in rows
    ]
    return pl.DataFrame(data, schema=FACTS_SCHEMA)


def _gold(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "gold.csv"
    p.write_text(GOLD_HEADER + body, encoding="utf-8")
    return p


def test_counts_tp_fp_fn_and_qualifiers(tmp_path: Path) -> None:
    gold = _gold(
        tmp_path,
        "a.txt,lectures,4,exact,场,core,x\n"
        "a.txt,banners,18,exact,条,core,x\n"
        "b.txt,villages,18,exact,个,core,x\n"
        "b.txt,lawsuits_lost,0,exact,,hard,x\n",
    )
    facts = _facts(
        [
            ("a", "lectures", 4, "at_least"),  # right value, other qualifier
            ("a", "banners", 17, "exact"),  # wrong value: FP and FN
            ("b", "villages", 18, "exact"),  # TP
            ("b", "publicity_books", 3000, "exact"),  # not in the gold: FP
        ]
    )
    s = score(gold, facts, _reports())
    assert (len(s.tp), len(s.fp), len(s.fn)) == (2, 2, 2)
    assert s.precision == 0.5 and s.recall == 0.5
    assert s.recall_for("core") == pytest.approx(2 / 3) and s.recall_for("hard") == 0.0
    assert s.precision_for("core") == pytest.approx(2 / 4)  # 2 TP, 1 wrong value, 1 extra
    assert [f.indicator_code for f in s.qualifier_mismatches] == ["lectures"]
    out = format_score(s)
    assert "FP b.txt  publicity_books = 3000 (not in gold)" in out
    assert "FN [hard] b.txt  lawsuits_lost = 0 (missing)" in out


def test_only_labelled_ignores_unlabelled_reports(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "b.txt,villages,18,exact,个,core,x\n")
    facts = _facts([("a", "lectures", 4, "exact"), ("b", "villages", 18, "exact")])
    assert score(gold, facts, _reports()).precision == 0.5
    assert score(gold, facts, _reports(), only_labelled=True).precision == 1.0


def test_missing_gold_column_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "g.csv"
    p.write_text("file,code\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="report_file"):
        score(p, _facts([]), _reports())


def test_fazhi_score_command_on_the_seeds() -> None:
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "warehouse.cli",
            "score",
            "--gold",
            str(GOLD_DIR / "seed_facts.csv"),
            "--source",
            str(SEEDS_REPORTS),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[1].startswith("overall   precision")
    assert any(line.startswith("core ") for line in lines) and any(line.startswith("hard ") for line in lines)


def test_fazhi_score_missing_gold_fails_cleanly(tmp_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "warehouse.cli", "score", "--gold", str(tmp_path / "nope.csv")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode != 0 and res.stderr.startswith("fazhi: error:")


def test_facts_of_codes_the_gold_was_not_labelled_with_are_not_judged(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "a.txt,lectures,4,exact,场,core,讲座4场\n")
    facts = _facts(
        [("a", "lectures", 4, "exact"), ("a", "banners", 9, "exact"), ("a", "cadre_trainees", 300, "exact")]
    )
    judged_all = score(gold, facts, _reports())
    assert len(judged_all.fp) == 2 and judged_all.unjudged == []
    s = score(gold, facts, _reports(), codes={"lectures", "banners"})
    assert [f.indicator_code for f in s.fp] == ["banners"]  # a labelled code the gold lacks: a false positive
    assert [f.indicator_code for f in s.unjudged] == ["cadre_trainees"]
    assert s.precision == 0.5
    assert "not judged: 1 fact(s)" in format_score(s)
