"""Held-out measurement: township reports written and hand-labelled before the extractor ran on them.

They are in styles the seeds and the bench generator do not use (dense data lists, a statistics table
flattened to text, Chinese numerals throughout, a Traditional-script web page with chrome, slogan-heavy
prose, 同比 comparisons, 其中 breakdowns, ranges and 近/约/余, zero wordings, profile and leader-duty
figures, figures in problems/plans sections).

- `heldout/` (12 reports): first run P 0.958 R 0.920; general fixes were then made from its failures,
  after which it measured P 0.996 R 0.993 (so it is no longer unseen).
- `heldout2/` (3 reports): written after those fixes, labelled, then run: P 0.959 R 0.946 (the honest
  number for unseen text at that point); two more general fixes gave P 0.973 R 0.986.
The floors sit a little below the measured values so a regression shows; they are not a target to
tune towards by encoding these sentences.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

from etl.catalogue import load_catalogue
from etl.pipeline import Extraction, extract_folder
from etl.score import Score, format_score, score
from tests.conftest import LABELLED_CODES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SETS = {"heldout": 12, "heldout2": 3}  # folder -> number of reports

FLOORS = {  # folder -> name -> (precision, recall)
    "heldout": {"overall": (0.98, 0.97), "core": (0.98, 0.98), "hard": (0.94, 0.94)},
    # small set: one error moves hard by 0.11; mediators = 133 (a sum the report never states) stays missed
    "heldout2": {"overall": (0.95, 0.96), "core": (0.97, 0.98), "hard": (0.7, 0.8)},
}


@lru_cache(maxsize=2)
def heldout(name: str) -> tuple[Extraction, Score]:
    folder = FIXTURES / name
    ex = extract_folder(folder / "reports", load_catalogue())
    return ex, score(folder / "gold_facts.csv", ex.facts, ex.reports, codes=LABELLED_CODES)


@pytest.mark.parametrize("name", list(SETS))
def test_every_heldout_report_is_loaded(name: str) -> None:
    ex, _ = heldout(name)
    assert ex.reports.height == SETS[name]
    assert set(ex.reports["status"]) == {"loaded"}, ex.reports.select("source_path", "reject_reason").rows()


@pytest.mark.parametrize("name", list(SETS))
def test_gold_evidence_is_in_the_normalised_text(name: str) -> None:
    """The labels name real snippets (so a label cannot silently drift from its report)."""
    ex, _ = heldout(name)
    texts = dict(ex.reports.select("source_path", "text").iter_rows())
    with (FIXTURES / name / "gold_facts.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 20 * SETS[name]
    for r in rows:
        assert r["evidence"] in texts[r["report_file"]], (r["report_file"], r["evidence"])


@pytest.mark.parametrize("name", list(SETS))
def test_heldout_precision_and_recall_stay_above_the_floors(name: str) -> None:
    _, s = heldout(name)
    print("\n" + format_score(s))
    measured = {
        "overall": (s.precision, s.recall),
        "core": (s.precision_for("core"), s.recall_for("core")),
        "hard": (s.precision_for("hard"), s.recall_for("hard")),
    }
    for kind, (p, r) in measured.items():
        print(f"{name}: {kind:<8} precision {p:.3f} recall {r:.3f}")
    for kind, (p_floor, r_floor) in FLOORS[name].items():
        p, r = measured[kind]
        assert p >= p_floor, (
            kind,
            "precision",
            p,
            [(f.report_file, f.indicator_code, f.value) for f in s.fp],
        )
        assert r >= r_floor, (
            kind,
            "recall",
            r,
            [(f.report_file, f.indicator_code, f.gold_value) for f in s.fn],
        )


@pytest.mark.parametrize("name", list(SETS))
def test_heldout_qualifiers_match_where_values_do(name: str) -> None:
    _, s = heldout(name)
    assert s.qualifier_mismatches == []
