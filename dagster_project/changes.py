"""What changed in the source folder since the last build: per-file build keys and changed shards.

A file's build key is sha256(content sha256 | extractor version | catalogue fingerprint): when it
is unchanged, no layer re-extracts the file. Hashing is skipped for files whose size and mtime
match the cached manifest, so checking 10,000 unchanged files costs one folder walk.
Used by the `raw_files` asset, the `fazhi build` runner (to pick shards, or do nothing) and the
landing-folder sensor. No Dagster import here: the no-op path of `fazhi build` must stay fast.
"""

import contextlib
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from etl import EXTRACTOR_VERSION
from etl.discover import discover_stamps, report_id_for, sha256_file
from etl.given import MetadataTable
from etl.parallel import shard_keys, shard_of
from warehouse.state import catalogue_fingerprint, published_state, schema_fingerprint

RAW_ASSET = "raw_files"
EXTRACTION_ASSETS = (
    "raw_files",
    "normalised_reports",
    "report_sections",
    "quantity_mentions",
    "indicator_facts",
)
MANIFEST_SCHEMA = {
    "source_path": pl.Utf8,
    "report_id": pl.Utf8,
    "shard": pl.Utf8,
    "file_size": pl.Int64,
    "file_mtime_ns": pl.Int64,
    "skip_reason": pl.Utf8,  # set when discovery could not read the file (it becomes a rejected report)
    "given_stamp": pl.Utf8,  # the metadata file's row for this path (+ digest of its hash-keyed rows)
    "content_sha256": pl.Utf8,
    "source_root": pl.Utf8,
    "extractor_version": pl.Utf8,
    "catalogue_sha256": pl.Utf8,
    "given": pl.Utf8,  # the metadata file's row for this file (JSON), by path or by content hash
    "build_key": pl.Utf8,
}
STAMP_COLUMNS = ["source_path", "file_size", "file_mtime_ns", "skip_reason", "given_stamp"]


def default_cache_dir(target: Path) -> Path:
    """Shard caches live beside the warehouse, one folder per warehouse file."""
    return target.parent / ".fazhi-cache" / target.name


HANDOFF_SECONDS = 60.0
_handoff: tuple[str, float, pl.DataFrame] | None = None


def hand_over_scan(source: Path, stamps: pl.DataFrame) -> None:
    """`fazhi build` lends its planning scan to the `raw_files` step of the run it starts right after,
    so a 10,000-file folder is walked once per build. Used once; expires after HANDOFF_SECONDS."""
    global _handoff
    _handoff = (str(source), time.monotonic(), stamps)


def forget_scan() -> None:
    """Drop a lent scan the run did not use (e.g. a warehouse-only rebuild)."""
    global _handoff
    _handoff = None


def scan(source: Path, use_handoff: bool = False, metadata: MetadataTable | None = None) -> pl.DataFrame:
    """Every file discovery sees (and every one it skips, with why), with its shard; no hashing.

    `given_stamp` changes when the metadata file's row for the path changes, or any hash-keyed row
    does, so a shard whose files' metadata changed is not current (only reports whose row really
    changed are re-extracted: their build key includes it)."""
    global _handoff
    if use_handoff and _handoff is not None:
        lent, _handoff = _handoff, None
        if lent[0] == str(source) and time.monotonic() - lent[1] < HANDOFF_SECONDS:
            return lent[2]
    return with_shards(_stamps(source, metadata))


def _stamps(source: Path, metadata: MetadataTable | None = None) -> pl.DataFrame:
    """STAMP_COLUMNS of every file discovery sees or skips (no shard yet: a build with nothing to do
    never needs it). `given_stamp` changes when the metadata file's row for the path changes, or any
    hash-keyed row does, so a shard whose files' metadata changed is not current (only reports whose
    row really changed are re-extracted: their build key includes it)."""
    files, skipped = discover_stamps(source)
    table = metadata or MetadataTable()
    tail = f"|{table.sha_digest}" if table.by_sha else ""

    def stamp(path: str) -> str | None:
        row = table.for_path(path)
        return f"{row or ''}{tail}" if row or tail else None

    frame = pl.DataFrame(
        {
            "source_path": [f[0] for f in files] + [s.source_path for s in skipped],
            "file_size": [f[2] for f in files] + [None] * len(skipped),
            "file_mtime_ns": [f[3] for f in files] + [None] * len(skipped),
            "skip_reason": [None] * len(files) + [s.reason for s in skipped],
            "given_stamp": [stamp(f[0]) for f in files] + [None] * len(skipped),
        },
        schema={k: MANIFEST_SCHEMA[k] for k in STAMP_COLUMNS},
    )
    return frame


def with_shards(stamps: pl.DataFrame, known: pl.DataFrame | None = None) -> pl.DataFrame:
    """`stamps` with each file's shard: from `known` (source_path, shard of the cached manifests)
    where the path is there, computed for the others (0.2 s for 100,000 paths)."""
    if known is not None and known.height:
        stamps = stamps.join(
            known.select("source_path", "shard").unique("source_path"), on="source_path", how="left"
        )
    else:
        stamps = stamps.with_columns(pl.lit(None, pl.Utf8).alias("shard"))
    missing = stamps.filter(pl.col("shard").is_null())["source_path"].to_list()
    if missing:
        found = pl.DataFrame(
            {"source_path": missing, "new_shard": [shard_of(p) for p in missing]},
            schema={"source_path": pl.Utf8, "new_shard": pl.Utf8},
        )
        stamps = (
            stamps.join(found, on="source_path", how="left")
            .with_columns(pl.coalesce("shard", "new_shard").alias("shard"))
            .drop("new_shard")
        )
    return stamps


def build_key(sha: str | None, skip_reason: str | None, catalogue: str, given: str | None = None) -> str:
    """The identity of one extraction result: same bytes, same extractor, same catalogue, same
    metadata-file row."""
    what = sha if sha is not None else f"skipped:{skip_reason}"
    extra = f"|{given}" if given else ""
    return hashlib.sha256(f"{what}|{EXTRACTOR_VERSION}|{catalogue}{extra}".encode()).hexdigest()[:24]


def manifest(
    stamps: pl.DataFrame,
    source: Path,
    catalogue: str,
    previous: pl.DataFrame | None,
    metadata: MetadataTable | None = None,
) -> pl.DataFrame:
    """Hash what is new or touched (reuse the previous hash when size and mtime match), add build keys."""
    known: dict[tuple, str] = {}
    if previous is not None and previous.height:
        prev = previous.filter(pl.col("source_root") == str(source))
        for p, size, mtime, sha in prev.select(
            "source_path", "file_size", "file_mtime_ns", "content_sha256"
        ).iter_rows():
            known[(p, size, mtime)] = sha
    rows = []
    table = metadata or MetadataTable()
    for p, size, mtime, reason, stamp, shard in stamps.select(*STAMP_COLUMNS, "shard").iter_rows():
        sha = None
        if reason is None:
            sha = known.get((p, size, mtime))
            if sha is None:
                try:
                    sha = sha256_file(source / p)
                except OSError as exc:
                    reason = f"cannot read file: {exc.strerror}"
        given = table.for_file(p, sha) if reason is None else None
        rows.append(
            (p, report_id_for(p), shard, size, mtime, reason, stamp, sha, str(source), EXTRACTOR_VERSION,
             catalogue, given, build_key(sha, reason, catalogue, given))
        )  # fmt: skip
    return pl.DataFrame(rows, schema=MANIFEST_SCHEMA, orient="row")


def keys_digest(keys: pl.DataFrame) -> str:
    """Order-independent digest of (report_id, build_key) pairs: equal digests, equal shard contents."""
    pairs = keys.select(pl.concat_str("report_id", "build_key", separator="|")).to_series().sort()
    return hashlib.sha256("\n".join(pairs.to_list()).encode()).hexdigest()


DIGEST_FILE = "keys.sha256"  # beside keys.parquet: its `keys_digest`, written with the shard


def folder_digest(folder: Path) -> str | None:
    """`keys_digest` of a shard folder's keys table: from the digest file written with it (a planning
    pass over 16 shards × 5 layers read every keys table: 0.2 s at 100,000 reports), else computed."""
    with contextlib.suppress(OSError):
        return (folder / DIGEST_FILE).read_text(encoding="ascii").strip()
    keys = folder / "keys.parquet"
    return keys_digest(pl.read_parquet(keys)) if keys.is_file() else None


def cached_manifests(cache: Path) -> pl.DataFrame | None:
    """Every shard's last manifest from the raw_files cache (None when nothing was ever built)."""
    paths = sorted(cache.glob(f"{RAW_ASSET}/*/manifest.parquet"))
    if not paths:
        return None
    return pl.concat([pl.read_parquet(p) for p in paths], how="diagonal_relaxed")


def _shard_is_current(
    cache: Path, shard: str, stamps: pl.DataFrame, source: Path, catalogue: str, m: pl.DataFrame | None
) -> bool:
    """True when the shard's cached manifest `m` (None: read it) matches the folder now and every
    layer was built from it."""
    raw = cache / RAW_ASSET / shard
    if not (raw / "manifest.parquet").is_file():
        return False  # never built: the warehouse assets need every shard, even an empty one
    if m is None:
        m = pl.read_parquet(raw / "manifest.parquet")
    params_ok = m.height == 0 or (
        m["source_root"].unique().to_list() == [str(source)]
        and m["extractor_version"].unique().to_list() == [EXTRACTOR_VERSION]
        and m["catalogue_sha256"].unique().to_list() == [catalogue]
    )
    if not params_ok or not m.select(STAMP_COLUMNS).sort("source_path").equals(
        stamps.select(STAMP_COLUMNS).sort("source_path")
    ):
        return False
    digest = folder_digest(raw)
    for asset in EXTRACTION_ASSETS[1:]:
        if folder_digest(cache / asset / shard) != digest:
            return False  # an earlier run stopped half-way through this shard
    return True


def unbuilt_shards(cache: Path) -> list[str]:
    """Shards some extraction layer has never written: the warehouse assets need every shard, so a
    run on a fresh cache must cover them too, even when none of their files changed."""
    return [
        s
        for s in shard_keys()
        if any(not (cache / a / s / "keys.parquet").is_file() for a in EXTRACTION_ASSETS)
    ]


@dataclass
class Plan:
    """What a build has to do. Nothing at all when `up_to_date`."""

    changed_shards: list[str] = field(default_factory=list)
    publish_needed: bool = True
    reasons: list[str] = field(default_factory=list)
    files: int = 0

    @property
    def up_to_date(self) -> bool:
        return not self.publish_needed and not self.changed_shards


def plan(source: Path, target: Path, cache: Path, seeds: Path, metadata: MetadataTable | None = None) -> Plan:
    """Compare the folder with the published file and the shard caches (no hashing of unchanged files)."""
    stamps = _stamps(source, metadata)
    catalogue = catalogue_fingerprint(seeds)
    state = published_state(target)
    reasons = ["no published warehouse"] if state is None else []
    if state is not None:
        skipped = stamps.filter(pl.col("skip_reason").is_not_null())["source_path"].to_list()
        reasons = state.changes(
            stamps.filter(pl.col("skip_reason").is_null()),
            extractor_version=EXTRACTOR_VERSION,
            catalogue_sha256=catalogue,
            schema_version=schema_fingerprint(),
            source_dir=str(source),
            skipped=skipped,
            metadata_sha256=(metadata or MetadataTable()).digest,
        )
    if not reasons:
        return Plan([], False, [], stamps.height)
    manifests = cached_manifests(cache)
    stamps = with_shards(stamps, manifests)
    hand_over_scan(source, stamps)
    by_shard = stamps.partition_by("shard", as_dict=True, include_key=True)
    cached = manifests.partition_by("shard", as_dict=True, include_key=True) if manifests is not None else {}
    empty = stamps.clear()
    changed = [
        s
        for s in shard_keys()
        if not _shard_is_current(cache, s, by_shard.get((s,), empty), source, catalogue, cached.get((s,)))
    ]
    return Plan(changed, True, reasons, stamps.height)
