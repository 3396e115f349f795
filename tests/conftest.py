"""Shared fixtures: repository paths, the gold labels, and one seeds warehouse built per session."""

from __future__ import annotations

import csv
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
