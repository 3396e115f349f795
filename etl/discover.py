"""Find report files under a source folder: recursive, skipping hidden files, backups and escapes."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

BACKUP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".tmp", ".part", ".crdownload")


@dataclass(frozen=True)
class SourceFile:
    source_path: str  # relative to the source folder, POSIX separators: the stable identity of a report
    abs_path: Path
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Skipped:
    source_path: str
    reason: str


def report_id_for(source_path: str) -> str:
    """Stable id of a report slot: a file edited in place keeps its id, so its facts are replaced."""
    return hashlib.sha256(source_path.encode("utf-8")).hexdigest()[:16]


def _is_ignored(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$") or name.endswith(BACKUP_SUFFIXES)


def discover(source_dir: str | os.PathLike[str]) -> tuple[list[SourceFile], list[Skipped]]:
    """Walk `source_dir`; return files to ingest and the ones skipped with why (symlinks out, unreadable)."""
    root = Path(source_dir)
    if not root.exists():
        raise FileNotFoundError(f"source folder does not exist: {root} (set --source or FAZHI_SOURCE_DIR)")
    if not root.is_dir():
        raise NotADirectoryError(f"source is not a folder: {root}")
    if not os.access(root, os.R_OK | os.X_OK):
        raise PermissionError(f"source folder is not readable: {root} (check its permissions)")
    real_root = root.resolve()
    files: list[SourceFile] = []
    skipped: list[Skipped] = []

    def on_error(err: OSError) -> None:
        rel = os.path.relpath(err.filename, root) if err.filename else "?"
        skipped.append(Skipped(Path(rel).as_posix(), f"unreadable folder: {err.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _is_ignored(d))
        for name in sorted(filenames):
            if _is_ignored(name):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                skipped.append(Skipped(rel, "broken symlink"))
                continue
            if path.is_symlink() and not real.is_relative_to(real_root):
                skipped.append(Skipped(rel, f"symlink points outside the source folder ({real})"))
                continue
            if not real.is_file():
                continue
            try:
                st = real.stat()
            except OSError as exc:
                skipped.append(Skipped(rel, f"cannot stat file: {exc.strerror}"))
                continue
            files.append(SourceFile(rel, path, st.st_size, st.st_mtime_ns))
    return files, skipped


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Content hash: the warehouse skips re-extracting files whose hash it has already loaded."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()
