"""How far two careful human labellers agree on the same real reports (issue #14).

Why: the extractor is asked for catalogued recall and precision >= 0.95 against hand-made labels. What
such a number can mean depends on how consistent the labels are themselves: where two careful readers
following the same guide (ANNOTATION.md) and catalogue choose different codes for one figure, no
extractor can agree with both. A second labeller re-labelled a sample of dev reports without seeing the
first labels or the extractor (tests/fixtures/real/agreement/); this script scores one labelling
against the other with the scorer's own matching rules (same file, value within tolerance, number at
the same place; codes added to the catalogue after the first labels, see tests/gold/labelled_codes.txt,
are not judged).

    python -m bench.label_agreement tests/fixtures/real/dev tests/fixtures/real/agreement
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bench.real_facts import GoldRow, labelled_codes, locate, read_gold, spans_overlap
from etl.score import same_value


def _placed(folder: Path, files: set[str]) -> list[GoldRow]:
    texts = {f: (folder / "raw" / f).read_text(encoding="utf-8") for f in files}
    return [locate(r, texts[r.file]) for r in read_gold(folder) if r.file in files]


def _same_figure(a: GoldRow, b: GoldRow) -> bool:
    return a.file == b.file and same_value(a.value, b.value) and spans_overlap(a.place, b.place)


def agreement(
    first: list[GoldRow], second: list[GoldRow], judged: frozenset[str] | None
) -> dict[str, object]:
    """Scores of `second` read as answers to `first` (the extractor's recall definitions)."""

    def judge(code: str | None) -> bool:
        return code is not None and (judged is None or code in judged)

    high = [r for r in first if r.confidence == "high"]
    coded = [r for r in high if judge(r.code)]
    same_code = [r for r in coded if any(_same_figure(r, s) and s.code == r.code for s in second)]
    any_value = [r for r in high if any(_same_figure(r, s) for s in second)]
    pairs = Counter()
    for r in coded:
        others = {s.code for s in second if _same_figure(r, s)}
        if r.code not in others:
            pairs[(r.code, "/".join(sorted(c or "-" for c in others)) or "not labelled")] += 1
    return {
        "coded": len(coded),
        "same_code": len(same_code),
        "high": len(high),
        "any_value": len(any_value),
        "differences": pairs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("first", type=Path, help="corpus folder of the first labels (raw/ and gold/)")
    ap.add_argument("second", type=Path, help="folder of the second labels (gold/facts*.csv, raw/)")
    args = ap.parse_args(argv)
    files = {p.name for p in (args.second / "raw").glob("*.txt")}
    if not files:
        print(f"label_agreement: error: no raw/*.txt in {args.second}", file=sys.stderr)
        return 2
    a, b = _placed(args.first, files), _placed(args.second, files)
    judged = labelled_codes()
    print(f"{len(files)} reports labelled twice; codes judged: those the first labels were made with")
    for name, x, y in (("second against first", a, b), ("first against second", b, a)):
        s = agreement(x, y, judged)
        print(
            f"{name}: catalogued (same code and value) {s['same_code']}/{s['coded']} = "
            f"{s['same_code'] / max(1, s['coded']):.3f}; any quantity (same value) "
            f"{s['any_value']}/{s['high']} = {s['any_value'] / max(1, s['high']):.3f}"
        )
        for (code, other), n in sorted(s["differences"].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"    {n} x {code} -> {other}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
