"""Stage a new warehouse file from extracted frames: schema, dimensions, facts, views, comments.

Every build writes a COMPLETE new file (`publish.staging_path(target)`) from the full set of frames;
nothing is ever updated in the published file. Loading all frames each time is fast (Arrow bulk
inserts) and makes "a changed file replaces its facts" trivially atomic: the new file either wins the
`os.replace` in `publish.py` as a whole, or is thrown away.

Call order (the Dagster assets and `stage()` both follow it):
    create_schema(staging)
    load_dimensions(staging, reports, indicators_csv)   # also writes the default build_info rows
    load_facts(staging, extraction)
    write_build_info(staging, {"source_dir": ...})     # optional: the runner's own keys
    create_views(staging)                               # views, comments, CHECKPOINT
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from etl import EXTRACTOR_VERSION
from etl.catalogue import SEEDS_DIR
from etl.pipeline import Extraction
from warehouse.sqlfiles import read_sql, run_folder, run_sql
from warehouse.state import catalogue_fingerprint, schema_fingerprint

# BI drivers (Metabase JDBC, Power BI ODBC, DBeaver) bundle DuckDB 1.4.x: write a format they read.
STORAGE_VERSION = "v1.0.0"


def connect_new(path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh database file in the BI-compatible storage format (any stale file is removed first)."""
    for stale in (path, Path(f"{path}.wal")):
        if stale.exists():
            stale.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})


def _macros(con: duckdb.DuckDBPyConnection) -> None:
    run_sql(con, "schema/000_macros.sql")


def create_schema(staging: Path) -> None:
    """Start a staging file with the empty star schema."""
    con = connect_new(staging)
    try:
        _macros(con)
        run_sql(con, "schema/010_tables.sql")
    finally:
        con.close()


def _register(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    """Expose frames to SQL as `stg_*` relations (zero-copy through Arrow)."""
    for name, frame in frames.items():
        con.register(name, frame.to_arrow())


def build_info_defaults(seeds_dir: Path | None = None) -> dict[str, str]:
    """What every staged file records about how it was built (see `warehouse/state.py`)."""
    return {
        "extractor_version": EXTRACTOR_VERSION,
        "catalogue_sha256": catalogue_fingerprint(seeds_dir or SEEDS_DIR),
        "schema_version": schema_fingerprint(),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "built_with_duckdb": duckdb.__version__,
        "storage_compatibility_version": STORAGE_VERSION,
    }


def write_build_info(staging: Path, info: Mapping[str, object]) -> None:
    """Upsert key/value rows into `build_info` of a staging file (values stored as text, None as NULL).

    `load_dimensions` already writes `build_info_defaults()`; the build runner adds what only it knows,
    e.g. `write_build_info(staging, {"source_dir": str(source)})`. `state.published_state()` reads them.
    """
    rows = [(str(k), None if v is None else str(v)) for k, v in info.items()]
    if not rows:
        return
    con = duckdb.connect(str(staging))
    try:
        con.executemany("INSERT OR REPLACE INTO build_info VALUES (?, ?)", rows)
    finally:
        con.close()


def load_dimensions(
    staging: Path, reports: pl.DataFrame, indicators_csv: Path | None = None
) -> dict[str, int]:
    """Dimensions, dim_report (with supersession) and report_text, in one transaction."""
    indicators_csv = indicators_csv or SEEDS_DIR / "indicators.csv"
    indicators = pl.read_csv(indicators_csv, infer_schema=False)
    con = duckdb.connect(str(staging))
    try:
        _macros(con)
        _register(con, {"stg_reports": reports, "stg_indicators": indicators})
        con.execute("BEGIN")
        run_sql(con, "load/010_dimensions.sql")
        run_sql(con, "load/020_reports.sql")
        con.executemany(
            "INSERT OR REPLACE INTO build_info VALUES (?, ?)",
            list(build_info_defaults(indicators_csv.parent).items()),
        )
        con.execute("COMMIT")
        return _counts(con, ("dim_town", "dim_year", "dim_indicator", "dim_report"))
    finally:
        con.close()


def load_facts(staging: Path, extraction: Extraction) -> dict[str, int]:
    """Fact and detail tables in one transaction, keyed through the dimensions already staged."""
    con = duckdb.connect(str(staging))
    try:
        _register(
            con,
            {
                "stg_sections": extraction.sections,
                "stg_problems": extraction.problems,
                "stg_mentions": extraction.mentions,
                "stg_facts": extraction.facts,
                "stg_unmatched": extraction.unmatched,
                "stg_flags": extraction.flags,
            },
        )
        con.execute("BEGIN")
        run_sql(con, "load/030_facts.sql")
        con.execute("COMMIT")
        return _counts(
            con,
            (
                "fact_indicator_value",
                "fact_mention",
                "fact_unmatched_quantity",
                "report_section",
                "report_problem",
                "report_quality_flag",
            ),
        )
    finally:
        con.close()


def _counts(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]


def create_views(staging: Path) -> None:
    """Derived tables, analyst views (`sql/views/`), the generated wide view, every comment; then
    CHECKPOINT, no WAL left. The derived tables (`sql/load/040_derived.sql`) precompute what the
    YoY and cross-town views show, so those views answer in milliseconds at 10,000 reports."""
    con = duckdb.connect(str(staging))
    try:
        run_sql(con, "load/040_derived.sql")
        run_folder(con, "views")
        columns = con.execute(read_sql("queries/wide_columns.sql")).fetchone()[0]  # type: ignore[index]
        con.execute(read_sql("templates/v_town_year_wide.sql").replace("{columns}", columns))
        run_folder(con, "comments")
        wide_comments = con.execute(read_sql("queries/wide_comments.sql")).fetchone()[0]  # type: ignore[index]
        if wide_comments:
            con.execute(wide_comments)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    wal = Path(f"{staging}.wal")
    if wal.exists():
        raise RuntimeError(f"staging file {staging} still has a WAL after CHECKPOINT")


def stage(
    staging: Path,
    extraction: Extraction,
    indicators_csv: Path | None = None,
    build_info: Mapping[str, object] | None = None,
) -> dict[str, int]:
    """The whole staging step in one call (tests, scripts, or a runner that wants one step)."""
    create_schema(staging)
    counts = load_dimensions(staging, extraction.reports, indicators_csv)
    counts |= load_facts(staging, extraction)
    if build_info:
        write_build_info(staging, build_info)
    create_views(staging)
    return counts


def file_size(path: Path) -> int:
    return os.stat(path).st_size if path.exists() else 0
