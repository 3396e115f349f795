"""etl/parallel.py: shards are stable and even; the process pool gives exactly the serial result and
stops its workers at once when interrupted."""

import os
import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from etl import parallel
from etl.catalogue import load_catalogue
from etl.pipeline import mentions_frame, sections_frame
from tests.conftest import SEEDS_REPORTS
from tests.test_robustness_support import descendants, marked_processes, wait_until_gone


def test_shard_of_is_stable_in_range_and_spreads_paths_evenly() -> None:
    paths = [
        f"{county}/{town}镇/{year}年法治政府建设报告.txt"
        for county in "甲乙丙丁戊"
        for town in range(40)
        for year in (2022, 2023, 2024, 2025)
    ]
    shards = [parallel.shard_of(p) for p in paths]
    assert shards == [parallel.shard_of(p) for p in paths]  # same path, same shard
    assert set(shards) <= set(parallel.shard_keys()) and len(parallel.shard_keys()) == parallel.SHARD_COUNT
    counts = Counter(shards)
    assert len(counts) == parallel.SHARD_COUNT
    expected = len(paths) / parallel.SHARD_COUNT  # 50
    assert all(0.5 * expected <= n <= 1.5 * expected for n in counts.values()), counts


def test_process_pool_result_equals_serial(tmp_path: Path) -> None:
    # enough reports to cross MIN_PARALLEL_ROWS: the seeds, copied into several county folders
    for i in range(15):
        shutil.copytree(SEEDS_REPORTS, tmp_path / f"county{i:02d}")
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.txt"))
    assert len(files) >= parallel.MIN_PARALLEL_ROWS
    manifest = pl.DataFrame(
        {
            "source_path": files,
            "file_size": [(tmp_path / f).stat().st_size for f in files],
            "file_mtime_ns": [(tmp_path / f).stat().st_mtime_ns for f in files],
            "skip_reason": [None] * len(files),
        },
        schema_overrides={"skip_reason": pl.Utf8},
    )
    serial = parallel.map_frame(parallel.ingest_manifest, manifest, str(tmp_path), workers=1)
    pooled = parallel.map_frame(parallel.ingest_manifest, manifest, str(tmp_path), workers=2)
    assert pooled.sort("report_id").equals(serial.sort("report_id"))
    assert serial.filter(pl.col("status") == "loaded").height == len(files)

    catalogue = load_catalogue()
    m1 = parallel.map_frame(mentions_frame, serial, catalogue, workers=1)
    m2 = parallel.map_frame(mentions_frame, serial, catalogue, workers=2)
    assert m1.height > 0 and m2.sort("report_id", "mention_no").equals(m1.sort("report_id", "mention_no"))
    s1, p1 = parallel.map_frame(sections_frame, serial, workers=1)
    s2, p2 = parallel.map_frame(sections_frame, serial, workers=2)
    assert s2.sort("report_id", "section_no").equals(s1.sort("report_id", "section_no"))
    assert p2.height == p1.height


def _sleep_a_minute(frame: pl.DataFrame) -> pl.DataFrame:
    time.sleep(60)
    return frame


def test_an_interrupted_map_stops_its_workers_at_once() -> None:
    """Ctrl+C, SIGTERM or a run terminated in the Dagster UI (SIGINT to itself) raise in the waiting
    main thread: at once, and the workers go now, not after their chunks (here a minute each)."""
    frame = pl.DataFrame({"n": range(parallel.MIN_PARALLEL_ROWS)})
    me, workers = os.getpid(), set()

    def interrupt() -> None:  # the workers are this process's grandchildren (the forkserver forks them)
        try:
            workers.update(p.pid for p in descendants(me, marked_processes(None)).values() if p.ppid != me)
        finally:  # a failed /proc scan must not leave the test waiting out the workers' minute
            os.kill(me, signal.SIGINT)

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, "SIGINT does not raise here"
    threading.Timer(3.0, interrupt).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parallel.map_frame(_sleep_a_minute, frame, workers=2)
    assert time.monotonic() - started < 20 and parallel._pool is None
    assert workers and not wait_until_gone(None, workers, timeout=5)
