"""Asset checks. Blocking: one per file in sql/checks/, on the staged file; a failure stops the publish.
They run as one step on one connection (`publish_checks`); so do the warnings (`data_quality_warnings`).
Warnings: data quality of the published warehouse (few facts per report, reports without a year,
copy-paste towns); they never block, they show up in the UI with the reports concerned.
"""

from collections.abc import Iterator

import dagster as dg
import duckdb
import polars as pl

from dagster_project.assets import STAGED_VIEWS, markdown_table, published_warehouse
from dagster_project.resources import FazhiConfig
from warehouse import checks

# the staged file the blocking checks audit (materialised by assets.warehouse_staging)
STAGED = dg.AssetKey(STAGED_VIEWS)
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


def _blocking_result(result: checks.CheckResult, staging: str) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        check_name=result.name,
        asset_key=STAGED,
        passed=result.passed,
        severity=dg.AssetCheckSeverity.ERROR,
        description=result.description,
        metadata={
            "violations": result.violations,
            "next_step": "" if result.passed else failure_line(result),
            "sample": dg.MetadataValue.md("\n".join(f"- `{row}`" for row in result.sample) or "_none_"),
            "staging_file": staging,
        },
    )


BLOCKING_SPECS = [
    dg.AssetCheckSpec(
        name,
        asset=STAGED,
        blocking=True,
        description=f"Blocking publish check sql/checks ({name}): a failure leaves the published file as it was",
    )
    for name in checks.check_names()
]


@dg.multi_asset_check(specs=BLOCKING_SPECS, name="publish_checks")
def publish_checks(warehouse_views: dict[str, str]) -> Iterator[dg.AssetCheckResult]:
    """Every sql/checks file against the staged file, on one read-only connection (one step: at
    10,000 reports, seven steps with seven connections cost ~0.4 s of a one-report build)."""
    staging = warehouse_views["staging"]
    loaded = [i for i in warehouse_views["changed"].split("\n") if i]
    con = duckdb.connect(staging, read_only=True)
    try:
        checks.scope(con, loaded if warehouse_views.get("mode") == "incremental" else None)
        results = [checks.run_check(con, spec.name) for spec in BLOCKING_SPECS]
    finally:
        con.close()
    for result in results:
        yield _blocking_result(result, staging)


WARNING_SPECS = [
    dg.AssetCheckSpec(
        "facts_per_report_low",
        asset=published_warehouse,
        description=f"Warn when over {MAX_LOW_SHARE:.0%} of reports have < {LOW_FACTS} facts",
    ),
    dg.AssetCheckSpec(
        "reports_without_year",
        asset=published_warehouse,
        description="Warn when files were rejected for having no report year",
    ),
    dg.AssetCheckSpec(
        "copy_paste_towns",
        asset=published_warehouse,
        description="Warn when a report names another town (copy-paste)",
    ),
]


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> pl.DataFrame:
    return con.sql(sql, params=params or []).pl()


@dg.multi_asset_check(specs=WARNING_SPECS, name="data_quality_warnings")
def data_quality_warnings(fazhi: FazhiConfig) -> Iterator[dg.AssetCheckResult]:
    """Never blocking, on the published file (one read-only connection, aggregates in SQL):
    - facts_per_report_low: few figures per report usually means a heading style or number format
      the extractor misses;
    - reports_without_year: a report without a year cannot join the town × year grain; its figures
      stay out of the analyst views until a metadata file gives the year;
    - copy_paste_towns: a report mentioning another town's name was often copied from it, and its
      figures may be too."""
    con = duckdb.connect(str(fazhi.warehouse_path()), read_only=True)
    try:
        con.execute(  # v_reports counts every report's facts: once, not per question
            "CREATE TEMP TABLE loaded AS "
            "SELECT source_path, town, report_year, n_facts FROM v_reports WHERE status = 'loaded'"
        )
        loaded, median = con.execute("SELECT count(*), coalesce(median(n_facts), 0) FROM loaded").fetchall()[
            0
        ]
        low = _frame(con, "SELECT * FROM loaded WHERE n_facts < ? ORDER BY n_facts, source_path", [LOW_FACTS])
        rejected = con.execute("SELECT count(*) FROM v_reports WHERE status = 'rejected'").fetchall()[0][0]
        no_year = _frame(  # a report with no year is kept as 'unidentified' (issue 13), not rejected
            con,
            "SELECT source_path, reject_reason FROM v_reports WHERE status IN ('rejected', 'unidentified') "
            "AND regexp_matches(reject_reason, '(?i)year|年份|年度') ORDER BY source_path",
        )
        flagged = _frame(
            con,
            "SELECT town, report_year, detail FROM v_data_quality WHERE flag = 'mentions_other_town' "
            "ORDER BY town, report_year",
        )
    finally:
        con.close()
    share = low.height / max(1, loaded)
    yield dg.AssetCheckResult(
        check_name="facts_per_report_low",
        passed=share <= MAX_LOW_SHARE,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "loaded_reports": loaded,
            "median_facts_per_report": float(median),
            "reports_below_threshold": low.height,
            "share_below_threshold": round(share, 3),
            "lowest": markdown_table(low),
        },
    )
    yield dg.AssetCheckResult(
        check_name="reports_without_year",
        passed=no_year.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "reports_without_year": no_year.height,
            "rejected_total": rejected,
            "files": markdown_table(no_year),
        },
    )
    yield dg.AssetCheckResult(
        check_name="copy_paste_towns",
        passed=flagged.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "reports_flagged": flagged.height,
            "towns": ", ".join(sorted({t for t in flagged["town"].to_list() if t})) or "none",
            "reports": markdown_table(flagged),
        },
    )


BLOCKING_CHECKS = [publish_checks]
WARNING_CHECKS = [data_quality_warnings]
BLOCKING_CHECK_NAMES = [spec.name for spec in BLOCKING_SPECS]
WARNING_CHECK_NAMES = [spec.name for spec in WARNING_SPECS]
ALL_CHECKS = [*BLOCKING_CHECKS, *WARNING_CHECKS]
