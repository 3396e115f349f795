"""The Dagster code location: `dagster dev` and `fazhi build` load these same definitions.

Nothing here reads the environment: `FazhiConfig` resolves FAZHI_SOURCE_DIR / FAZHI_WAREHOUSE when
a run or a sensor tick asks, so the definitions load (and validate) with no variables set.
"""

import dagster as dg

from dagster_project.assets import ALL_ASSETS
from dagster_project.automation import build_job, daily_build, source_folder_sensor
from dagster_project.checks import ALL_CHECKS
from dagster_project.resources import FazhiConfig, Progress
from dagster_project.storage import ShardParquetIOManager


def make_resources(fazhi: FazhiConfig | None = None, echo: bool = False) -> dict[str, object]:
    """The resources every run needs; tests and `fazhi build` pass their own paths through `fazhi`."""
    fazhi = fazhi or FazhiConfig()
    return {"fazhi": fazhi, "progress": Progress(echo=echo), "shard_io": ShardParquetIOManager(fazhi=fazhi)}


defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[build_job],
    schedules=[daily_build],
    sensors=[source_folder_sensor],
    resources=make_resources(),
    executor=dg.in_process_executor,
)
