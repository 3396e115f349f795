"""Named pause and fault points, so robustness tests can kill or break a build exactly where they mean to.

A build calls `pause_point("<stage>")` at a few places (extraction done, staging loaded, just before and
just after the atomic replace). In production nothing is set and the call is a dictionary lookup.

- `FAZHI_PAUSE_AT=<stage>`: at that stage write a marker file (`FAZHI_PAUSE_MARKER`, contents
  "<pid> <stage>") and sleep up to `FAZHI_PAUSE_SECONDS` (default 30, at most 120), so a test can
  SIGKILL the process while it is provably there.
- `FAZHI_FAULT_AT=<stage>:<ERRNO>` (e.g. `publish_before_replace:ENOSPC`): raise
  `OSError(<ERRNO>)` naming `path` at that stage, to simulate a disk-full or read-only folder where a
  real one cannot be made (tests run as root, which ignores folder permissions).
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

PAUSE_AT = "FAZHI_PAUSE_AT"
PAUSE_MARKER = "FAZHI_PAUSE_MARKER"
PAUSE_SECONDS = "FAZHI_PAUSE_SECONDS"
FAULT_AT = "FAZHI_FAULT_AT"

# The stages a build passes, in order; tests import this list so a renamed stage fails loudly.
STAGES = ("extract", "load", "publish_before_replace", "publish_after_replace")
MAX_PAUSE_SECONDS = 120.0


def pause_point(stage: str, path: str | os.PathLike[str] | None = None) -> None:
    """Pause or fail here when the environment asks for this stage; otherwise do nothing."""
    fault = os.environ.get(FAULT_AT)
    if fault:
        _maybe_raise(fault, stage, path)
    if os.environ.get(PAUSE_AT) != stage:
        return
    marker = os.environ.get(PAUSE_MARKER)
    if marker:
        tmp = Path(f"{marker}.tmp")
        tmp.write_text(f"{os.getpid()} {stage}\n", encoding="utf-8")
        os.replace(tmp, marker)  # the test never reads a half-written marker
    try:
        seconds = float(os.environ.get(PAUSE_SECONDS, "30"))
    except ValueError:
        seconds = 30.0
    time.sleep(max(0.0, min(seconds, MAX_PAUSE_SECONDS)))


def _maybe_raise(spec: str, stage: str, path: str | os.PathLike[str] | None) -> None:
    where, _, name = spec.partition(":")
    if where != stage:
        return
    code = getattr(errno, name or "EIO", None)
    if not isinstance(code, int):
        raise ValueError(f"{FAULT_AT}={spec!r}: {name!r} is not an errno name such as ENOSPC or EROFS")
    raise OSError(code, os.strerror(code), None if path is None else os.fspath(path))
