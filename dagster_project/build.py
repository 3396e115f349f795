"""`fazhi build`: materialise every asset in process, exactly as the UI and the schedule do."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from dagster_project.assets import ALL_ASSETS
from dagster_project.checks import BLOCKING_CHECKS
from dagster_project.resources import FazhiConfig, Progress
from warehouse import publish


@dataclass
class BuildOutcome:
    published: bool
    warehouse: Path
    seconds: float
    failures: list[str] = field(default_factory=list)


def run_build(source: Path, warehouse: Path, echo: bool = True, wait: bool = False) -> BuildOutcome:
    """Build and publish; on any failure the previously published file is left as it was."""
    started = time.monotonic()
    with publish.build_lock(warehouse, wait=wait):
        result = dg.materialize(
            [*ALL_ASSETS, *BLOCKING_CHECKS],
            resources={
                "fazhi": FazhiConfig(source_dir=str(source), warehouse=str(warehouse)),
                "progress": Progress(echo=echo),
            },
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
        )
    failures: list[str] = []
    for ev in result.get_asset_check_evaluations():
        if not ev.passed:
            failures.append(f"blocking check failed: {ev.check_name} ({ev.metadata.get('violations')})")
    for ev in result.get_step_failure_events():
        err = ev.event_specific_data.error if ev.event_specific_data else None
        msg = err.message.strip().splitlines()[-1] if err else "unknown error"
        failures.append(f"step {ev.step_key} failed: {msg}")
    materialized = {ev.asset_key for ev in result.get_asset_materialization_events()}
    published = dg.AssetKey("published_warehouse") in materialized
    staging = publish.staging_path(warehouse)
    if not published and staging.exists():
        staging.unlink()
    return BuildOutcome(published and result.success, warehouse, time.monotonic() - started, failures)
