"""Time one added report and watch the file size over add/remove cycles (issue 16), interleaved.

Why its own script: `bench.run` times three adds on a fresh warehouse; issue 16 asks whether the file
keeps its size over many incremental publishes, and whether a design change is faster than the code
before it on this shared machine, which only an interleaved A/B run (same corpus, same minutes) can say.

    .venv/bin/python -m bench.incremental --corpus bench/out/corpus_10000_s7 --cycles 20 \
        --code new=. --code base=bench/out/base

Each `--code NAME=DIR` is a checkout of the repository (DIR/warehouse/cli.py) with its own warehouse
under `--work`/NAME (built cold first when missing). One cycle, per code in turn: add the extra report
(`bench.generate.extra_report`), build, remove it, build; each build is a fresh `fazhi build --quiet`
process, timed from outside, with the load average and the file size after it. At the end, a fresh
full build of the same folder into `<work>/<NAME>-fresh` gives the size the cycled file is compared with.
Prints one JSON object per build and a summary; writes everything to `<work>/incremental-<time>.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _build(code: Path, corpus: Path, target: Path) -> dict[str, object]:
    """One `fazhi build --quiet` with the code checkout at `code`, as a fresh process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env["PYTHONPATH"] = str(code)
    cmd = [sys.executable, "-m", "warehouse.cli", "build", "--quiet"]
    cmd += ["--source", str(corpus / "reports"), "--warehouse", str(target)]
    load = _load()
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    return {
        "wall_s": round(wall, 3),
        "rc": proc.returncode,
        "load": load,
        "size_mb": round(target.stat().st_size / 1e6, 2) if target.exists() else None,
        "stderr": proc.stderr.strip().splitlines()[-1:] if proc.stderr.strip() else [],
    }


def startup_s(code: Path, repeats: int = 3) -> float:
    """Median wall time of importing the Dagster definitions of `code` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import dagster_project.definitions"], cwd=code, env=env, check=True
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    from bench.generate import extra_report  # noqa: PLC0415 - the generator is big; only here

    p = argparse.ArgumentParser(prog="python -m bench.incremental", description=__doc__.splitlines()[0])
    p.add_argument("--corpus", required=True, type=Path, help="a bench.generate folder (reports/ inside)")
    p.add_argument("--work", type=Path, help="where the warehouses go (default: bench/out/inc_<n>)")
    p.add_argument("--code", action="append", default=[], help="NAME=DIR, a repository checkout")
    p.add_argument("--cycles", type=int, default=20, help="add/remove cycles per code")
    p.add_argument("--no-fresh", action="store_true", help="skip the fresh comparison build")
    args = p.parse_args(argv)
    corpus = args.corpus.resolve()
    n = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["n_reports"]
    work = (args.work or REPO / "bench" / "out" / f"inc_{n}").resolve()
    codes = dict(c.split("=", 1) for c in args.code) or {"new": str(REPO)}
    codes = {name: Path(d).resolve() for name, d in codes.items()}
    log: list[dict[str, object]] = []

    def record(**row: object) -> None:
        log.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)

    for name, code in codes.items():
        target = work / name / "fazhi.duckdb"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            record(code=name, step="cold", **_build(code, corpus, target))
        record(code=name, step="startup", wall_s=round(startup_s(code), 3), load=_load())
        record(code=name, step="start_size", size_mb=round(target.stat().st_size / 1e6, 2))
    for cycle in range(args.cycles):
        for name, code in codes.items():
            target = work / name / "fazhi.duckdb"
            extra = extra_report(corpus, n)
            try:
                record(code=name, step="add", cycle=cycle, **_build(code, corpus, target))
            finally:
                (corpus / "reports" / extra.file_name).unlink(missing_ok=True)
            record(code=name, step="remove", cycle=cycle, **_build(code, corpus, target))
    if not args.no_fresh:
        for name, code in codes.items():
            fresh = work / f"{name}-fresh" / "fazhi.duckdb"
            shutil.rmtree(fresh.parent, ignore_errors=True)
            fresh.parent.mkdir(parents=True)
            record(code=name, step="fresh", **_build(code, corpus, fresh))
    print("\nsummary")
    for name in codes:
        rows = [r for r in log if r["code"] == name]
        adds = [float(r["wall_s"]) for r in rows if r["step"] == "add"]  # type: ignore[arg-type]
        start = next(float(r["wall_s"]) for r in rows if r["step"] == "startup")  # type: ignore[arg-type]
        sizes = [r["size_mb"] for r in rows if r["step"] in ("add", "remove")]
        fresh_mb = next((r["size_mb"] for r in rows if r["step"] == "fresh"), None)
        if adds:
            print(
                f"{name}: one added report median {statistics.median(adds):.2f} s, max {max(adds):.2f} s "
                f"(startup {start:.2f} s, so {statistics.median(adds) - start:.2f} s beyond); "
                f"size {sizes[0]} -> {sizes[-1]} MB after {args.cycles} cycles, fresh build {fresh_mb} MB"
            )
    out = work / f"incremental-{datetime.now():%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(log, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
