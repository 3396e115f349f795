"""Blocking publish checks: each is a query in `sql/checks/` that returns the violating rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from warehouse.sqlfiles import read_sql, sql_files


@dataclass(frozen=True)
class CheckResult:
    name: str
    description: str
    passed: bool
    violations: int
    sample: list[tuple[object, ...]]


def _header(sql: str, fallback: str) -> tuple[str, str]:
    for line in sql.splitlines():
        if line.startswith("-- check:"):
            name, _, desc = line.removeprefix("-- check:").partition("|")
            return name.strip(), desc.strip()
    return fallback, ""


def check_names() -> list[str]:
    """Names of the blocking checks, for Dagster to declare one asset check each."""
    return [_header(p.read_text(encoding="utf-8"), p.stem)[0] for p in sql_files("checks")]


def run_check(con: duckdb.DuckDBPyConnection, name: str) -> CheckResult:
    """Run one named check against an open connection."""
    for path in sql_files("checks"):
        sql = path.read_text(encoding="utf-8")
        check, desc = _header(sql, path.stem)
        if check == name:
            try:
                rows = con.execute(sql).fetchall()
            except duckdb.Error as exc:  # e.g. a view that no longer binds: the check fails, naming why
                return CheckResult(check, desc, False, 1, [(" ".join(str(exc).split())[:200],)])
            return CheckResult(check, desc, not rows, len(rows), rows[:5])
    raise KeyError(f"no check named {name!r} in sql/checks/")


def scope(con: duckdb.DuckDBPyConnection, report_ids: Sequence[str] | None = None) -> None:
    """Which reports' rows the checks read (TEMP view `checked_reports`): all of them (None), or after an
    incremental build only those it (re)loaded. Every other row is as it was in a file that passed these
    checks when it was published, and the build did not write it; dimension-wide rules (one loaded
    report per town-year, every loaded report identified, declared keys) are always checked whole."""
    if report_ids is None:
        con.execute(read_sql("queries/checked_reports_all.sql"))
        return
    ids = pl.DataFrame({"report_id": list(report_ids)}, schema={"report_id": pl.Utf8})
    con.register("stg_check_scope", ids)
    con.execute(read_sql("queries/checked_reports_changed.sql"))


def run_checks(db: Path, report_ids: Sequence[str] | None = None) -> list[CheckResult]:
    """Every blocking check against a staged file (opened read-only); `report_ids`: see `scope`."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        scope(con, report_ids)
        return [run_check(con, name) for name in check_names()]
    finally:
        con.close()
