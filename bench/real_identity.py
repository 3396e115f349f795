"""Score report identity on real reports: field by field against gold/reports.csv, plus division codes.

    python -m bench.real_identity tests/fixtures/real/shared [more folders...] [--list]

Fields (as tests/ scores the seeds): town, town_type, county, report_year, publish_date, script, and
level (a county-level report is not filed as a town). A rejected report scores 0 on every field.
The gold states what the TEXT says; where it is empty (the excerpt never names the county, the body
or the date), an empty answer is right, and so is the true value SOURCES.tsv records for the page
(the register may know a town's county although the excerpt does not name it), and with --urls a
publish date the page address writes out whole. Town names compare after the office suffix is
dropped (七里街道办事处 = 七里街道; 海滨街 = 海滨街道). For a county-level body, county = its own name is
right when the gold county is empty.

Division codes: every report whose gold/divisions.csv has a code must carry exactly that code; a
report with no gold code must carry none or the one its true identity gives.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from etl.normalise import to_simplified

FIELDS = ("town", "town_type", "county", "report_year", "publish_date", "script", "level")


def _truth(s: str | None) -> str:
    """A SOURCES.tsv value as a comparable name: Simplified, notes in brackets and '(county-level)' dropped."""
    s = to_simplified(s or "")
    s = re.sub(r"\(county-level\)\s*", "", s)
    s = re.sub(r"\s*[(（].*$", "", s).strip()
    return "" if s.startswith("unknown") else s


def _town_key(s: str | None) -> str:
    return re.sub("(?:街道办事处|街道办|街道|街)$", "", s or "")


def _same_body(a: str, b: str) -> bool:
    """Two ways to write one body: 七里街道办事处 = 七里街道, 里田鄉 = 里田乡; or two names the register gives the same
    division (铁石乡 = 铁石苗族彝族乡, 张家川县 = 张家川回族自治县, 芦台经济开发区 = 河北唐山芦台经济开发区)."""
    from etl.register import register  # noqa: PLC0415

    if not a or not b:
        return a == b
    a, b = to_simplified(a), to_simplified(b)  # the gold writes a Traditional page's name as it stands
    if _town_key(a) == _town_key(b):
        return True
    reg = register()
    codes = lambda n: {d.code for d in reg.township(n) + reg.county(n)}  # noqa: E731
    return bool(codes(a) & codes(b))


@dataclass
class IdentityScore:
    n: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    rejected: list[str] = field(default_factory=list)
    unidentified: list[str] = field(default_factory=list)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # file, field, got, gold
    codes_expected: int = 0
    codes_right: int = 0
    code_misses: list[tuple[str, str, str]] = field(default_factory=list)  # file, got, gold

    @property
    def accuracy(self) -> float:
        total = self.n * len(FIELDS)
        return sum(self.correct.values()) / total if total else 1.0

    def field_accuracy(self, name: str) -> float:
        return self.correct[name] / self.n if self.n else 1.0


def _read(path: Path, delimiter: str = ",") -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["file"]: r for r in csv.DictReader(fh, delimiter=delimiter)}


def ingest_folder(folder: Path, urls: bool = False) -> dict[str, dict[str, object]]:
    """The pipeline's report row for every raw file of a corpus folder (what a build stores). With
    `urls`, each file comes with its page address from SOURCES.tsv, as a crawler's metadata file
    would give it (etl/given.py: the `url` column alone)."""
    from etl.pipeline import ingest_one  # noqa: PLC0415

    sources = _read(folder / "SOURCES.tsv", "\t") if urls else {}
    return {
        p.name: ingest_one(
            p.name, p.read_bytes(), given={"url": u} if (u := sources.get(p.name, {}).get("url")) else None
        )
        for p in sorted((folder / "raw").glob("*.txt"))
    }


def score_folder(
    folder: Path, rows: dict[str, dict[str, object]] | None = None, score: IdentityScore | None = None
) -> IdentityScore:
    """Score one corpus folder (ingesting its raw files unless `rows` are given), adding to `score`."""
    score = score or IdentityScore()
    rows = rows if rows is not None else ingest_folder(folder)
    gold = _read(folder / "gold" / "reports.csv")
    sources = _read(folder / "SOURCES.tsv", "\t")
    codes = _read(folder / "gold" / "divisions.csv")
    for name, g in gold.items():
        row, src = rows[name], sources.get(name, {})
        score.n += 1
        if row["status"] == "rejected":
            score.rejected.append(f"{name}: {row['reject_reason']}")
            score.misses += [(name, f, "(rejected)", g.get(f, "")) for f in FIELDS]
        else:
            if row["status"] == "unidentified":
                score.unidentified.append(f"{name}: {row['reject_reason']}")
            for f in FIELDS:
                got, ok = _compare(f, row, g, src, codes.get(name, {}))
                score.correct[f] += ok
                if not ok:
                    gold_value = g.get("tier") if f == "level" else g.get(f, "")
                    score.misses.append((name, f, got, gold_value or "''"))
        want = codes.get(name, {}).get("division_code", "")
        got_code = str(row.get("division_code") or "")
        if want:
            score.codes_expected += 1
            score.codes_right += got_code == want
            if got_code != want:
                score.code_misses.append((name, got_code or "-", want))
        elif got_code and not _code_fits_truth(got_code, src):
            score.code_misses.append((name, got_code, "none (no code derivable for its true identity)"))
    return score


def _code_fits_truth(code: str, src: dict[str, str]) -> bool:
    from etl.register import register  # noqa: PLC0415

    d = register().division(code)
    town, county = _truth(src.get("town")), _truth(src.get("county"))
    return bool(d) and _town_key(d.name) == _town_key(town) and (not county or register().in_area(d, county))


def _address_spells(day: str, url: str | None) -> bool:
    """Does the page address write this whole date (t20220331_, /2022-03-31/, /art/2022/3/31/)? With
    --urls, a date the pipeline read from the address is checked against the address as SOURCES.tsv
    records it, digit for digit, not against the pipeline's own reading of it."""
    if not day or not url:
        return False
    y, m, d = day.split("-")
    forms = (f"{y}{m}{d}", f"/{y}-{m}-{d}/", f"/{y}/{m}-{d}/", f"/{y}/{int(m)}/{int(d)}/")
    return any(form in url for form in forms)


def _compare(
    f: str, row: dict[str, object], g: dict[str, str], src: dict[str, str], code: dict[str, str]
) -> tuple[str, bool]:
    if f == "level":
        got = str(row.get("level") or "")
        return got, got == g["tier"]
    value = row.get(f)
    got = "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)
    want = g.get(f, "")
    if f == "town":
        truth = _truth(src.get("town"))
        return got, _same_body(got, want) or (not want and (not got or _same_body(got, truth)))
    if f == "county":
        truth = _truth(src.get("county"))
        own = g["tier"] == "county" and got == str(row.get("town") or "")
        registered = got and got == code.get("register_county")  # the county the register gives the true body
        return got, _same_body(got, want) or registered or (
            not want and (not got or own or _same_body(got, truth))
        )
    if f == "publish_date":
        truth = (src.get("publish_date") or "")[:10]
        return got, got == want or (not want and (got in ("", truth) or _address_spells(got, src.get("url"))))
    return got, got == want


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folders", nargs="+", type=Path)
    p.add_argument("--list", action="store_true", help="list every miss")
    p.add_argument(
        "--urls", action="store_true", help="give each report its page address (SOURCES.tsv) as metadata"
    )
    a = p.parse_args(argv)
    total = IdentityScore()
    for folder in a.folders:
        rows = ingest_folder(folder, a.urls)
        _print(folder.name, score_folder(folder, rows), a.list)
        score_folder(folder, rows, total)
    if len(a.folders) > 1:
        _print("all", total, False)
    return 0


def _print(name: str, s: IdentityScore, full: bool) -> None:
    fields = "  ".join(f"{f} {s.field_accuracy(f):.3f}" for f in FIELDS)
    print(f"{name}: {s.n} reports, accuracy {s.accuracy:.3f} ({fields})")
    print(f"  rejected {len(s.rejected)}, unidentified {len(s.unidentified)}, "
          f"division codes {s.codes_right}/{s.codes_expected}, code misses {len(s.code_misses)}")  # fmt: skip
    if full:
        for r in s.rejected:
            print(f"  rejected: {r}")
        for u in s.unidentified:
            print(f"  unidentified: {u}")
        for file, f, got, want in s.misses:
            if got != "(rejected)":
                print(f"  miss {file} {f}: got {got!r}, gold {want!r}")
        for file, got, want in s.code_misses:
            print(f"  code {file}: got {got}, gold {want}")


if __name__ == "__main__":
    sys.exit(main())
