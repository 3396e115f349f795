"""Score extracted facts against a labelled CSV (the format of `tests/gold/seed_facts.csv`).

A gold row is `report_file, indicator_code, value, qualifier, unit_raw, difficulty, evidence`.
A fact matches a gold row when its report's `source_path` (or its file name) equals `report_file`,
the codes are equal and the values are equal; the qualifier is compared separately (reported,
not required). Every extracted fact with a catalogue code counts for precision: one that is not
in the gold, or has another value, is a false positive (a wrong value is also a false negative).

Precision per difficulty is TP_d / (TP_d + wrong values on d rows + facts absent from the gold):
facts the gold does not know count against every difficulty, so no subset looks better than it is.

`codes` names the catalogue codes the gold was labelled with. A fact of a code added to the
catalogue after the labelling cannot be judged by that gold: it is listed in `Score.unjudged`, not
counted for precision. By default every code is judged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import polars as pl

GOLD_COLUMNS = ("report_file", "indicator_code", "value")


@dataclass(frozen=True)
class ScoredFact:
    report_file: str
    indicator_code: str
    value: float | None  # extracted value (None for a missed gold row)
    gold_value: float | None  # gold value (None for a fact the gold does not list)
    qualifier: str | None
    gold_qualifier: str | None
    difficulty: str | None
    evidence: str


@dataclass
class DifficultyScore:
    n_gold: int = 0
    tp: int = 0
    wrong_value: int = 0

    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0


@dataclass
class Score:
    tp: list[ScoredFact] = field(default_factory=list)
    fp: list[ScoredFact] = field(default_factory=list)  # extra facts and wrong values
    fn: list[ScoredFact] = field(default_factory=list)  # missed gold rows and wrong values
    qualifier_mismatches: list[ScoredFact] = field(default_factory=list)  # value right, qualifier not
    unjudged: list[ScoredFact] = field(default_factory=list)  # facts of codes the gold was not labelled with
    by_difficulty: dict[str, DifficultyScore] = field(default_factory=dict)
    n_reports: int = 0

    @property
    def n_extra(self) -> int:
        return sum(1 for f in self.fp if f.gold_value is None)

    @property
    def precision(self) -> float:
        n = len(self.tp) + len(self.fp)
        return len(self.tp) / n if n else 1.0

    @property
    def recall(self) -> float:
        n = len(self.tp) + len(self.fn)
        return len(self.tp) / n if n else 1.0

    def precision_for(self, difficulty: str) -> float:
        d = self.by_difficulty.get(difficulty, DifficultyScore())
        n = d.tp + d.wrong_value + self.n_extra
        return d.tp / n if n else 1.0

    def recall_for(self, difficulty: str) -> float:
        return self.by_difficulty.get(difficulty, DifficultyScore()).recall()


def read_gold(path: str | Path) -> list[dict[str, str]]:
    """Gold rows; a clear error when a required column is missing."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(
                f"{path}: gold CSV lacks column(s) {missing}; expected {', '.join(GOLD_COLUMNS)}"
            )
        return [r for r in reader if r.get("report_file")]


def same_value(a: float | None, b: float | None) -> bool:
    """Equal within the tolerance every scorer of this project uses (relative 1e-6, at least 1e-6)."""
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _name_map(paths: Iterable[str], gold_files: set[str]) -> dict[str, str]:
    """source_path -> the gold's report_file (exact path, else the file name)."""
    out: dict[str, str] = {}
    for p in paths:
        if p in gold_files:
            out[p] = p
        else:
            out[p] = PurePosixPath(p.replace("\\", "/")).name
    return out


def score(
    gold_csv: str | Path,
    extracted_facts: pl.DataFrame,
    reports: pl.DataFrame,
    only_labelled: bool = False,
    codes: Iterable[str] | None = None,
) -> Score:
    """Score `extracted_facts` (FACTS_SCHEMA) of `reports` (REPORTS_SCHEMA) against `gold_csv`.

    By default every loaded report counts (a report without gold rows should yield no facts);
    `only_labelled=True` scores only the reports the gold names. `codes`: see the module docstring.
    """
    judged = None if codes is None else frozenset(codes)
    gold_rows = read_gold(gold_csv)
    gold_files = {g["report_file"] for g in gold_rows}
    loaded = reports.filter(pl.col("status") == "loaded") if "status" in reports.columns else reports
    id_to_path = dict(loaded.select("report_id", "source_path").iter_rows())
    names = _name_map(id_to_path.values(), gold_files)
    gold: dict[tuple[str, str], dict[str, str]] = {}
    for g in gold_rows:
        gold.setdefault((g["report_file"], g["indicator_code"]), g)

    result = Score(n_reports=len(id_to_path))
    for g in gold.values():
        result.by_difficulty.setdefault(g.get("difficulty") or "unlabelled", DifficultyScore()).n_gold += 1

    seen: set[tuple[str, str]] = set()
    for r in extracted_facts.iter_rows(named=True):
        path = id_to_path.get(r["report_id"])
        if path is None:
            continue
        file = names[path]
        if only_labelled and file not in gold_files:
            continue
        key = (file, r["indicator_code"])
        seen.add(key)
        g = gold.get(key)
        gval = float(g["value"]) if g and g["value"] not in ("", None) else None
        diff = (g.get("difficulty") or "unlabelled") if g else None
        fact = ScoredFact(
            file,
            r["indicator_code"],
            r["value"],
            gval,
            r["qualifier"],
            g.get("qualifier") if g else None,
            diff,
            r.get("evidence") or "",
        )
        if g is None and judged is not None and r["indicator_code"] not in judged:
            result.unjudged.append(fact)
        elif g is None:
            result.fp.append(fact)
        elif same_value(r["value"], gval):
            result.tp.append(fact)
            result.by_difficulty[diff].tp += 1  # type: ignore[index]
            if g.get("qualifier") and g["qualifier"] != r["qualifier"]:
                result.qualifier_mismatches.append(fact)
        else:
            result.fp.append(fact)
            result.fn.append(fact)
            result.by_difficulty[diff].wrong_value += 1  # type: ignore[index]
    for key, g in gold.items():
        if key in seen:
            continue
        # a gold row of a report missing from the source folder is missed too
        result.fn.append(
            ScoredFact(
                key[0],
                key[1],
                None,
                float(g["value"]) if g["value"] else None,
                None,
                g.get("qualifier"),
                g.get("difficulty") or "unlabelled",
                g.get("evidence") or "",
            )
        )
    return result


def _fmt_value(v: float | None) -> str:
    if v is None:
        return "-"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def format_score(s: Score) -> str:
    """Human-readable summary: precision/recall overall and per difficulty, then the errors."""
    lines = [
        f"reports scored: {s.n_reports}; facts extracted: {len(s.tp) + len(s.fp)}; "
        f"gold rows: {sum(d.n_gold for d in s.by_difficulty.values())}",
        f"overall   precision {s.precision:.3f}  recall {s.recall:.3f}  "
        f"(tp {len(s.tp)}, fp {len(s.fp)}, fn {len(s.fn)})",
    ]
    for diff in sorted(s.by_difficulty, key=lambda d: (d != "core", d != "hard", d)):
        d = s.by_difficulty[diff]
        lines.append(
            f"{diff:<9} precision {s.precision_for(diff):.3f}  recall {d.recall():.3f}  "
            f"({d.tp}/{d.n_gold} found, {d.wrong_value} wrong value)"
        )
    if s.qualifier_mismatches:
        lines.append(f"qualifier differs on {len(s.qualifier_mismatches)} correct value(s):")
        for f in s.qualifier_mismatches:
            lines.append(f"  {f.report_file}  {f.indicator_code}  {f.qualifier} (gold {f.gold_qualifier})")
    if s.unjudged:
        lines.append(f"not judged: {len(s.unjudged)} fact(s) of codes the gold was not labelled with:")
        for f in s.unjudged:
            lines.append(
                f"  {f.report_file}  {f.indicator_code} = {_fmt_value(f.value)}  | {f.evidence[:60]}"
            )
    if s.fp:
        lines.append("false positives (extracted, not in the gold or another value):")
        for f in s.fp:
            gold = "not in gold" if f.gold_value is None else f"gold {_fmt_value(f.gold_value)}"
            lines.append(
                f"  FP {f.report_file}  {f.indicator_code} = {_fmt_value(f.value)} ({gold})  | {f.evidence[:60]}"
            )
    if s.fn:
        lines.append("false negatives (in the gold, not extracted with that value):")
        for f in s.fn:
            got = "missing" if f.value is None else f"got {_fmt_value(f.value)}"
            lines.append(
                f"  FN [{f.difficulty}] {f.report_file}  {f.indicator_code} = {_fmt_value(f.gold_value)} "
                f"({got})  | {f.evidence[:60]}"
            )
    return "\n".join(lines)
