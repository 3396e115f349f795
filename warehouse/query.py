"""Read-only, sandboxed access to the published warehouse for `fazhi query` and `fazhi export`."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb


class QueryError(RuntimeError):
    """A query failed; the message is one line, fit for a terminal."""


def connect_readonly(db: Path, memory_limit: str = "2GB") -> duckdb.DuckDBPyConnection:
    """Open read-only, no file or network access, no extension installs, configuration locked."""
    if not db.is_file():
        raise QueryError(f"warehouse file not found: {db} (run `fazhi build` first, or pass --warehouse)")
    try:
        con = duckdb.connect(
            str(db),
            read_only=True,
            config={
                "enable_external_access": False,
                "autoload_known_extensions": False,
                "autoinstall_known_extensions": False,
                "memory_limit": memory_limit,
                "threads": 2,
            },
        )
        con.execute("SET lock_configuration = true")
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db}: {_one_line(exc)}") from exc
    return con


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def run_query(db: Path, sql: str, timeout_s: float = 60.0) -> tuple[list[str], list[tuple[object, ...]]]:
    """Run one statement read-only; interrupt it after `timeout_s` seconds."""
    con = connect_readonly(db)
    timer = threading.Timer(timeout_s, con.interrupt)
    timer.start()
    try:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchall()
    except duckdb.InterruptException as exc:
        raise QueryError(f"query cancelled after {timeout_s:g} s timeout") from exc
    except duckdb.Error as exc:
        raise QueryError(_one_line(exc)) from exc
    finally:
        timer.cancel()
        con.close()
    return columns, rows


ANALYST_VIEWS = (
    "v_reports",
    "v_facts",
    "v_indicator_yoy",
    "v_cross_town",
    "v_unmatched_quantities",
    "v_sections",
    "v_problems",
    "v_data_quality",
    "v_coverage",
    "v_town_year_wide",
    "v_report_text",
)


def export_views(db: Path, out_dir: Path) -> list[Path]:
    """Write every analyst view as Parquet (via Polars: the sandboxed connection cannot write files)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect_readonly(db)
    written: list[Path] = []
    try:
        existing = {
            r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        }
        for view in ANALYST_VIEWS:
            if view not in existing:
                continue
            path = out_dir / f"{view}.parquet"
            con.sql(f'SELECT * FROM "{view}"').pl().write_parquet(path)
            written.append(path)
    finally:
        con.close()
    return written
