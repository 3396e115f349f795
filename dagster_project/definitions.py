"""The Dagster code location: `dagster dev` and `fazhi build` load these same definitions."""

import dagster as dg

from dagster_project.assets import ALL_ASSETS
from dagster_project.checks import BLOCKING_CHECKS
from dagster_project.resources import FazhiConfig, Progress

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=BLOCKING_CHECKS,
    resources={"fazhi": FazhiConfig(), "progress": Progress()},
)
