"""Dagster's own command line: a headless build, and `dagster dev` serving the assets, checks, sensor, schedule."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb

from dagster_project.checks import BLOCKING_CHECK_NAMES, WARNING_CHECK_NAMES
from tests.conftest import REPO, SEEDS_REPORTS

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


def _env(tmp_path: Path, source: Path) -> dict[str, str]:
    home = tmp_path / "dagster_home"
    home.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "FAZHI_SOURCE_DIR": str(source),
        "FAZHI_WAREHOUSE": str(tmp_path / "wh" / "fazhi.duckdb"),
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


def _graphql(port: int, query: str) -> dict:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
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


def test_dagster_dev_serves_assets_checks_sensor_and_schedule(tmp_path: Path) -> None:
    empty = tmp_path / "landing"  # an empty landing folder: the sensor ticks, skips, starts no run
    empty.mkdir()
    port = _free_port()
    log = (tmp_path / "dev.log").open("w")
    proc = subprocess.Popen(
        [DAGSTER, "dev", "-m", "dagster_project.definitions", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO,
        env=_env(tmp_path, empty),
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
        data = _graphql(port, QUERY)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()

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
