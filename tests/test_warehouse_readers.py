"""A dashboard holding the published file open while `fazhi build` publishes a new one.

`os.replace` swaps the directory entry: the open reader keeps the old file (same inode) and keeps
getting the same, consistent answers; a new connection sees the new data.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO, SEEDS_REPORTS
from tests.warehouse_fixtures import make_source, rows

HELD_BACK = "003_aa655783a9e9278f.txt"

# A reader like a BI tool: one read-only connection, querying in a loop until told to stop.
READER = r"""
import json, sys, time
from pathlib import Path
import duckdb

db, progress, stop = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
con = duckdb.connect(db, read_only=True)
sql = ("SELECT (SELECT count(*) FROM v_reports), (SELECT count(*) FROM v_facts), "
       "(SELECT CAST(sum(value) AS DOUBLE) FROM v_facts)")
results, errors, n = set(), [], 0
deadline = time.monotonic() + 240
while not stop.exists() and time.monotonic() < deadline:
    try:
        results.add(tuple(con.execute(sql).fetchone()))
    except Exception as exc:  # noqa: BLE001 - every error is the finding
        errors.append(f"{type(exc).__name__}: {exc}")
    n += 1
    progress.write_text(str(n))
    time.sleep(0.02)
con.close()
print(json.dumps({"iterations": n, "results": sorted(results), "errors": errors[:5]}))
"""

COUNTS = (
    "SELECT (SELECT count(*) FROM v_reports), (SELECT count(*) FROM v_facts), "
    "(SELECT CAST(sum(value) AS DOUBLE) FROM v_facts)"
)


def _iterations(progress: Path) -> int:
    try:
        return int(progress.read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def _wait_for(progress: Path, at_least: int, reader: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while _iterations(progress) < at_least:
        assert reader.poll() is None, f"reader died: {reader.communicate()}"
        assert time.monotonic() < deadline, "reader made no progress"
        time.sleep(0.05)


def test_open_reader_keeps_working_while_fazhi_build_publishes(tmp_path: Path) -> None:
    from dagster_project.build import run_build  # noqa: PLC0415 - Dagster is slow to import

    source = make_source(tmp_path)
    (source / HELD_BACK).unlink()
    target = tmp_path / "wh" / "fazhi.duckdb"
    assert run_build(source, target, echo=False).published
    old = rows(target, COUNTS)[0]

    progress, stop = tmp_path / "progress", tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(target), str(progress), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(progress, 3, reader)
        shutil.copy2(SEEDS_REPORTS / HELD_BACK, source / HELD_BACK)  # new data for the build
        build = subprocess.run(
            [
                sys.executable,
                "-m",
                "warehouse.cli",
                "build",
                "--source",
                str(source),
                "--warehouse",
                str(target),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert build.returncode == 0, build.stderr[-2000:]
        _wait_for(progress, _iterations(progress) + 5, reader)  # the reader keeps querying after the publish
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err[-2000:]
    report = json.loads(out)
    assert report["errors"] == []
    assert [tuple(r) for r in report["results"]] == [old]  # consistent: the old file, throughout

    new = rows(target, COUNTS)[0]  # a new reader sees the new data
    assert new[0] == old[0] + 1 and new != old
    assert rows(target, "SELECT count(*) FROM v_reports WHERE source_path = ?", [HELD_BACK]) == [(1,)]
