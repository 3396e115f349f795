"""Write-audit-publish: a checked staging file atomically replaces the published one; old versions kept."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from warehouse.faults import pause_point

KEEP_VERSIONS = 3
UNDONE = "-undone"  # suffix of a version that a rollback replaced


class PublishError(RuntimeError):
    """The warehouse could not be published; the previously published file is untouched."""


def staging_path(target: Path) -> Path:
    """Where a build stages its new file: beside the target, so `os.replace` is atomic (same filesystem)."""
    return target.with_name(f".{target.name}.staging")


def versions_dir(target: Path) -> Path:
    return target.with_name(f"{target.name}.versions")


@contextmanager
def build_lock(target: Path, wait: bool = False) -> Iterator[None]:
    """One build per warehouse at a time; a second one fails clearly (or waits with `wait=True`)."""
    lock_path = target.with_name(f".{target.name}.lock")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fh = open(lock_path, "a+")  # noqa: SIM115 - held for the duration of the build
    except OSError as exc:
        raise PublishError(
            f"cannot create the build lock {lock_path}: {exc.strerror} (is the folder {target.parent} writable?)"
        ) from exc
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise PublishError(
                f"another build is already running on {target} ({holder}); wait for it or use --wait"
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        yield
    finally:
        fh.close()


def _version_name(suffix: str = "") -> str:
    """Sortable by time (microseconds), so pruning keeps the newest and `rollback` finds the latest."""
    return f"{datetime.now().strftime('%Y%m%dT%H%M%S%f')}{suffix}.duckdb"


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(staging: Path, target: Path, keep: int = KEEP_VERSIONS, version_suffix: str = "") -> Path | None:
    """Move a checked staging file over `target`; the old file is kept as a version. Returns that version.

    `os.replace` swaps the directory entry atomically: readers that already opened the old file keep
    reading it (same inode), new connections see the new file, and nobody ever sees a half-written one.
    """
    if not staging.is_file():
        raise PublishError(f"nothing to publish: staging file {staging} is missing")
    if Path(f"{staging}.wal").exists():
        raise PublishError(f"staging file {staging} has an un-checkpointed WAL; refusing to publish")
    with open(staging, "rb") as fh:  # the bytes are on disk before the name points at them
        os.fsync(fh.fileno())
    kept: Path | None = None
    if target.exists():
        vdir = versions_dir(target)
        try:
            vdir.mkdir(exist_ok=True)
        except OSError as exc:
            raise PublishError(
                f"cannot create {vdir}: {exc.strerror} (is {target.parent} writable?)"
            ) from exc
        kept = vdir / _version_name(version_suffix)
        try:
            os.link(target, kept)  # same inode: free, and readers of the old file are unaffected
        except OSError:
            try:
                shutil.copy2(target, kept)
            except OSError as exc:
                kept.unlink(missing_ok=True)
                raise PublishError(
                    f"cannot keep the previous version in {vdir}: {exc.strerror} (free space there?)"
                ) from exc
    stale_wal = Path(f"{target}.wal")  # left by a program that opened the published file read-write
    try:
        if stale_wal.exists():  # DuckDB would replay the OLD file's WAL onto the new one: move it away
            os.replace(stale_wal, f"{kept}.wal" if kept else f"{staging}.orphan.wal")
        pause_point("publish_before_replace", target)
        os.replace(staging, target)
    except OSError as exc:
        raise PublishError(
            f"cannot replace {target}: {exc.strerror} (is the folder {target.parent} writable, "
            "with free space?)"
        ) from exc
    pause_point("publish_after_replace", target)
    _fsync_dir(target.parent)
    _prune(target, keep)
    return kept


def _prune(target: Path, keep: int) -> None:
    """Drop the versions beyond the newest `keep`; the newest of those becomes a spare (see below)."""
    vdir = versions_dir(target)
    if not vdir.is_dir():
        return
    old = sorted(vdir.glob("*.duckdb"))[:-keep] if keep > 0 else sorted(vdir.glob("*.duckdb"))
    for i, path in enumerate(reversed(old)):
        wal = Path(f"{path}.wal")
        if i == 0 and not wal.exists():  # a version with a stray WAL is not what we published: no spare
            sdir = spares_dir(target)
            try:
                sdir.mkdir(exist_ok=True)
                os.replace(path, sdir / path.name)
                continue
            except OSError:
                pass
        path.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)


# Spares: files that were published once (or copied from the published file) and that nobody reads any
# more. An incremental build takes one and brings it up to date IN PLACE (`take_spare`), writing only
# what changed since it was published, instead of copying the whole published file (2.2 GB at 100,000
# reports: 6-7 s of copy and fsync). A spare still open by a reader is never written: DuckDB's lock on
# it refuses the read-write open, and the build copies the published file instead. In steady state
# each publish turns its oldest version into the next spare, so the folder holds the published file,
# KEEP_VERSIONS versions and one spare; `stock_spares` tops the pool up with copies while there are
# fewer versions (a new warehouse), so the first incremental builds do not copy either.
def spares_dir(target: Path) -> Path:
    return target.with_name(f".{target.name}.spares")


def list_spares(target: Path) -> list[Path]:
    """Spares, oldest first (their names sort by the time they were published or copied)."""
    sdir = spares_dir(target)
    return sorted(sdir.glob("*.duckdb")) if sdir.is_dir() else []


def take_spare(target: Path, staging: Path) -> bool:
    """Move the oldest spare to `staging` (False when there is none); the caller updates it in place.

    The oldest: spares copied together hold the same content, and the oldest copy is the one most
    likely written back to disk already (publishing a copy whose 2.2 GB were still in the page cache
    made its fsync take 4 s); a recycled version is older content but only what changed since is
    written."""
    for stale in (staging, Path(f"{staging}.wal")):
        stale.unlink(missing_ok=True)
    for spare in list_spares(target):
        try:
            os.replace(spare, staging)
        except FileNotFoundError:
            continue
        return True
    return False


def stock_spares(
    target: Path, keep: int = KEEP_VERSIONS, usable: Callable[[Path], bool] | None = None
) -> int:
    """Copy the published file into the spares until the next publishes can each take one (keep + 1
    minus the versions kept: every publish beyond `keep` versions frees one). Spares that `usable`
    rejects are deleted first: a version recycled after a code or catalogue change was built with the
    old schema and could only be refused by the next build, which would then copy. Returns copies made."""
    for partial in spares_dir(target).glob(
        ".*.partial"
    ):  # a copy a killed build left (callers hold the lock)
        partial.unlink(missing_ok=True)
    for spare in list_spares(target):
        if usable is not None and not usable(spare):
            spare.unlink(missing_ok=True)
    want = max(1, keep + 1 - len(list_versions(target))) - len(list_spares(target))
    sdir = spares_dir(target)
    made = 0
    for _ in range(want):
        sdir.mkdir(exist_ok=True)
        partial = sdir / f".{os.getpid()}.partial"
        try:
            shutil.copyfile(target, partial)
            os.replace(partial, sdir / _version_name())
        except OSError:
            partial.unlink(missing_ok=True)
            break  # e.g. no space left: a spare is only a speed-up
        made += 1
    return made


def list_versions(target: Path) -> list[Path]:
    """Kept versions, oldest first."""
    vdir = versions_dir(target)
    return sorted(vdir.glob("*.duckdb")) if vdir.is_dir() else []


def rollback(target: Path, version: str | None = None, wait: bool = False) -> Path:
    """Re-publish a kept version (by default the newest one that was not itself undone by a rollback).

    The file being replaced is kept too, marked `-undone`, so a second `fazhi rollback` goes one step
    further back instead of restoring what the first one removed (`--version` can still pick it).
    """
    with build_lock(target, wait=wait):
        versions = list_versions(target)
        if not versions:
            raise PublishError(
                f"no kept versions of {target} to roll back to (one is kept each time a build "
                f"replaces the published file, in {versions_dir(target)})"
            )
        if version is None:
            candidates = [v for v in versions if not v.stem.endswith(UNDONE)]
            if not candidates:
                raise PublishError(
                    f"every kept version of {target} was undone by a rollback; "
                    f"pick one with --version: {[v.name for v in versions]}"
                )
            chosen: Path | None = candidates[-1]
        else:
            chosen = next((v for v in versions if v.name.startswith(version)), None)
        if chosen is None:
            raise PublishError(f"no version {version!r} of {target}; available: {[v.name for v in versions]}")
        tmp = staging_path(target)
        shutil.copy2(chosen, tmp)
        publish(tmp, target, keep=KEEP_VERSIONS + 1, version_suffix=UNDONE)
        chosen.unlink(missing_ok=True)
    return chosen
