"""The `fazhi` command: build, query, export, rollback. See ../shared/spec/CONTRACT.md."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

# Not imported from etl.catalogue: `fazhi query` starts (and forks its query process) before any of
# the extraction code is loaded.
DEFAULT_WAREHOUSE = Path(__file__).resolve().parents[1] / "data" / "fazhi.duckdb"


def _warehouse(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FAZHI_WAREHOUSE") or DEFAULT_WAREHOUSE)


def _source(arg: str | None) -> Path:
    from etl.catalogue import DEFAULT_SOURCE_DIR  # noqa: PLC0415

    return Path(arg or os.environ.get("FAZHI_SOURCE_DIR") or DEFAULT_SOURCE_DIR)


def _fail(message: str, code: int = 1) -> int:
    print(f"fazhi: error: {' '.join(message.split())}", file=sys.stderr)
    return code


class _StdoutError(Exception):
    """Standard output could not be written (a full disk, /dev/full): one line, not a traceback."""


def _emit(text: str) -> None:
    """print() to stdout; a failure other than a closed pipe becomes _StdoutError."""
    try:
        print(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _StdoutError(exc.strerror or str(exc)) from exc


_PROCESS_ENDS = False  # set by `entry`: the process exits when the command returns


def cmd_build(args: argparse.Namespace) -> int:
    from dagster_project.build import run_build  # noqa: PLC0415 - Dagster is slow to import
    from etl.discover import SourceError, check_source  # noqa: PLC0415
    from etl.given import MetadataFileError  # noqa: PLC0415
    from warehouse.publish import PublishError  # noqa: PLC0415

    source, target = _source(args.source), _warehouse(args.warehouse)
    try:
        check_source(source)  # missing, not a folder, unreadable or empty: fail before touching anything
    except SourceError as exc:
        return _fail(str(exc))
    if target.is_dir():
        return _fail(
            f"--warehouse must name a file, not the folder {target} (e.g. {target / 'fazhi.duckdb'})"
        )
    print(f"fazhi build: {source} -> {target}", file=sys.stderr)
    try:
        metadata = Path(args.metadata) if args.metadata else None
        outcome = run_build(source, target, echo=not args.quiet, wait=args.wait, metadata=metadata)
    except (PublishError, SourceError, MetadataFileError) as exc:
        return _fail(f"{exc}; the published warehouse {target} was left unchanged")
    if _PROCESS_ENDS:
        # The process ends with this command. A last full collection would walk every object Dagster
        # created (0.1-0.16 s after one added report at 10,000); frozen, they are skipped. Not when
        # `main` is called in a longer-lived process (tests, a notebook): it would never collect again.
        gc.freeze()
    if outcome.up_to_date:
        print(
            f"up to date: {target} already reflects the {outcome.files} files in {source}; "
            f"nothing to publish ({outcome.seconds:.1f} s)",
            file=sys.stderr,
        )
        return 0
    if not outcome.published:
        reason = outcome.failures[0] if outcome.failures else "the build did not publish"
        code = 130 if outcome.interrupted else 1  # like `fazhi query`: the shell's 128 + SIGINT
        return _fail(f"{reason}; the published warehouse {target} was left unchanged", code)
    by_status, facts = outcome.reports_by_status, outcome.facts  # counted before the swap: no reopen
    loaded, rejected, superseded, unidentified = (
        by_status.get(k, 0) for k in ("loaded", "rejected", "superseded", "unidentified")
    )
    size_mb = target.stat().st_size / 1e6
    print(
        f"published {target} ({size_mb:.1f} MB) in {outcome.seconds:.1f} s: "
        f"{loaded} reports loaded, {unidentified} unidentified, {rejected} rejected, {superseded} superseded, "
        f"{facts} facts "
        f"({outcome.reports_extracted} files extracted, {outcome.reports_carried_over} unchanged)",
        file=sys.stderr,
    )
    if unidentified:
        print(
            '  unidentified reports (body or year unknown: add them to a metadata file): fazhi query "select '
            "source_path, reject_reason from v_reports where status = 'unidentified'\"",
            file=sys.stderr,
        )
    if rejected:
        print(
            '  rejected files: fazhi query "select source_path, reject_reason from v_reports '
            "where status = 'rejected'\"",
            file=sys.stderr,
        )
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from warehouse.query import Limits, QueryError, stream_query  # noqa: PLC0415

    try:
        stream_query(_warehouse(args.warehouse), args.sql, args.format, Limits.from_env(args.timeout))
    except QueryError as exc:
        return _fail(str(exc), exc.code)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from warehouse.query import QueryError, export_views  # noqa: PLC0415

    try:
        written = export_views(_warehouse(args.warehouse), Path(args.out))
    except QueryError as exc:
        return _fail(str(exc))
    for p in written:
        _emit(str(p))
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from warehouse.publish import PublishError, list_versions, rollback  # noqa: PLC0415

    target = _warehouse(args.warehouse)
    if args.list:
        for v in list_versions(target):
            _emit(v.name)
        return 0
    try:
        chosen = rollback(target, args.version, wait=args.wait)
    except PublishError as exc:
        return _fail(str(exc))
    print(f"rolled back {target} to {chosen.name}", file=sys.stderr)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    """Extract the source folder (no warehouse needed) and score the facts against a labelled CSV."""
    from etl.catalogue import load_catalogue  # noqa: PLC0415
    from etl.pipeline import extract_folder  # noqa: PLC0415
    from etl.score import format_score, score  # noqa: PLC0415

    source, gold = _source(args.source), Path(args.gold)
    if not gold.is_file():
        return _fail(f"gold CSV not found: {gold}")
    if not source.is_dir():
        return _fail(f"source folder not found: {source} (pass --source DIR or set FAZHI_SOURCE_DIR)")
    try:
        extraction = extract_folder(source, load_catalogue())
        result = score(gold, extraction.facts, extraction.reports, only_labelled=args.only_labelled)
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    _emit(format_score(result))
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse with the CLI's one-line error form (`fazhi: error: ...`, exit 2) for every subcommand."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"fazhi: error: {' '.join(message.split())} (`{self.prog} --help` lists the options)\n")


def _given(what: str) -> object:
    """An argparse type refusing an empty value (an empty --warehouse must not mean the default one)."""

    def check(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"is empty: name a {what}")
        return text

    return check


def _timeout(text: str) -> float:
    from warehouse.query import SettingError, parse_timeout  # noqa: PLC0415

    try:
        return parse_timeout(text)
    except SettingError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--timeout ")) from None


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="fazhi", description="Township rule-of-law report warehouse")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="extract the source folder and publish the warehouse")
    b.add_argument(
        "--source",
        type=_given("folder"),
        help="folder of report files (default: $FAZHI_SOURCE_DIR or seeds/reports)",
    )
    b.add_argument(
        "--warehouse",
        type=_given("file"),
        help="warehouse file (default: $FAZHI_WAREHOUSE or data/fazhi.duckdb)",
    )
    b.add_argument(
        "--metadata",
        type=_given("file"),
        help="CSV saying what texts do not (source_path or content_sha256 -> town, county, province, "
        "division_code, report_year, publish_date, url); default: $FAZHI_METADATA or <source>/_metadata.csv",
    )
    b.add_argument("--wait", action="store_true", help="wait for a running build instead of failing")
    b.add_argument("--quiet", action="store_true", help="only the closing summary")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser(
        "query",
        help="run one read-only SQL query",
        description="Run one read-only statement (SELECT, WITH, FROM-first, PIVOT, DESCRIBE, SHOW, "
        "SUMMARIZE, EXPLAIN SELECT) in a child process bounded by the operating system. Limits: "
        "--timeout (wall clock, output included), FAZHI_QUERY_MEMORY_LIMIT (default 1GB, 64MB to 3/4 "
        "of RAM), FAZHI_QUERY_MAX_ROWS (default 1000000), FAZHI_QUERY_MAX_OUTPUT (bytes, default 1GB). "
        "Exit status: 0 done, 1 refused or failed, 2 bad argument or setting, 3 a limit tripped "
        "(output already written stays written), 130 interrupted.",
    )
    q.add_argument("--warehouse", type=_given("file"))
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.add_argument(
        "--timeout",
        type=_timeout,
        default=60.0,
        help="seconds before the query, output included, is stopped (default 60, at most 3600)",
    )
    q.add_argument("sql")
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="write every analyst view as Parquet")
    e.add_argument("--warehouse", type=_given("file"))
    e.add_argument("--out", required=True, type=_given("folder"))
    e.set_defaults(func=cmd_export)

    r = sub.add_parser("rollback", help="re-publish a kept earlier version of the warehouse")
    r.add_argument("--warehouse", type=_given("file"))
    r.add_argument("--version", help="version name prefix (default: the newest kept)")
    r.add_argument("--list", action="store_true", help="list kept versions")
    r.add_argument("--wait", action="store_true", help="wait for a running build instead of failing")
    r.set_defaults(func=cmd_rollback)

    s = sub.add_parser("score", help="precision/recall of the extracted facts against a labelled CSV")
    s.add_argument(
        "--gold",
        required=True,
        type=_given("file"),
        help="CSV with report_file,indicator_code,value[,qualifier,difficulty]",
    )
    s.add_argument(
        "--source", type=_given("folder"), help="folder of the labelled report files (default: as for build)"
    )
    s.add_argument(
        "--only-labelled",
        action="store_true",
        help="score only reports the gold names (default: every report)",
    )
    s.set_defaults(func=cmd_score)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `fazhi export ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except _StdoutError as exc:
        return _fail(f"cannot write the output: {exc}")


def entry() -> None:
    """The `fazhi` console script and `python -m warehouse.cli`: `main`, then exit without the
    interpreter's teardown. Finalising Dagster's modules, Polars and jieba's 500,000-word dictionary
    took 0.7-1.2 s after a build had finished (a sixth of adding one report); by then every DuckDB
    connection and file is closed, so only the output is flushed and the worker pool stopped first.
    An exception still ends the normal way, with its traceback."""
    global _PROCESS_ENDS
    _PROCESS_ENDS = True
    code = main()
    parallel = sys.modules.get("etl.parallel")
    if parallel is not None:
        parallel.shutdown_pool()
    logging.shutdown()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `fazhi export ... | head`: the reader has gone; nothing more to say
        pass
    except OSError as exc:  # e.g. `> /dev/full`: one line, not a traceback
        code = _fail(f"cannot write the output: {exc.strerror or exc}")
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


if __name__ == "__main__":
    entry()
