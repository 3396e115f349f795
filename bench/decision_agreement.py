"""How far two blind re-readings of the same gold rows agree on their code (issue #14).

Why: the look-alike relabelling (tests/fixtures/real/LOOKALIKES.md) claims that written rules make
labels reproducible. Two helpers judged the same candidate rows under those rules without seeing each
other's decisions; this compares their `decisions.csv` files (folder, file, evidence, value, old_code,
new_code, rule, reason), row by row on the first five columns, and prints how often they chose the
same code, how often each chose the old one, and where they differ.

    python -m bench.decision_agreement tests/fixtures/real/relabel_2026-12-05/decisions_a.csv \\
        tests/fixtures/real/relabel_2026-12-05/decisions_a_second_reading.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

Key = tuple[str, str, str, str, str]


def read_decisions(path: Path) -> dict[Key, str]:
    """(folder, file, evidence, value, old_code) -> new_code ('' = no code) of one decisions file."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {
            (r["folder"], r["file"], r["evidence"], r["value"], r["old_code"]): r["new_code"]
            for r in csv.DictReader(fh)
        }


@dataclass(frozen=True)
class Agreement:
    rows: int
    same: int
    coded: int  # rows that either reading codes
    coded_same: int
    first_kept_old: int
    second_kept_old: int
    differences: Counter[tuple[str, str]]


def compare(first: dict[Key, str], second: dict[Key, str]) -> Agreement:
    """Agreement of two readings of the same rows; rows only one of them judged are an error."""
    if first.keys() != second.keys():
        only = sorted(first.keys() ^ second.keys())[:3]
        raise ValueError(f"the two files judge different rows, e.g. {only}")
    keys = list(first)
    coded = [k for k in keys if first[k] or second[k]]
    return Agreement(
        rows=len(keys),
        same=sum(first[k] == second[k] for k in keys),
        coded=len(coded),
        coded_same=sum(first[k] == second[k] for k in coded),
        first_kept_old=sum(first[k] == k[4] for k in keys),
        second_kept_old=sum(second[k] == k[4] for k in keys),
        differences=Counter((first[k] or "-", second[k] or "-") for k in keys if first[k] != second[k]),
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("first", type=Path, help="decisions.csv of the first reading")
    ap.add_argument("second", type=Path, help="decisions.csv of the second reading of the same rows")
    a = ap.parse_args(argv)
    try:
        r = compare(read_decisions(a.first), read_decisions(a.second))
    except (OSError, KeyError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"rows {r.rows}: same code {r.same} ({r.same / r.rows:.3f})")
    if r.coded:
        print(f"rows either reading codes {r.coded}: same code {r.coded_same} ({r.coded_same / r.coded:.3f})")
    print(f"kept the old code: first {r.first_kept_old}, second {r.second_kept_old} of {r.rows}")
    for (x, y), n in r.differences.most_common():
        print(f"  {n:3d}  {x} | {y}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
