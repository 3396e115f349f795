"""Read the `.sql` files under `sql/`: the only place SQL lives."""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"


def read_sql(relative: str) -> str:
    """Text of `sql/<relative>`; a missing file is a packaging error worth a clear message."""
    path = SQL_DIR / relative
    if not path.is_file():
        raise FileNotFoundError(f"SQL file missing: {path} (is the repository complete?)")
    return path.read_text(encoding="utf-8")


def sql_files(folder: str, pattern: str = "*.sql") -> list[Path]:
    """Files of one `sql/` sub-folder, in name order (the numeric prefixes give the run order)."""
    return sorted((SQL_DIR / folder).glob(pattern))


def run_sql(con: duckdb.DuckDBPyConnection, relative: str) -> None:
    """Execute every statement of one file."""
    con.execute(read_sql(relative))


def run_folder(con: duckdb.DuckDBPyConnection, folder: str) -> None:
    """Execute every file of a folder in order."""
    for path in sql_files(folder):
        con.execute(path.read_text(encoding="utf-8"))
