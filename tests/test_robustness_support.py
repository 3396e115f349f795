"""Helpers for the robustness tests (issue 7): generated reports, the `fazhi` CLI in a subprocess,
ways to make a root-run test see real permission errors, and the processes a build started, found
through /proc (issue 18). No tests live here.

Reports are written in several styles real towns use (title lines, chrome, section wording); none
copies a seed's wording. Everything is generated into tmp_path: no binaries are committed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tests.conftest import REPO

# Running as root ignores file permissions. Dropping these two capabilities from the bounding set
# makes the kernel apply them again to the child (uid 0 still owns the files, so chmod 000 bites).
NO_DAC = ["--bounding-set=-dac_override,-dac_read_search"]


def is_root() -> bool:
    return os.geteuid() == 0


def permission_prefix() -> tuple[list[str], str]:
    """(command prefix, "") under which chmod is enforced, or ([], why it cannot be) for a skip."""
    if not is_root():
        return [], ""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return [], "running as root and util-linux `setpriv` is missing: chmod cannot be enforced"
    probe = subprocess.run([setpriv, *NO_DAC, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return [], f"running as root and setpriv cannot drop capabilities: {probe.stderr.strip()}"
    return [setpriv, *NO_DAC], ""


def report(town: str, county: str, year: int, style: int = 0, scale: int = 1) -> str:
    """A plausible annual rule-of-law report of `town`; numbers vary with `scale` so reports differ."""
    a, b, c, d = 3 + scale, 120 * scale + 7, 2000 * scale + 300, 40 + scale
    if style == 0:
        head = f"{county}{town}人民政府\n关于{year}年度法治政府建设工作情况的报告\n\n"
    elif style == 1:
        head = (
            f"{town}{year}年法治政府建设情况报告\n"
            f"发布时间：{year + 1}-02-{10 + scale % 18:02d}  信息来源：{county}人民政府办公室\n\n"
        )
    else:
        head = f"{town}党委 {town}人民政府\n{year}年法治政府建设年度报告\n\n"
    return head + (
        f"{year}年，{town}在{county}委、{county}政府的坚强领导下，坚持以法治思维推动基层治理，"
        f"现将有关情况报告如下。\n"
        f"一、推进法治政府建设的主要举措和成效\n"
        f"（一）加强组织领导。镇党委召开专题会议研究法治建设工作{a}次，"
        f"把法治建设纳入年度目标考核。\n"
        f"（二）深化普法宣传。全年组织开展法治宣传活动{d}场次，发放宣传资料{c}余份，"
        f"举办法治讲座{a + 2}场。\n"
        f"（三）化解矛盾纠纷。全年排查调处矛盾纠纷{b}起，调解成功率达98%。\n"
        f"二、存在的不足和原因\n"
        f"一是部分干部运用法治思维的能力不强；二是基层执法力量较为薄弱。\n"
        f"三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
        f"党委书记带头讲法治课{a - 1}次，亲自协调解决重大法治问题。\n"
        f"四、{year + 1}年工作安排\n"
        f"继续加强普法宣传，提升依法行政水平。\n"
    )


def write_reports(folder: Path, towns: list[tuple[str, str, int]], start: int = 0) -> list[Path]:
    """One UTF-8 report per (town, county, year), in rotating styles."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (town, county, year) in enumerate(towns, start=start):
        p = folder / f"{county}{town}{year}.txt"
        p.write_text(report(town, county, year, style=i % 3, scale=i + 1), encoding="utf-8")
        paths.append(p)
    return paths


def clean_env(**extra: str) -> dict[str, str]:
    """The parent's environment without any FAZHI_* setting (tests must not inherit a developer's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env.update(extra)
    return env


def fazhi_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "warehouse.cli", *args]


def fazhi(
    *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as a user would."""
    return subprocess.run(
        [*(prefix or []), *fazhi_cmd(*args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or clean_env(),
    )


def build(source: Path, target: Path, *extra: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return fazhi("build", "--quiet", "--source", str(source), "--warehouse", str(target), *extra, **kw)  # type: ignore[arg-type]


def error_line(res: subprocess.CompletedProcess[str]) -> str:
    """The CLI's one-line reason: the last stderr line, which must start with `fazhi: error:`."""
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines, f"no stderr at all (rc={res.returncode})"
    last = lines[-1]
    assert last.startswith("fazhi: error: "), (
        f"last stderr line is not the one-line reason: {res.stderr[-1500:]}"
    )
    errors = [ln for ln in lines if ln.startswith("fazhi: error:")]
    assert len(errors) == 1, f"expected one error line, got {errors}"
    return last


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    """A read-only look at a warehouse, the way a BI tool opens it."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def reports_by_path(db: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """source_path -> (status, reject_reason, town) from v_reports."""
    return {
        p: (s, r, t)
        for p, s, r, t in rows(db, "SELECT source_path, status, reject_reason, town FROM v_reports")
    }


# ---------------------------------------------------------------- processes, found through /proc

MARKER_VAR = "FAZHI_TEST_MARKER"  # set in a build's environment; every process it starts inherits it


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    cmdline: str


def marked_processes(marker: str | None) -> dict[int, Proc]:
    """Every live process whose environment carries FAZHI_TEST_MARKER=<marker> (None: every one), from /proc.

    Zombies are left out: they hold no memory, and PID 1 of some containers never reaps them."""
    needle = f"{MARKER_VAR}={marker}".encode()
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            if marker is not None:
                with open(f"/proc/{entry.name}/environ", "rb") as fh:
                    if needle not in fh.read().split(b"\0"):
                        continue
            with open(f"/proc/{entry.name}/stat", encoding="utf-8", errors="replace") as fh:
                stat = fh.read()
            with open(f"/proc/{entry.name}/cmdline", "rb") as fh:
                cmdline = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:  # ended meanwhile
            continue
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        if state not in ("Z", "X"):
            found[int(entry.name)] = Proc(int(entry.name), int(ppid), cmdline)
    return found


def descendants(root: int, procs: dict[int, Proc]) -> dict[int, Proc]:
    """`root`'s children, their children and so on, among `procs`."""
    family: dict[int, Proc] = {}
    frontier = {root}
    while frontier:
        kids = {p.pid: p for p in procs.values() if p.ppid in frontier and p.pid not in family}
        family.update(kids)
        frontier = set(kids)
    return family


def wait_until_gone(
    marker: str | None, pids: set[int] | None = None, timeout: float = 10.0
) -> dict[int, Proc]:
    """Poll /proc until no marked process (of `pids`, when given) is alive; return those still alive."""
    deadline = time.monotonic() + timeout
    while True:
        alive = {p: v for p, v in marked_processes(marker).items() if pids is None or p in pids}
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def kill_marked(marker: str) -> None:
    """Clean-up after a failed test: SIGKILL what still carries the marker (only what the test started)."""
    for pid in marked_processes(marker):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
