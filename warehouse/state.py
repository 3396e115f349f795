"""What the published warehouse was built from, so a build runner can decide "nothing changed".

The published file records, per input file, its content hash, size, modification time and extractor
version (`dim_report`), and per build the catalogue/schema fingerprints (`build_info`). A runner
compares them with the source folder as it is now (`PublishedState.changes`); no differences means
the published file is already what a new build would produce, and it can skip publishing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from warehouse.sqlfiles import SQL_DIR, read_sql

# Folders of seeds/ that hold input reports, not reference data: they never change the fingerprint.
_NOT_REFERENCE = {"reports"}
# sql/ folders that do not change what a build writes.
_NOT_SCHEMA = {"examples"}


@dataclass(frozen=True)
class PublishedFile:
    """One input file as the published warehouse saw it (a row of dim_report)."""

    source_path: str
    content_sha256: str | None
    file_size: int | None
    file_mtime_ns: int | None
    extractor_version: str | None
    status: str


class FileStamp(Protocol):
    """What a runner knows about a current file: `etl.discover.SourceFile` fits (size, mtime_ns)."""

    source_path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class PublishedState:
    files: dict[str, PublishedFile]  # by source_path (relative to the source folder)
    build_info: dict[str, str | None] = field(default_factory=dict)

    @property
    def extractor_version(self) -> str | None:
        return self.build_info.get("extractor_version")

    @property
    def catalogue_sha256(self) -> str | None:
        return self.build_info.get("catalogue_sha256")

    @property
    def schema_version(self) -> str | None:
        return self.build_info.get("schema_version")

    @property
    def source_dir(self) -> str | None:
        return self.build_info.get("source_dir")

    def changes(
        self,
        current: Iterable[FileStamp],
        *,
        extractor_version: str,
        catalogue_sha256: str,
        schema_version: str,
        source_dir: str | None = None,
        skipped: Iterable[str] = (),
        sha256_of: dict[str, str] | None = None,
        metadata_sha256: str | None = None,
    ) -> list[str]:
        """Why a new build would differ from the published file; an empty list means "no-op".

        A file counts as unchanged when size and mtime match, or, when `sha256_of` gives its current
        hash, when the hash matches (a `touch` does not force a rebuild then). `skipped` are source
        paths discovery skipped (they appear in dim_report as rejected rows without a hash).
        Caveat: with a matching hash a changed mtime is ignored, although mtime breaks ties between two
        reports of the same town-year whose publish dates are equal; pass no `sha256_of` to be strict.
        """
        reasons: list[str] = []
        for key, now in (
            ("extractor_version", extractor_version),
            ("catalogue_sha256", catalogue_sha256),
            ("schema_version", schema_version),
        ):
            if self.build_info.get(key) != now:
                reasons.append(f"{key} changed: {self.build_info.get(key)} -> {now}")
        if self.build_info.get("metadata_sha256") != metadata_sha256:
            reasons.append(
                f"metadata file changed: {self.build_info.get('metadata_sha256')} -> {metadata_sha256}"
            )
        if source_dir is not None and self.source_dir is not None and self.source_dir != source_dir:
            reasons.append(f"source_dir changed: {self.source_dir} -> {source_dir}")
        seen: set[str] = set()
        for f in current:
            seen.add(f.source_path)
            old = self.files.get(f.source_path)
            if old is None:
                reasons.append(f"new file: {f.source_path}")
            elif old.extractor_version != extractor_version:
                reasons.append(f"extracted by {old.extractor_version}: {f.source_path}")
            elif not self._same_file(old, f, (sha256_of or {}).get(f.source_path)):
                reasons.append(f"changed file: {f.source_path}")
        for path in skipped:
            seen.add(path)
            old = self.files.get(path)
            if old is None or old.content_sha256 is not None:
                reasons.append(f"newly skipped file: {path}")
        reasons.extend(f"deleted file: {p}" for p in sorted(set(self.files) - seen))
        return reasons

    @staticmethod
    def _same_file(old: PublishedFile, now: FileStamp, sha: str | None) -> bool:
        if old.file_size != now.size:
            return False
        if sha is not None:
            return sha == old.content_sha256
        # Rejected rows may carry no mtime: then equal size is all we can compare without hashing.
        return old.file_mtime_ns is None or old.file_mtime_ns == now.mtime_ns


def published_state(target: Path) -> PublishedState | None:
    """Read (read-only, connection closed) what `target` was built from; None if it is missing or unreadable.

    An unreadable or foreign file gives None, which a runner must treat as "rebuild everything".
    """
    if not Path(target).is_file():
        return None
    try:
        con = duckdb.connect(str(target), read_only=True)
    except duckdb.Error:
        return None
    try:
        rows = con.execute(read_sql("queries/published_files.sql")).fetchall()
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
    except duckdb.Error:
        return None
    finally:
        con.close()
    files = {r[0]: PublishedFile(*r) for r in rows}
    return PublishedState(files=files, build_info=info)


def _digest(paths: Iterable[tuple[str, Path]]) -> str:
    h = hashlib.sha256()
    for name, path in sorted(paths):
        h.update(name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _visible(rel: Path) -> bool:
    return not any(part.startswith(".") or part == "__pycache__" for part in rel.parts)


def catalogue_fingerprint(seeds_dir: Path) -> str:
    """sha256 over the reference data that steers extraction: every file under `seeds_dir` except
    `reports/` (indicators.csv, indicator_aliases.csv and any dictionary the extractors read)."""
    root = Path(seeds_dir)
    files = [
        (p.relative_to(root).as_posix(), p)
        for p in root.rglob("*")
        if p.is_file()
        and _visible(p.relative_to(root))
        and p.relative_to(root).parts[0] not in _NOT_REFERENCE
    ]
    return _digest(files)


def schema_fingerprint() -> str:
    """sha256 over the `sql/` files a build runs (all but `examples/`): new SQL means a new build."""
    files = [
        (p.relative_to(SQL_DIR).as_posix(), p)
        for p in SQL_DIR.rglob("*.sql")
        if _visible(p.relative_to(SQL_DIR)) and p.relative_to(SQL_DIR).parts[0] not in _NOT_SCHEMA
    ]
    return _digest(files)
