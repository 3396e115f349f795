"""The Dagster assets in process on a temporary folder and warehouse: layers, shards, incrementality, checks."""

import os
import re
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from dagster_project.assets import ALL_ASSETS, SHARDS
from dagster_project.automation import range_tags
from dagster_project.build import run_build
from dagster_project.changes import EXTRACTION_ASSETS
from dagster_project.checks import ALL_CHECKS, BLOCKING_CHECK_NAMES, WARNING_CHECK_NAMES
from dagster_project.definitions import make_resources
from dagster_project.resources import FazhiConfig
from etl.parallel import shard_of
from tests.conftest import SEEDS_REPORTS

LECTURES_SEED = "000_0e8ab8da4e11ecb3.txt"  # gold: 举办法律讲座4场 -> lectures = 4


def _own_report(town: str, county: str, year: int, lectures: int) -> str:
    """A report in a common county-website style, written for these tests (not a seed)."""
    return (
        f"{county}{town}{year}年度法治政府建设工作情况报告\n\n"
        f"{year}年，{town}在县委、县政府的领导下，全面推进依法行政，现将有关情况报告如下：\n"
        "一、主要举措和成效\n"
        f"（一）强化普法宣传。全年举办法律讲座{lectures}场，发放宣传资料3000余份，受教育群众1500余人次。\n"
        "（二）化解矛盾纠纷。成功调解矛盾纠纷56起。\n"
        "二、存在的不足和原因\n"
        "一是普法形式较为单一；二是执法人员专业素养有待提高。\n"
        "三、下一年度工作安排\n"
        "继续深化法治宣传教育，提升基层依法治理水平。\n"
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    src = tmp_path / "reports"
    shutil.copytree(SEEDS_REPORTS, src)
    (src / "2024").mkdir()
    (src / "2024" / "青石镇.txt").write_text(_own_report("青石镇", "云岭县", 2024, 9), encoding="utf-8")
    return src


def _query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _lectures(db: Path, source_path: str) -> list[float]:
    rows = _query(
        db,
        "SELECT f.value FROM v_facts f JOIN v_reports r USING (report_id) "
        "WHERE r.source_path = ? AND f.indicator_code = 'lectures'",
        [source_path],
    )
    return [float(v) for (v,) in rows]


def _edit_seed_and_add_a_report(source: Path, lectures: int) -> None:
    """The lectures seed now says `lectures` (was 4), and 2024/白沙乡.txt is new."""
    seed = source / LECTURES_SEED
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("举办法律讲座4场", f"举办法律讲座{lectures}场"),
        encoding="utf-8",
    )
    (source / "2024" / "白沙乡.txt").write_text(_own_report("白沙乡", "云岭县", 2024, 3), encoding="utf-8")


def test_materialize_every_asset_in_process(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "wh" / "fazhi.duckdb"
    fazhi = FazhiConfig(source_dir=str(source), warehouse=str(target))
    result = dg.materialize(
        [*ALL_ASSETS, *ALL_CHECKS],
        resources=make_resources(fazhi),
        tags=range_tags(SHARDS.get_partition_keys()),
    )
    assert result.success
    # every layer wrote every shard (the warehouse assets read all of them)
    for asset in EXTRACTION_ASSETS:
        for shard in SHARDS.get_partition_keys():
            assert (fazhi.cache_path() / asset / shard / "keys.parquet").is_file(), (asset, shard)
    # the published file holds the six files, including the report written for this test
    got = dict(_query(target, "SELECT source_path, status FROM v_reports"))
    assert len(got) == 6 and set(got.values()) == {"loaded"}
    assert _lectures(target, "2024/青石镇.txt") == [9.0]
    assert _lectures(target, LECTURES_SEED) == [4.0]

    def meta(asset: str) -> dict:
        events = [e for e in result.get_asset_materialization_events() if e.asset_key == dg.AssetKey(asset)]
        return events[-1].materialization.metadata

    assert meta("raw_files")["dagster/row_count"].value == 6
    facts = meta("indicator_facts")
    assert facts["facts_per_report"].value > 0 and 0 <= facts["unmatched_share"].value <= 1
    assert "| lectures |" in facts["top_indicators"].value
    assert meta("normalised_reports")["rejected_files"].value == "_none_"
    published = meta("published_warehouse")
    assert published["path"].value == str(target) and published["size_bytes"].value == target.stat().st_size
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert {*BLOCKING_CHECK_NAMES, *WARNING_CHECK_NAMES} == set(checks)
    assert all(checks[name].passed for name in BLOCKING_CHECK_NAMES)
    assert checks["facts_per_report_low"].metadata["loaded_reports"].value == 6


def test_changed_added_deleted_files_rerun_only_their_shards(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "wh" / "fazhi.duckdb"
    first = run_build(source, target, echo=False)
    assert first.published and first.reports_extracted == 6, first.failures

    _edit_seed_and_add_a_report(source, lectures=7)
    deleted = "002_f82477565849e862.txt"
    (source / deleted).unlink()

    second = run_build(source, target, echo=False)
    assert second.published, second.failures
    touched = {shard_of(p) for p in (LECTURES_SEED, "2024/白沙乡.txt", deleted)}
    assert set(second.changed_shards) == touched
    assert second.reports_extracted == 2  # the edited seed and the new report; nothing else re-extracted
    assert _lectures(target, LECTURES_SEED) == [7.0]
    assert _lectures(target, "2024/白沙乡.txt") == [3.0]
    paths = {p for (p,) in _query(target, "SELECT source_path FROM v_reports")}
    assert deleted not in paths and len(paths) == 6

    # nothing changed: no run, nothing published, the file is the very same
    before = os.stat(target)
    third = run_build(source, target, echo=False)
    assert third.up_to_date and not third.published and third.run_seconds == 0.0
    after = os.stat(target)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_touched_file_is_recorded_once_then_up_to_date(source: Path, tmp_path: Path) -> None:
    """A file's identity is its content: a new modification time with the same bytes costs one build
    that re-hashes that file and records the time (no extraction), and nothing after that."""
    target = tmp_path / "wh" / "fazhi.duckdb"
    assert run_build(source, target, echo=False).published
    facts = _query(target, "SELECT * FROM v_facts ORDER BY ALL")
    seed = source / LECTURES_SEED
    st = seed.stat()
    os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # same bytes, newer mtime
    again = run_build(source, target, echo=False)
    assert again.ok, again.failures
    assert again.reports_extracted == 0  # the content hash is unchanged: rows carried over
    recorded = _query(target, "SELECT file_mtime_ns FROM v_reports WHERE source_path = ?", [LECTURES_SEED])
    assert recorded == [(seed.stat().st_mtime_ns,)]
    third = run_build(source, target, echo=False)
    assert third.up_to_date and not third.published, third.reasons
    assert _query(target, "SELECT * FROM v_facts ORDER BY ALL") == facts


def test_a_folder_copied_with_new_times_is_not_extracted_again(source: Path, tmp_path: Path) -> None:
    """`cp -r` (or an rsync without -t, a re-download) gives every file a new modification time: the
    build on the copy re-hashes the files but extracts none, records the times and the new folder,
    and the build after it is up to date. The warehouse holds the same facts."""
    target = tmp_path / "wh" / "fazhi.duckdb"
    assert run_build(source, target, echo=False).published
    facts = _query(target, "SELECT * FROM v_facts ORDER BY ALL")
    copy = tmp_path / "copied"
    shutil.copytree(source, copy, copy_function=shutil.copy)  # contents and modes, not times
    assert (copy / LECTURES_SEED).stat().st_mtime_ns != (source / LECTURES_SEED).stat().st_mtime_ns
    moved = run_build(copy, target, echo=False)
    assert moved.published, moved.failures
    assert moved.reports_extracted == 0 and moved.reports_carried_over > 0
    assert any(r.startswith("source_dir changed") for r in moved.reasons), moved.reasons
    assert _query(target, "SELECT * FROM v_facts ORDER BY ALL") == facts
    assert _query(target, "SELECT value FROM build_info WHERE key = 'source_dir'") == [(str(copy),)]
    again = run_build(copy, target, echo=False)
    assert again.up_to_date and not again.published, again.reasons


def test_blocking_check_failure_leaves_published_file_untouched(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warehouse import build  # noqa: PLC0415

    target = tmp_path / "wh" / "fazhi.duckdb"
    assert run_build(source, target, echo=False).published
    published_bytes = target.read_bytes()

    # a fact with a qualifier the schema does not document: something the build itself guarantees
    real_register = build._register

    def register_with_a_bad_qualifier(con, frames):  # type: ignore[no-untyped-def]
        if "stg_facts" in frames and not frames["stg_facts"].is_empty():
            facts = frames["stg_facts"]
            frames = {**frames, "stg_facts": facts.with_columns(pl.lit("roughly").alias("qualifier"))}
        real_register(con, frames)

    monkeypatch.setattr(build, "_register", register_with_a_bad_qualifier)
    seed = source / LECTURES_SEED
    seed.write_bytes(seed.read_bytes() + b"\n")  # a change, so there is something to build
    outcome = run_build(source, target, echo=False)
    assert not outcome.published and not outcome.ok
    assert outcome.failures[0].startswith("blocking check failed: values_in_domain")
    assert target.read_bytes() == published_bytes
    assert not list(target.parent.glob(f".{target.name}.*.staging"))  # the failed staging file is gone


TABLES_COMPARED = (
    "SELECT * EXCLUDE (file_mtime_ns) FROM dim_report ORDER BY report_key",
    "SELECT * FROM report_text ORDER BY report_key",
    "SELECT * FROM report_section ORDER BY report_key, section_no",
    "SELECT * FROM fact_mention ORDER BY report_key, mention_no",
    "SELECT * FROM fact_indicator_value ORDER BY report_key, indicator_key",
    "SELECT * FROM fact_unmatched_quantity ORDER BY report_key, unmatched_no",
    "SELECT * FROM report_quality_flag ORDER BY report_key, flag",
)


def _tables(db: Path) -> list[list[tuple]]:
    return [_query(db, sql) for sql in TABLES_COMPARED]


def test_small_batches_and_per_shard_loads_give_the_same_warehouse(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extraction computes and writes a few reports at a time, and the load goes shard by shard, so
    memory does not grow with the corpus; the warehouse must not depend on the batch size."""
    from dagster_project import assets

    for i, town in enumerate(("东山镇", "西山镇", "南岭乡", "北湖街道")):  # spread over several shards
        (source / "2024" / f"{town}.txt").write_text(
            _own_report(town, "云岭县", 2024, 10 + i), encoding="utf-8"
        )
    monkeypatch.setattr(assets, "BATCH_REPORTS", 1)
    small = tmp_path / "small" / "fazhi.duckdb"
    outcome = run_build(source, small, echo=False)
    assert outcome.published and outcome.reports_extracted == 10, outcome.failures
    # an edit and an addition, carried over and computed one report at a time
    _edit_seed_and_add_a_report(source, lectures=8)
    again = run_build(source, small, echo=False)
    assert again.published and again.reports_extracted == 2, again.failures

    monkeypatch.undo()
    assert assets.BATCH_REPORTS > 1
    whole = tmp_path / "whole" / "fazhi.duckdb"
    assert run_build(source, whole, echo=False).published
    assert _lectures(small, LECTURES_SEED) == [8.0]
    small_tables, whole_tables = _tables(small), _tables(whole)
    assert all(small_tables), "every compared table has rows"
    assert small_tables == whole_tables
    n_chars = _query(
        whole,
        "SELECT count(*) FROM dim_report r JOIN report_text t USING (report_key) "
        "WHERE r.n_chars = length(t.text)",
    )
    assert n_chars == [(11,)]  # every report loaded, each with its text and length


def test_a_shard_whose_files_did_not_change_is_not_rewritten(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "wh" / "fazhi.duckdb"
    fazhi = FazhiConfig(source_dir=str(source), warehouse=str(target))
    assert run_build(source, target, echo=False).published
    computed = [a for a in EXTRACTION_ASSETS if a != "raw_files"]  # the manifest is re-listed each run
    keys = sorted(p for a in computed for p in (fazhi.cache_path() / a).glob("*/keys.parquet"))
    assert len(keys) == len(computed) * len(SHARDS.get_partition_keys())
    before = {p: os.stat(p).st_ino for p in keys}
    result = dg.materialize(  # e.g. a backfill of every shard from the UI
        [*ALL_ASSETS, *ALL_CHECKS],
        resources=make_resources(fazhi),
        tags=range_tags(SHARDS.get_partition_keys()),
    )
    assert result.success
    assert {p: os.stat(p).st_ino for p in keys} == before


def test_a_build_that_fails_halfway_through_extraction_is_finished_by_the_next(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shards are written as their batch finishes, so a failure in a later batch leaves some shards
    of a layer new and others old. The next build must redo exactly what is missing and publish the
    same warehouse as a clean build."""
    from dagster_project import assets
    from etl import parallel

    target = tmp_path / "wh" / "fazhi.duckdb"
    monkeypatch.setattr(assets, "BATCH_REPORTS", 1)
    real_map_frame = parallel.map_frame
    calls = []

    def fail_on_the_fourth_batch(fn, frame, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(fn.__name__)
        if fn.__name__ == "mentions_frame" and calls.count("mentions_frame") == 4:
            raise RuntimeError("worker lost (injected)")
        return real_map_frame(fn, frame, *args, **kwargs)

    monkeypatch.setattr(parallel, "map_frame", fail_on_the_fourth_batch)
    failed = run_build(source, target, echo=False)
    assert not failed.published and not target.exists()
    assert any("worker lost (injected)" in f for f in failed.failures), failed.failures
    cache = FazhiConfig(source_dir=str(source), warehouse=str(target)).cache_path()
    written = list((cache / "quantity_mentions").glob("*/keys.parquet"))
    assert 0 < len(written) < len(SHARDS.get_partition_keys())  # a layer half new, half missing

    monkeypatch.undo()
    finished = run_build(source, target, echo=False)
    assert finished.published, finished.failures
    # what the failed run had finished is carried over: every file was already decoded and normalised
    assert finished.reports_extracted == 0
    clean = tmp_path / "clean" / "fazhi.duckdb"
    assert run_build(source, clean, echo=False).published
    assert _tables(target) == _tables(clean)


def test_a_relative_source_path_is_the_same_folder(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--source reports` from its parent folder and `--source /abs/reports` are one folder: the second
    build is up to date (a relative spelling used to make every shard look built from elsewhere)."""
    target = tmp_path / "wh" / "fazhi.duckdb"
    assert run_build(source, target, echo=False).published
    monkeypatch.chdir(source.parent)
    again = run_build(Path(source.name), target, echo=False)
    assert again.up_to_date, again.reasons


def test_a_report_without_a_year_raises_the_warning(source: Path, tmp_path: Path) -> None:
    """A report with no year is kept as 'unidentified' (issue 13); the non-blocking warning must still
    list it (it looked for 'rejected' reports only, so it could no longer fire)."""
    text = re.sub(r"20\d\d年度?", "本年度", _own_report("白沙乡", "云岭县", 2024, 3))
    (source / "no_year.txt").write_text(text, encoding="utf-8")
    target = tmp_path / "wh" / "fazhi.duckdb"
    result = dg.materialize(
        [*ALL_ASSETS, *ALL_CHECKS],
        resources=make_resources(FazhiConfig(source_dir=str(source), warehouse=str(target))),
        tags=range_tags(SHARDS.get_partition_keys()),
    )
    assert result.success
    assert dict(_query(target, "SELECT source_path, status FROM v_reports"))["no_year.txt"] == "unidentified"
    normalised = [
        e
        for e in result.get_asset_materialization_events()
        if e.asset_key == dg.AssetKey("normalised_reports")
    ][-1].materialization.metadata
    assert (normalised["loaded"].value, normalised["unidentified"].value) == (6, 1)
    check = {e.check_name: e for e in result.get_asset_check_evaluations()}["reports_without_year"]
    assert not check.passed and check.metadata["reports_without_year"].value == 1
    assert "no_year.txt" in check.metadata["files"].value


def test_a_relative_source_folder_is_recorded_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schedules and the sensor read FAZHI_SOURCE_DIR as written: a relative spelling must name the same
    folder `fazhi build` records (absolute), or every shard looks built elsewhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FAZHI_SOURCE_DIR", "reports")
    assert FazhiConfig().source_path() == tmp_path / "reports"


def test_the_warnings_run_where_a_run_is_recorded(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without DAGSTER_HOME nothing keeps the run, so the warnings (seen only in the UI) are not
    computed; with it, the same build runs them and the instance keeps their evaluations."""
    target = tmp_path / "wh" / "fazhi.duckdb"
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    plain = run_build(source, target, echo=False)
    assert plain.published, plain.failures
    assert "publish_checks" in plain.step_seconds and "data_quality_warnings" not in plain.step_seconds

    home = tmp_path / "dagster_home"
    home.mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    _edit_seed_and_add_a_report(source, lectures=7)
    recorded = run_build(source, target, echo=False)
    assert recorded.published, recorded.failures
    assert {"warehouse_staging", "publish_checks", "data_quality_warnings"} <= set(recorded.step_seconds)
    assert _lectures(target, LECTURES_SEED) == [7.0]
    with dg.DagsterInstance.get() as instance:
        for name in WARNING_CHECK_NAMES:
            key = dg.AssetCheckKey(dg.AssetKey("published_warehouse"), name)
            latest = instance.event_log_storage.get_latest_asset_check_execution_by_key([key])[key]
            assert latest.evaluation is not None, name
