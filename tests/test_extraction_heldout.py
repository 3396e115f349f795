"""Held-out measurement: 12 township reports written and hand-labelled before the extractor ran on them.

They are in styles the seeds and the bench generator do not use (dense data lists, a statistics table
flattened to text, Chinese numerals throughout, a Traditional-script web page with chrome, slogan-heavy
prose, 同比 comparisons, 其中 breakdowns, ranges and 近/约/余, zero wordings, profile and leader-duty
figures, figures in problems/plans sections). The floors sit a little below the measured values
(first run before any fix: overall P 0.958 R 0.920; after the general fixes: P 0.996 R 0.993) so a
regression shows; they are not a target to tune towards by encoding these sentences.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from etl.catalogue import load_catalogue
from etl.pipeline import Extraction, extract_folder
from etl.score import Score, format_score, score

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"
GOLD = HELDOUT / "gold_facts.csv"

FLOORS = {  # (precision, recall)
    "overall": (0.98, 0.97),
    "core": (0.98, 0.98),
    "hard": (0.94, 0.94),
}


@lru_cache(maxsize=1)
def heldout() -> tuple[Extraction, Score]:
    ex = extract_folder(HELDOUT / "reports", load_catalogue())
    return ex, score(GOLD, ex.facts, ex.reports)


def test_every_heldout_report_is_loaded() -> None:
    ex, _ = heldout()
    assert ex.reports.height == 12
    assert set(ex.reports["status"]) == {"loaded"}, ex.reports.select("source_path", "reject_reason").rows()


def test_gold_evidence_is_in_the_normalised_text() -> None:
    """The labels name real snippets (so a label cannot silently drift from its report)."""
    ex, _ = heldout()
    texts = dict(ex.reports.select("source_path", "text").iter_rows())
    with GOLD.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 250
    for r in rows:
        assert r["evidence"] in texts[r["report_file"]], (r["report_file"], r["evidence"])


def test_heldout_precision_and_recall_stay_above_the_floors() -> None:
    _, s = heldout()
    print("\n" + format_score(s))
    measured = {
        "overall": (s.precision, s.recall),
        "core": (s.precision_for("core"), s.recall_for("core")),
        "hard": (s.precision_for("hard"), s.recall_for("hard")),
    }
    for name, (p, r) in measured.items():
        print(f"held-out {name:<8} precision {p:.3f} recall {r:.3f}")
    for name, (p_floor, r_floor) in FLOORS.items():
        p, r = measured[name]
        assert p >= p_floor, (
            name,
            "precision",
            p,
            [(f.report_file, f.indicator_code, f.value) for f in s.fp],
        )
        assert r >= r_floor, (
            name,
            "recall",
            r,
            [(f.report_file, f.indicator_code, f.gold_value) for f in s.fn],
        )


def test_heldout_qualifiers_match_where_values_do() -> None:
    _, s = heldout()
    assert s.qualifier_mismatches == []
