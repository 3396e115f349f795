"""Find report files under a source folder: recursive, skipping hidden files, backups and escapes.

Which files are read: every regular file that is not hidden or a backup, whatever its extension,
because the bytes decide the format (etl.decode.detect_format): a report saved as `.txt` that is
really a web page is read as one, and a picture or archive gets a reason instead of vanishing. The
extension only sets how large a file may be before it is read (etl.decode.size_limit): `.txt` 4 MB,
`.html`/`.htm`/`.shtml`/`.xhtml` 8 MB, `.docx` and `.pdf` 32 MB, any other name the largest (its
format's own limit applies once the bytes are read). `.doc` and `.wps` files are read only to say
'legacy Word format: save as .docx'.

Everything that is not read gets a `Skipped` row with a reason a person can act on (it reaches
`v_reports` as a rejected file), so a bad folder never silently loses a report and never sinks the batch.
Only a source that cannot be walked at all (missing, not a folder, unreadable, empty) raises
`SourceError`: there is nothing to publish, and the previous warehouse must stay as it is.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from etl.decode import size_limit, too_large
from etl.given import METADATA_FILE_NAME

BACKUP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".tmp", ".part", ".crdownload")
# Checking the size limit here (etl.decode.size_limit: 4 MB for a text, ~100 times the longest real
# report) keeps a huge file (a 5 GB dump) from ever being read into memory. A 50 MB text would
# otherwise take ~35 s to extract and add ~200 MB of mentions to the warehouse.


class SourceError(OSError):
    """The source folder as a whole cannot be used; the message names it and says what to do."""


@dataclass(frozen=True)
class SourceFile:
    source_path: str  # relative to the source folder, POSIX separators: the stable identity of a report
    abs_path: str | Path  # discovery gives a str: building 100,000 Path objects took half of the walk
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
    """Hidden files, Office lock files, backups, and the folder's metadata file (etl/given.py)."""
    return (
        name.startswith(".")
        or name.startswith("~$")
        or name.endswith(BACKUP_SUFFIXES)
        or name == METADATA_FILE_NAME
    )


def check_source(source_dir: str | os.PathLike[str]) -> Path:
    """Raise `SourceError` (one line naming the folder and what to do) unless the folder can be walked."""
    root = Path(source_dir)
    hint = "pass --source DIR or set FAZHI_SOURCE_DIR"
    if not root.exists():
        raise SourceError(f"source folder not found: {root} ({hint})")
    if not root.is_dir():
        raise SourceError(f"source is not a folder: {root} ({hint})")
    try:
        with os.scandir(root) as entries:
            has_entries = any(True for _ in entries)
    except OSError as exc:
        raise SourceError(
            f"source folder is not readable: {root}: {exc.strerror} (check its permissions; {hint})"
        ) from exc
    if not has_entries:
        raise SourceError(
            f"source folder is empty: {root} (is the share mounted? refusing to publish an empty warehouse; "
            f"{hint})"
        )
    return root


def _printable(rel: str) -> str | None:
    """None when the name is valid UTF-8; else the name with its undecodable bytes escaped (`ls -b` style)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(rel).decode("utf-8", "backslashreplace")
    return None


def discover(source_dir: str | os.PathLike[str]) -> tuple[list[SourceFile], list[Skipped]]:
    """Walk `source_dir`; return files to ingest and the ones skipped with why (symlinks out, unreadable...).

    Files come folder by folder, each folder's files (sorted) before its subfolders (sorted). One
    `lstat` per file (and an access test unless the owner may read it), on strings: at 100,000
    files the walk decides how fast a build that has nothing to do returns.
    """
    stamps, skipped = discover_stamps(source_dir)
    return [SourceFile(*row) for row in stamps], skipped


def discover_stamps(
    source_dir: str | os.PathLike[str],
) -> tuple[list[tuple[str, str, int, int]], list[Skipped]]:
    """`discover` as plain (source_path, absolute path, size, mtime_ns) tuples: what a build compares
    with the published file, without building an object per file."""
    root = check_source(source_dir)
    real_root = root.resolve()
    files: list[tuple[str, str, int, int]] = []
    skipped: list[Skipped] = []
    _walk(str(root), "", real_root, files, skipped)
    if not files and not skipped:
        raise SourceError(
            f"no report files in {root} (only hidden or backup files): refusing to publish an empty "
            "warehouse; pass --source DIR or set FAZHI_SOURCE_DIR"
        )
    return files, skipped


def _walk(
    folder: str,
    rel_folder: str,
    real_root: Path,
    files: list[tuple[str, str, int, int]],
    skipped: list[Skipped],
) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        rel = rel_folder or "."
        skipped.append(
            Skipped(_printable(rel) or rel, f"unreadable folder: {err.strerror} (check its permissions)")
        )
        return
    subfolders = []
    for entry in entries:
        name = entry.name
        if _is_ignored(name):
            continue
        rel = f"{rel_folder}/{name}" if rel_folder else name
        try:
            is_dir = entry.is_dir()  # follows a symlink, as os.walk does
        except OSError:
            is_dir = False
        if not is_dir:
            skip = _skip_reason(entry, rel, real_root)
            (skipped if isinstance(skip, Skipped) else files).append(skip)  # type: ignore[arg-type]
        elif entry.is_symlink():
            # not followed (loops, escapes); a link to a folder inside the source is walked there anyway
            target = _resolve(Path(entry.path))
            if target is None or not target.is_relative_to(real_root):
                skipped.append(
                    Skipped(
                        _printable(rel) or rel,
                        f"symlinked folder points outside the source folder ({target}): "
                        "copy its files in instead",
                    )
                )
        else:
            subfolders.append((entry.path, rel))
    for path, rel in subfolders:
        _walk(path, rel, real_root, files, skipped)


def _resolve(path: Path) -> Path | None:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


_UID = os.getuid()  # os.access tests as the real user, so does the owner shortcut in _skip_reason


def _skip_reason(entry: os.DirEntry[str], rel: str, real_root: Path) -> tuple[str, str, int, int] | Skipped:
    """The file to read, or why it is skipped."""
    escaped = _printable(rel)
    if escaped is not None:
        return Skipped(
            escaped, "file name is not valid UTF-8 (often GBK from an unzipped archive): rename the file"
        )
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError as exc:
        return Skipped(rel, f"cannot stat file: {exc.strerror} (check its permissions)")
    if stat.S_ISLNK(st.st_mode):  # resolving is costly: only links need it
        real = _resolve(Path(entry.path))
        if real is None:
            return Skipped(rel, "broken or looping symlink: fix or remove it")
        if not real.is_relative_to(real_root):
            return Skipped(
                rel, f"symlink points outside the source folder ({real}): copy the file in instead"
            )
        target = real.relative_to(real_root).as_posix()
        return Skipped(rel, f"symlink to {target}, which is read under its own name (not twice)")
    if not stat.S_ISREG(st.st_mode):
        return Skipped(rel, "not a regular file (device, pipe or socket): remove it from the source folder")
    limit = size_limit(rel)
    if st.st_size > limit:
        return Skipped(rel, too_large(st.st_size, limit))
    if not (st.st_uid == _UID and st.st_mode & stat.S_IRUSR) and not os.access(entry.path, os.R_OK):
        # the owner's read bit answers for the owner (ACLs too: their owner entry is those bits);
        # otherwise ask as opening would, without an open and close per file
        try:
            with open(entry.path, "rb"):
                pass
        except OSError as exc:
            return Skipped(rel, f"unreadable file: {exc.strerror} (check its permissions or owner)")
    return (rel, entry.path, st.st_size, st.st_mtime_ns)


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Content hash: the warehouse skips re-extracting files whose hash it has already loaded."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()
