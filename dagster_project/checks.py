"""Asset checks. Blocking: one per file in sql/checks/, on the staged file; a failure stops the publish.
Warnings: data quality of the published warehouse (few facts per report, reports without a year,
copy-paste towns); they never block, they show up in the UI with the reports concerned.
"""

import dagster as dg
import duckdb
import polars as pl

from dagster_project.assets import markdown_table, published_warehouse, warehouse_views
from dagster_project.resources import FazhiConfig
from warehouse import checks

LOW_FACTS = 3  # a loaded report with fewer catalogue figures than this is "unusually low"
MAX_LOW_SHARE = 0.10  # warn when more than this share of loaded reports is that low

# What to do when a blocking check fails: where to look and what to fix (the check's sample rows name
# the report). Every line ends with "then rebuild; the published warehouse is unchanged".
NEXT_STEP = {
    "facts_within_domain": "the load let an out-of-range value into fact_indicator_value: fix the domain "
    "test in sql/load/030_facts.sql (out-of-range values belong in fact_out_of_range)",
    "views_readable": "a view in sql/views/ (or the generated v_town_year_wide) no longer reads: fix that SQL",
    "loaded_reports_identified": "see v_reports for the file named, fix etl/metadata.py or the source file "
    "(a report must state its town and year)",
    "one_loaded_report_per_town_year": "see v_reports for the town-year named; supersession in "
    "sql/load/020_reports.sql must leave one loaded report",
    "foreign_keys_resolve": "a load step in sql/load/ wrote a row whose report, indicator, town or year "
    "is missing: fix that SQL",
    "keys_unique": "two natural keys share a surrogate key or a fact is duplicated: check the frames from "
    "etl/pipeline.py and sql/load/",
    "values_in_domain": "a coded column holds an undocumented value: align etl/ output with "
    "sql/checks/values_in_domain.sql",
}
DEFAULT_NEXT_STEP = "see the check's sample rows in the Dagster UI and sql/checks/, fix the cause"


def failure_line(result: checks.CheckResult) -> str:
    """One line for a failed blocking check: what failed, an example row, and what to do next."""
    example = f", e.g. {result.sample[0]}"[:140] if result.sample else ""
    rows = "row" if result.violations == 1 else "rows"
    step = NEXT_STEP.get(result.name, DEFAULT_NEXT_STEP)
    line = (
        f"blocking check failed: {result.name} ({result.violations} violating {rows}{example}): "
        f"{result.description or 'see sql/checks/'} — {step}, then rebuild; the published warehouse is unchanged"
    )
    return " ".join(line.split())


def _blocking_check(name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=warehouse_views,
        name=name,
        blocking=True,
        description=f"Blocking publish check sql/checks ({name}): a failure leaves the published file as it was",
    )
    def _check(warehouse_views: dict[str, str]) -> dg.AssetCheckResult:
        con = duckdb.connect(warehouse_views["staging"], read_only=True)
        try:
            result = checks.run_check(con, name)
        finally:
            con.close()
        return dg.AssetCheckResult(
            passed=result.passed,
            severity=dg.AssetCheckSeverity.ERROR,
            description=result.description,
            metadata={
                "violations": result.violations,
                "next_step": "" if result.passed else failure_line(result),
                "sample": dg.MetadataValue.md("\n".join(f"- `{row}`" for row in result.sample) or "_none_"),
                "staging_file": warehouse_views["staging"],
            },
        )

    return _check


def _published(fazhi: FazhiConfig, view: str) -> pl.DataFrame:
    con = duckdb.connect(str(fazhi.warehouse_path()), read_only=True)
    try:
        return con.sql(f"SELECT * FROM {view}").pl()
    finally:
        con.close()


@dg.asset_check(
    asset=published_warehouse,
    description=f"Warn when over {MAX_LOW_SHARE:.0%} of reports have < {LOW_FACTS} facts",
)
def facts_per_report_low(fazhi: FazhiConfig) -> dg.AssetCheckResult:
    """Few figures per report usually means a heading style or number format the extractor misses."""
    loaded = _published(fazhi, "v_reports").filter(pl.col("status") == "loaded")
    low = loaded.filter(pl.col("n_facts") < LOW_FACTS).sort("n_facts")
    share = low.height / max(1, loaded.height)
    return dg.AssetCheckResult(
        passed=share <= MAX_LOW_SHARE,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "loaded_reports": loaded.height,
            "median_facts_per_report": float(loaded["n_facts"].median() or 0),
            "reports_below_threshold": low.height,
            "share_below_threshold": round(share, 3),
            "lowest": markdown_table(low.select("source_path", "town", "report_year", "n_facts")),
        },
    )


@dg.asset_check(
    asset=published_warehouse, description="Warn when files were rejected for having no report year"
)
def reports_without_year(fazhi: FazhiConfig) -> dg.AssetCheckResult:
    """A report without a year cannot join the town × year grain; its figures are lost until fixed."""
    reports = _published(fazhi, "v_reports")
    no_year = reports.filter(
        (pl.col("status") == "rejected") & pl.col("reject_reason").str.contains("(?i)year|年份|年度")
    )
    return dg.AssetCheckResult(
        passed=no_year.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "rejected_without_year": no_year.height,
            "rejected_total": reports.filter(pl.col("status") == "rejected").height,
            "files": markdown_table(no_year.select("source_path", "reject_reason")),
        },
    )


@dg.asset_check(asset=published_warehouse, description="Warn when a report names another town (copy-paste)")
def copy_paste_towns(fazhi: FazhiConfig) -> dg.AssetCheckResult:
    """A report mentioning another town's name was often copied from it: its figures may be too."""
    flagged = _published(fazhi, "v_data_quality").filter(pl.col("flag") == "mentions_other_town")
    return dg.AssetCheckResult(
        passed=flagged.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "reports_flagged": flagged.height,
            "towns": ", ".join(sorted({t for t in flagged["town"].to_list() if t})) or "none",
            "reports": markdown_table(flagged.select("town", "report_year", "detail")),
        },
    )


BLOCKING_CHECKS = [_blocking_check(name) for name in checks.check_names()]
WARNING_CHECKS = [facts_per_report_low, reports_without_year, copy_paste_towns]
ALL_CHECKS = [*BLOCKING_CHECKS, *WARNING_CHECKS]
