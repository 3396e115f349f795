"""One asset per layer: raw files -> reports -> sections/mentions -> facts -> staged warehouse -> published file."""

import time
from pathlib import Path

import dagster as dg
import polars as pl

from dagster_project.resources import FazhiConfig, Progress
from etl.catalogue import SEEDS_DIR, load_catalogue
from etl.discover import discover
from etl.pipeline import Extraction, facts_frame, flags_frame, ingest_files, mentions_frame, sections_frame
from warehouse import build, publish

DUCKDB_POOL = "fazhi_duckdb"  # every asset writing the warehouse file runs in this pool: one at a time
EXTRACT = "extract"
WAREHOUSE = "warehouse"


@dg.asset(group_name=EXTRACT, kinds={"python", "polars"}, owners=["team:fazhi"])
def normalised_reports(
    context: dg.AssetExecutionContext, fazhi: FazhiConfig, progress: Progress
) -> pl.DataFrame:
    """Every file under the source folder, decoded and normalised, with town/year identity or a reject reason."""
    source = fazhi.source_path()
    files, skipped = discover(source)
    progress.say(f"reading {len(files)} files from {source}")
    reports = ingest_files(files, skipped)
    loaded = reports.filter(pl.col("status") == "loaded").height
    context.add_output_metadata(
        {
            "source_dir": str(source),
            "files": reports.height,
            "loaded": loaded,
            "rejected": reports.height - loaded,
            "dagster/row_count": reports.height,
        }
    )
    progress.say(f"normalised {loaded} reports, rejected {reports.height - loaded}")
    return reports


@dg.asset(group_name=EXTRACT, kinds={"python", "polars"}, owners=["team:fazhi"])
def report_sections(
    context: dg.AssetExecutionContext, normalised_reports: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    """Top-level sections of each report, classified; shortcoming items with themes."""
    sections, problems = sections_frame(normalised_reports)
    context.add_output_metadata({"sections": sections.height, "problem_items": problems.height})
    return {"sections": sections, "problems": problems}


@dg.asset(group_name=EXTRACT, kinds={"python", "polars"}, owners=["team:fazhi"])
def quantity_mentions(
    context: dg.AssetExecutionContext,
    fazhi: FazhiConfig,
    progress: Progress,
    normalised_reports: pl.DataFrame,
) -> pl.DataFrame:
    """Every quantity in every loaded report, matched to a catalogue code where one fits."""
    mentions = mentions_frame(normalised_reports, load_catalogue(fazhi.seeds_path()))
    progress.say(f"found {mentions.height} quantities")
    context.add_output_metadata({"dagster/row_count": mentions.height})
    return mentions


@dg.asset(group_name=EXTRACT, kinds={"python", "polars"}, owners=["team:fazhi"])
def indicator_facts(
    context: dg.AssetExecutionContext,
    fazhi: FazhiConfig,
    normalised_reports: pl.DataFrame,
    quantity_mentions: pl.DataFrame,
) -> dict[str, pl.DataFrame]:
    """One fact per report × indicator (mentions counted), the unmatched quantities, and quality flags."""
    facts, unmatched = facts_frame(quantity_mentions, load_catalogue(fazhi.seeds_path()))
    flags = flags_frame(normalised_reports, facts)
    loaded = max(1, normalised_reports.filter(pl.col("status") == "loaded").height)
    context.add_output_metadata(
        {
            "facts": facts.height,
            "facts_per_report": round(facts.height / loaded, 2),
            "unmatched_share": round(unmatched.height / max(1, quantity_mentions.height), 3),
            "dagster/row_count": facts.height,
        }
    )
    return {"facts": facts, "unmatched": unmatched, "flags": flags}


@dg.asset(group_name=WAREHOUSE, kinds={"duckdb"}, owners=["team:fazhi"], pool=DUCKDB_POOL)
def warehouse_dimensions(
    context: dg.AssetExecutionContext,
    fazhi: FazhiConfig,
    progress: Progress,
    normalised_reports: pl.DataFrame,
) -> str:
    """A fresh staging file with the star schema and its dimensions (town, year, indicator, report)."""
    staging = publish.staging_path(fazhi.warehouse_path())
    build.create_schema(staging)
    seeds = fazhi.seeds_path() or SEEDS_DIR
    counts = build.load_dimensions(staging, normalised_reports, seeds / "indicators.csv")
    progress.say(f"staged dimensions in {staging.name}: {counts}")
    context.add_output_metadata({"staging_file": str(staging), **counts})
    return str(staging)


@dg.asset(group_name=WAREHOUSE, kinds={"duckdb"}, owners=["team:fazhi"], pool=DUCKDB_POOL)
def warehouse_facts(
    context: dg.AssetExecutionContext,
    progress: Progress,
    warehouse_dimensions: str,
    normalised_reports: pl.DataFrame,
    report_sections: dict[str, pl.DataFrame],
    quantity_mentions: pl.DataFrame,
    indicator_facts: dict[str, pl.DataFrame],
) -> str:
    """Fact table and detail tables loaded into the staging file."""
    extraction = Extraction(
        reports=normalised_reports,
        sections=report_sections["sections"],
        problems=report_sections["problems"],
        mentions=quantity_mentions,
        facts=indicator_facts["facts"],
        unmatched=indicator_facts["unmatched"],
        flags=indicator_facts["flags"],
    )
    counts = build.load_facts(Path(warehouse_dimensions), extraction)
    progress.say(f"loaded {counts['fact_indicator_value']} facts")
    context.add_output_metadata(counts)
    return warehouse_dimensions


@dg.asset(group_name=WAREHOUSE, kinds={"duckdb", "sql"}, owners=["team:fazhi"], pool=DUCKDB_POOL)
def warehouse_views(context: dg.AssetExecutionContext, warehouse_facts: str) -> str:
    """Analyst views (sql/views), the generated wide view and every comment; checkpointed, ready to check."""
    build.create_views(Path(warehouse_facts))
    context.add_output_metadata({"staging_file": warehouse_facts})
    return warehouse_facts


@dg.asset(group_name=WAREHOUSE, kinds={"duckdb"}, owners=["team:fazhi"], pool=DUCKDB_POOL)
def published_warehouse(
    context: dg.AssetExecutionContext, fazhi: FazhiConfig, progress: Progress, warehouse_views: str
) -> dg.MaterializeResult:
    """The checked staging file atomically replaces the published warehouse; the old one is kept as a version."""
    target = fazhi.warehouse_path()
    started = time.monotonic()
    kept = publish.publish(Path(warehouse_views), target)
    progress.say(f"published {target}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(target)),
            "size_bytes": target.stat().st_size,
            "previous_version": str(kept) if kept else "none",
            "publish_seconds": round(time.monotonic() - started, 3),
        }
    )


ALL_ASSETS = [
    normalised_reports,
    report_sections,
    quantity_mentions,
    indicator_facts,
    warehouse_dimensions,
    warehouse_facts,
    warehouse_views,
    published_warehouse,
]
