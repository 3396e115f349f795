"""The `fazhi` command: build, query, export, rollback. See ../shared/spec/CONTRACT.md."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from etl.catalogue import DEFAULT_SOURCE_DIR, REPO_ROOT

DEFAULT_WAREHOUSE = REPO_ROOT / "data" / "fazhi.duckdb"


def _warehouse(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FAZHI_WAREHOUSE") or DEFAULT_WAREHOUSE)


def _source(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FAZHI_SOURCE_DIR") or DEFAULT_SOURCE_DIR)


def _fail(message: str, code: int = 1) -> int:
    print(f"fazhi: error: {' '.join(message.split())}", file=sys.stderr)
    return code


def cmd_build(args: argparse.Namespace) -> int:
    from dagster_project.build import run_build  # noqa: PLC0415 - Dagster is slow to import
    from etl.discover import SourceError, check_source  # noqa: PLC0415
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
        outcome = run_build(source, target, echo=not args.quiet, wait=args.wait)
    except (PublishError, SourceError) as exc:
        return _fail(f"{exc}; the published warehouse {target} was left unchanged")
    if outcome.up_to_date:
        print(
            f"up to date: {target} already reflects the {outcome.files} files in {source}; "
            f"nothing to publish ({outcome.seconds:.1f} s)",
            file=sys.stderr,
        )
        return 0
    if not outcome.published:
        reason = outcome.failures[0] if outcome.failures else "the build did not publish"
        return _fail(f"{reason}; the published warehouse {target} was left unchanged")
    by_status, facts = outcome.reports_by_status, outcome.facts  # counted before the swap: no reopen
    loaded, rejected, superseded = (by_status.get(k, 0) for k in ("loaded", "rejected", "superseded"))
    size_mb = target.stat().st_size / 1e6
    print(
        f"published {target} ({size_mb:.1f} MB) in {outcome.seconds:.1f} s: "
        f"{loaded} reports loaded, {rejected} rejected, {superseded} superseded, {facts} facts "
        f"({outcome.reports_extracted} files extracted, {outcome.reports_carried_over} unchanged)",
        file=sys.stderr,
    )
    if rejected:
        print(
            '  rejected files: fazhi query "select source_path, reject_reason from v_reports '
            "where status = 'rejected'\"",
            file=sys.stderr,
        )
    return 0


def _jsonable(v: object) -> object:
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, date | datetime):
        return v.isoformat()
    return v


def cmd_query(args: argparse.Namespace) -> int:
    from warehouse.query import QueryError, run_query  # noqa: PLC0415

    try:
        columns, rows = run_query(_warehouse(args.warehouse), args.sql, timeout_s=args.timeout)
    except QueryError as exc:
        return _fail(str(exc))
    out = sys.stdout
    try:
        if args.format == "csv":
            w = csv.writer(out)
            w.writerow(columns)
            w.writerows(rows)
        elif args.format == "json":
            json.dump(
                [{c: _jsonable(v) for c, v in zip(columns, r, strict=True)} for r in rows],
                out,
                ensure_ascii=False,
                default=str,  # BLOB, UUID, TIME, INTERVAL...: their text form, never a traceback
            )
            out.write("\n")
        else:
            _print_table(columns, rows)
        out.flush()
    except BrokenPipeError:  # `fazhi query ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    return 0


def _print_table(columns: list[str], rows: list[tuple[object, ...]]) -> None:
    cells = [[("" if v is None else str(_jsonable(v))) for v in r] for r in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    clip = [min(w, 60) for w in widths]

    def line(vals: list[str]) -> str:
        return " | ".join(_pad(v, w) for v, w in zip(vals, clip, strict=True))

    print(line(columns))
    print("-+-".join("-" * w for w in clip))
    for r in cells:
        print(line(r))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    out, used = "", 0
    for ch in s:
        w = 2 if ord(ch) > 0x2E80 else 1
        if used + w > width:
            break
        out, used = out + ch, used + w
    return out + " " * (width - used)


def cmd_export(args: argparse.Namespace) -> int:
    from warehouse.query import QueryError, export_views  # noqa: PLC0415

    try:
        written = export_views(_warehouse(args.warehouse), Path(args.out))
    except QueryError as exc:
        return _fail(str(exc))
    for p in written:
        print(p)
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from warehouse.publish import PublishError, list_versions, rollback  # noqa: PLC0415

    target = _warehouse(args.warehouse)
    if args.list:
        for v in list_versions(target):
            print(v.name)
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
    print(format_score(result))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="fazhi", description="Township rule-of-law report warehouse")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="extract the source folder and publish the warehouse")
    b.add_argument("--source", help="folder of report files (default: $FAZHI_SOURCE_DIR or seeds/reports)")
    b.add_argument("--warehouse", help="warehouse file (default: $FAZHI_WAREHOUSE or data/fazhi.duckdb)")
    b.add_argument("--wait", action="store_true", help="wait for a running build instead of failing")
    b.add_argument("--quiet", action="store_true", help="only the closing summary")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run one read-only SQL query")
    q.add_argument("--warehouse")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--timeout", type=float, default=60.0, help="seconds before the query is cancelled")
    q.add_argument("sql")
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="write every analyst view as Parquet")
    e.add_argument("--warehouse")
    e.add_argument("--out", required=True)
    e.set_defaults(func=cmd_export)

    r = sub.add_parser("rollback", help="re-publish a kept earlier version of the warehouse")
    r.add_argument("--warehouse")
    r.add_argument("--version", help="version name prefix (default: the newest kept)")
    r.add_argument("--list", action="store_true", help="list kept versions")
    r.add_argument("--wait", action="store_true", help="wait for a running build instead of failing")
    r.set_defaults(func=cmd_rollback)

    s = sub.add_parser("score", help="precision/recall of the extracted facts against a labelled CSV")
    s.add_argument(
        "--gold", required=True, help="CSV with report_file,indicator_code,value[,qualifier,difficulty]"
    )
    s.add_argument("--source", help="folder of the labelled report files (default: as for build)")
    s.add_argument(
        "--only-labelled",
        action="store_true",
        help="score only reports the gold names (default: every report)",
    )
    s.set_defaults(func=cmd_score)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


def entry() -> None:
    """The `fazhi` console script and `python -m warehouse.cli`: `main`, then exit without the
    interpreter's teardown. Finalising Dagster's modules, Polars and jieba's 500,000-word dictionary
    took 0.7-1.2 s after a build had finished (a sixth of adding one report); by then every DuckDB
    connection and file is closed, so only the output is flushed and the worker pool stopped first.
    An exception still ends the normal way, with its traceback."""
    code = main()
    parallel = sys.modules.get("etl.parallel")
    if parallel is not None:
        parallel.shutdown_pool()
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # e.g. `fazhi query ... | head`: the reader has gone; nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    entry()
