"""Helpers for the warehouse tests: source folders on disk, hand-made frames, and the fixture truth."""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from pathlib import Path

import duckdb
import polars as pl

from etl.pipeline import (
    FACTS_SCHEMA,
    FLAGS_SCHEMA,
    MENTIONS_SCHEMA,
    PROBLEMS_SCHEMA,
    REPORTS_SCHEMA,
    SECTIONS_SCHEMA,
    UNMATCHED_SCHEMA,
    Extraction,
)
from tests.conftest import GOLD_DIR, SEEDS_REPORTS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "warehouse"
FIXTURE_REPORTS = FIXTURES / "reports"
# Wordings the current extractor reads reliably (see the brief): expectations built on these are asserted.
RELIABLE = re.compile(r"发放宣传资料\d+余?份|举办法律讲座\d+场|调解矛盾纠纷\d+件")


def make_source(root: Path, fixtures: bool = False) -> Path:
    """A private copy of the seed reports (plus the fixture reports), safe to edit and delete."""
    src = root / "reports"
    src.mkdir(parents=True)
    for p in sorted(SEEDS_REPORTS.iterdir()):
        shutil.copy2(p, src / p.name)
    if fixtures:
        for p in sorted(FIXTURE_REPORTS.glob("*.txt")):
            shutil.copy2(p, src / p.name)
    return src


def fazhi_key(natural_key: str) -> int:
    """The surrogate key formula, recomputed in Python (first 15 hex digits of the md5)."""
    return int(hashlib.md5(natural_key.encode("utf-8")).hexdigest()[:15], 16)


def rows(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def table_dump(db: Path, tables: tuple[str, ...]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: equal dumps mean equal warehouses (keys included)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


DATA_TABLES = (
    "dim_town",
    "dim_year",
    "dim_indicator",
    "dim_report",
    "report_text",
    "fact_indicator_value",
    "fact_out_of_range",
    "fact_mention",
    "fact_unmatched_quantity",
    "report_section",
    "report_problem",
    "report_quality_flag",
)


# Every table a build writes, derived ones included: equal dumps, equal warehouses.
BUILT_TABLES = (*DATA_TABLES, "agg_indicator_yoy", "agg_cross_town")


def generated_reports(out: Path, n: int, seed: int = 11) -> Path:
    """A folder of `n` reports from the benchmark generator (`bench.generate`), for tests that need
    more reports than the seeds (an incremental build stays incremental while under a fifth change)."""
    from bench.generate import generate  # noqa: PLC0415 - the generator is big; only these tests need it

    generate(n, out, seed=seed)
    return out / "reports"


def report(source_path: str, **kw: object) -> dict[str, object]:
    """One reports-frame row; loaded unless said otherwise."""
    row: dict[str, object] = dict.fromkeys(REPORTS_SCHEMA)
    rid = hashlib.sha256(source_path.encode("utf-8")).hexdigest()[:16]
    row.update(
        report_id=rid,
        source_path=source_path,
        content_sha256=hashlib.sha256(source_path.encode()).hexdigest(),
        file_size=100,
        file_mtime_ns=1_700_000_000_000_000_000,
        status="loaded",
        script="simplified",
        level="township",
        text="报告正文。发放宣传资料100份。",
        extractor_version="test",
    )
    row.update(kw)
    return row


def fact(report_id: str, code: str, value: float, **kw: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(FACTS_SCHEMA)
    row.update(
        report_id=report_id,
        indicator_code=code,
        value=value,
        qualifier="exact",
        evidence="证据",
        evidence_start=0,
        evidence_end=1,
        mention_count=1,
    )
    row.update(kw)
    return row


def extraction(
    reports: list[dict[str, object]],
    facts: list[dict[str, object]] = (),  # type: ignore[assignment]
    flags: list[dict[str, object]] = (),  # type: ignore[assignment]
) -> Extraction:
    def frame(data: list[dict[str, object]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
        return pl.DataFrame(list(data), schema=schema, orient="row") if data else pl.DataFrame(schema=schema)

    return Extraction(
        reports=frame(reports, REPORTS_SCHEMA),
        sections=frame([], SECTIONS_SCHEMA),
        problems=frame([], PROBLEMS_SCHEMA),
        mentions=frame([], MENTIONS_SCHEMA),
        facts=frame(list(facts), FACTS_SCHEMA),
        unmatched=frame([], UNMATCHED_SCHEMA),
        flags=frame(list(flags), FLAGS_SCHEMA),
    )


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def truth() -> list[dict[str, object]]:
    """Every catalogue figure of the loaded fixture reports (hand-written) and of the seeds (gold).

    Each row: town, report_year, indicator_code, value (float), qualifier, reliable (the wording is one
    the current extractor reads), report_file.
    """
    seeds = {r["report_file"]: r for r in _csv(GOLD_DIR / "seed_reports.csv")}
    out: list[dict[str, object]] = []
    for r in _csv(GOLD_DIR / "seed_facts.csv"):
        meta = seeds[r["report_file"]]
        out.append(
            dict(
                report_file=r["report_file"],
                town=meta["town"],
                report_year=int(meta["report_year"]),
                indicator_code=r["indicator_code"],
                value=float(r["value"]),
                qualifier=r["qualifier"],
                reliable=bool(RELIABLE.search(r["evidence"])),
            )
        )
    for r in _csv(FIXTURES / "expected_facts.csv"):
        out.append(
            dict(
                report_file=r["report_file"],
                town=r["town"],
                report_year=int(r["report_year"]),
                indicator_code=r["indicator_code"],
                value=float(r["value"]),
                qualifier=r["qualifier"],
                reliable=bool(RELIABLE.search(r["evidence"])),
            )
        )
    return out
