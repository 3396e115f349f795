"""bench.decision_agreement: two readings of the same gold rows compared on their code."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench.decision_agreement import compare, main, read_decisions
from tests.conftest import REPO

HEADER = ["folder", "file", "evidence", "value", "old_code", "new_code", "rule", "reason"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def test_same_and_different_codes_are_counted(tmp_path: Path) -> None:
    first = _write(
        tmp_path / "a.csv",
        [
            ["dev", "1.txt", "学法12次", "12", "lectures", "leadership_study_sessions", "S1", "x"],
            ["dev", "1.txt", "讲座3场", "3", "lectures", "lectures", "S2", ""],
            ["dev", "2.txt", "第一议题15次", "15", "", "", "S0", ""],
        ],
    )
    second = _write(
        tmp_path / "b.csv",
        [
            ["dev", "2.txt", "第一议题15次", "15", "", "", "S0", ""],
            ["dev", "1.txt", "学法12次", "12", "lectures", "cadre_training_sessions", "S4", "y"],
            ["dev", "1.txt", "讲座3场", "3", "lectures", "lectures", "S2", ""],
        ],
    )
    r = compare(read_decisions(first), read_decisions(second))
    assert (r.rows, r.same, r.coded, r.coded_same) == (3, 2, 2, 1)
    assert (r.first_kept_old, r.second_kept_old) == (2, 2)
    assert dict(r.differences) == {("leadership_study_sessions", "cadre_training_sessions"): 1}


def test_readings_of_different_rows_are_refused(tmp_path: Path, capsys) -> None:
    first = _write(tmp_path / "a.csv", [["dev", "1.txt", "讲座3场", "3", "", "lectures", "S2", "x"]])
    second = _write(tmp_path / "b.csv", [["dev", "1.txt", "讲座4场", "4", "", "lectures", "S2", "x"]])
    with pytest.raises(ValueError, match="different rows"):
        compare(read_decisions(first), read_decisions(second))
    assert main([str(first), str(second)]) == 2
    assert "different rows" in capsys.readouterr().err


def test_the_recorded_second_reading_judges_the_same_rows() -> None:
    folder = REPO / "tests" / "fixtures" / "real" / "relabel_2026-12-05"
    r = compare(
        read_decisions(folder / "decisions_a.csv"),
        read_decisions(folder / "decisions_a_second_reading.csv"),
    )
    assert r.rows >= 300 and r.same / r.rows >= 0.95
