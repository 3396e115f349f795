"""Shared fixtures: repository paths, the gold labels, and one seeds warehouse built per session."""

from __future__ import annotations

import csv
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS_REPORTS = REPO / "seeds" / "reports"
GOLD_DIR = Path(__file__).resolve().parent / "gold"
# the codes every labelled set here was made with; facts of codes added since are not judged by them
LABELLED_CODES = frozenset(
    line.strip()
    for line in (GOLD_DIR / "labelled_codes.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def read_gold(name: str) -> list[dict[str, str]]:
    with (GOLD_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def gold_facts() -> list[dict[str, str]]:
    return read_gold("seed_facts.csv")


@pytest.fixture(scope="session")
def gold_reports() -> list[dict[str, str]]:
    return read_gold("seed_reports.csv")


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built through the real Dagster path into a temporary warehouse file."""
    from dagster_project.build import run_build

    target = tmp_path_factory.mktemp("wh") / "fazhi.duckdb"
    outcome = run_build(SEEDS_REPORTS, target, echo=False)
    assert outcome.published, outcome.failures
    return target


@pytest.fixture(autouse=True)
def _sigint_left_as_found() -> Iterator[None]:
    """A test that leaves SIGINT handled otherwise, or blocked, breaks later tests that rely on Ctrl+C
    raising KeyboardInterrupt (they then wait out their workers): fail the test that leaked it.

    SIGTERM is not watched: Dagster maps it to the SIGINT handler once per process, on purpose."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = signal.getsignal(signal.SIGINT)
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    yield
    changed = [] if signal.getsignal(signal.SIGINT) is handler else ["the SIGINT handler"]
    if signal.pthread_sigmask(signal.SIG_BLOCK, []) != blocked:
        changed.append("the main thread's signal mask")
    signal.signal(signal.SIGINT, handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    assert not changed, f"the test left {' and '.join(changed)} changed"
