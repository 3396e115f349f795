"""Faults mid-build (issue 7): SIGKILL at named stages and at random moments, disk full and a read-only
folder at publish time, two builds at once, and a BI reader holding the file through all of it.

Every build runs as a real `python -m warehouse.cli build` subprocess. `warehouse/faults.py` makes it
pause at a named stage (FAZHI_PAUSE_AT, with a marker file) so the kill lands exactly there; the
whole process group is killed, so pool workers die too. After each fault the published warehouse
must be the previous good one (byte for byte, until the atomic replace), open cleanly, answer
`fazhi query`, and the next build must succeed despite the stale lock file, staging files and caches.

How faults are produced (honestly):
- kill: real SIGKILL of the process group.
- read-only folder at publish time: real, `chattr +i` on the warehouse folder while the build is
  paused just before the replace (root ignores chmod; the immutable flag binds root too).
- disk full at publish time: SIMULATED, FAZHI_FAULT_AT=publish_before_replace:ENOSPC raises
  OSError(ENOSPC) right where os.replace runs (no small filesystem can be mounted here).
- disk full while writing: real write failure, RLIMIT_FSIZE (`prlimit --fsize`) makes every file
  write past the limit fail with EFBIG, as a full disk fails with ENOSPC.
- the build process alone killed (issue 18): real SIGKILL of its pid only; what it started must exit
  by itself (found through /proc).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.generate import generate
from tests.conftest import REPO
from tests.test_robustness_support import (
    MARKER_VAR,
    Proc,
    build,
    clean_env,
    descendants,
    error_line,
    fazhi,
    fazhi_cmd,
    kill_marked,
    marked_processes,
    rows,
    sha256,
    wait_until_gone,
    write_reports,
)
from warehouse.faults import STAGES

TOWNS = [
    ("青石镇", "安远县", 2023),
    ("青石镇", "安远县", 2024),
    ("白沙乡", "安远县", 2024),
    ("月湖街道", "临江市", 2024),
]
EXTRA = [("金山镇", "临江市", 2024), ("松林乡", "临江市", 2024), ("桂花镇", "安远县", 2024)]


def _loaded(target: Path) -> int:
    return int(rows(target, "SELECT count(*) FROM v_reports WHERE status = 'loaded'")[0][0])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One source folder and published warehouse (with its caches), built once and copied per test."""
    base = tmp_path_factory.mktemp("fault_template")
    src, target = base / "reports", base / "wh" / "fazhi.duckdb"
    write_reports(src, TOWNS)
    res = build(src, target)
    assert res.returncode == 0, res.stderr[-3000:]
    assert _loaded(target) == len(TOWNS)
    return base


@pytest.fixture
def site(template: Path, tmp_path: Path) -> dict[str, Path]:
    """A private copy of the template: the 'previous good' warehouse, its source and its caches."""
    copy = tmp_path / "site"
    shutil.copytree(template, copy, symlinks=True)
    return {"src": copy / "reports", "target": copy / "wh" / "fazhi.duckdb", "tmp": tmp_path}


def _start(src: Path, target: Path, *extra: str, **env: str) -> subprocess.Popen[str]:
    """A build in its own process group, so a kill takes its workers with it."""
    log = open(target.parent.parent / f"build-{time.monotonic_ns()}.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        fazhi_cmd("build", "--quiet", "--source", str(src), "--warehouse", str(target), *extra),
        cwd=REPO,
        stdout=log,
        stderr=log,
        text=True,
        env=clean_env(**env),
        start_new_session=True,
    )
    proc.log = log  # type: ignore[attr-defined]
    return proc


def _output(proc: subprocess.Popen[str]) -> str:
    log = proc.log  # type: ignore[attr-defined]
    log.flush()
    log.seek(0)
    return log.read()


def _pause_env(stage: str, marker: Path, seconds: float = 90) -> dict[str, str]:
    return {"FAZHI_PAUSE_AT": stage, "FAZHI_PAUSE_MARKER": str(marker), "FAZHI_PAUSE_SECONDS": str(seconds)}


def _wait_for(marker: Path, proc: subprocess.Popen[str], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if proc.poll() is not None:
            pytest.fail(
                f"build ended (rc={proc.returncode}) before reaching the pause point:\n{_output(proc)[-3000:]}"
            )
        if time.monotonic() > deadline:
            _kill(proc)
            pytest.fail(f"build did not reach the pause point in {timeout:.0f} s:\n{_output(proc)[-3000:]}")
        time.sleep(0.05)


def _kill(proc: subprocess.Popen[str]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=60)


def _assert_opens_and_answers(target: Path, loaded: int) -> None:
    """Opens read-only like a BI tool, answers `fazhi query`, has the expected loaded reports."""
    assert _loaded(target) == loaded
    res = fazhi(
        "query", "--warehouse", str(target), "--format", "csv",
        "SELECT count(*) AS n FROM v_facts f JOIN v_reports r USING (report_id) WHERE r.status = 'loaded'",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert int(res.stdout.splitlines()[1]) > 0
    assert not Path(f"{target}.wal").exists()


READER = r"""
import duckdb, json, sys
con = duckdb.connect(sys.argv[1], read_only=True)   # held for the whole test, like a dashboard
SQL = ("SELECT (SELECT count(*) FROM v_reports WHERE status = 'loaded'), "
       "(SELECT count(*) FROM v_facts), (SELECT coalesce(sum(value), 0) FROM v_facts)")
for line in sys.stdin:
    seen, errors, n = set(), [], 0
    if line.strip() == "poll":     # query in a loop until told to stop, collecting every state seen
        import select
        while not select.select([sys.stdin], [], [], 0)[0]:
            try:
                seen.add(json.dumps(con.execute(SQL).fetchone(), default=str)); n += 1
            except Exception as exc:
                errors.append(" ".join(str(exc).split())[:200])
        sys.stdin.readline()
    else:
        seen.add(json.dumps(con.execute(SQL).fetchone(), default=str)); n = 1
    print(json.dumps({"seen": sorted(seen), "errors": errors, "n": n}), flush=True)
"""


class Reader:
    """A BI-style process holding ONE read-only connection open across builds, kills and publishes."""

    def __init__(self, target: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", READER, str(target)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=clean_env(),
        )  # fmt: skip

    def _send(self, line: str) -> None:
        assert self.proc.stdin
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _answer(self) -> dict[str, object]:
        assert self.proc.stdout
        return json.loads(self.proc.stdout.readline())

    def once(self) -> dict[str, object]:
        self._send("once")
        return self._answer()

    def start_polling(self) -> None:
        self._send("poll")

    def stop_polling(self) -> dict[str, object]:
        self._send("stop")
        return self._answer()

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


@pytest.mark.parametrize("stage", STAGES)
def test_sigkill_at_a_named_stage_keeps_the_previous_warehouse(site: dict[str, Path], stage: str) -> None:
    """Killed at `stage` with a dashboard connected: old file intact and readable, next build fine."""
    src, target = site["src"], site["target"]
    before, n_before = sha256(target), _loaded(target)
    reader = Reader(target)  # opened before the build, held through the kill and the next build
    try:
        baseline = reader.once()
        write_reports(src, EXTRA[:1], start=len(TOWNS))  # the killed build has real work to do
        marker = site["tmp"] / "paused"
        reader.start_polling()
        proc = _start(src, target, **_pause_env(stage, marker))
        _wait_for(marker, proc)
        assert marker.read_text().split() == [str(proc.pid), stage]
        _kill(proc)
        assert proc.returncode == -signal.SIGKILL
        seen = reader.stop_polling()
        assert seen["errors"] == [] and seen["seen"] == baseline["seen"], seen

        if stage == "publish_after_replace":  # the rename happened: the NEW file is complete and published
            _assert_opens_and_answers(target, n_before + 1)
        else:
            assert sha256(target) == before, f"killed at {stage}, the published file changed"
            _assert_opens_and_answers(target, n_before)

        reader.start_polling()
        res = build(src, target)  # stale lock, staging files and caches must not get in the way
        seen = reader.stop_polling()
        assert res.returncode == 0, f"the build after a kill at {stage} failed:\n{res.stderr[-3000:]}"
        _assert_opens_and_answers(target, n_before + 1)  # new connections see the new file
        # the held connection was never blocked and never saw a partial state: only its snapshot
        assert seen["errors"] == [] and seen["seen"] == baseline["seen"] and int(seen["n"]) > 1, seen  # type: ignore[call-overload]
    finally:
        reader.close()


def test_sigkill_at_random_moments_then_recovery(tmp_path: Path) -> None:
    """Kills at seeded random delays land anywhere (mid-extraction, mid-cache write, mid-load)."""
    src, target = tmp_path / "reports", tmp_path / "wh" / "fazhi.duckdb"
    digits = "甲乙丙丁戊己庚辛壬癸"
    towns = [("".join(digits[int(c)] for c in f"{i:03d}") + "镇", "安远县", 2024) for i in range(120)]
    write_reports(src, towns)
    res = build(src, target)
    assert res.returncode == 0, res.stderr[-3000:]
    expected = {len(towns)}
    rng = random.Random(20240607)
    for round_no, extra in enumerate(EXTRA):
        write_reports(src, [extra], start=1000 + round_no)
        proc = _start(src, target)
        time.sleep(rng.uniform(0.5, 4.0))
        _kill(proc)
        expected.add(len(towns) + round_no + 1)  # published before the kill landed, or not
        n = _loaded(target)
        assert n in expected, (round_no, n, expected)
        _assert_opens_and_answers(target, n)
    res = build(src, target)
    assert res.returncode == 0, res.stderr[-3000:]
    _assert_opens_and_answers(target, len(towns) + len(EXTRA))


# ---------------------------------------------------------------- disk full / read-only at publish


def test_disk_full_at_publish_is_one_line_and_keeps_the_old_file(site: dict[str, Path]) -> None:
    """SIMULATED disk full: OSError(ENOSPC) injected where os.replace runs."""
    src, target = site["src"], site["target"]
    before, n_before = sha256(target), _loaded(target)
    write_reports(src, EXTRA[:1], start=len(TOWNS))
    res = build(src, target, env=clean_env(FAZHI_FAULT_AT="publish_before_replace:ENOSPC"))
    assert res.returncode != 0
    line = error_line(res)
    assert str(target) in line and "No space left on device" in line, line
    assert sha256(target) == before
    _assert_opens_and_answers(target, n_before)  # (the next build after a failed publish: read-only test)


def _chattr_works(probe: Path) -> str:
    if shutil.which("chattr") is None:
        return "chattr is not installed"
    probe.mkdir()
    res = subprocess.run(["chattr", "+i", str(probe)], capture_output=True, text=True)
    if res.returncode != 0:
        return f"this filesystem does not support chattr +i: {res.stderr.strip()}"
    subprocess.run(["chattr", "-i", str(probe)], check=True)
    return ""


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Folders made immutable by a test; always made mutable again, even when the test fails."""
    made: list[Path] = []
    yield made
    for folder in made:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)


def test_folder_turning_read_only_at_publish_is_one_line_and_keeps_the_old_file(
    site: dict[str, Path], immutable: list[Path]
) -> None:
    """REAL read-only folder: `chattr +i` while the build waits just before its os.replace."""
    why = _chattr_works(site["tmp"] / "probe")
    if why:
        pytest.skip(why)
    src, target = site["src"], site["target"]
    before, n_before = sha256(target), _loaded(target)
    write_reports(src, EXTRA[:1], start=len(TOWNS))
    marker = site["tmp"] / "paused"
    proc = _start(src, target, **_pause_env("publish_before_replace", marker, seconds=1))
    _wait_for(marker, proc)
    subprocess.run(["chattr", "+i", str(target.parent)], check=True)
    immutable.append(target.parent)
    proc.wait(timeout=120)
    out = _output(proc)
    subprocess.run(["chattr", "-i", str(target.parent)], check=True)
    assert proc.returncode not in (0, None), out[-3000:]
    line = error_line(subprocess.CompletedProcess(proc.args, proc.returncode, "", out))
    assert str(target.parent) in line and "writable" in line, line
    assert "Traceback" not in out
    assert sha256(target) == before
    _assert_opens_and_answers(target, n_before)
    res = build(src, target)
    assert res.returncode == 0, res.stderr[-3000:]
    _assert_opens_and_answers(target, n_before + 1)


def test_disk_full_while_writing_is_one_line_and_keeps_the_old_file(site: dict[str, Path]) -> None:
    """REAL write failure: RLIMIT_FSIZE below the warehouse size makes the staging writes fail."""
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        pytest.skip("util-linux prlimit is not installed: cannot cap file size")
    src, target = site["src"], site["target"]
    before, n_before = sha256(target), _loaded(target)
    limit = target.stat().st_size // 4
    write_reports(src, EXTRA[:1], start=len(TOWNS))
    res = build(src, target, prefix=[prlimit, f"--fsize={limit}"])
    assert res.returncode != 0
    line = error_line(res)
    assert "File too large" in line or "No space" in line or "write" in line.lower(), line
    assert ".staging" in line or str(target.parent) in line, line  # names the file that could not be written
    assert sha256(target) == before
    _assert_opens_and_answers(target, n_before)
    assert build(src, target).returncode == 0
    _assert_opens_and_answers(target, n_before + 1)


# ---------------------------------------------------------------- two builds, and a reader throughout


def test_two_builds_at_once_one_fails_clearly_one_waits(site: dict[str, Path]) -> None:
    src, target = site["src"], site["target"]
    before, n_before = sha256(target), _loaded(target)
    write_reports(src, EXTRA[:1], start=len(TOWNS))
    marker = site["tmp"] / "paused"
    first = _start(src, target, **_pause_env("load", marker, seconds=6))
    _wait_for(marker, first)

    second = build(src, target)  # no --wait: fails at once, in one line, touching nothing
    assert second.returncode != 0
    line = error_line(second)
    assert "another build is already running" in line and "--wait" in line and str(target) in line, line
    assert sha256(target) == before

    write_reports(src, EXTRA[1:2], start=len(TOWNS) + 1)  # work the waiting build must pick up
    third = _start(src, target, "--wait")
    assert first.wait(timeout=180) == 0, _output(first)[-3000:]
    assert third.wait(timeout=180) == 0, _output(third)[-3000:]
    _assert_opens_and_answers(target, n_before + 2)
    for version in sorted(target.parent.glob(f"{target.name}.versions/*.duckdb")):
        assert _loaded(version) in (n_before, n_before + 1), version  # every kept version is whole


ROGUE_WRITER = r"""
import duckdb, os, sys
con = duckdb.connect(sys.argv[1])               # a BI tool opened the published file READ-WRITE
con.execute("SET checkpoint_threshold = '1TB'")
con.execute("UPDATE dim_report SET status = 'rogue'")
os._exit(0)                                     # ...and crashed: the change lives only in <file>.wal
"""


def test_stale_wal_beside_the_published_file_is_not_replayed_onto_the_new_one(site: dict[str, Path]) -> None:
    """DuckDB replays `<file>.wal` when it opens `<file>`: a WAL left by a crashed read-write client
    belongs to the OLD file and must go with it, or every reader of the new file sees its changes."""
    src, target = site["src"], site["target"]
    n_before = _loaded(target)
    subprocess.run([sys.executable, "-c", ROGUE_WRITER, str(target)], check=True, env=clean_env())
    wal = Path(f"{target}.wal")
    assert wal.exists(), "could not provoke a stale WAL"
    write_reports(src, EXTRA[:1], start=len(TOWNS))
    res = build(src, target)
    assert res.returncode == 0, res.stderr[-3000:]
    assert not wal.exists()
    assert rows(target, "SELECT count(*) FROM v_reports WHERE status = 'rogue'")[0][0] == 0
    _assert_opens_and_answers(target, n_before + 1)


def test_rollback_during_a_build_fails_clearly_or_waits(site: dict[str, Path]) -> None:
    """`fazhi rollback` takes the same lock as a build: it never swaps files under a running publish."""
    src, target = site["src"], site["target"]
    res = fazhi("rollback", "--warehouse", str(target))
    assert res.returncode != 0 and "no kept versions" in error_line(res) and str(target) in error_line(res)

    write_reports(src, EXTRA[:1], start=len(TOWNS))
    assert build(src, target).returncode == 0  # now one version is kept
    n_after = _loaded(target)
    write_reports(src, EXTRA[1:2], start=len(TOWNS) + 1)
    marker = site["tmp"] / "paused"
    proc = _start(src, target, **_pause_env("publish_before_replace", marker, seconds=4))
    _wait_for(marker, proc)
    res = fazhi("rollback", "--warehouse", str(target))
    assert res.returncode != 0
    line = error_line(res)
    assert "another build is already running" in line and "--wait" in line, line
    waited = fazhi("rollback", "--wait", "--warehouse", str(target), timeout=180)
    assert proc.wait(timeout=180) == 0, _output(proc)[-3000:]
    assert waited.returncode == 0, waited.stderr
    _assert_opens_and_answers(target, n_after)  # the build published n_after + 1; the rollback undid it


# ---------------------------------------------------------------- the build process killed alone


def _wait_for_workers(proc: subprocess.Popen[str], marker: str, n: int = 2) -> dict[int, Proc]:
    """The build's descendants, once `n` pool workers (its grandchildren, forked by the forkserver) run."""
    deadline = time.monotonic() + 180
    while True:
        family = descendants(proc.pid, marked_processes(marker))
        if sum(p.ppid != proc.pid for p in family.values()) >= n:
            return family
        if proc.poll() is not None or time.monotonic() > deadline:
            _kill(proc)
            pytest.fail(f"no {n} pool workers seen during extraction:\n{_output(proc)[-3000:]}")
        time.sleep(0.02)


def _kill_alone_and_check(proc: subprocess.Popen[str], marker: str, started: dict[int, Proc]) -> None:
    os.kill(proc.pid, signal.SIGKILL)  # the build process only, not its group
    proc.wait(timeout=60)
    left = wait_until_gone(marker, timeout=10)
    assert not left, f"10 s after `kill -9` of the build, still running: {left} (it had started {started})"


def test_sigkill_of_the_build_process_alone_leaves_no_process_running(tmp_path: Path) -> None:
    """Issue 18: `kill -9` of `fazhi build` alone (the OOM killer, a container stop), not its group.

    Its forkserver, pool workers and resource tracker must all exit on their own within 10 s; they
    are found through /proc by an environment marker, and by parentage before the kill. Killed while
    the workers extract, then while loading (the pool is stopped there, the forkserver idle); then the
    next build publishes and, like any finished build, leaves nothing behind either."""
    generate(300, tmp_path / "corpus", seed=11)
    src, target = tmp_path / "corpus" / "reports", tmp_path / "wh" / "fazhi.duckdb"
    marker = uuid.uuid4().hex
    env = {MARKER_VAR: marker, "FAZHI_WORKERS": "2"}
    try:
        proc = _start(src, target, **env)
        _kill_alone_and_check(proc, marker, _wait_for_workers(proc, marker))

        paused = tmp_path / "paused"
        proc = _start(src, target, **env, **_pause_env("load", paused))
        _wait_for(paused, proc)
        idle = descendants(proc.pid, marked_processes(marker))
        assert idle, "the build had started no process by the time it loads: nothing to check"
        _kill_alone_and_check(proc, marker, idle)

        res = build(src, target, env=clean_env(**env))
        assert res.returncode == 0, res.stderr[-3000:]
        (n, loaded), *_ = rows(target, "SELECT count(*), count(*) FILTER (status = 'loaded') FROM v_reports")
        assert n == len(list(src.iterdir())) and loaded > 0
        assert not wait_until_gone(marker, timeout=10)
    finally:
        kill_marked(marker)


@pytest.mark.parametrize(
    ("stage", "sig"), [("extract", signal.SIGINT), ("load", signal.SIGINT), ("load", signal.SIGTERM)]
)
def test_ctrl_c_says_interrupted_and_keeps_the_previous_warehouse(
    site: dict[str, Path], stage: str, sig: signal.Signals
) -> None:
    """Ctrl+C (SIGINT) or SIGTERM to the build in extraction or in the load: one line that says
    'interrupted', exit status 130 like `fazhi query`, and the published file as it was (not a Dagster
    class name)."""
    src, target = site["src"], site["target"]
    before = sha256(target)
    write_reports(src, EXTRA[:1], start=len(TOWNS))  # the interrupted build has real work to do
    paused = site["tmp"] / f"paused-{stage}"
    proc = _start(src, target, **_pause_env(stage, paused))
    _wait_for(paused, proc)
    os.kill(proc.pid, sig)
    proc.wait(timeout=120)
    last = _output(proc).strip().splitlines()[-1]
    assert proc.returncode == 130, _output(proc)[-2000:]
    assert last.startswith("fazhi: error: interrupted; the published warehouse"), last
    assert "Dagster" not in last
    assert sha256(target) == before
