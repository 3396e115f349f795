"""Acceptance on the five seeds through the real pipeline: precision, recall, evidence offsets."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import polars as pl
import pytest

from etl.catalogue import load_catalogue
from etl.normalise import SPACED
from etl.numbers import surface_value
from etl.pipeline import Extraction, extract_folder
from etl.score import score
from tests.conftest import GOLD_DIR, LABELLED_CODES, SEEDS_REPORTS

GOLD = GOLD_DIR / "seed_facts.csv"


@lru_cache(maxsize=1)
def seeds() -> Extraction:
    return extract_folder(SEEDS_REPORTS, load_catalogue())


def test_seed_recall_and_precision_stay_perfect() -> None:
    """Issue #14: the seeds stay at 1.000 while rules change for real wording (0.95 let a lost seed
    fact through unnoticed: 相关学习活动4次 after the leadership named in the sentence before)."""
    s = score(GOLD, seeds().facts, seeds().reports, codes=LABELLED_CODES)
    assert s.recall_for("core") == 1.0, [(f.report_file, f.indicator_code) for f in s.fn]
    assert s.precision == 1.0, [(f.report_file, f.indicator_code, f.value) for f in s.fp]


def test_hard_rows_are_found_too() -> None:
    s = score(GOLD, seeds().facts, seeds().reports, codes=LABELLED_CODES)
    assert s.by_difficulty["hard"].n_gold == 5
    assert s.recall_for("hard") == 1.0, [(f.report_file, f.indicator_code) for f in s.fn]


def test_qualifiers_match_the_gold() -> None:
    s = score(GOLD, seeds().facts, seeds().reports, codes=LABELLED_CODES)
    assert s.qualifier_mismatches == []


def test_report_without_figures_gives_no_facts() -> None:
    ex = seeds()
    rid = ex.reports.filter(pl.col("source_path").str.starts_with("004_"))["report_id"][0]
    assert ex.facts.filter(pl.col("report_id") == rid).is_empty()


def test_evidence_offsets_point_at_the_number_for_every_seed_fact() -> None:
    ex = seeds()
    texts = dict(ex.reports.select("report_id", "text").iter_rows())
    paths = dict(ex.reports.select("report_id", "source_path").iter_rows())
    with GOLD.open(encoding="utf-8", newline="") as fh:
        gold_evidence = {(g["report_file"], g["indicator_code"]): g["evidence"] for g in csv.DictReader(fh)}
    assert ex.facts.height > 0
    for f in ex.facts.iter_rows(named=True):
        text = texts[f["report_id"]]
        surface = text[f["evidence_start"] : f["evidence_end"]]
        assert surface and surface in f["evidence"]
        assert (
            text.find(f["evidence"])
            <= f["evidence_start"]
            < f["evidence_end"]
            <= text.find(f["evidence"]) + len(f["evidence"])
        )
        gold = gold_evidence.get((paths[f["report_id"]], f["indicator_code"]))
        if gold:  # the gold's own snippet (normalised like the text) surrounds the very same characters
            gold = gold.replace("\u00a0", " ")
            if gold not in text:  # prose lines lose a space inside a number expression (达 100% -> 达100%)
                gold = SPACED.sub("", gold)
            pos = text.find(gold)
            while pos >= 0 and not (pos <= f["evidence_start"] and f["evidence_end"] <= pos + len(gold)):
                pos = text.find(gold, pos + 1)
            assert pos >= 0, (gold, surface)
        parsed = surface_value(surface)
        if parsed is not None and f["value"]:
            ratio = f["value"] / parsed  # 1, or the annualisation factor (每季度1次 -> 4)
            assert ratio in (1, 2, 4, 6, 12, 52), (surface, f["value"])


@pytest.mark.parametrize("column", ["kind", "section_type", "is_total"])
def test_added_mention_columns_are_filled(column: str) -> None:
    assert seeds().mentions[column].null_count() == 0


def test_own_fixture_reports_score_fully() -> None:
    """Two reports of my own in other styles (street office with lists and 其中 breakdowns; Traditional
    script, full-width digits, financial numerals, page chrome), with problems and plans sections."""
    folder = Path(__file__).resolve().parent / "fixtures" / "extraction" / "reports"
    ex = extract_folder(folder, load_catalogue())
    assert set(ex.reports["status"]) == {"loaded"}, ex.reports.select("source_path", "reject_reason").rows()
    s = score(folder.parent / "reports_expected.csv", ex.facts, ex.reports, codes=LABELLED_CODES)
    assert s.precision == 1.0, [(f.report_file, f.indicator_code, f.value) for f in s.fp]
    assert s.recall == 1.0, [(f.report_file, f.indicator_code, f.gold_value) for f in s.fn]
    assert s.qualifier_mismatches == []
