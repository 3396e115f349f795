"""One asset per layer: raw files -> reports -> sections -> mentions -> facts -> staged warehouse -> published file.

The five extraction assets are partitioned by shard (a stable hash of the report's relative path,
`etl.parallel.shard_of`): a changed file re-runs one shard, never the corpus. Inside a shard they
are incremental: a report whose build key (content hash, extractor version, catalogue) is unchanged
is carried over from the shard's previous output instead of being extracted again. They run many
shards in ONE run (`BackfillPolicy.single_run()`), and spread the work over all cores (`etl.parallel`).

The four warehouse assets are not partitioned: they stage a complete new DuckDB file from every
shard, the blocking checks (checks.py) audit it, and only then `published_warehouse` swaps it in.
The first three (dimensions, facts, views) are materialised by one step, `warehouse_staging`.
"""

import contextlib
import json
import shutil
import time
import warnings
from collections import ChainMap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import polars as pl

from dagster_project import changes, storage
from dagster_project.resources import FazhiConfig, Progress
from dagster_project.storage import Shards
from etl import parallel
from etl.catalogue import load_catalogue
from etl.pipeline import (
    REPORTS_SCHEMA,
    Extraction,
    facts_frame,
    flags_frame,
    mentions_frame,
    sections_frame,
)
from warehouse import build, publish
from warehouse.faults import pause_point
from warehouse.state import catalogue_fingerprint

warnings.filterwarnings("ignore", category=dg.BetaWarning)  # backfill_policy is marked beta in 1.13

SHARDS = dg.StaticPartitionsDefinition(parallel.shard_keys())
DUCKDB_POOL = "fazhi_duckdb"  # every asset writing a warehouse file runs in this pool: one at a time
EXTRACT, WAREHOUSE = "extract", "warehouse"
# the staged file, checked before it is published (dagster_project/checks.py audits this asset;
# `published_warehouse` takes it by this name as its parameter)
STAGED_VIEWS = "warehouse_views"
OWNERS = ["team:fazhi"]
SINGLE_RUN = dg.BackfillPolicy.single_run()  # a backfill of all 16 shards is one run, not 16
STALE_STAGING_SECONDS = 6 * 3600


def markdown_table(frame: pl.DataFrame, limit: int = 10) -> dg.MetadataValue:
    """A small Markdown table for the UI (cells clipped, pipes escaped)."""
    head = frame.head(limit)
    if head.is_empty():
        return dg.MetadataValue.md("_none_")
    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * head.width]
    for row in head.iter_rows():
        cells = ("" if v is None else str(v).replace("|", "\\|").replace("\n", " ")[:60] for v in row)
        lines.append("| " + " | ".join(cells) + " |")
    return dg.MetadataValue.md("\n".join(lines))


def _table(frames: Any, name: str, columns: list[str] | None = None) -> pl.DataFrame:
    """One table of one shard, read without being kept (a loop over every shard holds one at a time).

    `frames` is a shard's `ShardTables`, a `ChainMap` of them (`_merge`), or a plain dict of frames.
    """
    for tables in frames.maps if isinstance(frames, ChainMap) else [frames]:
        if name not in tables:
            continue
        if isinstance(tables, storage.ShardTables):
            return tables.columns(name, columns) if columns else tables.table(name)
        return tables[name].select(columns) if columns else tables[name]
    raise KeyError(name)


def _of_reports(
    frames: Any, name: str, report_ids: pl.DataFrame, columns: list[str] | None = None
) -> pl.DataFrame:
    """The rows of some reports in one table of one shard (see `ShardTables.of_reports`)."""
    for tables in frames.maps if isinstance(frames, ChainMap) else [frames]:
        if name not in tables:
            continue
        if isinstance(tables, storage.ShardTables):
            return tables.of_reports(name, report_ids, columns)
        return tables[name].join(report_ids, on="report_id", how="semi").select(columns or "*")
    raise KeyError(name)


def _all(shards: Shards, table: str, columns: list[str] | None = None) -> pl.DataFrame:
    """One table over every shard (only `columns` of it, when given: never the texts by accident)."""
    return pl.concat(
        [_table(s, table, columns) for s in shards.values() if table in s], how="diagonal_relaxed"
    )


def _digest(frames: Any) -> str:
    """`changes.keys_digest` of a shard's keys (from its digest file when it was read from the cache)."""
    if isinstance(frames, storage.ShardTables):
        return frames.digest()
    return changes.keys_digest(frames["keys"])


def _merge(primary: Shards, *others: tuple[str, Shards]) -> Shards:
    """Inputs of a step that reads two layers; both must come from the same file versions."""
    merged: Shards = {}
    for shard, frames in primary.items():
        digest = _digest(frames)
        for name, other in others:
            if _digest(other[shard]) != digest:
                raise dg.Failure(
                    f"shard {shard}: {name} was built from other file versions than its sibling layer; "
                    "materialise every extraction asset for that shard"
                )
        # a lazy view (tables are read when used); `keys` resolves to the primary's
        merged[shard] = ChainMap(frames, *(other[shard] for _, other in others))
    return merged


# New reports computed in one go. Each batch's shards are written to the cache as soon as they are
# done, so a 100,000-report build holds about this many reports' frames, never the corpus. Big enough
# that the worker pool stays busy (8 chunks of ~500 reports on 2 cores).
BATCH_REPORTS = 4000


def _incremental(
    context: dg.AssetExecutionContext,
    cache: Path,
    upstream: Shards,
    inputs: tuple[str, ...],
    compute: Callable[[dict[str, pl.DataFrame]], dict[str, pl.DataFrame]],
    on_progress: Callable[[int, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> tuple[Shards, int, int]:
    """Run `compute` on the reports whose build key is new to each shard; carry the others over.

    Returns (shards, reports computed, reports carried over); the shards are already written to the
    cache (`storage.write_shard`) and come back as lazy `ShardTables`. Shards are computed in batches
    of about BATCH_REPORTS new reports. A shard whose file versions are exactly those of its previous
    output is not rewritten. Reports no longer in the upstream keys (deleted or moved files) drop out.
    """
    asset = context.asset_key.to_user_string()
    shards = list(context.partition_keys)
    out: Shards = {}
    todo: dict[str, pl.DataFrame] = {}
    previous: dict[str, storage.ShardTables | None] = {}
    total = 0
    for shard in shards:
        keys = upstream[shard]["keys"]
        total += keys.height
        prev = previous[shard] = storage.read_shard(cache, asset, shard)
        if prev is None:
            todo[shard] = keys.select("report_id")
            continue
        if prev.digest() == changes.keys_digest(keys):
            out[shard] = prev  # same file versions: nothing to compute, nothing to rewrite
            continue
        todo[shard] = keys.join(prev["keys"], on=["report_id", "build_key"], how="anti").select("report_id")
    n_todo = sum(t.height for t in todo.values())
    if on_start is not None:
        on_start(n_todo)
    batches: list[list[str]] = [[]]
    for shard in todo:
        if batches[-1] and sum(todo[s].height for s in batches[-1]) + todo[shard].height > BATCH_REPORTS:
            batches.append([])
        batches[-1].append(shard)
    done = 0
    for batch_shards in (b for b in batches if b):
        ids = pl.concat([todo[s] for s in batch_shards])
        batch = {
            name: pl.concat(
                [_of_reports(upstream[s], name, todo[s]) for s in batch_shards], how="diagonal_relaxed"
            )
            for name in inputs
        }
        computed = compute(batch)
        del batch
        for shard in batch_shards:
            prev, new_ids = previous[shard], todo[shard]
            keys = upstream[shard]["keys"]
            keep = keys.select("report_id").join(new_ids, on="report_id", how="anti")
            tables: dict[str, pl.DataFrame] = {}
            for name, frame in computed.items():
                new = frame.join(new_ids, on="report_id", how="semi")
                if prev is None or name not in prev:
                    tables[name] = new
                    continue
                old = prev.table(name).join(keep, on="report_id", how="semi")
                tables[name] = pl.concat([old, new], how="diagonal_relaxed")
            tables["keys"] = keys
            storage.write_shard(cache, asset, shard, tables)
            out[shard] = storage.read_shard(cache, asset, shard)
        done += ids.height
        if on_progress is not None:
            on_progress(done, n_todo)
    return {s: out[s] for s in shards}, n_todo, total - n_todo


def _every_quarter(progress: Progress, verb: str) -> Callable[[int, int], None]:
    """A progress callback that speaks at 25 %, 50 % and 75 % of a long step."""
    said: set[int] = set()

    def report(done: int, total: int) -> None:
        quarter = 4 * done // max(1, total)
        if 0 < quarter < 4 and quarter not in said:
            said.add(quarter)
            progress.say(f"{verb} {done}/{total} files")

    return report


def _extraction_asset(**kwargs: object) -> Callable:
    return dg.asset(
        partitions_def=SHARDS,
        backfill_policy=SINGLE_RUN,
        io_manager_key="shard_io",
        group_name=EXTRACT,
        owners=OWNERS,
        **kwargs,
    )


def _rows(shards: Shards, table: str) -> int:
    """Rows of a table over every shard, from the Parquet footers (nothing is loaded)."""
    return sum(
        s.rows(table) if isinstance(s, storage.ShardTables) else s[table].height for s in shards.values()
    )


def _stats(shards: Shards, table: str, computed: int, carried: int, seconds: float) -> dict[str, object]:
    rows = _rows(shards, table)
    return {
        "dagster/row_count": rows,
        "shards": ", ".join(shards),
        "reports_extracted": computed,
        "reports_carried_over": carried,
        "seconds": round(seconds, 2),
    }


@_extraction_asset(kinds={"python", "parquet"})
def raw_files(context: dg.AssetExecutionContext, fazhi: FazhiConfig, progress: Progress) -> Shards:
    """Manifest of the source folder for these shards: path, size, mtime, sha256 and the build key.

    A file is hashed only when its size or mtime differ from the previous manifest.
    """
    started = time.monotonic()
    source, cache = fazhi.source_path(), fazhi.cache_path()
    metadata = fazhi.metadata()
    stamps = changes.scan(source, use_handoff=True, metadata=metadata)  # `fazhi build`'s walk, if any
    catalogue = catalogue_fingerprint(fazhi.seeds_path())
    out: Shards = {}
    for shard in context.partition_keys:
        prev = storage.read_shard(cache, changes.RAW_ASSET, shard)
        m = changes.manifest(
            stamps.filter(pl.col("shard") == shard),
            source,
            catalogue,
            prev["manifest"] if prev else None,
            metadata,
        )
        out[shard] = {"manifest": m, "keys": m.select("report_id", "build_key")}
    files = _all(out, "manifest")
    progress.say(f"scanned {source}: {stamps.height} files, {files.height} in {len(out)} shard(s)")
    context.add_output_metadata(
        {
            "dagster/row_count": files.height,
            "source_dir": dg.MetadataValue.path(str(source)),
            "shards": ", ".join(out),
            "bytes": int(files["file_size"].sum() or 0),
            "skipped_by_discovery": files.filter(pl.col("skip_reason").is_not_null()).height,
            "preview": markdown_table(
                files.select("source_path", "file_size", "skip_reason", "content_sha256")
            ),
            "seconds": round(time.monotonic() - started, 2),
        }
    )
    return out


@_extraction_asset(kinds={"python", "polars", "parquet"})
def normalised_reports(
    context: dg.AssetExecutionContext, fazhi: FazhiConfig, progress: Progress, raw_files: Shards
) -> Shards:
    """Every file decoded and normalised, with town/year identity, or a 'rejected' row saying why."""
    started = time.monotonic()
    root = str(fazhi.source_path())

    def compute(batch: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
        return {"reports": parallel.map_frame(parallel.ingest_manifest, batch["manifest"], root)}

    def announce(todo: int) -> None:
        cores = parallel.worker_count() if todo >= parallel.MIN_PARALLEL_ROWS else 1
        progress.say(f"decoding and normalising {todo} new or changed files on {cores} core(s)")

    out, done, kept = _incremental(
        context,
        fazhi.cache_path(),
        raw_files,
        ("manifest",),
        compute,
        _every_quarter(progress, "normalised"),
        on_start=announce,
    )
    light = ["source_path", "status", "reject_reason", "town", "county", "report_year", "script"]
    reports = _all(out, "reports", light)
    rejected = reports.filter(pl.col("status") == "rejected")
    unidentified = int((reports["status"] == "unidentified").sum())
    loaded = reports.height - rejected.height - unidentified
    progress.say(f"reports: {loaded} loaded, {unidentified} unidentified, {rejected.height} rejected")
    context.add_output_metadata(
        {
            **_stats(out, "reports", done, kept, time.monotonic() - started),
            "loaded": loaded,
            "unidentified": unidentified,
            "rejected": rejected.height,
            "rejected_files": markdown_table(rejected.select("source_path", "reject_reason")),
            "preview": markdown_table(
                reports.filter(pl.col("status") == "loaded").select("town", "county", "report_year", "script")
            ),
        }
    )
    return out


@_extraction_asset(kinds={"python", "polars", "parquet"})
def report_sections(
    context: dg.AssetExecutionContext, fazhi: FazhiConfig, normalised_reports: Shards
) -> Shards:
    """The four standard parts of each report (and other sections), and the shortcoming items."""
    started = time.monotonic()

    def compute(batch: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
        sections, problems = parallel.map_frame(sections_frame, batch["reports"])
        return {"sections": sections, "problems": problems}

    out, done, kept = _incremental(context, fazhi.cache_path(), normalised_reports, ("reports",), compute)
    sections = _all(out, "sections", ["section_type"])
    context.add_output_metadata(
        {
            **_stats(out, "sections", done, kept, time.monotonic() - started),
            "problem_items": _rows(out, "problems"),
            "section_types": markdown_table(
                sections.group_by("section_type").len().sort("len", descending=True)
            ),
        }
    )
    return out


@_extraction_asset(kinds={"python", "polars", "parquet"})
def quantity_mentions(
    context: dg.AssetExecutionContext, fazhi: FazhiConfig, progress: Progress, normalised_reports: Shards
) -> Shards:
    """Every quantity in every loaded report, matched to a catalogue code where one fits."""
    started = time.monotonic()
    catalogue = load_catalogue(fazhi.seeds_path())

    def compute(batch: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
        return {"mentions": parallel.map_frame(mentions_frame, batch["reports"], catalogue)}

    out, done, kept = _incremental(
        context,
        fazhi.cache_path(),
        normalised_reports,
        ("reports",),
        compute,
        _every_quarter(progress, "searched"),
    )
    codes = _all(out, "mentions", ["indicator_code"])
    progress.say(f"quantities: {codes.height} found")
    matched = codes.filter(pl.col("indicator_code").is_not_null()).height
    first = next((s for s in out.values() if s.rows("mentions")), None)
    preview = ["indicator_code", "value", "unit_raw", "qualifier", "evidence"]
    context.add_output_metadata(
        {
            **_stats(out, "mentions", done, kept, time.monotonic() - started),
            "matched_share": round(matched / max(1, codes.height), 3),
            "preview": markdown_table(
                _table(first, "mentions", preview) if first is not None else pl.DataFrame()
            ),
        }
    )
    return out


@_extraction_asset(kinds={"python", "polars", "parquet"})
def indicator_facts(
    context: dg.AssetExecutionContext,
    fazhi: FazhiConfig,
    normalised_reports: Shards,
    quantity_mentions: Shards,
) -> Shards:
    """One fact per report × indicator (mentions counted), the unmatched quantities, and quality flags."""
    started = time.monotonic()
    catalogue = load_catalogue(fazhi.seeds_path())
    upstream = _merge(quantity_mentions, ("normalised_reports", normalised_reports))

    def compute(batch: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
        facts, unmatched = facts_frame(batch["mentions"], catalogue)
        return {"facts": facts, "unmatched": unmatched, "flags": flags_frame(batch["reports"], facts)}

    out, done, kept = _incremental(context, fazhi.cache_path(), upstream, ("mentions", "reports"), compute)
    facts, flags = _all(out, "facts", ["indicator_code"]), _all(out, "flags", ["flag"])
    n_unmatched = _rows(out, "unmatched")
    loaded = _all(normalised_reports, "reports", ["status"]).filter(pl.col("status") == "loaded").height
    top = facts.group_by("indicator_code").len("facts").sort("facts", descending=True)
    context.add_output_metadata(
        {
            **_stats(out, "facts", done, kept, time.monotonic() - started),
            "facts_per_report": round(facts.height / max(1, loaded), 2),
            "unmatched_share": round(n_unmatched / max(1, n_unmatched + facts.height), 3),
            "flags": flags.height,
            "top_indicators": markdown_table(top),
            "flags_by_type": markdown_table(flags.group_by("flag").len().sort("len", descending=True)),
        }
    )
    return out


EXTRACTION_ASSETS = [raw_files, normalised_reports, report_sections, quantity_mentions, indicator_facts]


# ---------------------------------------------------------------- warehouse (unpartitioned)


def staging_for(target: Path, run_id: str) -> Path:
    """A staging file per run beside the target (same filesystem, so the publish is an atomic rename)."""
    return target.with_name(f".{target.name}.{run_id[:8]}.staging")


def _remove_stale_staging(target: Path) -> None:
    """Staging files (their .wal, DuckDB's .tmp spill folder) left by crashed runs; recent ones may
    belong to a run still going."""
    now = time.time()
    for suffix in ("", ".wal", build.SPILL_SUFFIX):
        for old in target.parent.glob(f".{target.name}.*.staging{suffix}"):
            with contextlib.suppress(OSError):
                if now - old.stat().st_mtime <= STALE_STAGING_SECONDS:
                    continue
                if old.is_dir():
                    shutil.rmtree(old)
                else:
                    old.unlink()


def _warehouse_asset(**kwargs: object) -> Callable:
    return dg.asset(
        group_name=WAREHOUSE, owners=OWNERS, pool=DUCKDB_POOL, backfill_policy=SINGLE_RUN, **kwargs
    )


def _current_reports(raw_files: Shards, normalised_reports: Shards, columns: list[str]) -> pl.DataFrame:
    """The reports frame of the whole folder, with each file's modification time as it is NOW.

    A report carried over from the shard cache (same bytes: same build key) keeps the time it had when
    it was extracted; the raw_files manifest has the current one. Without it, a touched file would be
    recorded with its old time and look changed to every later build."""
    reports = _all(normalised_reports, "reports", columns)
    stamps = _all(raw_files, "manifest", ["report_id", "file_mtime_ns"])
    return reports.drop("file_mtime_ns").join(stamps, on="report_id", how="left").select(reports.columns)


def _stage_dimensions(
    context: dg.AssetExecutionContext,
    fazhi: FazhiConfig,
    progress: Progress,
    raw_files: Shards,
    normalised_reports: Shards,
) -> tuple[dict[str, str], duckdb.DuckDBPyConnection | None, dict[str, object]]:
    """A new staging file with the star schema and its dimensions (town, year, indicator, report).

    When few reports changed since the published file, the staging file starts as a spare (a file
    published earlier that nobody reads any more) or else a copy of the published file, and only the
    reports that differ from it are replaced (`warehouse.build.begin_incremental`): one added report
    costs a small load, not a re-load of every report nor a copy of the whole file. Returns the
    staging description, the connection an incremental build keeps open, and the asset's metadata.
    """
    pause_point("extract")
    parallel.shutdown_pool()  # extraction is over: the idle workers' ~400 MB would add to the load's peak
    target = fazhi.warehouse_path()
    _remove_stale_staging(target)
    staging = staging_for(target, context.run.run_id)
    indicators = fazhi.seeds_path() / "indicators.csv"
    light = [c for c in REPORTS_SCHEMA if c != "text"]
    reports = _current_reports(raw_files, normalised_reports, light)
    changed, start, con = build.begin_incremental(target, staging, reports, fazhi.seeds_path())
    if changed is None:  # the texts (and their lengths in dim_report) are loaded one shard at a time
        build.create_schema(staging)
        counts = build.load_dimensions(staging, reports, indicators)
        del reports
        texts = (_table(s, "reports", ["report_id", "text"]) for s in normalised_reports.values())
        counts["report_text"] = build.load_texts(staging, texts)
    else:  # texts only of the changed reports, read only from the shards that hold them
        try:
            texts = [
                _of_reports(normalised_reports[shard], "reports", changed, ["report_id", "text"])
                for shard in _shards_holding(reports, changed)
            ]
            if texts:
                reports = reports.join(pl.concat(texts), on="report_id", how="left")
            counts = build.update_reports(staging, reports, changed, indicators, con=con)
        except BaseException:
            if con is not None:  # the step fails; its staging file goes (build.py), its connection too
                con.close()
            raise
    mode = "full" if changed is None else f"incremental from a {start} ({changed.height} reports replaced)"
    progress.say(f"staged dimensions ({mode}): {', '.join(f'{k} {v}' for k, v in counts.items())}")
    staged = {
        "staging": str(staging),
        "target": str(target),
        "changed": "" if changed is None else "\n".join(changed["report_id"].to_list()),
        "shards": ",".join(_shards_holding(reports, changed)) if changed is not None else "",
        "mode": "full" if changed is None else "incremental",
    }
    return staged, con, {"staging_file": str(staging), "load": mode, **counts}


def _shards_holding(reports: pl.DataFrame, ids: pl.DataFrame) -> list[str]:
    """The shards of some reports (a report's shard follows from its path, `etl.parallel.shard_of`)."""
    paths = reports.join(ids, on="report_id", how="semi")["source_path"].to_list()
    return sorted({parallel.shard_of(p) for p in paths})


def _stage_facts(
    fazhi: FazhiConfig,
    progress: Progress,
    staged: dict[str, str],
    con: duckdb.DuckDBPyConnection | None,
    inputs: dict[str, Shards],
) -> dict[str, object]:
    """Fact and detail tables loaded into the staging file, from every shard (or, when the staging file
    is an incremental copy, from the shards holding the changed reports, and only their rows).
    Returns the asset's metadata."""
    normalised_reports = inputs["normalised_reports"]
    shards = list(normalised_reports)
    changed = None
    if staged.get("mode") == "incremental":
        ids = [i for i in staged["changed"].split("\n") if i]
        changed = pl.DataFrame({"report_id": ids}, schema={"report_id": pl.Utf8})
        shards = [k for k in staged["shards"].split(",") if k]
    merged = _merge(
        {k: normalised_reports[k] for k in shards},
        *((name, inputs[name]) for name in ("report_sections", "quantity_mentions", "indicator_facts")),
    )
    tables = ("sections", "problems", "mentions", "facts", "unmatched", "flags")
    no_reports = pl.DataFrame(schema={"report_id": pl.Utf8})  # load_facts keys rows through dim_report

    def batches() -> Iterator[Extraction]:
        """One shard at a time: a 100,000-report build never holds every shard's rows."""
        for shard in merged.values():
            if changed is None:
                yield Extraction(reports=no_reports, **{name: _table(shard, name) for name in tables})
            else:
                yield Extraction(reports=no_reports, **{n: _of_reports(shard, n, changed) for n in tables})

    staging = Path(staged["staging"])
    counts = build.load_facts(
        staging,
        batches(),
        incremental=changed is not None,
        build_info={"source_dir": str(fazhi.source_path()), "metadata_sha256": fazhi.metadata().digest},
        con=con,
    )
    pause_point("load", staging)
    loaded = counts.pop("loaded_reports")
    n_facts = counts["fact_indicator_value"]
    n_unmatched = counts["fact_unmatched_quantity"]
    progress.say(f"loaded {n_facts} facts from {loaded} reports")
    metadata: dict[str, object] = {
        **counts,
        "dagster/row_count": n_facts,
        "facts_per_report": round(n_facts / max(1, loaded), 2),
        "unmatched_share": round(n_unmatched / max(1, n_unmatched + n_facts), 3),
    }
    if changed is None:  # a full scan of the facts: not worth it for one added report
        metadata["top_indicators"] = markdown_table(build.top_indicators(staging))
    return metadata


@dg.multi_asset(
    name="warehouse_staging",
    outs={
        "warehouse_dimensions": dg.AssetOut(
            kinds={"duckdb"},
            group_name=WAREHOUSE,
            owners=OWNERS,
            description="A new staging file with the star schema and its dimensions (town, year, "
            "indicator, report): a new file, or a spare / copy of the published one with only the "
            "reports that changed replaced.",
        ),
        "warehouse_facts": dg.AssetOut(
            kinds={"duckdb"},
            group_name=WAREHOUSE,
            owners=OWNERS,
            description="Fact and detail tables loaded into the staging file (only the changed "
            "reports' rows when it started from a published file).",
        ),
        STAGED_VIEWS: dg.AssetOut(
            kinds={"duckdb", "sql"},
            group_name=WAREHOUSE,
            owners=OWNERS,
            description="Derived tables, analyst views (sql/views), the generated wide view and every "
            "comment; checkpointed, ready to check.",
        ),
    },
    internal_asset_deps={
        "warehouse_dimensions": {dg.AssetKey("raw_files"), dg.AssetKey("normalised_reports")},
        "warehouse_facts": {
            dg.AssetKey("warehouse_dimensions"),
            dg.AssetKey("normalised_reports"),
            dg.AssetKey("report_sections"),
            dg.AssetKey("quantity_mentions"),
            dg.AssetKey("indicator_facts"),
        },
        STAGED_VIEWS: {dg.AssetKey("warehouse_facts")},
    },
    pool=DUCKDB_POOL,
    backfill_policy=SINGLE_RUN,
)
def warehouse_staging(
    context: dg.AssetExecutionContext,
    fazhi: FazhiConfig,
    progress: Progress,
    raw_files: Shards,
    normalised_reports: Shards,
    report_sections: Shards,
    quantity_mentions: Shards,
    indicator_facts: Shards,
) -> Iterator[dg.Output]:
    """The staging file in one step: dimensions, then facts, then derived tables and views, each
    reported as its own asset. An incremental build opens the file twice (`begin_incremental` for
    the dimensions, `reopen_staging` for facts, views and the publish summary) instead of five
    times in three steps: one added report at 10,000 took ~0.25 s less (bench/RESULTS.md)."""
    staged, con, metadata = _stage_dimensions(context, fazhi, progress, raw_files, normalised_reports)
    staging = Path(staged["staging"])
    try:
        yield dg.Output(dict(staged), output_name="warehouse_dimensions", metadata=metadata)  # type: ignore[arg-type]
        inputs = {
            "normalised_reports": normalised_reports,
            "report_sections": report_sections,
            "quantity_mentions": quantity_mentions,
            "indicator_facts": indicator_facts,
        }
        if con is not None:
            con = build.reopen_staging(con, staging)
        metadata = _stage_facts(fazhi, progress, staged, con, inputs)
        yield dg.Output(dict(staged), output_name="warehouse_facts", metadata=metadata)  # type: ignore[arg-type]
        build.create_views(staging, recreate=staged.get("mode") != "incremental", con=con)
        if con is not None:
            by_status, facts = build.publish_summary(staging, con)
            staged["summary"] = json.dumps({"by_status": dict(by_status.iter_rows()), "facts": facts})
            build.close_staging(con, staging)
            con = None
    finally:
        if con is not None:
            con.close()
    yield dg.Output(staged, output_name=STAGED_VIEWS, metadata={"staging_file": str(staging)})  # type: ignore[arg-type]


@_warehouse_asset(kinds={"duckdb"})
def published_warehouse(
    context: dg.AssetExecutionContext,
    fazhi: FazhiConfig,
    progress: Progress,
    warehouse_views: dict[str, str],
) -> dg.MaterializeResult:
    """The checked staging file atomically replaces the published warehouse; the old one is kept as a version."""
    target, staging = fazhi.warehouse_path(), Path(warehouse_views["staging"])
    started = time.monotonic()
    if "summary" in warehouse_views:  # read on the staging step's own connection
        summary = json.loads(warehouse_views["summary"])
        by_status = pl.DataFrame(
            list(summary["by_status"].items()), schema={"status": pl.Utf8, "reports": pl.Int64}, orient="row"
        )
        facts = int(summary["facts"])
    else:  # the file about to be published, read before the swap
        by_status, facts = build.publish_summary(staging)
    lock = contextlib.nullcontext() if fazhi.runner_holds_lock else publish.build_lock(target, wait=True)
    with lock:
        kept = publish.publish(staging, target)
        published_s = time.monotonic() - started
        progress.say(f"published {target}")
        copied = publish.stock_spares(
            target, usable=lambda spare: build.spare_usable(spare, fazhi.seeds_path())
        )
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(target)),
            "size_bytes": target.stat().st_size,
            "size_mb": round(target.stat().st_size / 1e6, 2),
            "previous_version": str(kept) if kept else "none",
            "reports_by_status": markdown_table(by_status),
            **{f"reports_{status}": int(n) for status, n in by_status.iter_rows()},
            "facts": facts,
            "publish_seconds": round(published_s, 3),
            "spares_copied": copied,
        }
    )


WAREHOUSE_ASSETS = [warehouse_staging, published_warehouse]
ALL_ASSETS = [*EXTRACTION_ASSETS, *WAREHOUSE_ASSETS]
