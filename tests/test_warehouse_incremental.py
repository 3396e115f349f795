"""Acceptance: incremental and idempotent builds through the real runner, on copies of the seeds.

Every test builds with `dagster_project.build.run_build` (what `fazhi build` calls) into tmp_path.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import polars as pl
import pytest

from tests.warehouse_fixtures import DATA_TABLES, make_source, rows, table_dump
from warehouse import build, publish

SEED_EDITED = "000_0e8ab8da4e11ecb3.txt"  # 木叶乡 2024: '举办法律讲座4场'
SEED_DELETED = "003_aa655783a9e9278f.txt"  # 高庄镇 2024


def _build(source: Path, target: Path):  # type: ignore[no-untyped-def]
    from dagster_project.build import run_build  # noqa: PLC0415 - Dagster is slow to import

    return run_build(source, target, echo=False)


def _fingerprint(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_ino


def _rid(db: Path, source_path: str) -> str:
    return str(rows(db, "SELECT report_id FROM v_reports WHERE source_path = ?", [source_path])[0][0])


def _without(dump: dict[str, list[tuple[object, ...]]], db: Path, report_id: str) -> dict[str, set[str]]:
    """Rows that do not belong to one report (by its report_key), as comparable strings."""
    key = rows(db, "SELECT report_key FROM dim_report WHERE report_id = ?", [report_id])[0][0]
    out: dict[str, set[str]] = {}
    for table, table_rows in dump.items():
        if table in ("dim_town", "dim_year", "dim_indicator"):
            out[table] = {repr(r) for r in table_rows}
        else:  # every other table starts with report_key
            out[table] = {repr(r) for r in table_rows if r[0] != key}
    return out


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    source = make_source(tmp_path)
    target = tmp_path / "wh" / "fazhi.duckdb"
    outcome = _build(source, target)
    assert outcome.published, outcome.failures
    return source, target


def test_rebuild_without_changes_is_a_no_op(built: tuple[Path, Path]) -> None:
    source, target = built
    before, dump = _fingerprint(target), table_dump(target, DATA_TABLES)
    outcome = _build(source, target)
    assert not outcome.published and not outcome.failures
    assert _fingerprint(target) == before  # same bytes, same mtime, same inode: nothing was published
    assert table_dump(target, DATA_TABLES) == dump
    assert publish.list_versions(target) == []


def test_editing_one_seed_changes_only_its_facts(built: tuple[Path, Path]) -> None:
    source, target = built
    before = table_dump(target, DATA_TABLES)
    rid = _rid(target, SEED_EDITED)
    path = source / SEED_EDITED
    text = path.read_text(encoding="utf-8")
    assert "举办法律讲座4场" in text
    path.write_text(text.replace("举办法律讲座4场", "举办法律讲座7场"), encoding="utf-8")
    outcome = _build(source, target)
    assert outcome.published, outcome.failures
    after = table_dump(target, DATA_TABLES)
    assert _without(after, target, rid) == _without(
        before, target, rid
    )  # other reports: same rows, same keys
    assert _rid(target, SEED_EDITED) == rid  # the edited report keeps its id and key
    got = rows(target, "SELECT value FROM v_facts WHERE report_id = ? AND indicator_code = 'lectures'", [rid])
    assert [float(v) for (v,) in got] == [7.0]
    assert len(publish.list_versions(target)) == 1  # the previous file is kept for rollback


def test_deleting_one_seed_removes_its_facts(built: tuple[Path, Path]) -> None:
    source, target = built
    rid = _rid(target, SEED_DELETED)
    before = table_dump(target, DATA_TABLES)
    assert rows(target, "SELECT count(*) FROM v_facts WHERE report_id = ?", [rid])[0][0] > 0
    (source / SEED_DELETED).unlink()
    outcome = _build(source, target)
    assert outcome.published, outcome.failures
    assert rows(target, "SELECT count(*) FROM v_reports WHERE report_id = ?", [rid]) == [(0,)]
    assert rows(target, "SELECT count(*) FROM v_facts WHERE report_id = ?", [rid]) == [(0,)]
    assert rows(target, "SELECT count(*) FROM v_town_year_wide WHERE report_id = ?", [rid]) == [(0,)]
    after = table_dump(target, ("dim_report", "fact_indicator_value", "fact_mention"))
    for table, table_rows in after.items():  # everything else is untouched
        old_key = {repr(r) for r in before[table]}
        assert {repr(r) for r in table_rows} <= old_key


def test_a_second_report_for_the_same_town_year_supersedes_the_first(built: tuple[Path, Path]) -> None:
    source, target = built
    old_rid = _rid(target, SEED_EDITED)
    original = source / SEED_EDITED
    revised = source / "000_revised.txt"
    revised.write_text(
        original.read_text(encoding="utf-8").replace("举办法律讲座4场", "举办法律讲座6场"), encoding="utf-8"
    )
    st = original.stat()
    os.utime(revised, ns=(st.st_atime_ns, st.st_mtime_ns + 60_000_000_000))  # saved a minute later
    outcome = _build(source, target)
    assert outcome.published, outcome.failures
    new_rid = _rid(target, "000_revised.txt")
    status = dict(rows(target, "SELECT source_path, status FROM v_reports WHERE town = '木叶乡'"))
    assert status == {SEED_EDITED: "superseded", "000_revised.txt": "loaded"}
    assert rows(target, "SELECT superseded_by FROM v_reports WHERE report_id = ?", [old_rid]) == [(new_rid,)]
    lectures = rows(
        target, "SELECT report_id, value FROM v_facts WHERE town = '木叶乡' AND indicator_code = 'lectures'"
    )
    assert [(r, float(v)) for r, v in lectures] == [(new_rid, 6.0)]
    assert rows(target, "SELECT count(*) FROM v_facts WHERE report_id = ?", [old_rid]) == [(0,)]


def test_a_failing_blocking_check_leaves_the_published_file_byte_identical(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, target = built
    before = _fingerprint(target)
    rid = _rid(target, SEED_EDITED)
    real_register = build._register
    injected = []

    def register_with_a_bad_qualifier(con, frames):  # type: ignore[no-untyped-def]
        if "stg_facts" in frames:  # the facts load in batches (one per shard): one bad row in all
            facts = frames["stg_facts"].filter(pl.col("report_id") != rid)
            if not injected and not frames["stg_facts"].is_empty():
                injected.append(rid)
                bad = (
                    frames["stg_facts"]
                    .head(1)
                    .with_columns(
                        pl.lit(rid).alias("report_id"),
                        pl.lit("court_appearance_rate").alias("indicator_code"),
                        pl.lit("roughly").alias("qualifier"),
                    )
                )
                facts = pl.concat([facts, bad])
            frames = {**frames, "stg_facts": facts}
        real_register(con, frames)

    monkeypatch.setattr(build, "_register", register_with_a_bad_qualifier)
    path = source / SEED_DELETED  # any change, so the runner has something to build
    path.write_bytes(path.read_bytes() + b"\n")
    outcome = _build(source, target)
    assert injected and not outcome.published
    assert any("values_in_domain" in f for f in outcome.failures), outcome.failures
    assert _fingerprint(target) == before
    assert not list(target.parent.glob(".*staging*")), "the failed staging file was left behind"
