"""Read-only, sandboxed access to the published warehouse for `fazhi query` and `fazhi export`.

`fazhi query` may be exposed to people who should read the warehouse and nothing else, so three
independent fences stand between a statement and the machine:
1. only ONE plain SELECT (or EXPLAIN of one) is accepted: no COPY, ATTACH, INSTALL/LOAD, SET, PRAGMA,
   CALL, CREATE (not even TEMP), INSERT, EXPORT ...;
2. the file is opened read-only with external access disabled (no file or network reads or writes,
   no extension loading), no spilling to disk, and the configuration locked so SQL cannot undo any of it;
3. memory, rows returned and wall time are bounded (`FAZHI_QUERY_MEMORY_LIMIT`,
   `FAZHI_QUERY_MAX_ROWS`, `--timeout`).
Every failure is a `QueryError` whose message is one line naming the file or setting and what to do.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import duckdb

MEMORY_LIMIT_ENV = "FAZHI_QUERY_MEMORY_LIMIT"
MAX_ROWS_ENV = "FAZHI_QUERY_MAX_ROWS"
DEFAULT_MEMORY_LIMIT = "1GB"
DEFAULT_MAX_ROWS = 1_000_000
_EXPLAIN = re.compile(r"^\s*explain\s+(?:analy[sz]e\s+)?(.*)$", re.IGNORECASE | re.DOTALL)


class QueryError(RuntimeError):
    """A query failed or was refused; the message is one line, fit for a terminal."""


def _one_line(exc: BaseException | str) -> str:
    """DuckDB's first line carries the error; the rest is a caret diagram or advice to SET what is locked."""
    lines = [ln for ln in str(exc).splitlines() if ln.strip()]
    return " ".join(lines[0].split()) if lines else type(exc).__name__


def memory_limit() -> str:
    """The per-query memory limit: `FAZHI_QUERY_MEMORY_LIMIT` (a DuckDB size such as 512MB), default 1GB."""
    return os.environ.get(MEMORY_LIMIT_ENV, "").strip() or DEFAULT_MEMORY_LIMIT


def max_rows() -> int:
    """Rows a query may return before it is refused: `FAZHI_QUERY_MAX_ROWS`, default 1,000,000."""
    raw = os.environ.get(MAX_ROWS_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_ROWS
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(f"{MAX_ROWS_ENV}={raw!r} is not a whole number; set it to e.g. 100000") from None
    if value <= 0:
        raise QueryError(f"{MAX_ROWS_ENV}={raw!r} must be positive; set it to e.g. 100000")
    return value


def connect_readonly(db: Path, memory: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open read-only, no file or network access, no extension installs, no spilling, configuration locked."""
    db = Path(db)
    if not db.is_file():
        raise QueryError(f"warehouse file not found: {db} (run `fazhi build` first, or pass --warehouse)")
    limit = memory or memory_limit()
    try:
        con = duckdb.connect(
            str(db),
            read_only=True,
            config={
                "enable_external_access": False,
                "autoload_known_extensions": False,
                "autoinstall_known_extensions": False,
                "memory_limit": limit,
                "temp_directory": "",  # never spill beside the published file: over the limit is an error
                "threads": 2,
            },
        )
    except duckdb.Error as exc:
        if "memory" in str(exc).lower() and not isinstance(exc, duckdb.IOException):
            raise QueryError(
                f"{MEMORY_LIMIT_ENV}={limit!r} is not a DuckDB size: set it to e.g. 512MB or 2GB"
            ) from exc
        raise QueryError(f"cannot open {db}: {_one_line(exc)}{_open_hint(exc)}") from exc
    try:
        con.execute("SET lock_configuration = true")
    except duckdb.Error as exc:  # pragma: no cover - a DuckDB without the setting must not run unlocked
        con.close()
        raise QueryError(f"cannot lock the configuration of {db}: {_one_line(exc)}") from exc
    return con


def _open_hint(exc: BaseException) -> str:
    msg = str(exc).lower()
    if "lock" in msg:
        return " (another program holds it read-write: open it read-only there, e.g. access_mode=READ_ONLY)"
    if isinstance(exc, duckdb.IOException) or "not a valid duckdb" in msg or "corrupt" in msg:
        return " (not a usable warehouse: rebuild with `fazhi build` or restore one with `fazhi rollback`)"
    return ""


def check_statement(sql: str) -> None:
    """Refuse anything but one SELECT (DESCRIBE/SHOW/SUMMARIZE/VALUES/FROM-first parse as SELECT)."""
    statements = _parse(sql)
    if len(statements) != 1:
        raise QueryError(
            f"fazhi query runs exactly one statement, got {len(statements)}: run them one at a time"
        )
    kind = statements[0].type
    if kind == duckdb.StatementType.EXPLAIN:
        inner = _EXPLAIN.match(sql.strip().rstrip(";"))
        inner_parsed = _parse(inner.group(1)) if inner else []
        if len(inner_parsed) == 1 and inner_parsed[0].type == duckdb.StatementType.SELECT:
            return
        raise QueryError("fazhi query only EXPLAINs a SELECT: it is read-only")
    if kind != duckdb.StatementType.SELECT:
        raise QueryError(
            f"fazhi query is read-only: {kind.name} statements are refused; write a single SELECT "
            "(to save results use --format csv > file, or `fazhi export`)"
        )


def _parse(sql: str) -> list[duckdb.Statement]:
    try:
        return list(duckdb.extract_statements(sql))
    except duckdb.Error as exc:
        raise QueryError(f"cannot parse the query: {_one_line(exc)}") from exc


def run_query(
    db: Path, sql: str, timeout_s: float = 60.0, row_limit: int | None = None
) -> tuple[list[str], list[tuple[object, ...]]]:
    """Run one SELECT read-only; interrupt it after `timeout_s` seconds, refuse oversized results."""
    if timeout_s <= 0:
        raise QueryError(f"--timeout must be positive seconds, got {timeout_s:g}")
    check_statement(sql)
    limit_rows = row_limit or max_rows()
    con = connect_readonly(Path(db))
    timed_out = threading.Event()

    def cancel() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(timeout_s, cancel)
    timer.daemon = True
    timer.start()
    try:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description or []]
        rows: list[tuple[object, ...]] = []
        while batch := cur.fetchmany(10_000):
            rows.extend(batch)
            if len(rows) > limit_rows:
                raise QueryError(
                    f"result has more than {limit_rows} rows ({MAX_ROWS_ENV}): add a LIMIT or an "
                    "aggregate, or use `fazhi export` for whole views"
                )
            if timed_out.is_set():
                raise duckdb.InterruptException("interrupted while fetching")
    except duckdb.InterruptException as exc:
        raise QueryError(
            f"query cancelled after the {timeout_s:g} s timeout (--timeout): narrow it or raise --timeout"
        ) from exc
    except duckdb.OutOfMemoryException as exc:
        raise QueryError(
            f"query needs more than the {memory_limit()} memory limit ({MEMORY_LIMIT_ENV}): "
            f"narrow it or raise the limit ({_one_line(exc)})"
        ) from exc
    except duckdb.PermissionException as exc:
        raise QueryError(
            f"refused: fazhi query cannot touch files or the network ({_one_line(exc)})"
        ) from exc
    except duckdb.CatalogException as exc:
        raise QueryError(
            f'{_one_line(exc)} (list the views: fazhi query "select view_name from duckdb_views() '
            'where not internal")'
        ) from exc
    except duckdb.Error as exc:
        raise QueryError(f"query failed on {db}: {_one_line(exc)}") from exc
    except MemoryError as exc:
        raise QueryError(
            f"result too large for memory: add a LIMIT or lower {MAX_ROWS_ENV} (now {limit_rows})"
        ) from exc
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
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QueryError(
            f"cannot create export folder {out_dir}: {exc.strerror} (pass another --out)"
        ) from exc
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
            try:
                con.sql(f'SELECT * FROM "{view}"').pl().write_parquet(path)
            except OSError as exc:
                raise QueryError(f"cannot write {path}: {exc.strerror} (check the --out folder)") from exc
            written.append(path)
    except duckdb.Error as exc:
        raise QueryError(f"export from {db} failed: {_one_line(exc)}") from exc
    finally:
        con.close()
    return written
