"""Wall time of `fazhi query` as a user runs it (a fresh process, start-up included), this tree against
another checkout of the code, interleaved A, B, A, B ... so machine load hits both alike (issue 17).

    git worktree add /tmp/fazhi-before <commit>     # or: git archive <commit> | tar -x -C DIR
    .venv/bin/python -m bench.query_cli --before /tmp/fazhi-before \\
        --warehouse bench/out/run_10000/fazhi.duckdb --runs 20

Both run with this interpreter (`python -m warehouse.cli` from each folder, so each imports its own
code). Prints median / min / p90 per format and the ratio after / before, with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SQL = "SELECT * FROM v_facts LIMIT 1000"


def once(code_dir: Path, warehouse: Path, fmt: str, sql: str) -> float:
    """Seconds for one `fazhi query` run from code_dir; its output is read and discarded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    started = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-m", "warehouse.cli", "query", "--warehouse", str(warehouse), "--format", fmt, sql],
        cwd=code_dir,
        env=env,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if res.returncode != 0 or not res.stdout:
        raise SystemExit(f"{code_dir}: exit {res.returncode}: {res.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", required=True, type=Path, help="a checkout of the code to compare with")
    p.add_argument("--after", type=Path, default=REPO, help="default: this repository")
    p.add_argument("--warehouse", required=True, type=Path)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--formats", nargs="+", default=["table", "csv", "json"])
    p.add_argument("--sql", default=DEFAULT_SQL)
    args = p.parse_args()
    args.warehouse = args.warehouse.resolve()
    load_before = os.getloadavg()
    times: dict[tuple[str, str], list[float]] = {}
    for fmt in args.formats:
        for label, code in (("before", args.before), ("after", args.after)):
            once(code, args.warehouse, fmt, args.sql)  # warm the page cache and .pyc files
            times[(label, fmt)] = []
    for i in range(args.runs):
        for fmt in args.formats:
            order = [("before", args.before), ("after", args.after)]
            for label, code in order if i % 2 == 0 else order[::-1]:
                times[(label, fmt)].append(once(code, args.warehouse, fmt, args.sql))
    load_after = os.getloadavg()
    print(f'`fazhi query --format F "{args.sql}"` on {args.warehouse}, {args.runs} interleaved runs each')
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")  # fmt: skip
    print("| format | before median (min / p90) s | after median (min / p90) s | after / before |")
    print("|---|---|---|---|")
    for fmt in args.formats:
        cells = []
        for label in ("before", "after"):
            t = sorted(times[(label, fmt)])
            cells.append((statistics.median(t), t[0], t[int(0.9 * (len(t) - 1))]))
        (b, bmin, b90), (a, amin, a90) = cells
        print(
            f"| {fmt} | {b:.3f} ({bmin:.3f} / {b90:.3f}) | {a:.3f} ({amin:.3f} / {a90:.3f}) | {a / b:.2f} |"
        )


if __name__ == "__main__":
    main()
