"""Publishing, versions, rollback, and the published-state API the build runner uses for no-op builds."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl import EXTRACTOR_VERSION
from tests.warehouse_fixtures import extraction, report
from warehouse import build, publish, state


@dataclass(frozen=True)
class Stamp:
    source_path: str
    size: int
    mtime_ns: int


def _publish_bytes(tmp_path: Path, target: Path, data: bytes) -> Path | None:
    staging = publish.staging_path(target)
    staging.write_bytes(data)
    return publish.publish(staging, target)


def test_publish_keeps_previous_versions_and_prunes_old_ones(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    assert _publish_bytes(tmp_path, target, b"v1") is None
    for i in range(2, 7):
        kept = _publish_bytes(tmp_path, target, f"v{i}".encode())
        assert kept is not None and kept.read_bytes() == f"v{i - 1}".encode()
    assert target.read_bytes() == b"v6"
    assert [v.read_bytes() for v in publish.list_versions(target)] == [b"v3", b"v4", b"v5"]
    assert not publish.staging_path(target).exists()


def test_rollback_steps_back_and_a_second_rollback_goes_further_back(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    for i in (1, 2, 3):
        _publish_bytes(tmp_path, target, f"v{i}".encode())
    publish.rollback(target)
    assert target.read_bytes() == b"v2"
    publish.rollback(target)
    assert target.read_bytes() == b"v1"  # not back to v3: the undone file is kept but not chosen
    undone = [v for v in publish.list_versions(target) if v.stem.endswith(publish.UNDONE)]
    assert sorted(v.read_bytes() for v in undone) == [b"v2", b"v3"]
    chosen = publish.rollback(target, version=undone[-1].name[:8])  # an explicit pick still works
    assert chosen.suffix == ".duckdb"


def test_rollback_without_versions_fails_clearly(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    _publish_bytes(tmp_path, target, b"v1")
    with pytest.raises(publish.PublishError, match="no kept versions"):
        publish.rollback(target)
    assert target.read_bytes() == b"v1"


def test_publish_refuses_a_missing_staging_file(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    target.write_bytes(b"old")
    with pytest.raises(publish.PublishError, match="missing"):
        publish.publish(tmp_path / "nope", target)
    assert target.read_bytes() == b"old"


@pytest.fixture
def staged(tmp_path: Path) -> Path:
    reps = [
        report(
            "a.txt",
            town="木叶乡",
            report_year=2024,
            file_size=10,
            file_mtime_ns=111,
            extractor_version=EXTRACTOR_VERSION,
        ),
        report(
            "b/c.txt",
            town="青石镇",
            report_year=2024,
            file_size=20,
            file_mtime_ns=222,
            extractor_version=EXTRACTOR_VERSION,
        ),
        report(
            "bad.bin",
            status="rejected",
            reject_reason="binary",
            file_size=5,
            file_mtime_ns=None,
            text=None,
            extractor_version=EXTRACTOR_VERSION,
        ),
    ]
    seeds = tmp_path / "seeds"  # a private copy: the catalogue must not change under the test
    shutil.copytree(SEEDS, seeds, ignore=shutil.ignore_patterns("reports"))
    db = tmp_path / "w.duckdb"
    build.stage(db, extraction(reps), seeds / "indicators.csv", build_info={"source_dir": "/data/reports"})
    return db


def _now(db: Path) -> dict[str, str]:
    return dict(
        extractor_version=EXTRACTOR_VERSION,
        catalogue_sha256=state.catalogue_fingerprint(db.parent / "seeds"),
        schema_version=state.schema_fingerprint(),
    )


SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CURRENT = [Stamp("a.txt", 10, 111), Stamp("b/c.txt", 20, 222), Stamp("bad.bin", 5, 999)]


def test_published_state_reads_files_and_build_info(staged: Path) -> None:
    st = state.published_state(staged)
    assert st is not None
    assert set(st.files) == {"a.txt", "b/c.txt", "bad.bin"}
    assert st.files["b/c.txt"].file_size == 20 and st.files["b/c.txt"].file_mtime_ns == 222
    assert st.files["bad.bin"].status == "rejected"
    assert st.source_dir == "/data/reports"
    assert st.extractor_version == EXTRACTOR_VERSION
    assert st.catalogue_sha256 == state.catalogue_fingerprint(staged.parent / "seeds")
    assert st.schema_version == state.schema_fingerprint()
    assert st.build_info["built_at"]
    assert state.published_state(staged.with_name("missing.duckdb")) is None
    junk = staged.with_name("junk.duckdb")
    junk.write_bytes(b"not a database")
    assert state.published_state(junk) is None


def test_changes_is_empty_when_nothing_changed(staged: Path) -> None:
    st = state.published_state(staged)
    assert st is not None
    assert st.changes(CURRENT, source_dir="/data/reports", **_now(staged)) == []


@pytest.mark.parametrize(
    ("current", "expect"),
    [
        ([Stamp("a.txt", 11, 111), *CURRENT[1:]], "changed file: a.txt"),
        (CURRENT[:1] + CURRENT[2:], "deleted file: b/c.txt"),
        ([*CURRENT, Stamp("d.txt", 1, 1)], "new file: d.txt"),
        ([Stamp("a.txt", 10, 112), *CURRENT[1:]], "changed file: a.txt"),
    ],
)
def test_changes_names_what_differs(staged: Path, current: list[Stamp], expect: str) -> None:
    st = state.published_state(staged)
    assert st is not None
    assert st.changes(current, **_now(staged)) == [expect]


def test_a_touched_file_with_the_same_hash_is_unchanged(staged: Path) -> None:
    st = state.published_state(staged)
    assert st is not None
    touched = [Stamp("a.txt", 10, 999), *CURRENT[1:]]
    same = {"a.txt": st.files["a.txt"].content_sha256 or ""}
    assert st.changes(touched, sha256_of=same, **_now(staged)) == []
    assert st.changes(touched, sha256_of={"a.txt": "0" * 64}, **_now(staged)) == ["changed file: a.txt"]


def test_changes_sees_new_catalogue_schema_and_extractor(staged: Path) -> None:
    st = state.published_state(staged)
    assert st is not None
    now = _now(staged)
    for key in now:
        reasons = st.changes(CURRENT, **{**now, key: "other"})
        assert reasons[0].startswith(f"{key} changed")
        # a new extractor also names every file it must re-extract
        assert len(reasons) == (1 + len(CURRENT) if key == "extractor_version" else 1)


def test_catalogue_fingerprint_follows_reference_files_not_reports(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    base = state.catalogue_fingerprint(seeds)
    assert base == state.catalogue_fingerprint(seeds)
    (seeds / "reports" / "new.txt").write_text("报告", encoding="utf-8")
    assert state.catalogue_fingerprint(seeds) == base
    with (seeds / "indicator_aliases.csv").open("a", encoding="utf-8") as fh:
        fh.write("lectures,宣讲,场\n")
    assert state.catalogue_fingerprint(seeds) != base
