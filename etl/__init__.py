"""Pure extraction layer: report files in, Polars frames out. No DuckDB, no Dagster here."""

import hashlib
from pathlib import Path

__version__ = "0.2.0"


def _code_digest() -> str:
    """Digest of the extraction code itself, so any change to it re-extracts files whose bytes did not change.

    A hand-bumped version number is forgotten; a digest is not. Reference data in seeds/ is covered
    separately by the catalogue fingerprint (warehouse/state.py).
    """
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


EXTRACTOR_VERSION = f"{__version__}+{_code_digest()}"
"""Recorded per report in the warehouse; a report extracted by another version is re-extracted."""
