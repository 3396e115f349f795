"""Stage a new warehouse file from extracted frames: schema, dimensions, facts, views, comments."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import polars as pl

from etl.catalogue import SEEDS_DIR
from etl.pipeline import Extraction
from warehouse.sqlfiles import read_sql, run_folder, run_sql

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
    for name, frame in frames.items():
        con.register(name, frame.to_arrow())


def load_dimensions(
    staging: Path, reports: pl.DataFrame, indicators_csv: Path | None = None
) -> dict[str, int]:
    """Dimensions and dim_report (with supersession) from the reports frame and the catalogue."""
    indicators = pl.read_csv(indicators_csv or SEEDS_DIR / "indicators.csv", infer_schema=False)
    con = duckdb.connect(str(staging))
    try:
        _macros(con)
        _register(con, {"stg_reports": reports, "stg_indicators": indicators})
        con.execute("BEGIN")
        run_sql(con, "load/010_dimensions.sql")
        run_sql(con, "load/020_reports.sql")
        con.execute("COMMIT")
        return _counts(con, ("dim_town", "dim_year", "dim_indicator", "dim_report"))
    finally:
        con.close()


def load_facts(staging: Path, extraction: Extraction) -> dict[str, int]:
    """Fact and detail tables, keyed through the dimensions already in the staging file."""
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
            ),
        )
    finally:
        con.close()


def _counts(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]


def create_views(staging: Path) -> None:
    """Analyst views from `sql/views/`, the generated wide view, and every comment."""
    con = duckdb.connect(str(staging))
    try:
        run_folder(con, "views")
        columns = con.execute(read_sql("queries/wide_columns.sql")).fetchone()[0]  # type: ignore[index]
        template = read_sql("templates/v_town_year_wide.sql")
        con.execute(template.replace("{columns}", columns))
        run_folder(con, "comments")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    wal = Path(f"{staging}.wal")
    if wal.exists():
        raise RuntimeError(f"staging file {staging} still has a WAL after CHECKPOINT")


def stage(staging: Path, extraction: Extraction, indicators_csv: Path | None = None) -> dict[str, int]:
    """The whole staging step in one call (tests and scripts)."""
    create_schema(staging)
    counts = load_dimensions(staging, extraction.reports, indicators_csv)
    counts |= load_facts(staging, extraction)
    create_views(staging)
    return counts


def file_size(path: Path) -> int:
    return os.stat(path).st_size if path.exists() else 0
