"""Extraction accuracy of a built warehouse against a generated corpus's ground truth.

Why here and not in etl/: this reads the published DuckDB file (what analysts see), so it scores the
whole path (decode -> metadata -> extraction -> load -> views), not one function. The matching is the
project's own (`etl.score.score`: (report_file, indicator_code, value) agree; a right code with a
wrong value is both a false positive and a false negative); `score` below is the same rule without
etl/, used only if etl/score.py is absent, and to list which facts were right.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

TOLERANCE = 1e-6


@dataclass
class Score:
    tp: int
    fp: int
    fn: int
    qualifier_right: int  # among true positives
    recall_by_difficulty: dict[str, float] = field(default_factory=dict)
    recall_by_indicator: dict[str, tuple[float, int]] = field(default_factory=dict)  # code -> (recall, n)
    precision_by_indicator: dict[str, tuple[float, int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_csv(path: Path) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def predicted_facts(warehouse: Path) -> list[dict[str, object]]:
    """Facts of loaded reports as the analyst sees them, keyed by the file name they came from."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT r.source_path, f.indicator_code, f.value, f.qualifier "
            "FROM v_facts f JOIN v_reports r USING (report_id)"
        ).fetchall()
    finally:
        con.close()
    return [
        {"report_file": Path(p).name, "indicator_code": c, "value": float(v), "qualifier": q}
        for p, c, v, q in rows
        if v is not None
    ]


def score(truth: list[dict[str, str]], predicted: list[dict[str, object]]) -> Score:
    """Precision/recall on (report_file, indicator_code, value); qualifier agreement reported separately."""
    want = {(t["report_file"], t["indicator_code"]): t for t in truth}
    got = {(str(p["report_file"]), str(p["indicator_code"])): p for p in predicted}
    tp = qual = 0
    hit: set[tuple[str, str]] = set()
    for key, p in got.items():
        t = want.get(key)
        if t is not None and abs(float(t["value"]) - float(p["value"])) <= TOLERANCE:  # type: ignore[arg-type]
            tp += 1
            hit.add(key)
            qual += t["qualifier"] == p["qualifier"]
    by_diff_n: Counter[str] = Counter(t["difficulty"] for t in truth)
    by_diff_hit: Counter[str] = Counter(want[k]["difficulty"] for k in hit)
    ind_n: Counter[str] = Counter(t["indicator_code"] for t in truth)
    ind_hit: Counter[str] = Counter(k[1] for k in hit)
    pred_n: Counter[str] = Counter(k[1] for k in got)
    return Score(
        tp=tp,
        fp=len(got) - tp,
        fn=len(want) - tp,
        qualifier_right=qual,
        recall_by_difficulty={d: by_diff_hit[d] / n for d, n in by_diff_n.items()},
        recall_by_indicator={c: (ind_hit[c] / n, n) for c, n in ind_n.items()},
        precision_by_indicator={c: (ind_hit[c] / n, n) for c, n in pred_n.items()},
    )


def score_warehouse(facts_csv: Path, warehouse: Path) -> Score:
    """Score the published warehouse with etl.score (the project's scorer) when present."""
    try:
        from etl.score import score as etl_score  # noqa: PLC0415
    except ImportError:
        return score(read_csv(facts_csv), predicted_facts(warehouse))
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        facts = con.sql(
            "SELECT report_id, indicator_code, value::DOUBLE AS value, qualifier, evidence FROM v_facts"
        ).pl()
        reports = con.sql("SELECT report_id, source_path, status FROM v_reports").pl()
    finally:
        con.close()
    s = etl_score(facts_csv, facts, reports)
    truth_n: Counter[str] = Counter(r["indicator_code"] for r in read_csv(facts_csv))
    hit: Counter[str] = Counter(f.indicator_code for f in s.tp)
    pred: Counter[str] = Counter(f.indicator_code for f in [*s.tp, *s.fp])
    return Score(
        tp=len(s.tp),
        fp=len(s.fp),
        fn=len(s.fn),
        qualifier_right=len(s.tp) - len(s.qualifier_mismatches),
        recall_by_difficulty={d: s.recall_for(d) for d in s.by_difficulty},
        recall_by_indicator={c: (hit[c] / n, n) for c, n in truth_n.items()},
        precision_by_indicator={c: (hit[c] / n, n) for c, n in pred.items()},
    )


def metadata_accuracy(truth_reports: list[dict[str, str]], warehouse: Path) -> dict[str, float]:
    """Share of reports loaded, and of loaded reports whose town/county/year/script/publish date are right."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT source_path, status, town, county, report_year, script, publish_date FROM v_reports"
        ).fetchall()
    finally:
        con.close()
    got = {Path(r[0]).name: r for r in rows}
    n = len(truth_reports)
    loaded = [t for t in truth_reports if got.get(t["report_file"], (None, None))[1] == "loaded"]
    out = {"reports": float(n), "loaded_share": len(loaded) / n if n else 0.0}
    checks = {
        "town": lambda t, r: (r[2] or "") == t["town"],
        "county": lambda t, r: (r[3] or "") == t["county"],
        "report_year": lambda t, r: str(r[4]) == t["report_year"],
        "script": lambda t, r: r[5] == t["script"],
        "publish_date": lambda t, r: (str(r[6]) if r[6] else "") == t["publish_date"],
    }
    for name, ok in checks.items():
        out[name] = sum(ok(t, got[t["report_file"]]) for t in loaded) / len(loaded) if loaded else 0.0
    return out


FLAGS_SCORED = ("repeated_paragraph", "mentions_other_town", "published_late")


def _true_flags(t: dict[str, str]) -> set[str]:
    """The generator's flags of one report; published_late follows from its publish date."""
    flags = {f.split(":")[0] for f in t["quality_flags"].split(";") if f}
    if t["publish_date"] and t["report_year"] and t["publish_date"] > f"{int(t['report_year']) + 1}-04-01":
        flags.add("published_late")
    return flags


def flag_accuracy(
    truth_reports: list[dict[str, str]], warehouse: Path
) -> dict[str, tuple[float, float, int]]:
    """Per quality flag, report-level (precision, recall, true count) over the loaded reports."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT r.source_path, q.flag FROM v_data_quality AS q JOIN v_reports AS r USING (report_id)"
        ).fetchall()
    finally:
        con.close()
    got: dict[str, set[str]] = {}
    for path, flag in rows:
        got.setdefault(Path(path).name, set()).add(flag)
    out = {}
    for flag in FLAGS_SCORED:
        truth = {t["report_file"] for t in truth_reports if flag in _true_flags(t)}
        pred = {name for name, flags in got.items() if flag in flags}
        tp = len(truth & pred)
        out[flag] = (tp / len(pred) if pred else 1.0, tp / len(truth) if truth else 1.0, len(truth))
    return out
