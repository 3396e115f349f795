"""Read-only, sandboxed access to the published warehouse for `fazhi query` and `fazhi export`.

`fazhi query` may be exposed to people who should read the warehouse and nothing else, so three
independent fences stand between a statement and the machine:
1. only ONE read-only statement is accepted, judged by DuckDB's own parser (`extract_statements`,
   statement types): SELECT in all its forms (WITH, FROM-first, VALUES, PIVOT, DESCRIBE, SHOW,
   SUMMARIZE) and EXPLAIN of one; COPY, ATTACH, INSTALL/LOAD, SET, PRAGMA, CALL, CREATE (not even
   TEMP), INSERT, EXPORT ... are refused by name;
2. the file is opened read-only with external access disabled (no file or network reads or writes,
   no extension loading), no spilling to disk, and the configuration locked so SQL cannot undo any of it;
3. the statement, and the formatting of its output, run in a child process that the operating system
   bounds (data segment and address space via `setrlimit`, CPU time, no file writes, killed with its
   parent) and that the parent kills at the wall-clock deadline; the child streams its output through
   the parent, which bounds the bytes, while the child bounds the rows. DuckDB's own interrupt and
   memory limit are never relied on: the planner ignores the first and strings escape the second.
Every failure is a `QueryError` whose message is one line naming the file or setting and what to do;
its `code` is the exit status `fazhi query` returns (see `EXIT_*`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import re
import select
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported lazily: `fazhi query`'s parent process never loads DuckDB
    import duckdb

EXIT_FAILED = 1  # refused or failed statement, unusable warehouse file, output not writable
EXIT_USAGE = 2  # bad argument or FAZHI_QUERY_* setting (argparse's convention)
EXIT_LIMIT = 3  # a limit tripped: time, memory, rows or output bytes
EXIT_INTERRUPTED = 130  # Ctrl-C (the shell's 128 + SIGINT)

MEMORY_LIMIT_ENV = "FAZHI_QUERY_MEMORY_LIMIT"
MAX_ROWS_ENV = "FAZHI_QUERY_MAX_ROWS"
MAX_OUTPUT_ENV = "FAZHI_QUERY_MAX_OUTPUT"
DEFAULT_TIMEOUT_S = 60.0
MAX_TIMEOUT_S = 3600.0
DEFAULT_MEMORY_LIMIT = "1GB"
MIN_MEMORY_BYTES = 64 * 10**6
DEFAULT_MAX_ROWS = 1_000_000
MAX_MAX_ROWS = 100_000_000
DEFAULT_MAX_OUTPUT = "1GB"
MIN_OUTPUT_BYTES = 1000
MAX_OUTPUT_BYTES = 64 * 10**9
# What Python and DuckDB themselves need beside the query's memory: the data segment of the query
# process may reach memory limit + RUNTIME_ALLOWANCE (measured: ~50 MB after connecting, ~90 MB
# after a LIMIT 1000 view query), its address space memory limit + ADDRESS_ALLOWANCE (code, thread
# stacks and allocator reservations that are mostly never resident).
RUNTIME_ALLOWANCE = 96 * 2**20
ADDRESS_ALLOWANCE = 512 * 2**20
FETCH_ROWS = 512  # rows per fetch: a batch of wide rows must stay far below the memory limit
TABLE_WIDTH_ROWS = 1000  # the table format sizes its columns on the first rows, then streams
_SIZE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*([kmgt]i?b|b|bytes)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "bytes": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}
_UNITS |= {"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
_STATUS = b"\x1efazhi-status\x1e"  # marks the child's verdict on its status pipe
_SET_ADVICE = re.compile(r"""["'`]?\b(?:SET|RESET|PRAGMA)\s+[a-z_]""")


class QueryError(RuntimeError):
    """A query failed or was refused; the message is one line, fit for a terminal."""

    code = EXIT_FAILED


class SettingError(QueryError):
    """A limit setting (environment or --timeout) is not a value fazhi query accepts."""

    code = EXIT_USAGE


class LimitError(QueryError):
    """The query tripped a limit: time, memory, rows or output bytes."""

    code = EXIT_LIMIT


def _one_line(exc: BaseException | str) -> str:
    """DuckDB's first line carries the error; the rest is a caret diagram or advice. Advice to SET a
    setting is dropped: the configuration is locked, so it is advice fazhi query refuses."""
    lines = [ln for ln in str(exc).splitlines() if ln.strip()]
    if not lines:
        return type(exc).__name__
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(lines[0].split()))
    kept = [s for s in sentences if not _SET_ADVICE.search(s)]
    text = " ".join(kept) if kept else sentences[0]
    if len(kept) < len(sentences):
        text += " (settings are locked in fazhi query: simplify the query instead)"
    return text


# ------------------------------------------------------------------------------------------ settings
def parse_size(text: str) -> int | None:
    """Bytes in a DuckDB size such as 512MB, 1.5GB or 2GiB (KB = 1000, KiB = 1024); None if it is not one."""
    m = _SIZE.match(text)
    if not m:
        return None
    return int(float(m.group(1)) * _UNITS[(m.group(2) or "b").lower()])


def format_size(n: int) -> str:
    """A size in the units DuckDB's settings use, for messages: 1GB, 512MB, 1.5GB."""
    for unit, scale in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= scale:
            return f"{n / scale:.3g}{unit}"
    return f"{n}B"


def memory_ceiling() -> int:
    """The most FAZHI_QUERY_MEMORY_LIMIT may say: three quarters of this machine's RAM."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") * 3 // 4
    except (ValueError, OSError):  # pragma: no cover - every Linux has both
        return 16 * 10**9


def parse_timeout(text: str | float) -> float:
    """--timeout: a finite number of seconds above 0 and at most MAX_TIMEOUT_S (nan, inf, 0 refused)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT_S):
        raise SettingError(
            f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}, got {str(text)!r}"
        )
    return value


def _env_size(name: str, default: str, floor: int, ceiling: int, example: str) -> int:
    """A size setting within [floor, ceiling]; unset, the default (lowered to the ceiling on a machine
    too small for it, so a 1 GB machine still runs queries out of the box)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return min(parse_size(default) or floor, ceiling)
    value = parse_size(raw)
    if value is None or not floor <= value <= ceiling:
        raise SettingError(
            f"{name}={raw!r} is not a DuckDB size between {format_size(floor)} and "
            f"{format_size(ceiling)}: set it to e.g. {example}"
        )
    return value


def memory_limit_bytes() -> int:
    """The per-query memory limit: `FAZHI_QUERY_MEMORY_LIMIT`, default 1GB, between 64MB and 3/4 of RAM."""
    return _env_size(
        MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT, MIN_MEMORY_BYTES, memory_ceiling(), "512MB or 2GB"
    )


def max_rows() -> int:
    """Rows a query may return: `FAZHI_QUERY_MAX_ROWS`, default 1,000,000, at most 100,000,000."""
    raw = os.environ.get(MAX_ROWS_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_ROWS
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_MAX_ROWS:
        raise SettingError(
            f"{MAX_ROWS_ENV}={raw!r} is not a whole number between 1 and {MAX_MAX_ROWS:,}; "
            "set it to e.g. 100000"
        )
    return int(raw)


@dataclass(frozen=True)
class Limits:
    """Everything that bounds one `fazhi query`, validated before any process starts."""

    timeout_s: float
    memory_bytes: int
    max_rows: int
    max_output_bytes: int

    @classmethod
    def from_env(cls, timeout_s: float = DEFAULT_TIMEOUT_S) -> Limits:
        """The limits from FAZHI_QUERY_* (each bounded; anything else is a SettingError)."""
        return cls(
            timeout_s=parse_timeout(timeout_s),
            memory_bytes=memory_limit_bytes(),
            max_rows=max_rows(),
            max_output_bytes=_env_size(
                MAX_OUTPUT_ENV, DEFAULT_MAX_OUTPUT, MIN_OUTPUT_BYTES, MAX_OUTPUT_BYTES, "100MB"
            ),
        )

    def memory_text(self) -> str:
        return memory_text(self.memory_bytes)


def memory_text(memory_bytes: int) -> str:
    """How messages name the memory limit: its size and the setting that sets it."""
    return f"{format_size(memory_bytes)} memory limit ({MEMORY_LIMIT_ENV})"


# ------------------------------------------------------------------------------------ the connection
def connect_readonly(db: Path, memory_bytes: int | None = None) -> duckdb.DuckDBPyConnection:
    """Open read-only, no file or network access, no extension installs, no spilling, configuration locked."""
    import duckdb  # noqa: PLC0415

    db = Path(db)
    if not db.is_file():
        raise QueryError(f"warehouse file not found: {db} (run `fazhi build` first, or pass --warehouse)")
    config: dict[str, Any] = {
        "enable_external_access": False,
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "memory_limit": f"{memory_bytes or memory_limit_bytes()}B",
        "temp_directory": "",  # never spill beside the published file: over the limit is an error
        "threads": 2,
        "async_threads": 1,  # DuckDB's default of 8 I/O threads costs 8 stacks of address space
    }
    try:
        try:
            con = duckdb.connect(str(db), read_only=True, config=config)
        except duckdb.InvalidInputException as exc:
            if "async_threads" not in str(exc):
                raise
            del config["async_threads"]  # a DuckDB without the setting
            con = duckdb.connect(str(db), read_only=True, config=config)
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db}: {_one_line(exc)}{_open_hint(exc)}") from exc
    try:
        con.execute("SET lock_configuration = true")
    except duckdb.Error as exc:  # pragma: no cover - a DuckDB without the setting must not run unlocked
        con.close()
        raise QueryError(f"cannot lock the configuration of {db}: {_one_line(exc)}") from exc
    return con


def _open_hint(exc: BaseException) -> str:
    import duckdb  # noqa: PLC0415

    msg = str(exc).lower()
    if "lock" in msg:
        return " (another program holds it read-write: open it read-only there, e.g. access_mode=READ_ONLY)"
    if isinstance(exc, duckdb.IOException) or "not a valid duckdb" in msg or "corrupt" in msg:
        return " (not a usable warehouse: rebuild with `fazhi build` or restore one with `fazhi rollback`)"
    return ""


# -------------------------------------------------------------------------------- classification
def _leading_keywords(sql: str) -> list[tuple[int, str]]:
    """(UTF-8 byte offset, upper-case word) of the statement's leading keywords, after any comments,
    by DuckDB's tokenizer (whose positions are byte offsets)."""
    import duckdb  # noqa: PLC0415

    raw = sql.encode("utf-8")
    tokens = [t for t in duckdb.tokenize(sql) if t[1] != duckdb.token_type.comment]
    ends = [*(pos for pos, _ in tokens[1:]), len(raw)]
    words = []
    for (pos, kind), end in zip(tokens, ends, strict=True):
        if kind != duckdb.token_type.keyword:
            break
        word = re.match(r"\w*", raw[pos:end].decode("utf-8", "replace"))
        words.append((pos, word.group(0).upper() if word else ""))
    return words


def check_statement(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse anything but one read-only statement, as DuckDB's parser classifies it."""
    import duckdb  # noqa: PLC0415

    statements = _parse(con, sql)
    if not statements:
        raise QueryError("the query is empty: write one SELECT")
    if len(statements) != 1:
        raise QueryError(
            f"fazhi query runs exactly one statement, got {len(statements)}: run them one at a time"
        )
    kind = statements[0].type
    words = _leading_keywords(sql)
    first = words[0][1] if words else ""
    if kind == duckdb.StatementType.SELECT:
        return
    if kind == duckdb.StatementType.MULTI and first == "PIVOT":
        return  # PIVOT without IN: DuckDB reads the pivot values first, then selects; nothing is written
    if kind == duckdb.StatementType.EXPLAIN:
        if _explains_a_select(con, sql, words):
            return
        raise QueryError("fazhi query only EXPLAINs a SELECT: it is read-only")
    named = " ".join(w for _, w in words[:2]) if first == "FORCE" else first
    if not named or named == "WITH":
        named = kind.name
    also = f" (DuckDB statement type {kind.name})" if named != kind.name else ""
    raise QueryError(
        f"fazhi query is read-only: {named} statements are refused{also}; write a single SELECT "
        "(to save results use --format csv > file, or `fazhi export`)"
    )


def _explains_a_select(con: duckdb.DuckDBPyConnection, sql: str, words: list[tuple[int, str]]) -> bool:
    """The statement after EXPLAIN [ANALYZE] [(options)] is one SELECT, as DuckDB parses it."""
    import duckdb  # noqa: PLC0415

    raw = sql.encode("utf-8")
    skip = 2 if len(words) > 1 and words[1][1] in ("ANALYZE", "ANALYSE") else 1
    later = [
        pos
        for pos, kind in duckdb.tokenize(sql)
        if pos > words[skip - 1][0] and kind != duckdb.token_type.comment
    ]
    inner = raw[later[0] :].decode("utf-8") if later else ""
    candidates = [inner]
    if inner.startswith("("):  # EXPLAIN (FORMAT json) SELECT ... or EXPLAIN (SELECT ...)
        candidates.append(inner[inner.find(")") + 1 :])
    for text in candidates:
        try:
            parsed = con.extract_statements(text)
        except duckdb.Error:
            continue
        if len(parsed) == 1 and parsed[0].type == duckdb.StatementType.SELECT:
            return True
    return False


def _parse(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    import duckdb  # noqa: PLC0415

    try:
        return list(con.extract_statements(sql))
    except duckdb.Error as exc:
        raise QueryError(f"cannot parse the query: {_one_line(exc)}") from exc


def _duckdb_error(exc: BaseException, db: Path, memory_bytes: int) -> QueryError:
    """The one-line QueryError for an exception raised while a statement ran."""
    import duckdb  # noqa: PLC0415

    if isinstance(exc, duckdb.OutOfMemoryException | MemoryError):
        return LimitError(
            f"query needs more than the {memory_text(memory_bytes)}: "
            f"narrow it or raise the limit ({_one_line(exc)})"
        )
    if isinstance(exc, duckdb.PermissionException):
        return QueryError(f"refused: fazhi query cannot touch files or the network ({_one_line(exc)})")
    if isinstance(exc, duckdb.CatalogException):
        return QueryError(
            f'{_one_line(exc)} (list the views: fazhi query "select view_name from duckdb_views() '
            'where not internal")'
        )
    return QueryError(f"query failed on {db}: {_one_line(exc)}")


def _too_many_rows(limit: int) -> LimitError:
    return LimitError(
        f"result has more than {limit:,} rows ({MAX_ROWS_ENV}): add a LIMIT or an aggregate, "
        "or use `fazhi export` for whole views"
    )


# ------------------------------------------------------------------------- in-process (trusted SQL)
def run_query(
    db: Path, sql: str, timeout_s: float = DEFAULT_TIMEOUT_S, row_limit: int | None = None
) -> tuple[list[str], list[tuple[object, ...]]]:
    """Run one read-only statement in this process and return its rows, for the build's own summaries
    and scripts. Its limits are DuckDB's (interrupt, memory limit) and a row count: cooperative, so
    SQL from people goes through `stream_query` (what `fazhi query` runs) instead."""
    import duckdb  # noqa: PLC0415

    timeout_s = parse_timeout(timeout_s)
    limit_rows = row_limit or max_rows()
    memory_bytes = memory_limit_bytes()
    con = connect_readonly(Path(db), memory_bytes)
    timed_out = threading.Event()

    def cancel() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(timeout_s, cancel)
    timer.daemon = True
    try:
        check_statement(con, sql)
        timer.start()
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description or []]
        rows: list[tuple[object, ...]] = []
        while batch := cur.fetchmany(10_000):
            rows.extend(batch)
            if len(rows) > limit_rows:
                raise _too_many_rows(limit_rows)
            if timed_out.is_set():
                raise duckdb.InterruptException("interrupted while fetching")
    except duckdb.InterruptException as exc:
        raise LimitError(_timeout_message(timeout_s)) from exc
    except (duckdb.Error, MemoryError) as exc:
        raise _duckdb_error(exc, Path(db), memory_bytes) from exc
    finally:
        timer.cancel()
        con.close()
    return columns, rows


def _timeout_message(timeout_s: float) -> str:
    return (
        f"query stopped at the {timeout_s:g} s timeout (--timeout, at most {MAX_TIMEOUT_S:g}): "
        "narrow it or raise --timeout"
    )


# ----------------------------------------------------------------------- sandboxed, streamed (users)
def stream_query(db: Path, sql: str, fmt: str, limits: Limits, out_fd: int = 1) -> None:
    """Run one statement in a confined child process and stream its output (table, csv or json) to
    `out_fd`. Returns when everything was written, or when the reader closed the pipe (`| head`);
    raises QueryError (LimitError when a limit tripped) otherwise. Output written before a failure
    stays written: the exit status says the result is incomplete.

    Forks, so call it from the main thread of a single-threaded process (the `fazhi` CLI)."""
    db = Path(db)
    if not db.is_file():
        raise QueryError(f"warehouse file not found: {db} (run `fazhi build` first, or pass --warehouse)")
    if threading.active_count() > 1 or threading.current_thread() is not threading.main_thread():
        raise QueryError("stream_query must run in the main thread of a single-threaded process")
    data_r, data_w = os.pipe()
    status_r, status_w = os.pipe()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    parent = os.getpid()
    started = time.monotonic()
    try:
        pid = os.fork()
    except OSError as exc:  # EAGAIN/ENOMEM: too many processes or no memory for the child
        for fd in (data_r, data_w, status_r, status_w):
            os.close(fd)
        raise QueryError(f"cannot start the query process: {exc.strerror}") from exc
    if pid == 0:  # the child: never returns
        code = EXIT_FAILED
        try:
            os.close(data_r)
            os.close(status_r)
            code = _child(db, sql, fmt, limits, data_w, status_w, parent)
        finally:
            os._exit(code)
    os.close(data_w)
    os.close(status_w)
    _supervise(pid, data_r, status_r, out_fd, limits, started)


class _Deadline(BaseException):
    """Raised in the parent by SIGALRM, so even a write blocked on a stalled reader ends on time."""


def _supervise(pid: int, data_r: int, status_r: int, out_fd: int, limits: Limits, started: float) -> None:
    """Relay the child's output to out_fd within the byte limit and the deadline; kill it when either
    trips, when the reader goes away, or on Ctrl-C; then turn how it ended into QueryError or nothing."""
    state = {"armed": True, "reaped": False}

    def kill() -> None:
        if not state["reaped"]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def on_alarm(signum: int, frame: object) -> None:
        if state["armed"]:  # a handler run late, after the relay ended, must not raise
            kill()
            raise _Deadline

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    remaining = limits.timeout_s - (time.monotonic() - started)
    signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001))
    status = bytearray()
    failure: QueryError | None = None
    try:
        try:
            _relay(data_r, status_r, out_fd, status, limits.max_output_bytes)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            state["armed"] = False
    except _Deadline:
        failure = LimitError(_timeout_message(limits.timeout_s))
    except BrokenPipeError:  # `fazhi query ... | head`: the reader has what it wanted
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), out_fd)
        failure = _READER_GONE
    except OSError as exc:  # a full disk, /dev/full, a revoked terminal
        failure = QueryError(f"cannot write the output: {exc.strerror or exc}")
    except KeyboardInterrupt:
        failure = QueryError("interrupted (Ctrl-C): the query was stopped")
        failure.code = EXIT_INTERRUPTED
    except LimitError as exc:
        failure = exc
    finally:
        signal.signal(signal.SIGALRM, old_handler)
        os.close(data_r)
        os.close(status_r)
        if failure is not None:
            kill()
        wait_status, peak_kb = _reap(pid, started + limits.timeout_s, kill)
        state["reaped"] = True
    if failure is _READER_GONE:
        return
    if failure is not None:
        raise failure
    _verdict(wait_status, peak_kb, bytes(status), limits)


def _relay(data_r: int, status_r: int, out_fd: int, status: bytearray, max_bytes: int) -> None:
    """Copy the data pipe to out_fd (at most max_bytes, cut after a whole line) and collect the status
    pipe, until the child has closed both."""
    written = 0
    open_fds = [data_r, status_r]
    while open_fds:
        for fd in select.select(open_fds, [], [])[0]:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                open_fds.remove(fd)
            elif fd == status_r:
                status[:] = (status + chunk)[-65536:]
            elif written + len(chunk) > max_bytes:
                _write_all(out_fd, chunk[: chunk.rfind(b"\n", 0, max_bytes - written) + 1])
                raise LimitError(
                    f"output passed {format_size(max_bytes)} ({MAX_OUTPUT_ENV}): add a LIMIT, "
                    "select fewer columns, or use `fazhi export` for whole views"
                )
            else:
                _write_all(out_fd, chunk)
                written += len(chunk)


_READER_GONE = QueryError("reader gone")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _reap(pid: int, deadline: float, kill: Any) -> tuple[int, int]:
    """Wait for the child without a race on its pid: polled until the deadline, then killed."""
    while True:
        done, wait_status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return wait_status, int(usage.ru_maxrss)
        if time.monotonic() > deadline:
            kill()
            _, wait_status, usage = os.wait4(pid, 0)
            return wait_status, int(usage.ru_maxrss)
        time.sleep(0.002)


def _verdict(wait_status: int, peak_kb: int, status: bytes, limits: Limits) -> None:
    """Success, or the one-line reason: the child's own verdict, else how the OS ended it."""
    if _STATUS in status:  # written after the last output byte was flushed
        verdict = json.loads(status.rsplit(_STATUS, 1)[1].decode("utf-8", "replace").strip() or "{}")
        code = int(verdict.get("code", EXIT_FAILED))
        if code == 0:
            return
        error = {EXIT_USAGE: SettingError, EXIT_LIMIT: LimitError}.get(code, QueryError)
        raise error(str(verdict.get("message", "query failed")))
    peak = f"peak {format_size(peak_kb * 1024)}"
    said = " ".join(status.split(_STATUS)[0].decode("utf-8", "replace").split())[:200]
    said = f"; it said: {said}" if said else ""
    if os.WIFSIGNALED(wait_status):
        sig = os.WTERMSIG(wait_status)
        name = signal.Signals(sig).name
        if sig == signal.SIGXCPU:
            raise LimitError(f"query used up its CPU time ({name}): {_timeout_message(limits.timeout_s)}")
        raise LimitError(
            f"the query process was stopped by {name} ({peak}), most likely at the "
            f"{limits.memory_text()}: narrow the query or raise the limit{said}"
        )
    raise QueryError(
        f"the query process failed with exit status {os.waitstatus_to_exitcode(wait_status)}{said}"
    )


# ---------------------------------------------------------------------------------------- the child
def _lower_limit(resource_id: int, soft: int, hard: int | None = None) -> None:
    """Set a limit, never above the hard limit this process already has (raising it is not allowed)."""
    import resource  # noqa: PLC0415

    _, current = resource.getrlimit(resource_id)
    hard = soft if hard is None else hard
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(resource_id, (soft, hard))


def _confine(limits: Limits, data_w: int, status_w: int, parent: int) -> None:
    """Bound this (child) process by the OS before it parses any SQL: memory, CPU, no file writes,
    dies with its parent; stdin empty, stdout = the data pipe, stderr = the status pipe."""
    import ctypes  # noqa: PLC0415
    import resource  # noqa: PLC0415

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file write fails with EFBIG instead
    libc = ctypes.CDLL(None, use_errno=True)
    if hasattr(libc, "prctl"):
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when the parent dies
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(EXIT_FAILED)
    if hasattr(libc, "mallopt"):
        libc.mallopt(-8, 2)  # M_ARENA_MAX: one 64 MB malloc arena per thread is address space wasted
    _lower_limit(resource.RLIMIT_DATA, limits.memory_bytes + RUNTIME_ALLOWANCE)
    _lower_limit(resource.RLIMIT_AS, limits.memory_bytes + ADDRESS_ALLOWANCE)
    cpu = math.ceil(limits.timeout_s * 2) + 2  # two DuckDB threads; the wall deadline comes first
    _lower_limit(resource.RLIMIT_CPU, cpu, cpu + 2)  # SIGXCPU, then SIGKILL
    _lower_limit(resource.RLIMIT_FSIZE, 0)
    _lower_limit(resource.RLIMIT_CORE, 0)
    sys.dont_write_bytecode = True
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(data_w, 1)
    os.dup2(status_w, 2)
    max_fd = os.sysconf("SC_OPEN_MAX")
    os.closerange(3, max_fd if max_fd > 0 else 1024)


def _child(db: Path, sql: str, fmt: str, limits: Limits, data_w: int, status_w: int, parent: int) -> int:
    """Confine, run, stream; report the verdict as one status record; return the exit status."""
    code, message = 0, ""
    try:
        _confine(limits, data_w, status_w, parent)
        import duckdb  # noqa: PLC0415

        con = connect_readonly(db, limits.memory_bytes)
        check_statement(con, sql)
        out = open(1, "w", encoding="utf-8", newline="", buffering=1 << 16, closefd=False)  # noqa: SIM115
        try:
            cur = con.execute(sql)
            _write_result(cur, fmt, out, limits.max_rows)
        except (duckdb.Error, MemoryError) as exc:
            raise _duckdb_error(exc, db, limits.memory_bytes) from exc
        finally:
            with contextlib.suppress(OSError, ValueError):
                out.flush()
    except QueryError as exc:
        code, message = exc.code, str(exc)
    except MemoryError:
        code, message = EXIT_LIMIT, f"query needs more than the {limits.memory_text()}: narrow it"
    except BaseException as exc:  # noqa: BLE001 - the parent must get one line, never a traceback
        code, message = EXIT_FAILED, f"query failed: {type(exc).__name__}: {_one_line(exc)}"
    record = _STATUS + json.dumps({"code": code, "message": message}).encode() + b"\n"
    with contextlib.suppress(OSError):
        _write_all(2, record)
    return code


def _batches(cur: duckdb.DuckDBPyConnection, limit: int) -> Iterator[list[tuple[Any, ...]]]:
    """The result in small batches; past `limit` rows the rows up to it are yielded, then LimitError."""
    seen = 0
    while batch := cur.fetchmany(FETCH_ROWS):
        seen += len(batch)
        if seen > limit:
            yield batch[: len(batch) - (seen - limit)]
            raise _too_many_rows(limit)
        yield batch


def _write_result(cur: duckdb.DuckDBPyConnection, fmt: str, out: io.TextIOBase, limit: int) -> None:
    columns = [d[0] for d in cur.description or []]
    batches = _batches(cur, limit)
    if fmt == "csv":
        write_csv(columns, batches, out)
    elif fmt == "json":
        write_json(columns, batches, out)
    else:
        write_table(columns, batches, out)


# -------------------------------------------------------------------------------------- formatting
def write_csv(columns: list[str], batches: Iterator[list[tuple[Any, ...]]], out: io.TextIOBase) -> None:
    """RFC 4180 quoting with `\\n` line ends (as DuckDB's CLI and psql --csv): a field holding a CR
    is still quoted, which Python's csv only does when CR is in the line terminator."""
    fast = csv.writer(out, lineterminator="\n")
    scratch = io.StringIO()
    crlf = csv.writer(scratch)  # terminator \r\n: quotes fields that contain \r

    def row(values: list[Any] | tuple[Any, ...]) -> None:
        if any(isinstance(v, str) and "\r" in v for v in values):
            scratch.seek(0)
            scratch.truncate()
            crlf.writerow(values)
            out.write(scratch.getvalue()[:-2] + "\n")
        else:
            fast.writerow(values)

    row(columns)
    for batch in batches:
        for r in batch:
            row(r)


def jsonable(v: object) -> object:
    """A JSON value for any DuckDB value: DECIMAL as a number, dates and times in ISO form, MAP keys
    as strings, NaN/Infinity as strings (bare NaN is not JSON), nested values converted throughout,
    anything else (BLOB, UUID, INTERVAL) in its text form."""
    if v is None or isinstance(v, str | bool | int):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))
    if isinstance(v, Decimal):
        return jsonable(float(v))
    if isinstance(v, date | datetime | dtime):
        return v.isoformat()
    if isinstance(v, dict):
        return {_json_key(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [jsonable(x) for x in v]
    return str(v)


def _json_key(k: object) -> str:
    value = jsonable(k)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def write_json(columns: list[str], batches: Iterator[list[tuple[Any, ...]]], out: io.TextIOBase) -> None:
    """One JSON array of objects, streamed, byte for byte what json.dump of the whole list writes."""
    out.write("[")
    first = True
    for batch in batches:
        for r in batch:
            obj = {c: jsonable(v) for c, v in zip(columns, r, strict=True)}
            out.write(("" if first else ", ") + json.dumps(obj, ensure_ascii=False))
            first = False
    out.write("]\n")


def write_table(columns: list[str], batches: Iterator[list[tuple[Any, ...]]], out: io.TextIOBase) -> None:
    """Aligned columns sized on the first TABLE_WIDTH_ROWS rows (CJK counts double), at most 60 wide."""
    head: list[list[str]] = []
    for batch in batches:
        head.extend(_cells(batch))
        if len(head) >= TABLE_WIDTH_ROWS:
            break
    widths = [max([_width(c)] + [_width(r[i]) for r in head]) for i, c in enumerate(columns)]
    clip = [min(w, 60) for w in widths]

    def line(vals: list[str]) -> str:
        return " | ".join(_pad(v, w) for v, w in zip(vals, clip, strict=True)) + "\n"

    out.write(line(columns))
    out.write("-+-".join("-" * w for w in clip) + "\n")
    n = len(head)
    for r in head:
        out.write(line(r))
    for batch in batches:
        n += len(batch)
        for r in _cells(batch):
            out.write(line(r))
    out.write(f"({n} row{'s' if n != 1 else ''})\n")


def _cells(batch: list[tuple[Any, ...]]) -> list[list[str]]:
    return [[("" if v is None else str(_scalar(v))) for v in r] for r in batch]


def _scalar(v: object) -> object:
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, date | datetime):
        return v.isoformat()
    return v


def _width(s: str) -> int:
    if s.isascii():
        return len(s)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    if s.isascii():
        return s[:width].ljust(width)
    out, used = "", 0
    for ch in s:
        w = 2 if ord(ch) > 0x2E80 else 1
        if used + w > width:
            break
        out, used = out + ch, used + w
    return out + " " * (width - used)


# ------------------------------------------------------------------------------------------ export
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


def os_reason(exc: BaseException) -> str:
    """The operating system's reason for a failed write, also when Polars wraps it in its own error."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    m = re.search(r"os error (\d+)|\[errno (\d+)\]", str(exc))  # Polars' and pyarrow's wrappings
    if m:
        return os.strerror(int(m.group(1) or m.group(2)))
    if isinstance(exc, OSError) and exc.errno:
        return os.strerror(exc.errno)
    return _one_line(exc)


EXPORT_BATCH_ROWS = 100_000


def export_views(db: Path, out_dir: Path, batch_rows: int = EXPORT_BATCH_ROWS) -> list[Path]:
    """Write every analyst view as Parquet, streamed in batches of `batch_rows` rows (one row group
    each), so memory stays bounded by a batch whatever the view's size (1.6M facts at 100k reports).
    Written through pyarrow because the sandboxed connection cannot write files. Each file is
    written beside its name and renamed into place, so a failed export never leaves a half-written
    file where a good one was."""
    import duckdb  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QueryError(
            f"cannot create export folder {out_dir}: {os_reason(exc)} (pass another --out)"
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
            partial = out_dir / f".{view}.parquet.partial"
            try:
                rel = con.sql(f'SELECT * FROM "{view}"')
                reader = getattr(rel, "to_arrow_reader", None) or rel.fetch_arrow_reader  # DuckDB 2 / 1.x
                batches = reader(batch_rows)
                with pq.ParquetWriter(partial, batches.schema, compression="zstd") as writer:
                    for batch in batches:
                        writer.write_batch(batch, row_group_size=batch_rows)
                os.replace(partial, path)
            except (OSError, pa.ArrowException) as exc:
                with contextlib.suppress(OSError):
                    partial.unlink()
                raise QueryError(f"cannot write {path}: {os_reason(exc)} (check the --out folder)") from exc
            written.append(path)
    except duckdb.Error as exc:
        raise QueryError(f"export from {db} failed: {_one_line(exc)}") from exc
    finally:
        con.close()
    return written
