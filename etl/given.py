"""A metadata file: what a person or a crawler knows about a report that its text does not say.

Why: a crawler knows the page a report came from and often the town; a report's excerpt may name
neither. `fazhi build --metadata FILE` (or a `_metadata.csv` in the source folder) maps a file, by
`source_path` (relative to the source folder) or by `content_sha256`, to any of the GIVEN columns.
What the file says wins over the text; where they disagree, the report gets a metadata_conflict flag.

    source_path,content_sha256,town,county,province,division_code,report_year,publish_date,url
    2025/东里镇.txt,,东里镇,雷州市,广东省,,2025,2026-01-05,http://www.leizhou.gov.cn/...
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

GIVEN_COLUMNS = ("town", "county", "province", "division_code", "report_year", "publish_date", "url")
KEY_COLUMNS = ("source_path", "content_sha256")
METADATA_FILE_NAME = "_metadata.csv"  # found in the source folder; never read as a report
MAX_BYTES = 64 * 1024 * 1024


class MetadataFileError(ValueError):
    """The metadata file cannot be used; the message names the file, the row and what to fix."""


@dataclass(frozen=True)
class MetadataTable:
    """The rows of a metadata file by source path and by content hash, and a digest of the whole file."""

    by_path: dict[str, dict[str, str]] = field(default_factory=dict)
    by_sha: dict[str, dict[str, str]] = field(default_factory=dict)
    digest: str | None = None  # sha256 of the file bytes; None when there is no metadata file

    def for_path(self, source_path: str) -> str | None:
        """The row keyed by this source path, as canonical JSON (None when there is none)."""
        row = self.by_path.get(source_path)
        return json.dumps(row, ensure_ascii=False, sort_keys=True) if row else None

    def for_file(self, source_path: str, sha: str | None) -> str | None:
        """The row for a file: by source path, else by content hash (canonical JSON, or None)."""
        row = self.by_path.get(source_path) or (self.by_sha.get(sha) if sha else None)
        return json.dumps(row, ensure_ascii=False, sort_keys=True) if row else None

    @property
    def sha_digest(self) -> str:
        """Digest of the rows keyed by content hash (a change to them may concern any file)."""
        blob = json.dumps(self.by_sha, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def metadata_path(source: Path, explicit: str | Path | None) -> Path | None:
    """The metadata file a build uses: the one named with --metadata, else `_metadata.csv` in the source."""
    if explicit:
        return Path(explicit)
    found = Path(source) / METADATA_FILE_NAME
    return found if found.is_file() else None


_PARSED: dict[tuple[str, str], MetadataTable] = {}  # (path, sha256 of its bytes) -> its rows


def read_metadata_file(path: Path | None) -> MetadataTable:
    """Read and check a metadata file; `MetadataFileError` (one line) for anything a person must fix.

    A build reads it three times (planning, the raw_files step, the build's own record): the bytes
    each time, the rows once per content (a 10,000-row file parses in ~0.05 s). Do not modify the
    table returned: it is shared."""
    if path is None:
        return MetadataTable()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise MetadataFileError(f"cannot read metadata file {path}: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise MetadataFileError(f"metadata file {path} is larger than {MAX_BYTES // 1048576} MB")
    key = (str(path), hashlib.sha256(data).hexdigest())
    if key not in _PARSED:
        _PARSED.clear()  # one file per process is the rule: keep the latest only
        _PARSED[key] = _parse_metadata(path, data, key[1])
    return _PARSED[key]


def _parse_metadata(path: Path, data: bytes, digest: str) -> MetadataTable:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MetadataFileError(f"metadata file {path} is not UTF-8 text (save it as UTF-8 CSV)") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    if not any(k in header for k in KEY_COLUMNS):
        raise MetadataFileError(
            f"metadata file {path}: needs a source_path or content_sha256 column, has {header}"
        )
    unknown = [h for h in header if h not in (*KEY_COLUMNS, *GIVEN_COLUMNS)]
    if unknown:
        raise MetadataFileError(
            f"metadata file {path}: unknown column(s) {unknown}; allowed: {', '.join(KEY_COLUMNS + GIVEN_COLUMNS)}"
        )
    table = MetadataTable(digest=digest)
    for n, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        given = {k: row[k] for k in GIVEN_COLUMNS if row.get(k)}
        _check(path, n, given)
        key_path, key_sha = row.get("source_path", ""), row.get("content_sha256", "").lower()
        if not key_path and not key_sha:
            raise MetadataFileError(
                f"metadata file {path} row {n}: neither source_path nor content_sha256 given"
            )
        if key_path:
            table.by_path[key_path.replace("\\", "/").lstrip("./")] = given
        if key_sha:
            table.by_sha[key_sha] = given
    return table


def _check(path: Path, n: int, given: dict[str, str]) -> None:
    where = f"metadata file {path} row {n}"
    if "report_year" in given and not re.fullmatch(r"(?:19|20)\d{2}", given["report_year"]):
        raise MetadataFileError(f"{where}: report_year {given['report_year']!r} is not a year like 2024")
    if "publish_date" in given:
        try:
            date.fromisoformat(given["publish_date"])
        except ValueError:
            raise MetadataFileError(
                f"{where}: publish_date {given['publish_date']!r} is not YYYY-MM-DD"
            ) from None
    if "division_code" in given and not re.fullmatch(r"\d{6}|\d{9}|\d{12}", given["division_code"]):
        raise MetadataFileError(f"{where}: division_code {given['division_code']!r} is not 6, 9 or 12 digits")
    code = given.get("division_code", "")
    if len(code) == 12:  # the 12-digit statistical form: 511725112000 (township), 511725000000 (county)
        given["division_code"] = code[:6] if code[6:] == "000000" else code[:9]
