"""The instance `fazhi build` runs on when nothing records the run (dagster_project/instance.py)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import dagster as dg

from dagster_project.instance import OneConnectionEventLog, cli_instance


@dg.asset
def numbers() -> list[int]:
    return [1, 2, 3]


@dg.asset
def total(numbers: list[int]) -> int:
    return sum(numbers)


def _stored_types(instance: dg.DagsterInstance, run_id: str) -> list[object]:
    return [e.dagster_event_type for e in instance.all_logs(run_id) if e.is_dagster_event]


def _connections_used(instance: dg.DagsterInstance) -> set[int]:
    """Record the id of every connection the event log writes or reads on from now on."""
    storage: Any = instance.event_log_storage
    seen: set[int] = set()
    opened = storage._connect

    @contextmanager
    def spy() -> Iterator[object]:
        with opened() as conn:
            seen.add(id(conn))
            yield conn

    storage._connect = spy
    return seen


def test_the_cli_instance_keeps_every_event_of_a_run_on_one_connection() -> None:
    with dg.DagsterInstance.ephemeral() as stock:
        stock_connections = _connections_used(stock)
        reference = _stored_types(stock, dg.materialize([numbers, total], instance=stock).run_id)
    assert len(stock_connections) > 1  # Dagster's own in-memory log opens one per call
    instance = cli_instance()
    try:
        assert isinstance(instance.event_log_storage, OneConnectionEventLog)
        connections = _connections_used(instance)
        result = dg.materialize([numbers, total], instance=instance)
        assert result.success and result.output_for_node("total") == 6
        assert _stored_types(instance, result.run_id) == reference  # what Dagster's own instance keeps
        latest = instance.get_latest_materialization_event(dg.AssetKey("total"))
        assert latest is not None and latest.run_id == result.run_id
        # a second run on the same instance sees the first one's materialisations
        again = dg.materialize([numbers, total], instance=instance, selection=["total"])
        assert again.success and again.output_for_node("total") == 6
        assert instance.get_latest_materialization_event(dg.AssetKey("total")).run_id == again.run_id  # type: ignore[union-attr]
        assert len(connections) == 1  # both runs, every event, on the one held connection
    finally:
        instance.dispose()


def test_another_thread_gets_its_own_connection() -> None:
    instance = cli_instance()
    try:
        ran = dg.materialize([numbers], instance=instance)
        seen: list[int] = []

        def count() -> None:  # Dagster's own connection-per-call path, from a second thread
            seen.append(len(instance.all_logs(ran.run_id)))

        worker = threading.Thread(target=count)
        worker.start()
        worker.join()
        assert seen == [len(instance.all_logs(ran.run_id))] and seen[0] > 0
    finally:
        instance.dispose()
