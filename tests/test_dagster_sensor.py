"""The landing-folder sensor: added, changed, deleted and half-written files, driven tick by tick."""

import json
import os
import shutil
import time
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.automation import RANGE_END, RANGE_START, daily_build, source_folder_sensor
from dagster_project.resources import FazhiConfig
from etl.parallel import shard_of

SETTLE = 60.0


def _write(path: Path, text: str, age_seconds: float = 600.0) -> None:
    """Write a file and date it `age_seconds` back (a file that finished arriving that long ago)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    past = time.time() - age_seconds
    os.utime(path, (past, past))


class Ticker:
    """Evaluates the sensor like the daemon does: each tick starts from the previous tick's cursor."""

    def __init__(self, source: Path, tmp: Path) -> None:
        self.fazhi = FazhiConfig(
            source_dir=str(source), warehouse=str(tmp / "w" / "fazhi.duckdb"), settle_seconds=SETTLE
        )
        self.cursor: str | None = None

    def tick(self) -> tuple[list[dg.RunRequest], str | None]:
        with dg.build_sensor_context(cursor=self.cursor, resources={"fazhi": self.fazhi}) as ctx:
            data = source_folder_sensor.evaluate_tick(ctx)
        self.cursor = data.cursor
        return list(data.run_requests or []), data.skip_message


def _covers(request: dg.RunRequest, *paths: str) -> bool:
    start, end = request.tags[RANGE_START], request.tags[RANGE_END]
    return all(start <= shard_of(p) <= end for p in paths)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "landing"
    _write(src / "东山镇2023.txt", "东山镇2023年法治政府建设情况报告\n调解纠纷12起。")
    _write(src / "西河乡2023.txt", "西河乡2023年法治政府建设情况报告\n举办讲座3场。")
    return src


def test_first_tick_requests_everything_then_stays_quiet(folder: Path, tmp_path: Path) -> None:
    t = Ticker(folder, tmp_path)
    requests, _ = t.tick()
    assert len(requests) == 1 and requests[0].tags["fazhi/added"] == "2"
    # nothing was ever built here: the run covers every shard, since the warehouse reads them all
    assert (requests[0].tags[RANGE_START], requests[0].tags[RANGE_END]) == ("s00", "s15")
    assert set(json.loads(t.cursor)["files"]) == {"东山镇2023.txt", "西河乡2023.txt"}
    requests, skip = t.tick()
    assert requests == [] and "no settled changes" in skip


def test_added_changed_and_deleted_files_each_request_their_shard(folder: Path, tmp_path: Path) -> None:
    t = Ticker(folder, tmp_path)
    t.tick()

    _write(folder / "sub" / "南岭街道2024.txt", "南岭街道2024年法治政府建设工作报告\n出庭应诉率100%。")
    (requests,), _ = t.tick()
    assert (requests.tags["fazhi/added"], requests.tags["fazhi/changed"], requests.tags["fazhi/deleted"]) == (
        "1",
        "0",
        "0",
    )
    assert _covers(requests, "sub/南岭街道2024.txt")

    _write(folder / "东山镇2023.txt", "东山镇2023年法治政府建设情况报告\n调解纠纷15起，成功率100%。")
    (requests,), _ = t.tick()
    assert requests.tags["fazhi/changed"] == "1" and _covers(requests, "东山镇2023.txt")

    (folder / "西河乡2023.txt").unlink()
    (requests,), _ = t.tick()
    assert requests.tags["fazhi/deleted"] == "1" and _covers(requests, "西河乡2023.txt")
    assert "西河乡2023.txt" not in json.loads(t.cursor)["files"]


def test_half_written_and_temporary_files_wait(folder: Path, tmp_path: Path) -> None:
    t = Ticker(folder, tmp_path)
    t.tick()

    # a copy in progress: just modified, and a browser download with a temp suffix
    arriving = folder / "北关镇2024.txt"
    _write(arriving, "北关镇2024年法治政府建设", age_seconds=0)
    _write(folder / "北关镇2024.txt.crdownload", "partial", age_seconds=900)
    requests, skip = t.tick()
    assert requests == [] and "1 file(s) still being written" in skip
    assert "北关镇2024.txt" in json.loads(t.cursor)["pending"]

    # it grows between ticks with an old mtime (a writer that preserves timestamps): still waiting
    _write(arriving, "北关镇2024年法治政府建设情况报告\n一、主要举措和成效\n", age_seconds=900)
    requests, skip = t.tick()
    assert requests == [] and "still being written" in skip

    # same size and mtime as last tick, and old enough: now it is a new report, and only it
    (requests,), _ = t.tick()
    assert requests.tags["fazhi/added"] == "1" and _covers(requests, "北关镇2024.txt")
    assert "北关镇2024.txt.crdownload" not in json.loads(t.cursor)["files"]


def test_missing_folder_is_a_skip_not_an_error(tmp_path: Path) -> None:
    t = Ticker(tmp_path / "not-mounted", tmp_path)
    requests, skip = t.tick()
    assert requests == [] and "not-mounted" in skip


def test_daily_schedule_builds_every_shard() -> None:
    with dg.build_schedule_context() as ctx:
        request = daily_build(ctx)
    assert (request.tags[RANGE_START], request.tags[RANGE_END]) == ("s00", "s15")


def test_restarted_sensor_starts_from_the_last_build(tmp_path: Path) -> None:
    """No cursor (a fresh `dagster dev`), but a warehouse built from this folder: nothing to request."""
    from dagster_project.build import run_build
    from tests.conftest import SEEDS_REPORTS

    src = tmp_path / "reports"
    shutil.copytree(SEEDS_REPORTS, src)  # copy2 keeps the seeds' old mtimes: settled files
    t = Ticker(src, tmp_path)
    assert run_build(src, Path(t.fazhi.warehouse), echo=False).published
    requests, skip = t.tick()
    assert requests == [] and "no settled changes" in skip
    _write(src / "新增镇2024.txt", "新增镇2024年法治政府建设情况报告")
    (request,), _ = t.tick()
    assert request.tags["fazhi/added"] == "1"
    assert (
        request.tags[RANGE_START] == request.tags[RANGE_END] == shard_of("新增镇2024.txt")
    )  # only its shard


@pytest.mark.parametrize("contents", ["nothing", "only hidden and backup files"])
def test_empty_folder_is_a_skip_that_names_it(tmp_path: Path, contents: str) -> None:
    """An unmounted share looks empty: the tick says so and requests no build (etl.discover.SourceError)."""
    src = tmp_path / "share"
    src.mkdir()
    if contents != "nothing":
        _write(src / ".DS_Store", "x")
        _write(src / "草稿.txt~", "草稿")
    requests, skip = Ticker(src, tmp_path).tick()
    assert requests == []
    assert skip.startswith("no build requested:") and str(src) in skip
    assert "empty" in skip or "no report files" in skip


def test_a_share_that_goes_empty_does_not_delete_every_report(folder: Path, tmp_path: Path) -> None:
    t = Ticker(folder, tmp_path)
    t.tick()
    cursor = t.cursor
    away = tmp_path / "unmounted"
    away.mkdir()
    names = [p.name for p in folder.iterdir()]
    for name in names:
        os.rename(folder / name, away / name)  # the share was unmounted: the folder is there but empty
    requests, skip = t.tick()
    assert requests == [] and "empty" in skip
    assert t.cursor == cursor  # when it comes back unchanged, nothing is rebuilt
    for name in names:
        os.rename(away / name, folder / name)  # a rename keeps size and mtime: the same files
    requests, skip = t.tick()
    assert requests == [] and "no settled changes" in skip


def test_stale_staging_files_and_their_wal_are_cleaned_by_the_next_build(tmp_path: Path) -> None:
    """A run killed mid-load leaves `.X.staging` and `.X.staging.wal`; the next build removes old ones
    (recent ones may belong to a run still going and stay)."""
    from dagster_project.assets import STALE_STAGING_SECONDS
    from dagster_project.build import run_build
    from tests.conftest import SEEDS_REPORTS

    src = tmp_path / "reports"
    shutil.copytree(SEEDS_REPORTS, src)
    target = tmp_path / "w" / "fazhi.duckdb"
    target.parent.mkdir()
    old = [
        target.with_name(f".{target.name}.deadbeef.staging"),
        target.with_name(f".{target.name}.deadbeef.staging.wal"),
    ]
    fresh = [
        target.with_name(f".{target.name}.c0ffee00.staging"),
        target.with_name(f".{target.name}.c0ffee00.staging.wal"),
    ]
    for p in old + fresh:
        p.write_bytes(b"left over")
    past = time.time() - STALE_STAGING_SECONDS - 60
    for p in old:
        os.utime(p, (past, past))
    outcome = run_build(src, target, echo=False)
    assert outcome.published, outcome.failures
    assert [p.exists() for p in old] == [False, False]
    assert [p.exists() for p in fresh] == [True, True]


def test_a_failed_blocking_check_says_what_to_do_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An injected undocumented qualifier fails values_in_domain: the one failure line names the check,
    the count, the offending value, where to look and what to fix, and that the published file is
    unchanged."""
    import polars as pl

    from dagster_project.build import run_build
    from tests.conftest import SEEDS_REPORTS
    from warehouse import build

    src = tmp_path / "reports"
    shutil.copytree(SEEDS_REPORTS, src)
    target = tmp_path / "w" / "fazhi.duckdb"
    assert run_build(src, target, echo=False).published
    before = target.read_bytes()
    real_register = build._register

    def register_with_a_bad_qualifier(con, frames):  # type: ignore[no-untyped-def]
        if "stg_facts" in frames:
            facts = frames["stg_facts"]
            bad = facts.head(1).with_columns(pl.lit("roughly").alias("qualifier"))
            frames = {**frames, "stg_facts": pl.concat([facts.slice(1), bad])}
        real_register(con, frames)

    monkeypatch.setattr(build, "_register", register_with_a_bad_qualifier)
    _write(
        src / "001_extra_line.txt",
        (SEEDS_REPORTS / sorted(p.name for p in SEEDS_REPORTS.iterdir())[0]).read_text(),
    )
    outcome = run_build(src, target, echo=False)
    assert not outcome.published
    line = outcome.failures[0]
    assert "\n" not in line
    assert line.startswith("blocking check failed: values_in_domain (1 violating row")
    assert "fact_indicator_value.qualifier" in line and "roughly" in line  # the example row names it
    assert "sql/checks/values_in_domain.sql" in line and "then rebuild" in line
    assert "published warehouse is unchanged" in line
    assert target.read_bytes() == before
    assert not list(target.parent.glob(".*staging*"))


def _metadata(src: Path, rows: dict[str, str], age_seconds: float = 600.0) -> None:
    lines = ["source_path,county"] + [f"{path},{county}" for path, county in rows.items()]
    _write(src / "_metadata.csv", "\n".join(lines) + "\n", age_seconds)


def test_a_metadata_file_edit_requests_the_shards_of_the_rows_that_changed(tmp_path: Path) -> None:
    """A restart with a metadata file requests nothing (the shard caches hold its rows); an edited row
    requests that file's shard only, once the metadata file has settled; a broken one says why."""
    from dagster_project.build import run_build
    from tests.conftest import SEEDS_REPORTS

    src = tmp_path / "reports"
    shutil.copytree(SEEDS_REPORTS, src)
    names = sorted(p.name for p in src.glob("*.txt"))
    first, other = names[0], next(n for n in names[1:] if shard_of(n) != shard_of(names[0]))
    _metadata(src, {first: "甲县", other: "乙县"})
    t = Ticker(src, tmp_path)
    assert run_build(src, Path(t.fazhi.warehouse), echo=False).published
    requests, skip = t.tick()  # no cursor: the baseline is what the build saw, rows included
    assert requests == [] and "no settled changes" in skip

    _metadata(src, {first: "丙县", other: "乙县"}, age_seconds=1)  # being written: waits
    requests, skip = t.tick()
    assert requests == [] and "metadata file is still being written" in skip
    _metadata(src, {first: "丙县", other: "乙县"})  # settled
    (request,), _ = t.tick()
    assert request.tags[RANGE_START] == request.tags[RANGE_END] == shard_of(first)
    assert request.tags["fazhi/changed"] == "1"
    assert t.tick()[0] == []

    (src / "_metadata.csv").write_text("no key column\n", encoding="utf-8")
    os.utime(src / "_metadata.csv", (time.time() - 600, time.time() - 600))
    requests, skip = t.tick()
    assert requests == [] and "metadata file" in skip and "no build requested" in skip


def test_a_cursor_from_before_metadata_stamps_requests_nothing_new(folder: Path, tmp_path: Path) -> None:
    t = Ticker(folder, tmp_path)
    t.tick()
    state = json.loads(t.cursor or "{}")
    state["files"] = {path: stamp[:2] for path, stamp in state["files"].items()}  # [size, mtime] only
    t.cursor = json.dumps(state)
    requests, skip = t.tick()
    assert requests == [] and "no settled changes" in skip
