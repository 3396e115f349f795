"""Stage a new warehouse file from extracted frames: schema, dimensions, facts, views, comments.

Every build writes a COMPLETE new file (`publish.staging_path(target)`) from the full set of frames;
nothing is ever updated in the published file. Loading all frames each time is fast (Arrow bulk
inserts) and makes "a changed file replaces its facts" trivially atomic: the new file either wins the
`os.replace` in `publish.py` as a whole, or is thrown away.

A build with few changed files takes the INCREMENTAL path instead (`changed_reports` says when):
a copy of the published file gets the changed reports' rows replaced (`update_reports`, then
`load_facts` with their frames only), so adding one report to 10,000 does not re-load 10,000. The
result has the same rows as a full build (tests/test_warehouse_incremental.py compares them), and
the published file itself is still never touched: the copy is checked and swapped in like any other.

Call order (the Dagster assets and `stage()` both follow it):
    create_schema(staging)
    load_dimensions(staging, reports, indicators_csv)   # also writes the default build_info rows
    load_texts(staging, texts_per_shard)                # when `reports` came without `text`
    load_facts(staging, extraction or one per shard)
    write_build_info(staging, {"source_dir": ...})     # optional: the runner's own keys
    create_views(staging)                               # views, comments, CHECKPOINT
or, incrementally:
    changed = changed_reports(published, reports_without_text, seeds_dir)   # None: build in full
    copy_published(published, staging)
    update_reports(staging, reports_with_text_of_changed_only, changed)
    load_facts(staging, extraction_of_changed_reports)
    write_build_info(...); create_views(staging)
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from etl import EXTRACTOR_VERSION
from etl.catalogue import SEEDS_DIR
from etl.pipeline import Extraction
from warehouse import publish
from warehouse.sqlfiles import read_sql, run_folder, run_sql
from warehouse.state import catalogue_fingerprint, schema_fingerprint

# BI drivers (Metabase JDBC, Power BI ODBC, DBeaver) bundle DuckDB 1.4.x: write a format they read.
STORAGE_VERSION = "v1.0.0"


# Rows per row group in the staging file (DuckDB's default is 122,880). A checkpoint rewrites the last
# row group of every table it appends to; at the default, report_text and report_section are each one
# row group of tens of MB at 10,000 reports, so adding one report rewrote them both (~0.25 s, more with
# the fact tables). At 8,192 the last group is small. DuckDB 1.x readers read such files unchanged.
ROW_GROUP_SIZE = 8192


def connect_new(path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh database file in the BI-compatible storage format (any stale file is removed first)."""
    for stale in (path, Path(f"{path}.wal")):
        if stale.exists():
            stale.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    return _connect(path, new=True)


# DuckDB keeps what a bulk load touched in its buffer pool until the connection closes; a cap keeps
# that from growing with the corpus. Loads go one shard at a time, so the cap holds at 100,000 reports
# (one transaction of every text needed more than 600 MB and failed). What DuckDB spills goes beside
# the staging file (`<staging>.tmp`), never into the caller's working folder.
STAGING_MEMORY = os.environ.get("FAZHI_DUCKDB_MEMORY", "600MB")
SPILL_SUFFIX = ".tmp"


def spill_dir(staging: Path) -> Path:
    """DuckDB's temp folder for a staging file; DuckDB removes it on close, a crash may leave it."""
    return Path(f"{staging}{SPILL_SUFFIX}")


def _connect(path: Path, new: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-write connection to a staging file: bounded buffer pool, ROW_GROUP_SIZE rows per group
    (an ATTACH option only), and for a `new` file the storage format BI drivers read."""
    con = duckdb.connect(config={"memory_limit": STAGING_MEMORY, "temp_directory": str(spill_dir(path))})
    options = f"ROW_GROUP_SIZE {ROW_GROUP_SIZE}" + (f", STORAGE_VERSION '{STORAGE_VERSION}'" if new else "")
    quoted = str(path).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS staging ({options})")
    con.execute("USE staging")
    return con


@contextlib.contextmanager
def _session(
    staging: Path, con: duckdb.DuckDBPyConnection | None, read_only: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """`con` when the caller holds the staging file open (an incremental build: `begin_incremental`
    ... `close_staging`), else a new connection, closed after."""
    if con is not None:
        yield con
        return
    own = duckdb.connect(str(staging), read_only=True) if read_only else _connect(staging)
    try:
        yield own
    finally:
        own.close()


def _no_wal_left(staging: Path) -> None:
    if Path(f"{staging}.wal").exists():
        raise RuntimeError(f"staging file {staging} still has a WAL after CHECKPOINT")


def close_staging(con: duckdb.DuckDBPyConnection, staging: Path) -> None:
    """Close the connection `begin_incremental` opened (after `create_views`): no WAL may be left."""
    con.close()
    _no_wal_left(staging)


def reopen_staging(con: duckdb.DuckDBPyConnection, staging: Path) -> duckdb.DuckDBPyConnection:
    """Close the connection the dimensions were updated on and open a new one for the facts: on one
    connection throughout, a 45-report file grew from 15.7 to 23 MB over 8 add/remove cycles (DuckDB
    did not reuse the blocks freed by the dimension step's checkpoints); reopened, it stays flat
    (tests/test_warehouse_spares.py)."""
    con.close()
    return _connect(staging)


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
        con.register(name, frame.to_arrow(compat_level=pl.CompatLevel.newest()))  # no string copy


def _load_in_batches(con: duckdb.DuckDBPyConnection) -> None:
    """No automatic checkpoint between a load's batches: each one re-wrote every primary-key index of
    the file, so a 100,000-report load took 51 s instead of 34 s. The connection checkpoints once
    when it closes."""
    con.execute("SET checkpoint_threshold = '1TB'")


_DML = {duckdb.StatementType.INSERT, duckdb.StatementType.DELETE, duckdb.StatementType.UPDATE}


def _run_checkpointed(con: duckdb.DuckDBPyConnection, relative: str) -> None:
    """Run a file's statements one by one (each its own transaction) and CHECKPOINT after each that
    changed rows. An incremental build changes a few rows of every table, and a checkpoint rewrites
    what it touched before it frees the old blocks: one checkpoint for all tables grew the file by
    the sum of those rewrites (+8 % at 10,000 reports), one per table by the largest alone (~2 %)."""
    for statement in con.extract_statements(read_sql(relative)):
        result = con.execute(statement).fetchall()
        if statement.type in _DML and result and result[0][0]:
            con.execute("CHECKPOINT")


def _evaluate_once(con: duckdb.DuckDBPyConnection, views: Iterable[str]) -> None:
    """Replace TEMP views by TEMP tables of the same name and rows: the incremental statements read
    stg_dim_report five times, and each read ranked every report again (0.1 s at 100,000 reports)."""
    for view in views:
        con.execute(f"CREATE TEMP TABLE {view}__rows AS SELECT * FROM {view}")
        con.execute(f"DROP VIEW {view}")
        con.execute(f"ALTER TABLE {view}__rows RENAME TO {view}")


def _unregister(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> None:
    """Let go of registered frames, so a loop over shards holds one shard's Arrow buffers at a time."""
    for name in names:
        con.unregister(name)


def _with_text_column(reports: pl.DataFrame) -> pl.DataFrame:
    """The staged-rows SQL reads `text`: null where the caller did not give the texts (a full build
    loads them per shard with `load_texts`, an incremental one only has the changed reports')."""
    if "text" in reports.columns:
        return reports
    return reports.with_columns(pl.lit(None, pl.Utf8).alias("text"))


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
    if not info:
        return
    con = _connect(staging)
    try:
        _upsert_build_info(con, info)
    finally:
        con.close()


def _upsert_build_info(con: duckdb.DuckDBPyConnection, info: Mapping[str, object]) -> None:
    rows = [(str(k), None if v is None else str(v)) for k, v in info.items()]
    con.executemany(read_sql("load/upsert_build_info.sql"), rows)


def load_dimensions(
    staging: Path, reports: pl.DataFrame, indicators_csv: Path | None = None
) -> dict[str, int]:
    """Dimensions, dim_report (with supersession) and, when `reports` has `text`, report_text: one
    transaction. Without `text`, load the texts (and so their lengths) with `load_texts` afterwards."""
    indicators_csv = indicators_csv or SEEDS_DIR / "indicators.csv"
    indicators = _catalogue_rows(indicators_csv)
    with_text = "text" in reports.columns
    reports = _with_text_column(reports)
    con = _connect(staging)
    try:
        _macros(con)
        _register(con, {"stg_reports": reports, "stg_indicators": indicators})
        con.execute("BEGIN")
        run_sql(con, "load/005_staged_rows.sql")
        run_sql(con, "load/010_dimensions.sql")
        run_sql(con, "load/020_reports.sql")
        if with_text:
            _register(con, {"stg_texts": reports.select("report_id", "text")})
            run_sql(con, "load/025_report_text.sql")
        _upsert_build_info(con, build_info_defaults(indicators_csv.parent))
        con.execute("COMMIT")
        return _counts(con, ("dim_town", "dim_year", "dim_indicator", "dim_report"))
    finally:
        con.close()


# Catalogue columns a seeds/indicators.csv may lack (an older copy, or rows added without them):
# missing means no ceiling beyond the value type's own (sql/load/010_dimensions.sql).
OPTIONAL_CATALOGUE_COLUMNS = ("ceiling", "ceiling_basis")


def _catalogue_rows(indicators_csv: Path) -> pl.DataFrame:
    indicators = pl.read_csv(indicators_csv, infer_schema=False)
    return indicators.with_columns(
        pl.lit(None, pl.Utf8).alias(c) for c in OPTIONAL_CATALOGUE_COLUMNS if c not in indicators.columns
    )


def load_texts(staging: Path, batches: Iterable[pl.DataFrame]) -> int:
    """report_text and dim_report.n_chars from (report_id, text) frames, one transaction per frame
    (e.g. per shard): the texts of a 100,000-report corpus are never all in memory. Returns the rows
    inserted."""
    con = _connect(staging)
    try:
        before = _counts(con, ("report_text",))["report_text"]
        _load_in_batches(con)
        for texts in batches:
            _register(con, {"stg_texts": texts.select("report_id", "text")})
            con.execute("BEGIN")
            run_sql(con, "load/025_report_text.sql")
            con.execute("COMMIT")
            _unregister(con, ["stg_texts"])
        return _counts(con, ("report_text",))["report_text"] - before
    finally:
        con.close()


def load_facts(
    staging: Path,
    extraction: Extraction | Iterable[Extraction],
    incremental: bool = False,
    build_info: Mapping[str, object] | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> dict[str, int]:
    """Fact and detail tables, keyed through the dimensions already staged: one transaction per
    extraction given (one per shard in a build, so memory stays flat; the staging file is not
    published before every batch is in and the checks pass, so readers never see part of it).
    `incremental`: one transaction and checkpoint per table instead (see `_run_checkpointed`).
    `build_info`: rows for `build_info` written on the same connection (see `write_build_info`).
    `con`: the caller's open connection to `staging` (see `_session`)."""
    batches = [extraction] if isinstance(extraction, Extraction) else extraction
    names = ("sections", "problems", "mentions", "facts", "unmatched", "flags")
    with _session(staging, con) as con:
        _load_in_batches(con)
        for batch in batches:
            _register(con, {f"stg_{name}": getattr(batch, name) for name in names})
            if incremental:
                _run_checkpointed(con, "load/030_facts.sql")
            else:
                con.execute("BEGIN")
                run_sql(con, "load/030_facts.sql")
                con.execute("COMMIT")
            _unregister(con, [f"stg_{name}" for name in names])
        if build_info:
            _upsert_build_info(con, build_info)
        loaded = con.execute("SELECT count(*) FROM dim_report WHERE status = 'loaded'").fetchall()[0][0]
        return {"loaded_reports": loaded} | _counts(
            con,
            (
                "fact_indicator_value",
                "fact_out_of_range",
                "fact_mention",
                "fact_unmatched_quantity",
                "report_section",
                "report_problem",
                "report_quality_flag",
            ),
        )


# Columns of a reports row that dim_report stores: when they are all equal, so are its extracted rows
# (same bytes and extractor; the catalogue and schema are compared for the whole file). The file's
# modification time is not among them: a touched or copied file keeps its rows, and only its recorded
# time is updated (sql/load/130_update_reports.sql), since it can move supersession.
IDENTITY = ["report_id", "source_path", "content_sha256", "file_size", "extractor_version", "status",
            "reject_reason"]  # fmt: skip
INCREMENTAL_MAX_SHARE = 0.2  # above this share of changed reports a full load is as quick and simpler
MAX_FREE_SHARE = 0.33  # a published file with more free blocks than this is rebuilt in full (compacted)


def changed_reports(
    published: Path, reports: pl.DataFrame, seeds_dir: Path | None = None
) -> pl.DataFrame | None:
    """report_id of every report to (re)load into a copy of `published`, or None when the build must be full.

    `reports` is the reports frame of the whole source folder (the `text` column is not needed).
    Full when there is no usable published file, when it was built with another schema, catalogue,
    storage format or DuckDB, or when more than INCREMENTAL_MAX_SHARE of the reports changed.
    """
    if not published.is_file() or Path(f"{published}.wal").exists():
        return None
    try:
        con = duckdb.connect(str(published), read_only=True)
    except duckdb.Error:
        return None
    try:
        return _changed(con, reports, seeds_dir)
    finally:
        con.close()


def _same_build(con: duckdb.DuckDBPyConnection, seeds_dir: Path | None) -> bool:
    """The open file was built with this schema, catalogue, storage format and DuckDB."""
    want = build_info_defaults(seeds_dir)
    info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
    same = ("catalogue_sha256", "schema_version", "built_with_duckdb", "storage_compatibility_version")
    return all(info.get(k) == want[k] for k in same)


def _changed(
    con: duckdb.DuckDBPyConnection, reports: pl.DataFrame, seeds_dir: Path | None
) -> pl.DataFrame | None:
    try:
        if not _same_build(con, seeds_dir):
            return None
        # deleted rows leave free blocks the file never gives back: compact by a full build past a third
        total, free = con.execute(
            "SELECT total_blocks, free_blocks FROM pragma_database_size() WHERE database_name = current_database()"
        ).fetchall()[0]
        if free > max(MAX_FREE_SHARE * total, 256):  # 256 blocks = 64 MB: small files never bother
            return None
        old = con.sql(read_sql("queries/published_identity.sql")).pl()
    except duckdb.Error:
        return None
    now = reports.select(IDENTITY).cast(old.select(IDENTITY).schema)  # type: ignore[arg-type]
    changed = now.join(old, on=IDENTITY, how="anti", nulls_equal=True).select("report_id")
    removed = old.height - (now.height - changed.height)
    if changed.height + removed > max(1, INCREMENTAL_MAX_SHARE * max(now.height, old.height)):
        return None
    return changed


def spare_usable(spare: Path, seeds_dir: Path | None = None) -> bool:
    """A spare built with this schema, catalogue, storage format and DuckDB (else no use: delete it)."""
    try:
        con = duckdb.connect(str(spare), read_only=True)
    except duckdb.Error:
        return False
    try:
        return _same_build(con, seeds_dir)
    except duckdb.Error:
        return False
    finally:
        con.close()


def begin_incremental(
    target: Path, staging: Path, reports: pl.DataFrame, seeds_dir: Path | None = None
) -> tuple[pl.DataFrame | None, str, duckdb.DuckDBPyConnection | None]:
    """Start `staging` for an incremental build: (report_id of the reports to (re)load, how, an open
    read-write connection to `staging`), or (None, "full", None) when the build must be full.

    First choice, "spare": a file an earlier build published (`publish.take_spare`), which nobody reads
    any more; it is brought up to date in place, so only what changed since it was published is
    written. Refused when DuckDB cannot open it read-write (a reader still holds it) or when it is
    too far behind; it is then dropped. Second choice, "copy": a copy of the published file.

    The connection is the one the incremental build runs on (`update_reports`, then after
    `reopen_staging` `load_facts`, `create_views` and `publish_summary` take it as `con`;
    `close_staging` ends it): each connection to a 10,000-report file costs ~25 ms to open.
    """
    if publish.take_spare(target, staging):
        changed = None
        try:
            con = _connect(staging)  # read-write: DuckDB refuses while a reader holds the file
        except duckdb.Error:
            con = None
        if con is not None:
            try:
                changed = _changed(con, reports, seeds_dir)
            finally:
                if changed is None:
                    con.close()
        if changed is not None:
            return changed, "spare", con
        for leftover in (staging, Path(f"{staging}.wal")):
            leftover.unlink(missing_ok=True)  # a reader keeps its open file; the name goes
    changed = changed_reports(target, reports, seeds_dir)
    if changed is None:
        return None, "full", None
    copy_published(target, staging)
    return changed, "copy", _connect(staging)


def copy_published(published: Path, staging: Path) -> None:
    """Start the staging file as a copy of the published one (the published file is only read)."""
    for stale in (staging, Path(f"{staging}.wal")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(published, staging)


def update_reports(
    staging: Path,
    reports: pl.DataFrame,
    changed: pl.DataFrame,
    indicators_csv: Path | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> dict[str, int]:
    """Replace the changed reports' rows in a copy of the published file; drop the deleted reports.

    `reports`: every report of the source folder, with `text` for the changed ones (null elsewhere).
    One transaction and checkpoint per statement (`_run_checkpointed`): DuckDB checks foreign keys
    against committed rows, and the file must not grow; the staging file is not published before all
    of them and the checks succeed, so readers never see a middle state.
    `con`: the caller's open connection to `staging` (see `_session`).
    """
    indicators_csv = indicators_csv or SEEDS_DIR / "indicators.csv"
    with _session(staging, con) as con:
        _macros(con)
        reports = _with_text_column(reports)
        texts = reports.select("report_id", "text").join(changed, on="report_id", how="semi")
        _register(con, {"stg_reports": reports, "stg_changed": changed, "stg_texts": texts})
        con.execute(read_sql("queries/gone_reports.sql"))
        _load_in_batches(con)
        run_sql(con, "load/005_staged_rows.sql")
        _evaluate_once(con, ("stg_dim_year", "stg_dim_town", "stg_dim_report"))
        for step in (
            "load/110_forget_details.sql",
            "load/120_forget_reports.sql",  # DuckDB checks foreign keys against committed rows only
            "load/130_update_reports.sql",
            "load/025_report_text.sql",
        ):
            _run_checkpointed(con, step)
        _upsert_build_info(con, build_info_defaults(indicators_csv.parent))
        return _counts(con, ("dim_town", "dim_year", "dim_indicator", "dim_report"))


def publish_summary(staging: Path, con: duckdb.DuckDBPyConnection | None = None) -> tuple[pl.DataFrame, int]:
    """(reports per status, facts in v_facts) of a staged file: what a build reports having published.
    `con`: an open connection to it (else one is opened read-only)."""
    with _session(staging, con, read_only=True) as session:
        rows = session.sql(read_sql("queries/publish_summary.sql")).pl()
    facts = int(rows["facts"][0]) if rows.height else 0
    return rows.select("status", "reports"), facts


def top_indicators(staging: Path) -> pl.DataFrame:
    """Facts and median value per indicator in a staged file (run metadata for the Dagster UI)."""
    con = duckdb.connect(str(staging), read_only=True)
    try:
        return con.sql(read_sql("queries/top_indicators.sql")).pl()
    finally:
        con.close()


def _counts(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> dict[str, int]:
    # fetchall: duckdb 2 refuses other work on a connection while a result is only partly fetched
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables}


def create_views(staging: Path, recreate: bool = True, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """Derived tables, analyst views (`sql/views/`), the generated wide view, every comment; then
    CHECKPOINT, no WAL left. The derived tables (`sql/load/040_derived.sql`) precompute what the
    YoY and cross-town views show, so those views answer in milliseconds at 10,000 reports.
    `recreate=False` (an incremental copy of a file built with the same SQL and catalogue, after
    `update_reports`) keeps the copied views and comments and refreshes only the derived rows of the
    town-years `update_reports` touched. `con`: the caller's open connection (see `_session`); the
    caller then closes it with `close_staging`, which checks that no WAL is left."""
    with _session(staging, con) as session:
        scope = "load/034_derived_scope_all.sql" if recreate else "load/134_derived_scope_touched.sql"
        run_sql(session, scope)
        run_sql(session, "load/035_derived_rows.sql")
        if recreate:
            run_sql(session, "load/040_derived.sql")
        else:
            _load_in_batches(session)
            _run_checkpointed(session, "load/140_refresh_derived.sql")
        if recreate:
            run_folder(session, "views")
            columns = session.execute(read_sql("queries/wide_columns.sql")).fetchone()[0]  # type: ignore[index]
            session.execute(read_sql("templates/v_town_year_wide.sql").replace("{columns}", columns))
            run_folder(session, "comments")
            wide_comments = session.execute(read_sql("queries/wide_comments.sql")).fetchone()[0]  # type: ignore[index]
            if wide_comments:
                session.execute(wide_comments)
        session.execute("CHECKPOINT")
    if con is None:
        _no_wal_left(staging)


def stage(
    staging: Path,
    extraction: Extraction,
    indicators_csv: Path | None = None,
    build_info: Mapping[str, object] | None = None,
    published: Path | None = None,
) -> dict[str, int]:
    """The whole staging step in one call (tests, scripts, or a runner that wants one step).

    With `published`, only the reports that differ from it are loaded (when `changed_reports` allows).
    """
    seeds = (indicators_csv or SEEDS_DIR / "indicators.csv").parent
    changed = changed_reports(published, extraction.reports, seeds) if published else None
    if changed is None:
        create_schema(staging)
        counts = load_dimensions(staging, extraction.reports, indicators_csv)
        counts |= load_facts(staging, extraction)
    else:
        copy_published(published, staging)  # type: ignore[arg-type]
        texts = extraction.reports.join(changed, on="report_id", how="semi").select("report_id", "text")
        reports = extraction.reports.drop("text").join(texts, on="report_id", how="left")
        counts = update_reports(staging, reports, changed, indicators_csv)
        counts |= load_facts(staging, only_reports(extraction, changed))
    if build_info:
        write_build_info(staging, build_info)
    create_views(staging, recreate=changed is None)
    return counts


def only_reports(extraction: Extraction, report_ids: pl.DataFrame) -> Extraction:
    """The rows of an extraction that belong to some reports (an incremental load's batch)."""
    return Extraction(
        *(
            getattr(extraction, f).join(report_ids, on="report_id", how="semi")
            for f in Extraction.__dataclass_fields__
        )
    )


def file_size(path: Path) -> int:
    return os.stat(path).st_size if path.exists() else 0
