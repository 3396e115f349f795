"""The build job, the daily schedule and the landing-folder sensor (both RUNNING when `dagster dev` starts).

Runs cover a RANGE of shards in one run (range tags + `BackfillPolicy.single_run()`), plus the
warehouse assets and their checks, so one run extracts what changed and publishes once.
"""

import hashlib
import json
import time

import dagster as dg
import polars as pl

from dagster_project import changes
from dagster_project.assets import SHARDS
from dagster_project.resources import FazhiConfig
from etl.discover import SourceError
from etl.given import MetadataFileError

RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"

build_job = dg.define_asset_job(
    "fazhi_build",
    selection=dg.AssetSelection.all(),
    description="Extract the shards in the run's range (unchanged reports are carried over), "
    "stage and check the warehouse, publish it.",
)


def range_tags(shards: list[str]) -> dict[str, str]:
    """Tags for one run over the smallest range covering `shards` (shards in between only carry over)."""
    ordered = sorted(shards)
    return {RANGE_START: ordered[0], RANGE_END: ordered[-1]}


@dg.schedule(
    job=build_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily full build at 06:00 Beijing time: every shard (cheap when little changed).",
)
def daily_build(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    return dg.RunRequest(tags={**range_tags(SHARDS.get_partition_keys()), "fazhi/trigger": "schedule"})


FILE_STAMP = ["source_path", "file_size", "file_mtime_ns", "skip_reason", "given_stamp"]
Stamp = list  # [size, mtime_ns, the metadata file's row for the path ('' without one)]; [-1, 0, ''] skipped


def _stamp_rows(frame: pl.DataFrame) -> dict[str, Stamp]:
    """Stamps of a scan or of cached manifests; a metadata row as a 12-digit digest (the cursor holds
    one stamp per file: 100,000 of them)."""
    return {
        p: [-1, 0, ""]
        if reason
        else [size, mtime, hashlib.sha256(given.encode()).hexdigest()[:12] if given else ""]
        for p, size, mtime, reason, given in frame.select(FILE_STAMP).iter_rows()
    }


def _stamps(fazhi: FazhiConfig, metadata_settled: bool) -> dict[str, Stamp]:
    """path -> stamp of every file discovery sees now. The metadata file's row for a path is part of
    its stamp, as in the shard caches: an edited row touches that path's shard only (a row keyed by
    content hash touches every path, as it does in a build). While the metadata file itself is still
    being written (`metadata_settled` False) its rows are not read: stamps carry ''."""
    table = fazhi.metadata() if metadata_settled else None
    return _stamp_rows(changes.scan(fazhi.source_path(), metadata=table))


def _baseline(fazhi: FazhiConfig) -> dict[str, Stamp]:
    """With no cursor yet, what the last build saw (the shard caches), so a restart does not rebuild all."""
    cached = changes.cached_manifests(fazhi.cache_path())
    return {} if cached is None else _stamp_rows(cached)


def _metadata_settled(fazhi: FazhiConfig, now_ns: int, settle_ns: int) -> bool:
    meta = fazhi.metadata_path()
    try:
        return meta is None or now_ns - meta.stat().st_mtime_ns >= settle_ns
    except OSError:  # named but absent: nothing to wait for
        return True


@dg.sensor(
    job=build_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the source folder: new, changed and deleted report files start a build of "
    "their shards. Files modified in the last `settle_seconds`, or whose size or mtime changed since "
    "the previous tick, are still being written and wait; temp/hidden files are never seen.",
)
def source_folder_sensor(context: dg.SensorEvaluationContext, fazhi: FazhiConfig):
    now_ns = time.time_ns()
    settle_ns = int(fazhi.settle_seconds * 1e9)
    metadata_settled = _metadata_settled(fazhi, now_ns, settle_ns)
    try:
        current = _stamps(fazhi, metadata_settled)
    except SourceError as exc:  # missing, unreadable or empty (unmounted?) folder: never a build of nothing
        return dg.SkipReason(f"no build requested: {exc}")
    except MetadataFileError as exc:  # a run would stop on it too: say what to fix instead
        return dg.SkipReason(f"no build requested: {exc}")
    except OSError as exc:  # the folder vanished or turned unreadable during the walk
        return dg.SkipReason(f"no build requested: cannot scan {fazhi.source_path()}: {exc}")
    state = json.loads(context.cursor) if context.cursor else {"files": _baseline(fazhi), "pending": {}}
    seen, pending_before = state["files"], state.get("pending", {})
    for path, stamp in seen.items():
        if len(stamp) == 2:  # a cursor from before metadata rows were part of a stamp: keep them as now
            stamp.append(current.get(path, [0, 0, ""])[2])
    if not metadata_settled:  # its rows wait until it settles: every path keeps the row last seen
        for path, stamp in current.items():
            stamp[2] = seen[path][2] if path in seen else ""
    settled, pending = {}, {}
    for path, stamp in current.items():
        young = stamp[0] >= 0 and now_ns - stamp[1] < settle_ns
        moving = path in pending_before and pending_before[path] != stamp
        if stamp != seen.get(path) and (young or moving):
            pending[path] = stamp  # still being written: look again next tick
        else:
            settled[path] = stamp
    for path in pending:  # until it settles, a pending file keeps its last settled state
        if path in seen:
            settled[path] = seen[path]
    added = sorted(set(settled) - set(seen))
    deleted = sorted(set(seen) - set(current))
    changed = sorted(p for p in settled if p in seen and settled[p] != seen[p])
    new_state = {"files": settled, "pending": pending}
    context.update_cursor(json.dumps(new_state, sort_keys=True))
    touched = added + changed + deleted
    if not touched:
        waiting = f"; {len(pending)} file(s) still being written" if pending else ""
        if not metadata_settled:
            waiting += "; the metadata file is still being written"
        return dg.SkipReason(f"no settled changes in {fazhi.source_path()}{waiting}")
    # plus shards never built (fresh cache): the warehouse assets read every shard
    shards = sorted({changes.shard_of(p) for p in touched} | set(changes.unbuilt_shards(fazhi.cache_path())))
    run_key = hashlib.sha256(json.dumps(settled, sort_keys=True).encode()).hexdigest()[:16]
    context.log.info(f"{len(added)} added, {len(changed)} changed, {len(deleted)} deleted: shards {shards}")
    return dg.RunRequest(
        run_key=run_key,
        tags={
            **range_tags(shards),
            "fazhi/trigger": "sensor",
            "fazhi/added": str(len(added)),
            "fazhi/changed": str(len(changed)),
            "fazhi/deleted": str(len(deleted)),
        },
    )
