"""Configuration as resources: paths come from FAZHI_SOURCE_DIR / FAZHI_WAREHOUSE at run time, never at import."""

import os
import sys
from pathlib import Path

import dagster as dg

from dagster_project.changes import default_cache_dir
from etl.catalogue import DEFAULT_SOURCE_DIR, REPO_ROOT, SEEDS_DIR
from etl.given import MetadataTable, metadata_path, read_metadata_file

DEFAULT_WAREHOUSE = REPO_ROOT / "data" / "fazhi.duckdb"


class FazhiConfig(dg.ConfigurableResource):
    """Where reports come from, where the warehouse is published, where shard caches live.

    Every empty field means: environment variable, then the README's default. Resolved when a run
    or sensor tick calls the methods, so `dagster dev` can start with no variables set.
    """

    source_dir: str = ""  # else $FAZHI_SOURCE_DIR, else seeds/reports
    warehouse: str = ""  # else $FAZHI_WAREHOUSE, else data/fazhi.duckdb
    seeds_dir: str = ""  # reference data (indicators.csv, aliases); else seeds/
    cache_dir: str = ""  # shard caches; else $FAZHI_CACHE_DIR, else <warehouse dir>/.fazhi-cache/<name>
    metadata_file: str = ""  # metadata CSV (etl/given.py); else $FAZHI_METADATA, else <source>/_metadata.csv
    settle_seconds: float = 30.0  # the sensor ignores files modified more recently than this
    runner_holds_lock: bool = False  # set by `fazhi build`, which holds the build lock for the whole run

    def source_path(self) -> Path:
        """Absolute: `reports` and `/data/reports` name one folder, whose caches and recorded source_dir
        must match whether `fazhi build`, a schedule or the sensor ran (a relative spelling made every
        shard look built elsewhere)."""
        return Path(
            os.path.abspath(self.source_dir or os.environ.get("FAZHI_SOURCE_DIR") or DEFAULT_SOURCE_DIR)
        )

    def warehouse_path(self) -> Path:
        return Path(self.warehouse or os.environ.get("FAZHI_WAREHOUSE") or DEFAULT_WAREHOUSE)

    def metadata_path(self) -> Path | None:
        """The metadata file this build reads (None when there is none)."""
        return metadata_path(self.source_path(), self.metadata_file or os.environ.get("FAZHI_METADATA"))

    def metadata(self) -> MetadataTable:
        """The metadata file's rows (read when a run needs them; MetadataFileError if it is unusable)."""
        return read_metadata_file(self.metadata_path())

    def seeds_path(self) -> Path:
        return Path(self.seeds_dir) if self.seeds_dir else SEEDS_DIR

    def cache_path(self) -> Path:
        """One cache per warehouse file: two warehouses in one folder never share shard outputs."""
        if self.cache_dir or os.environ.get("FAZHI_CACHE_DIR"):
            return Path(self.cache_dir or os.environ["FAZHI_CACHE_DIR"])
        return default_cache_dir(self.warehouse_path())


class Progress(dg.ConfigurableResource):
    """Short progress lines on stderr for `fazhi build`; silent in the UI, where the run log shows the same."""

    echo: bool = False

    def say(self, message: str) -> None:
        if self.echo:
            print(f"  {message}", file=sys.stderr, flush=True)
