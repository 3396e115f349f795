"""The incremental load (a copy of the published file with the changed reports' rows replaced) must
give exactly the rows a full load gives, whatever changed: edits, deletions, new towns and years,
a newer report superseding an older one and the older one coming back when the newer leaves."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from etl.catalogue import load_catalogue
from etl.pipeline import extract_folder
from tests.warehouse_fixtures import BUILT_TABLES, generated_reports, rows, table_dump
from warehouse import build

TABLES = BUILT_TABLES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_reports(tmp_path_factory.mktemp("corpus"), 24)


def _full(source: Path, db: Path) -> None:
    build.stage(db, extract_folder(source, load_catalogue()))


def _incremental(source: Path, published: Path, db: Path) -> bool:
    """Stage `source` against `published`; True when the incremental path was taken."""
    extraction = extract_folder(source, load_catalogue())
    took = build.changed_reports(published, extraction.reports) is not None
    build.stage(db, extraction, published=published)
    return took


def _same_as_full(source: Path, incremental_db: Path, tmp: Path) -> None:
    full = tmp / "full.duckdb"
    full.unlink(missing_ok=True)
    _full(source, full)
    assert table_dump(incremental_db, TABLES) == table_dump(full, TABLES)
    for view in ("v_reports", "v_facts", "v_indicator_yoy", "v_cross_town", "v_coverage"):
        query = f"SELECT * FROM {view} ORDER BY ALL"
        assert rows(incremental_db, query) == rows(full, query), view


def test_incremental_load_equals_a_full_load(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "reports"
    shutil.copytree(corpus, source)
    published = tmp_path / "published.duckdb"
    _full(source, published)
    files = sorted(source.glob("*.txt"))

    # 1. one file edited (a value changes), one deleted, one copied under a new name with a later
    #    mtime: the copy supersedes the original for that town-year.
    edited = files[0]
    text = edited.read_bytes()
    edited.write_bytes(text.replace(b"2", b"3", 3) if b"2" in text else text + b"\n")
    files[1].unlink()
    newer = source / "zz_newer_copy.txt"
    shutil.copy2(files[2], newer)
    os.utime(newer, ns=(files[2].stat().st_mtime_ns + 10**9, files[2].stat().st_mtime_ns + 10**9))
    step1 = tmp_path / "step1.duckdb"
    assert _incremental(source, published, step1)
    _same_as_full(source, step1, tmp_path)
    superseded = rows(step1, "SELECT count(*) FROM v_reports WHERE status = 'superseded'")[0][0]
    assert superseded >= 1

    # 2. the newer copy leaves again: the original is loaded once more; a report of a new town appears.
    newer.unlink()
    (source / "new_town.txt").write_text(
        "青石岭镇2026年法治政府建设年度报告\n\n2026年，青石岭镇坚持依法行政。\n"
        "一、主要举措和成效\n全年开展法治宣传活动12场，发放宣传资料3000余份，调解矛盾纠纷45件。\n"
        "二、存在的不足和原因\n法治宣传的针对性不强。\n三、下一年度工作安排\n继续加强法治宣传。\n",
        encoding="utf-8",
    )
    step2 = tmp_path / "step2.duckdb"
    assert _incremental(source, step1, step2)
    _same_as_full(source, step2, tmp_path)
    assert rows(step2, "SELECT count(*) FROM v_reports WHERE status = 'superseded'")[0][0] == superseded - 1
    assert rows(step2, "SELECT count(*) FROM dim_year WHERE report_year = 2026") == [(1,)]


def test_many_changes_or_another_schema_take_the_full_path(corpus: Path, tmp_path: Path) -> None:
    published = tmp_path / "published.duckdb"
    _full(corpus, published)
    extraction = extract_folder(corpus, load_catalogue())
    assert build.changed_reports(published, extraction.reports) is not None  # nothing changed: incremental
    assert build.changed_reports(published, extraction.reports.head(10)) is None  # most files deleted
    assert build.changed_reports(tmp_path / "missing.duckdb", extraction.reports) is None
