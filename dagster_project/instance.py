"""The Dagster instance of a `fazhi build` run that nothing records (no DAGSTER_HOME).

It is `DagsterInstance.ephemeral()` with one difference: the in-memory event log writes every event
on one SQLite connection instead of opening a new one per event. Dagster's in-memory event log opens
a connection and sets two PRAGMAs for each of the ~110 events of a one-report build (~0.05 s of a
one added report at 10,000, measured in bench/RESULTS.md). The run is the same Dagster run: same
run storage, same event log tables, same events in the result; the UI, the schedule and the sensor
use the instance under DAGSTER_HOME, which this module never touches.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import dagster as dg
import sqlalchemy as db
from dagster._core.instance.types import InstanceType
from dagster._core.launcher.sync_in_memory_run_launcher import SyncInMemoryRunLauncher
from dagster._core.run_coordinator import DefaultRunCoordinator
from dagster._core.storage.event_log import InMemoryEventLogStorage
from dagster._core.storage.noop_compute_log_manager import NoOpComputeLogManager
from dagster._core.storage.root import TemporaryLocalArtifactStorage
from dagster._core.storage.runs import InMemoryRunStorage


class OneConnectionEventLog(InMemoryEventLogStorage):
    """Dagster's in-memory event log, writing on one held connection (opened in the thread that
    created the storage; any other thread gets Dagster's own connection-per-call)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._owner = threading.get_ident()
        self._one: db.Connection | None = None

    @contextmanager
    def _connect(self) -> Iterator[db.Connection]:
        if threading.get_ident() != self._owner:
            with super()._connect() as conn:
                yield conn
            return
        with self._db_lock:
            if self._one is None:
                self._one = self._engine.connect()
                self._one.execute(db.text("PRAGMA foreign_keys=ON;")).close()
                self._one.commit()
            with self._one.begin():
                yield self._one

    def dispose(self) -> None:
        if self._one is not None:
            self._one.close()
            self._one = None
        super().dispose()


def cli_instance() -> dg.DagsterInstance:
    """An ephemeral instance (as `DagsterInstance.ephemeral()` builds it) with `OneConnectionEventLog`."""
    return dg.DagsterInstance(
        instance_type=InstanceType.EPHEMERAL,
        local_artifact_storage=TemporaryLocalArtifactStorage(),
        run_storage=InMemoryRunStorage(),
        event_storage=OneConnectionEventLog(),
        compute_log_manager=NoOpComputeLogManager(),
        run_coordinator=DefaultRunCoordinator(),
        run_launcher=SyncInMemoryRunLauncher(),
    )
