"""Configuration as resources: paths come from FAZHI_SOURCE_DIR / FAZHI_WAREHOUSE at run time, never at import."""

import os
import sys
from pathlib import Path

import dagster as dg

from etl.catalogue import DEFAULT_SOURCE_DIR, REPO_ROOT

DEFAULT_WAREHOUSE = REPO_ROOT / "data" / "fazhi.duckdb"


class FazhiConfig(dg.ConfigurableResource):
    """Where reports come from and where the warehouse is published. Empty means: env var, then default."""

    source_dir: str = ""
    warehouse: str = ""
    seeds_dir: str = ""

    def source_path(self) -> Path:
        return Path(self.source_dir or os.environ.get("FAZHI_SOURCE_DIR") or DEFAULT_SOURCE_DIR)

    def warehouse_path(self) -> Path:
        return Path(self.warehouse or os.environ.get("FAZHI_WAREHOUSE") or DEFAULT_WAREHOUSE)

    def seeds_path(self) -> Path | None:
        return Path(self.seeds_dir) if self.seeds_dir else None


class Progress(dg.ConfigurableResource):
    """Short progress lines on stderr for `fazhi build`; silent in the UI, where the run log shows the same."""

    echo: bool = False

    def say(self, message: str) -> None:
        if self.echo:
            print(f"  {message}", file=sys.stderr, flush=True)
