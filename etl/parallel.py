"""Use every core for the heavy frame steps, and assign each report a stable shard.

Decoding, normalising and finding quantities are pure Python and hold the GIL, so threads do not
help: `map_frame` cuts a frame into row chunks and runs one step per chunk in a process pool. The
pool is started lazily with the 'forkserver' method (never 'fork': Polars and Dagster run threads)
and is reused by every step of a build, so workers start once. Small batches run serially, where
starting processes would cost more than it saves.

`shard_of` maps a report's relative source path to one of a fixed number of shards; the Dagster
project partitions extraction by shard, so a changed file re-runs one shard whatever the corpus size.
"""

from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import polars as pl

SHARD_COUNT = 16
MIN_PARALLEL_ROWS = 64  # below this many reports a step runs in the calling process
CHUNKS_PER_WORKER = 4  # several chunks per worker so one slow chunk does not idle the others

_pool: ProcessPoolExecutor | None = None
_pool_workers = 0


def shard_of(source_path: str, n: int = SHARD_COUNT) -> str:
    """Stable shard ('s00'..) of a report from its relative path: same path, same shard, on every machine."""
    digest = hashlib.sha256(source_path.encode("utf-8")).digest()
    width = max(2, len(str(n - 1)))
    return f"s{int.from_bytes(digest[:8], 'big') % n:0{width}d}"


def shard_keys(n: int = SHARD_COUNT) -> list[str]:
    """Every shard key, in order."""
    width = max(2, len(str(n - 1)))
    return [f"s{i:0{width}d}" for i in range(n)]


def worker_count() -> int:
    """Processes to use: FAZHI_WORKERS if set (1 = serial), else the CPUs this process may run on."""
    env = os.environ.get("FAZHI_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _get_pool(workers: int) -> ProcessPoolExecutor:
    global _pool, _pool_workers
    if _pool is None or _pool_workers != workers:
        shutdown_pool()
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["etl.pipeline"])  # workers fork from a server that imported etl
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
        _pool_workers = workers
    return _pool


def shutdown_pool() -> None:
    """Stop the worker processes (also run at interpreter exit)."""
    global _pool, _pool_workers
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
    _pool, _pool_workers = None, 0


atexit.register(shutdown_pool)


def _concat(parts: list[Any]) -> Any:
    first = parts[0]
    if isinstance(first, pl.DataFrame):
        return pl.concat(parts, how="vertical_relaxed")
    if isinstance(first, tuple):
        return tuple(_concat([p[i] for p in parts]) for i in range(len(first)))
    if isinstance(first, dict):
        return {k: _concat([p[k] for p in parts]) for k in first}
    raise TypeError(f"map_frame cannot combine results of type {type(first).__name__}")


def map_frame(
    fn: Callable[..., Any],
    frame: pl.DataFrame,
    *args: Any,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Any:
    """`fn(frame, *args)`, computed over row chunks in worker processes and concatenated in order.

    `fn` must be a module-level function returning a frame, or a tuple/dict of frames, whose rows
    depend only on the rows it is given (true of every per-report step in `etl.pipeline`).
    `on_progress(rows_done, rows_total)` is called as chunks finish (long builds say how far they are).
    """
    workers = worker_count() if workers is None else workers
    if workers <= 1 or frame.height < MIN_PARALLEL_ROWS:
        return fn(frame, *args)
    n_chunks = min(frame.height, workers * CHUNKS_PER_WORKER)
    size = -(-frame.height // n_chunks)
    chunks = [frame.slice(i, size) for i in range(0, frame.height, size)]
    try:
        pool = _get_pool(workers)
        parts, done = [], 0
        for chunk, part in zip(chunks, pool.map(fn, chunks, *([a] * len(chunks) for a in args)), strict=True):
            parts.append(part)
            done += chunk.height
            if on_progress is not None:
                on_progress(done, frame.height)
    except BrokenProcessPool:
        shutdown_pool()  # a worker died (e.g. killed for memory): finish serially rather than fail
        return fn(frame, *args)
    return _concat(parts)


def ingest_manifest(manifest: pl.DataFrame, root: str) -> pl.DataFrame:
    """`etl.pipeline.ingest_files` for manifest rows (source_path, file_size, file_mtime_ns, skip_reason).

    The shape `map_frame` needs: a frame in, a frame out, so file reading and decoding run in workers.
    """
    import json  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from etl.discover import Skipped, SourceFile  # noqa: PLC0415
    from etl.given import MetadataTable  # noqa: PLC0415
    from etl.pipeline import ingest_files  # noqa: PLC0415

    files, skipped, given = [], [], MetadataTable()
    if "given" not in manifest.columns:  # a manifest built without a metadata file
        manifest = manifest.with_columns(pl.lit(None, pl.Utf8).alias("given"))
    rows = manifest.select("source_path", "file_size", "file_mtime_ns", "skip_reason", "given")
    for path, size, mtime_ns, reason, row in rows.iter_rows():
        if reason is not None:
            skipped.append(Skipped(path, reason))
        else:
            files.append(SourceFile(path, Path(root) / path, size, mtime_ns))
            if row:
                given.by_path[path] = json.loads(row)
    return ingest_files(files, skipped, given)
