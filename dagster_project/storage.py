"""Shard outputs on disk: `<cache>/<asset>/<shard>/<table>.parquet`, one folder per asset partition.

Every partitioned extraction asset returns `Shards`: shard key -> {table name -> frame}, always with a
`keys` table (report_id, build_key) saying which file versions the shard's rows were computed from.
The IO manager writes and reads exactly that, so an unpartitioned warehouse asset can load every
shard, and an extraction asset can read its own previous output to carry unchanged reports over.

Memory does not grow with the corpus: an extraction asset writes each shard itself as soon as it is
computed (`write_shard`) and returns it as lazy `ShardTables`, which the IO manager leaves in place;
readers that walk every shard use `table()`, which does not keep what it read.
"""

import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl
import pyarrow.parquet as pq

from dagster_project import changes
from dagster_project.resources import FazhiConfig

# shard key -> {table name -> frame} (a dict, or `ShardTables` when read back). `Any` inside: Dagster
# type-checks annotations and would refuse the lazy mapping for a declared dict of frames.
Shards = dict[str, Any]


def shard_dir(cache: Path, asset: str, shard: str) -> Path:
    return cache / asset / shard


class ShardTables(Mapping[str, pl.DataFrame]):
    """A shard's tables, each read from Parquet on first use: a step that needs only `keys` (or some
    columns, via `columns()`) never holds the report texts of 10,000 files in memory."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._names = sorted(p.stem for p in folder.glob("*.parquet"))
        self._cache: dict[str, pl.DataFrame] = {}

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._cache:
            self._cache[name] = pl.read_parquet(self._folder / f"{name}.parquet")
        return self._cache[name]

    @property
    def folder(self) -> Path:
        return self._folder

    def digest(self) -> str:
        """`changes.keys_digest` of the keys table, from the digest file when there is one."""
        return changes.folder_digest(self._folder) or changes.keys_digest(self["keys"])

    def columns(self, name: str, columns: list[str]) -> pl.DataFrame:
        """Some columns of a table, read without loading the others."""
        if name in self._cache:
            return self._cache[name].select(columns)
        return pl.read_parquet(self._folder / f"{name}.parquet", columns=columns)

    def of_reports(
        self, name: str, report_ids: pl.DataFrame, columns: list[str] | None = None
    ) -> pl.DataFrame:
        """The rows of some reports only: Parquet is scanned with the filter, so one report out of a
        6,000-report shard costs a few ms instead of decoding every text of the shard."""
        if name in self._cache:
            return self._cache[name].join(report_ids, on="report_id", how="semi").select(columns or "*")
        if name not in self._names:
            raise KeyError(name)
        scan = pl.scan_parquet(self._folder / f"{name}.parquet")
        ids = report_ids["report_id"].unique()
        return scan.filter(pl.col("report_id").is_in(ids.implode())).select(columns or "*").collect()

    def rows(self, name: str) -> int:
        """Row count from the Parquet footer, without reading the table."""
        if name in self._cache:
            return self._cache[name].height
        if name not in self._names:
            raise KeyError(name)
        return pq.ParquetFile(self._folder / f"{name}.parquet").metadata.num_rows

    def table(self, name: str) -> pl.DataFrame:
        """A whole table, read without keeping it: a loop over 16 shards holds one shard at a time."""
        if name in self._cache:
            return self._cache[name]
        if name not in self._names:
            raise KeyError(name)
        return pl.read_parquet(self._folder / f"{name}.parquet")

    def __contains__(self, name: object) -> bool:
        # Mapping's default answers by reading (and keeping) the table: a membership test must not
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def read_shard(cache: Path, asset: str, shard: str) -> ShardTables | None:
    """A shard's tables, or None when it was never written (or a write was interrupted)."""
    folder = shard_dir(cache, asset, shard)
    if not (folder / "keys.parquet").is_file():
        return None
    return ShardTables(folder)


def write_shard(cache: Path, asset: str, shard: str, frames: dict[str, pl.DataFrame]) -> None:
    """Replace a shard's folder as a whole: readers see the old tables or the new ones, never a mix."""
    if "keys" not in frames:
        raise ValueError(f"{asset}/{shard}: every shard output needs a 'keys' table")
    final = shard_dir(cache, asset, shard)
    new, old = final.with_name(f"{shard}.new-{os.getpid()}"), final.with_name(f"{shard}.old-{os.getpid()}")
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    for name, frame in frames.items():
        frame.write_parquet(
            new / f"{name}.parquet", compression="zstd", compression_level=1, statistics=False
        )
    (new / changes.DIGEST_FILE).write_text(changes.keys_digest(frames["keys"]), encoding="ascii")
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    shutil.rmtree(old, ignore_errors=True)


class ShardParquetIOManager(dg.ConfigurableIOManager):
    """Stores `Shards` as Parquet under the cache folder of `FazhiConfig` (FAZHI_CACHE_DIR to move it)."""

    fazhi: dg.ResourceDependency[FazhiConfig]

    def handle_output(self, context: dg.OutputContext, obj: Shards) -> None:
        cache, asset = self.fazhi.cache_path(), context.asset_key.to_user_string()
        keys = context.asset_partition_keys if context.has_asset_partitions else []
        missing = set(keys) - set(obj)
        if missing:
            raise ValueError(f"{asset}: no output for partitions {sorted(missing)}")
        for shard in keys:
            frames = obj[shard]
            if isinstance(frames, ShardTables) and frames.folder == shard_dir(cache, asset, shard):
                continue  # the asset already wrote this shard where it belongs
            write_shard(cache, asset, shard, dict(frames))
        # An in-process run (`materialize`, hence `fazhi build`) keeps every step output for its result
        # object; at 10,000 reports that is every layer's frames for the whole run (~1 GB). The data is
        # on disk now and the next step loads it from there, so let go of it.
        for frames in obj.values():
            if isinstance(frames, dict):
                frames.clear()
        obj.clear()

    def load_input(self, context: dg.InputContext) -> Shards:
        cache, asset = self.fazhi.cache_path(), context.asset_key.to_user_string()
        out: Shards = {}
        for shard in context.asset_partition_keys:
            frames = read_shard(cache, asset, shard)
            if frames is None:
                raise FileNotFoundError(
                    f"shard {shard} of {asset} was never materialised in {cache}: run the job "
                    "'fazhi_build' over all shards (or `fazhi build`) first"
                )
            out[shard] = frames
        return out
