"""Dagster's own command line: a headless build, `dagster dev` serving the assets, checks, sensor,
schedule, and its runs leaving no process behind when they end or are terminated from the UI."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from bench.generate import generate
from dagster_project.checks import BLOCKING_CHECK_NAMES, WARNING_CHECK_NAMES
from tests.conftest import REPO, SEEDS_REPORTS
from tests.test_robustness_support import (
    MARKER_VAR,
    descendants,
    kill_marked,
    marked_processes,
    wait_until_gone,
)

DAGSTER = str(Path(sys.executable).with_name("dagster"))
ASSETS = {
    "raw_files",
    "normalised_reports",
    "report_sections",
    "quantity_mentions",
    "indicator_facts",
    "warehouse_dimensions",
    "warehouse_facts",
    "warehouse_views",
    "published_warehouse",
}


def _env(tmp_path: Path, source: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "dagster_home"
    home.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "FAZHI_SOURCE_DIR": str(source),
        "FAZHI_WAREHOUSE": str(tmp_path / "wh" / "fazhi.duckdb"),
        **extra,
    }


def test_headless_materialize_builds_the_warehouse(tmp_path: Path) -> None:
    """The README's command: every asset, every shard, one run, no UI and no daemon."""
    source = tmp_path / "reports"
    shutil.copytree(SEEDS_REPORTS, source)
    env = _env(tmp_path, source)
    cmd = [DAGSTER, "asset", "materialize", "-m", "dagster_project.definitions"]
    res = subprocess.run(
        [*cmd, "--select", "*", "--partition-range", "s00...s15"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    target = Path(env["FAZHI_WAREHOUSE"])
    con = duckdb.connect(str(target), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM v_reports WHERE status = 'loaded'").fetchone()[0] == 5
        assert con.execute("SELECT count(*) FROM v_facts").fetchone()[0] > 0
    finally:
        con.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(port: int, query: str, **variables: str) -> dict:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=20) as resp:
        body = json.loads(resp.read())
    assert "errors" not in body, body
    return body["data"]


QUERY = """
{
  assetNodes { assetKey { path } groupName
    assetChecksOrError { ... on AssetChecks { checks { name blocking } } } }
  repositoriesOrError { ... on RepositoryConnection { nodes {
    sensors { name sensorState { status } }
    schedules { name cronSchedule scheduleState { status } } } } }
}
"""


@contextmanager
def _dagster_dev(tmp_path: Path, env: dict[str, str]) -> Iterator[int]:
    """`dagster dev` (webserver, daemon, code server) serving the project; yields its port once ready."""
    port = _free_port()
    log = (tmp_path / "dev.log").open("w")
    proc = subprocess.Popen(
        [DAGSTER, "dev", "-m", "dagster_project.definitions", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (tmp_path / "dev.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "dagster dev not ready within 90 s"
            time.sleep(1)
        yield port
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


def test_dagster_dev_serves_assets_checks_sensor_and_schedule(tmp_path: Path) -> None:
    empty = tmp_path / "landing"  # an empty landing folder: the sensor ticks, skips, starts no run
    empty.mkdir()
    with _dagster_dev(tmp_path, _env(tmp_path, empty)) as port:
        data = _graphql(port, QUERY)

    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    assert set(nodes) == ASSETS
    assert (
        nodes["raw_files"]["groupName"] == "extract"
        and nodes["published_warehouse"]["groupName"] == "warehouse"
    )
    blocking = {c["name"]: c["blocking"] for c in nodes["warehouse_views"]["assetChecksOrError"]["checks"]}
    assert blocking == dict.fromkeys(BLOCKING_CHECK_NAMES, True)
    warnings = {
        c["name"]: c["blocking"] for c in nodes["published_warehouse"]["assetChecksOrError"]["checks"]
    }
    assert warnings == dict.fromkeys(WARNING_CHECK_NAMES, False)
    (repo,) = data["repositoriesOrError"]["nodes"]
    assert [(s["name"], s["sensorState"]["status"]) for s in repo["sensors"]] == [
        ("source_folder_sensor", "RUNNING")
    ]
    assert [(s["name"], s["cronSchedule"], s["scheduleState"]["status"]) for s in repo["schedules"]] == [
        ("daily_build", "0 6 * * *", "RUNNING")
    ]


# ---------------------------------------------------------------- runs leave no process behind (issue 18)

RUNS = "{ runsOrError { ... on Runs { results { runId } } } }"
RUN_STATUS = "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }"
RUN_LOGS = "query($id: ID!) { logsForRun(runId: $id) { ... on EventConnection { events { ... on MessageEvent { message } } } } }"
TERMINATE = "mutation($id: String!) { terminateRun(runId: $id) { __typename } }"
LOCATION = "{ workspaceOrError { ... on Workspace { locationEntries { name } } } }"
LAUNCH_EXTRACTION = """
mutation($location: String!) { launchRun(executionParams: {
  selector: { repositoryLocationName: $location, repositoryName: "__repository__", jobName: "fazhi_build",
              assetSelection: [{path: ["raw_files"]}, {path: ["normalised_reports"]}, {path: ["report_sections"]}] },
  executionMetadata: { tags: [{key: "dagster/asset_partition_range_start", value: "s00"},
                              {key: "dagster/asset_partition_range_end", value: "s15"}] } })
  { __typename ... on LaunchRunSuccess { run { runId } } } }
"""
Until = Callable[[str, int], bool]  # (run status, run pid) -> stop following


def _run_pid(port: int, run_id: str) -> int:
    """The run's process, as Dagster logs it ("Started process for run (pid: N)")."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        for event in _graphql(port, RUN_LOGS, id=run_id)["logsForRun"]["events"]:
            found = re.search(r"Started process for run \(pid: (\d+)\)", event.get("message") or "")
            if found:
                return int(found.group(1))
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} logged no process id within 90 s")


def _follow(port: int, run_id: str, marker: str, until: Until) -> set[int]:
    """The run's process and every descendant of it seen through /proc, until `until` says stop."""
    pid = _run_pid(port, run_id)
    seen = {pid}
    deadline = time.monotonic() + 180
    while True:
        seen |= set(descendants(pid, marked_processes(marker)))
        status = _graphql(port, RUN_STATUS, id=run_id)["runOrError"]["status"]
        if until(status, pid):
            return seen
        assert time.monotonic() < deadline, f"run {run_id}: still {status} after 180 s"
        time.sleep(0.05)


def _pool_runs(marker: str) -> Until:
    """Until the run's pool workers (its grandchildren: the forkserver forks them) are extracting."""

    def until(status: str, pid: int) -> bool:
        assert status in ("QUEUED", "STARTING", "STARTED"), f"the run ended ({status}) before its pool ran"
        return sum(p.ppid != pid for p in descendants(pid, marked_processes(marker)).values()) >= 2

    return until


def _ends(wanted: str) -> Until:
    """Until the run ends, which it must do as `wanted`."""

    def until(status: str, _pid: int) -> bool:
        assert status == wanted or status not in ("SUCCESS", "FAILURE", "CANCELED"), (
            f"ended {status}, not {wanted}"
        )
        return status == wanted

    return until


def test_a_run_terminated_in_the_ui_or_finished_leaves_no_process_running(tmp_path: Path) -> None:
    """The code server runs every UI or sensor run in a process of its own, which starts the pool.

    1. The sensor (daemon) launches a run; the UI terminates it (GraphQL `terminateRun`, as its
       button does) while the pool extracts: the run is CANCELED and, within 10 s, its process,
       forkserver and workers have exited.
    2. A run of the extraction assets only still has its pool open when it succeeds: it exits, with
       its pool, within 10 s (it used to hang for ever in multiprocessing's exit).
    Processes are found through /proc: descendants of the pid Dagster logs, carrying the marker."""
    generate(300, tmp_path / "corpus", seed=11)
    source = tmp_path / "corpus" / "reports"
    settled = time.time() - 3600  # older than the sensor's settle time: its first tick requests a run
    for path in source.iterdir():
        os.utime(path, (settled, settled))
    marker = uuid.uuid4().hex
    env = _env(tmp_path, source, FAZHI_WORKERS="2", **{MARKER_VAR: marker})
    try:
        with _dagster_dev(tmp_path, env) as port:
            deadline = time.monotonic() + 90
            while not (runs := _graphql(port, RUNS)["runsOrError"]["results"]):
                assert time.monotonic() < deadline, "the sensor requested no run within 90 s"
                time.sleep(0.5)
            run_id = runs[0]["runId"]
            seen = _follow(port, run_id, marker, _pool_runs(marker))
            asked = time.monotonic()
            assert _graphql(port, TERMINATE, id=run_id)["terminateRun"]["__typename"] == "TerminateRunSuccess"
            seen |= _follow(port, run_id, marker, _ends("CANCELED"))
            left = wait_until_gone(marker, seen, timeout=max(0.0, 10 - (time.monotonic() - asked)))
            assert not left, f"10 s after the UI terminated the run, still running: {left}"

            location = _graphql(port, LOCATION)["workspaceOrError"]["locationEntries"][0]["name"]
            run_id = _graphql(port, LAUNCH_EXTRACTION, location=location)["launchRun"]["run"]["runId"]
            seen = _follow(port, run_id, marker, _pool_runs(marker))
            seen |= _follow(port, run_id, marker, _ends("SUCCESS"))
            left = wait_until_gone(marker, seen, timeout=10)
            assert not left, f"10 s after the extraction-only run succeeded, still running: {left}"
    finally:
        kill_marked(marker)
