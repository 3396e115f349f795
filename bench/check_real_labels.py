"""Check a folder of real reports and their hand-made labels before they are committed.

Why: labels are written before the extractor ever runs on a report ("label before you look"), so
nothing else catches a typo in a label. This script checks form only (it never runs `etl`): every
file has a source row and a metadata row, evidence is an exact substring of its file, codes exist
in the catalogue, URLs are not held out for independent measurement, and it lists figures in the
text that no label covers, so an annotator can decide whether each one is a fact.

    python -m bench.check_real_labels tests/fixtures/real/dev [--shared ../shared/real] [--hints]

Layout of a corpus folder (the layout of ../shared/real):
    raw/*.txt, SOURCES.tsv (file, url, town, county, province, report_year, publish_date, script, notes),
    gold/reports.csv (file, tier, town, town_type, county, report_year, publish_date, script),
    gold/facts*.csv (file, indicator_code, label_zh, value, unit_raw, qualifier, confidence, evidence).
Exit status 1 when any error is found; hints and warnings never fail.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from bench.check_page import url_digest

ROOT = Path(__file__).resolve().parents[1]
SOURCES_COLUMNS = ("file", "url", "town", "county", "province", "report_year", "publish_date", "script")
REPORTS_COLUMNS = ("file", "tier", "town", "town_type", "county", "report_year", "publish_date", "script")
FACTS_COLUMNS = (
    "file",
    "indicator_code",
    "label_zh",
    "value",
    "unit_raw",
    "qualifier",
    "confidence",
    "evidence",
)
QUALIFIERS = {"exact", "at_least", "at_most", "approx"}
TOWN_TYPES = {"乡", "镇", "街道", "区", "县", "市", "旗", "开发区"}
# Measure words after which a number is very likely a fact; only for hints about unlabelled figures.
HINT = re.compile(
    r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?:万|千|百)?\s*(?:余|多)?\s*"
    r"(?:人次|余人|名|人|件|起|次|场|份|个|期|家|户|条|项|篇|册|本|元|万元|%|％|位|处|天|场次|宗|批|本)"
)


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def check(folder: Path, shared: Path | None, hints: bool) -> int:
    errors: list[str] = []
    warnings: list[str] = []
    raw = {p.name: p.read_text(encoding="utf-8") for p in sorted((folder / "raw").glob("*.txt"))}
    codes = {r["code"] for r in _read_csv(ROOT / "seeds" / "indicators.csv")}

    held_out: set[str] = set()
    shared_urls: set[str] = set()
    shared_bodies: set[tuple[str, str]] = set()
    if shared and not shared.exists():
        print(f"check_real_labels: warning: {shared} not found: held-out URLs and the shared set's "
              "pages are not checked (--shared names the shared real folder)", file=sys.stderr)  # fmt: skip
    if shared and shared.exists():
        digests = shared / "HELD_OUT_URL_SHA256.txt"
        if not digests.is_file():  # never check a collection without the held-out list
            print(f"check_real_labels: error: {digests} not found: --shared must be the shared real "
                  "folder (../shared/real), which lists the held-out URLs", file=sys.stderr)  # fmt: skip
            return 2
        held_out = {ln.strip() for ln in digests.read_text().split() if ln.strip()}
        for r in _read_csv(shared / "SOURCES.tsv", "\t"):
            shared_urls.add(r["url"].strip())
            shared_bodies.add((r["town"], r["report_year"]))

    sources = _read_csv(folder / "SOURCES.tsv", "\t")
    if sources and (missing := [c for c in SOURCES_COLUMNS if c not in sources[0]]):
        errors.append(f"SOURCES.tsv lacks columns {missing}")
    seen_urls: Counter[str] = Counter(r.get("url", "").strip() for r in sources)
    for r in sources:
        url = r.get("url", "").strip()
        if r["file"] not in raw:
            errors.append(f"SOURCES.tsv: {r['file']} has no file in raw/")
        if not url.startswith(("http://", "https://")):
            errors.append(f"SOURCES.tsv: {r['file']}: url {url!r} is not a web address")
        if url_digest(url) in held_out:
            errors.append(
                f"SOURCES.tsv: {r['file']}: its URL is HELD OUT for independent measurement: remove it"
            )
        if url in shared_urls:
            errors.append(f"SOURCES.tsv: {r['file']}: URL already in the shared real set")
        if seen_urls[url] > 1:
            errors.append(f"SOURCES.tsv: {r['file']}: URL listed {seen_urls[url]} times")
        if (r.get("town", ""), r.get("report_year", "")) in shared_bodies:
            warnings.append(
                f"SOURCES.tsv: {r['file']}: {r['town']} {r['report_year']} is also in the shared set"
            )
    missing_src = sorted(set(raw) - {r["file"] for r in sources})
    if missing_src:
        errors.append(f"files without a SOURCES.tsv row: {missing_src}")

    reports = _read_csv(folder / "gold" / "reports.csv")
    if reports and (missing := [c for c in REPORTS_COLUMNS if c not in reports[0]]):
        errors.append(f"gold/reports.csv lacks columns {missing}")
    for r in reports:
        f = r["file"]
        if f not in raw:
            errors.append(f"reports.csv: {f} has no file in raw/")
        if r["tier"] not in ("township", "county"):
            errors.append(f"reports.csv: {f}: tier {r['tier']!r} is not township/county")
        if r["town_type"] and r["town_type"] not in TOWN_TYPES:
            errors.append(f"reports.csv: {f}: town_type {r['town_type']!r} not in {sorted(TOWN_TYPES)}")
        if r["report_year"] and not re.fullmatch(r"20[12]\d", r["report_year"]):
            errors.append(f"reports.csv: {f}: report_year {r['report_year']!r}")
        if r["publish_date"]:
            try:
                date.fromisoformat(r["publish_date"])
            except ValueError:
                errors.append(f"reports.csv: {f}: publish_date {r['publish_date']!r} is not YYYY-MM-DD")
        if r["script"] not in ("simplified", "traditional"):
            errors.append(f"reports.csv: {f}: script {r['script']!r}")
    missing_rep = sorted(set(raw) - {r["file"] for r in reports})
    if missing_rep:
        errors.append(f"files without a gold/reports.csv row: {missing_rep}")

    facts: list[dict[str, str]] = []
    for path in sorted((folder / "gold").glob("facts*.csv")):
        rows = _read_csv(path)
        if rows and (missing := [c for c in FACTS_COLUMNS if c not in rows[0]]):
            errors.append(f"{path.name} lacks columns {missing}")
        facts += rows
    for n, r in enumerate(facts, 2):
        f, ev = r["file"], r["evidence"]
        where = f"facts row {n} ({f}, {r['label_zh']})"
        if f not in raw:
            errors.append(f"{where}: no such file in raw/")
            continue
        if r["indicator_code"] and r["indicator_code"] not in codes:
            errors.append(f"{where}: unknown indicator_code {r['indicator_code']!r}")
        try:
            float(r["value"])
        except ValueError:
            errors.append(f"{where}: value {r['value']!r} is not a number")
        if r["qualifier"] not in QUALIFIERS:
            errors.append(f"{where}: qualifier {r['qualifier']!r}")
        if r["confidence"] not in ("high", "low"):
            errors.append(f"{where}: confidence {r['confidence']!r}")
        if not ev or ev not in raw[f]:
            errors.append(f"{where}: evidence {ev!r} is not an exact substring of the file")
        if len(ev) > 40:
            warnings.append(f"{where}: evidence is {len(ev)} characters (guide: <= 40)")
        if r["unit_raw"] and r["unit_raw"] not in ev:
            warnings.append(f"{where}: unit {r['unit_raw']!r} not in the evidence")

    if hints:
        covered: dict[str, list[tuple[int, int]]] = {}
        for r in facts:
            text, ev = raw.get(r["file"], ""), r["evidence"]
            for m in re.finditer(re.escape(ev), text) if ev else ():
                covered.setdefault(r["file"], []).append(m.span())
        for f, text in raw.items():
            for m in HINT.finditer(text):
                if not any(a <= m.start() < b for a, b in covered.get(f, [])):
                    ctx = text[max(0, m.start() - 12) : m.end() + 4].replace("\n", " ")
                    print(f"hint: {f}: unlabelled figure {m.group(0)!r} in …{ctx}…")

    by = Counter(r.get("province", "").split("(")[0] for r in sources)
    years = Counter(r["report_year"] for r in reports)
    kinds = Counter(r["town_type"] for r in reports)
    scripts = Counter(r["script"] for r in reports)
    print(f"{len(raw)} files, {len(facts)} fact rows; {len(by)} provinces {dict(by)}")
    print(f"years {dict(sorted(years.items()))}; types {dict(kinds)}; scripts {dict(scripts)}")
    for w in warnings:
        print(f"warning: {w}")
    for e in errors:
        print(f"ERROR: {e}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "real")
    p.add_argument("--hints", action="store_true", help="list figures no label covers")
    a = p.parse_args(argv)
    return check(a.folder, a.shared, a.hints)


if __name__ == "__main__":
    sys.exit(main())
