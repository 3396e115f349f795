"""Importing a library without an optional dependency it can do without, where that one costs time.

Why: a one-report `fazhi build` is timed in tenths of a second (issue #16), and two libraries import
something slow they only use for a nicety and do without cleanly when it is missing: jieba imports
`pkg_resources` (which scans every installed distribution, ~0.06 s) only to open its own data files,
and alembic, which Dagster's instance imports, loads mako, whose error pages import pygments' lexers
(~0.09 s) only to colour code in HTML tracebacks nobody renders here.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

_LOCK = threading.Lock()


def import_without(module: str, optional: tuple[str, ...]) -> ModuleType:
    """`importlib.import_module(module)` while each of `optional` that nothing has imported yet raises
    ImportError (a None entry in `sys.modules`), so `module` takes its own fallback. Only for the
    moment of the import, and only for modules not yet imported: one that another thread imports at
    that instant would fail, so call it where nothing else imports (the main thread, before a run)."""
    with _LOCK:
        if module in sys.modules:
            return sys.modules[module]
        blocked = [name for name in optional if name not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # type: ignore[assignment]
        try:
            return importlib.import_module(module)
        finally:
            for name in blocked:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]
