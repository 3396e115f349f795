"""`fazhi build`: work out what changed, then materialise exactly those shards and the warehouse, in process.

The same assets, checks and IO manager as the UI, the schedule and the sensor. When nothing changed
since the published file was built, no Dagster run starts at all (the no-op costs one folder walk
and one read of the published file's manifest). Dagster is imported only when there is work.
"""

import contextlib
import gc
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dagster_project import changes
from etl.catalogue import SEEDS_DIR
from etl.given import metadata_path, read_metadata_file
from etl.lazy_import import import_without
from warehouse import publish


@dataclass
class BuildOutcome:
    published: bool  # a new file was published
    warehouse: Path
    seconds: float
    failures: list[str] = field(default_factory=list)  # one line each; the first names the check or step
    up_to_date: bool = False  # nothing changed: nothing was run, nothing published
    changed_shards: list[str] = field(default_factory=list)
    files: int = 0  # files in the source folder (incl. ones discovery skipped)
    reports_extracted: int = 0  # files (re)extracted; the rest were carried over from the shard caches
    reports_carried_over: int = 0
    reasons: list[str] = field(default_factory=list)  # why a build was needed (first few)
    plan_seconds: float = 0.0  # folder walk + comparison with the published file and caches
    run_seconds: float = 0.0  # the Dagster run, wall clock
    step_seconds: dict[str, float] = field(default_factory=dict)  # per asset/check step, compute time
    reports_by_status: dict[str, int] = field(default_factory=dict)  # of the file published
    facts: int = 0  # rows of v_facts in the file published
    interrupted: bool = False  # Ctrl+C, SIGTERM or a run terminated from the UI stopped a step

    @property
    def ok(self) -> bool:
        """The published warehouse reflects the source folder (just published, or already up to date)."""
        return self.published or self.up_to_date

    @property
    def dagster_overhead_seconds(self) -> float:
        """Run wall clock not spent inside steps: run setup, event logging, IO manager bookkeeping."""
        return max(0.0, self.run_seconds - sum(self.step_seconds.values()))


def _say(echo: bool, message: str) -> None:
    if echo:
        print(f"  {message}", file=sys.stderr, flush=True)


def run_build(
    source: Path,
    warehouse: Path,
    echo: bool = True,
    wait: bool = False,
    seeds: Path | None = None,
    metadata: Path | None = None,
) -> BuildOutcome:
    """Build and publish what changed; on any failure the previously published file is left as it was.

    `seeds` (reference data: indicators.csv, aliases, dictionaries) defaults to the repository's seeds/;
    `metadata` (a metadata CSV, etl/given.py) to $FAZHI_METADATA, else the source folder's _metadata.csv.
    Raises `etl.given.MetadataFileError` (one line) before touching anything when that file is unusable.
    """
    started = time.monotonic()
    # absolute: `--source reports` and `--source /data/reports` name one folder, whose caches and
    # recorded source_dir must match (a relative spelling made every shard look built elsewhere)
    source, warehouse, seeds = Path(os.path.abspath(source)), Path(warehouse), Path(seeds or SEEDS_DIR)
    meta_file = metadata_path(source, metadata or os.environ.get("FAZHI_METADATA"))
    table = read_metadata_file(meta_file)
    with publish.build_lock(warehouse, wait=wait):
        cache = Path(os.environ.get("FAZHI_CACHE_DIR") or changes.default_cache_dir(warehouse))
        plan = changes.plan(source, warehouse, cache, seeds, table)
        planned = time.monotonic()
        outcome = BuildOutcome(
            published=False,
            warehouse=warehouse,
            seconds=0.0,
            files=plan.files,
            changed_shards=plan.changed_shards,
            reasons=plan.reasons[:5],
            plan_seconds=planned - started,
        )
        if plan.up_to_date:
            _say(echo, f"{plan.files} files, nothing changed since {warehouse.name} was published")
            outcome.up_to_date, outcome.seconds = True, time.monotonic() - started
            return outcome
        _say(
            echo,
            f"{plan.files} files; {plan.reasons[0]}"
            + (f" (+{len(plan.reasons) - 1} more)" if len(plan.reasons) > 1 else ""),
        )
        _say(echo, f"shards to extract: {', '.join(plan.changed_shards) or 'none (warehouse only)'}")
        try:
            _materialise(source, warehouse, seeds, meta_file, plan.changed_shards, echo, outcome)
        finally:
            changes.forget_scan()
    outcome.seconds = time.monotonic() - started
    return outcome


def _materialise(
    source: Path,
    warehouse: Path,
    seeds: Path,
    meta_file: Path | None,
    shards: list[str],
    echo: bool,
    outcome: BuildOutcome,
) -> None:
    import dagster as dg  # noqa: PLC0415 - only when there is work

    from dagster_project.assets import ALL_ASSETS, WAREHOUSE_ASSETS, staging_for  # noqa: PLC0415
    from dagster_project.automation import range_tags  # noqa: PLC0415
    from dagster_project.checks import ALL_CHECKS, WARNING_CHECKS  # noqa: PLC0415
    from dagster_project.definitions import make_resources  # noqa: PLC0415
    from dagster_project.resources import FazhiConfig  # noqa: PLC0415
    from warehouse.build import spill_dir  # noqa: PLC0415

    fazhi = FazhiConfig(
        source_dir=str(source),
        warehouse=str(warehouse),
        seeds_dir=str(seeds),
        metadata_file=str(meta_file or ""),
        runner_holds_lock=True,
    )
    if shards:
        selection, tags = dg.AssetSelection.all(), range_tags(shards)
    else:  # the shard caches are current; only the warehouse must be rebuilt (e.g. new SQL, a rollback)
        selection, tags = dg.AssetSelection.assets(*WAREHOUSE_ASSETS), {}
    # With a DAGSTER_HOME the run is recorded there and shows in the UI (costs ~1 s of SQLite writes).
    home = os.environ.get("DAGSTER_HOME")
    recorded = bool(home and Path(home).is_dir())
    resources = make_resources(fazhi, echo=echo)
    if recorded:
        instance = dg.DagsterInstance.get()
    else:
        # The warnings (never blocking) exist to be seen in the UI; a run no instance records shows
        # them nowhere, and `fazhi build` never printed them: 0.09 s of one added report at 10,000.
        selection = selection - dg.AssetSelection.checks(*WARNING_CHECKS)
        # alembic's templates need no pygments here (etl.lazy_import): 0.05-0.09 s of one added report
        instance = import_without("dagster_project.instance", ("mako.ext.pygmentplugin",)).cli_instance()
        # A run nobody can re-execute (no instance keeps it) passes the warehouse steps' small results
        # in memory instead of pickling them into a temporary folder (and importing fsspec/upath for
        # that: 0.12 s of one added report). Runs recorded under DAGSTER_HOME keep Dagster's default.
        resources["io_manager"] = dg.InMemoryIOManager()
    run_started = time.monotonic()
    try:
        with _gc_frozen():
            result = dg.materialize(
                [*ALL_ASSETS, *ALL_CHECKS],
                selection=selection,
                instance=instance,
                resources=resources,
                tags={**tags, "fazhi/trigger": "fazhi build"},
                raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
            )
    finally:
        if not recorded:  # the result keeps its events; the in-memory storages can go
            instance.dispose()
    outcome.run_seconds = time.monotonic() - run_started
    for ev in result.all_events:
        if ev.is_step_success and ev.step_key:
            outcome.step_seconds[ev.step_key] = ev.event_specific_data.duration_ms / 1000  # type: ignore[union-attr]
    for ev in result.get_asset_materialization_events():
        meta = ev.materialization.metadata
        if ev.asset_key == dg.AssetKey("normalised_reports"):
            outcome.reports_extracted = int(meta["reports_extracted"].value)
            outcome.reports_carried_over = int(meta["reports_carried_over"].value)
        if ev.asset_key == dg.AssetKey("published_warehouse"):
            outcome.facts = int(meta["facts"].value)
            outcome.reports_by_status = {
                k.removeprefix("reports_"): int(v.value)  # type: ignore[arg-type]
                for k, v in meta.items()
                if k.startswith("reports_") and k != "reports_by_status"
            }
    for ev in result.get_asset_check_evaluations():
        if not ev.passed and ev.severity == dg.AssetCheckSeverity.ERROR:
            step = ev.metadata.get("next_step")  # one line: what failed and what to do (checks.failure_line)
            outcome.failures.append(
                str(step.value)
                if step and step.value
                else f"blocking check failed: {ev.check_name} ({ev.metadata['violations'].value} violating rows)"
            )
    for ev in result.get_step_failure_events():
        err = ev.event_specific_data.error if ev.event_specific_data else None
        if err and err.cls_name == "DagsterAssetCheckFailedError":
            continue  # already reported by name above
        if err and err.cls_name == "DagsterExecutionInterruptedError":
            outcome.interrupted = True  # not a failure of the step: `fazhi build` says "interrupted"
            continue
        msg = _root_message(err) if err else "unknown error"
        outcome.failures.append(f"step {ev.step_key} failed: {msg}")
    published = any(
        ev.asset_key == dg.AssetKey("published_warehouse") for ev in result.get_asset_materialization_events()
    )
    outcome.published = published and result.success
    staging = staging_for(warehouse, result.run_id)
    for leftover in (staging, Path(f"{staging}.wal")) if not outcome.published else ():
        try:
            leftover.unlink(missing_ok=True)
        except OSError:  # e.g. the folder turned read-only: the failure reason is what matters
            pass
    shutil.rmtree(spill_dir(staging), ignore_errors=True)  # if a crash left DuckDB's spill folder
    if outcome.interrupted and not outcome.failures:
        outcome.failures.append("interrupted")
    if not outcome.published and not outcome.failures:
        outcome.failures.append("the build did not publish (see the run log)")


@contextlib.contextmanager
def _gc_frozen() -> Iterator[None]:
    """Importing Dagster (and the instance's SQLAlchemy) leaves ~1M long-lived objects that every full
    collection of Python's cyclic GC walks again: such collections cost 0.4-0.6 s of one added report
    at 10,000 (bench/RESULTS.md). They are frozen (left out of collections) for the run, and handed
    back to the GC after it."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _root_message(err: object) -> str:
    """The first error below Dagster's wrappers, on one line: our own errors (PublishError...) name the
    file and what to do, which the OSError they wrap does not."""
    while getattr(err, "cause", None) is not None and str(getattr(err, "cls_name", "")).startswith("Dagster"):
        err = err.cause  # type: ignore[attr-defined]
    lines = (getattr(err, "message", "") or "").strip().splitlines()
    return " ".join(lines[-1].split()) if lines else "unknown error"
