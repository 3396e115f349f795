"""Pure extraction layer: report files in, Polars frames out. No DuckDB, no Dagster here."""

EXTRACTOR_VERSION = "0.1.0"
"""Bump when extraction output changes, so the warehouse re-extracts files whose bytes did not change."""
