"""Asset checks: the blocking publish checks (one per file in sql/checks/) guard `published_warehouse`."""

from pathlib import Path

import dagster as dg
import duckdb

from dagster_project.assets import warehouse_views
from dagster_project.resources import FazhiConfig
from warehouse import checks, publish


def _blocking_check(name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=warehouse_views, name=name, blocking=True, description=f"Blocking publish check: {name}"
    )
    def _check(fazhi: FazhiConfig) -> dg.AssetCheckResult:
        staging = publish.staging_path(fazhi.warehouse_path())
        con = duckdb.connect(str(Path(staging)), read_only=True)
        try:
            result = checks.run_check(con, name)
        finally:
            con.close()
        return dg.AssetCheckResult(
            passed=result.passed,
            severity=dg.AssetCheckSeverity.ERROR,
            description=result.description,
            metadata={"violations": result.violations, "sample": str(result.sample)},
        )

    return _check


BLOCKING_CHECKS = [_blocking_check(name) for name in checks.check_names()]
