"""Measure the warehouse at scale and append the numbers to bench/RESULTS.md.

Why a script and not tests: timings depend on the machine and its load, so they are recorded with the
machine's details and compared against the issue-8 targets, never asserted in the test suite.

    .venv/bin/python -m bench.run                      # 1k and 10k reports
    .venv/bin/python -m bench.run --sizes 1000         # quick
    .venv/bin/python -m bench.run --with-100k          # also 100k (long; needs ~6 GB of disk)

Per size it generates (or reuses) the corpus under bench/out/, then runs `fazhi build` as a subprocess
into a fresh folder (cold: no warehouse, no shard cache), again with nothing changed, then with one
added report; measures the peak RSS of the whole process tree (sampled from /proc every 50 ms) and of
the largest single process (`/usr/bin/time -v`); times each contract view and three example queries on
the largest warehouse; times each etl stage in this process; and scores extraction against the truth.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
RESULTS = REPO / "bench" / "RESULTS.md"
QUERIES_DIR = REPO / "bench" / "queries"
EXAMPLES_DIR = REPO / "sql" / "examples"

ADD_REPEATS = 3  # one added report is timed this many times (add, build, remove, rebuild)
TARGETS = {  # issue 8, on the 10k corpus
    "cold_s": 60.0,
    "rss_mb": 1500.0,
    "nochange_s": 5.0,
    "add_one_s": 5.0,
    "query_p95_ms": 100.0,
}

# One realistic aggregate per contract view (the other query per view is SELECT * ... LIMIT 1000).
VIEW_AGGREGATES = {
    "v_reports": "SELECT status, script, count(*) AS n, sum(n_facts) AS facts FROM v_reports GROUP BY ALL",
    "v_facts": "SELECT indicator_code, report_year, count(*) AS n, avg(value) AS mean, median(value) AS med "
    "FROM v_facts GROUP BY ALL",
    "v_indicator_yoy": "SELECT indicator_code, report_year, count(prev_value) AS pairs, median(pct_change) AS med "
    "FROM v_indicator_yoy GROUP BY ALL",
    "v_cross_town": "SELECT indicator_code, report_year, max(n_towns) AS towns, avg(ratio_to_median) AS r "
    "FROM v_cross_town WHERE rank_in_year <= 10 GROUP BY ALL",
    "v_unmatched_quantities": "SELECT unit, count(*) AS n, avg(value) AS mean FROM v_unmatched_quantities "
    "GROUP BY ALL ORDER BY n DESC LIMIT 50",
    "v_sections": "SELECT section_type, count(*) AS n, avg(length(text)) AS chars FROM v_sections GROUP BY ALL",
    "v_problems": "SELECT theme, count(*) AS n FROM v_problems GROUP BY ALL",
    "v_data_quality": "SELECT flag, count(*) AS n FROM v_data_quality GROUP BY ALL",
}


# ------------------------------------------------------------------------------------------- machine
def _sh(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
    except (OSError, AttributeError):
        mem_kb = 0
    versions = {}
    for mod in ("duckdb", "polars", "dagster", "pyarrow"):
        try:
            versions[mod] = __import__(mod).__version__
        except ImportError:
            versions[mod] = "absent"
    dirty = bool(_sh("git", "status", "--porcelain", "--untracked-files=no"))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpu": cpu or platform.processor() or "unknown",
        "cores": str(os.cpu_count()),
        "ram": f"{mem_kb / 1024 / 1024:.1f} GB",
        "python": platform.python_version(),
        **versions,
        "os": f"{platform.system()} {platform.release()}",
        "commit": _sh("git", "rev-parse", "--short", "HEAD")
        + (" (+ uncommitted changes in the tree)" if dirty else ""),
        "load_before": " ".join(f"{x:.2f}" for x in load),
    }


# ------------------------------------------------------------------------------------- subprocesses
def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over `root` and all its descendants (a worker pool counts, unlike ru_maxrss)."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            pages = int(Path(f"/proc/{d}/statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parent[int(d)] = ppid
        rss[int(d)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, pp in parent.items():
            if pp in tree and pid not in tree:
                tree.add(pid)
                changed = True
    return sum(rss.get(p, 0) for p in tree)


@dataclass
class Timed:
    wall_s: float
    returncode: int
    stderr: str
    peak_tree_mb: float = 0.0
    max_process_mb: float = 0.0
    runner_s: float | None = None  # the build's own "published ... in X s"
    command: list[str] = field(default_factory=list)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> Timed:
    """Run `cmd` under /usr/bin/time -v when present; sample the process tree's RSS meanwhile."""
    gnu_time = Path("/usr/bin/time")
    full = [str(gnu_time), "-v", *cmd] if gnu_time.exists() else cmd
    started = time.perf_counter()
    proc = subprocess.Popen(
        full, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    t.join()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    r = re.search(r"published .* in ([\d.]+) s", err)
    return Timed(
        wall_s=wall,
        returncode=proc.returncode,
        stderr=err,
        peak_tree_mb=peak[0] / 1024,
        max_process_mb=int(m.group(1)) / 1024 if m else 0.0,
        runner_s=float(r.group(1)) if r else None,
        command=cmd,
    )


def fazhi_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("fazhi")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "warehouse.cli"]


def build_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}  # no shared cache or target
    return env


def dagster_startup_s(repeats: int = 3) -> float:
    """Wall time of importing the Dagster definitions in a fresh interpreter (median of a few)."""
    times = []
    for _ in range(repeats):
        t = timed([sys.executable, "-c", "import dagster_project.definitions"], build_env())
        times.append(t.wall_s)
    return statistics.median(times)


# --------------------------------------------------------------------------------------------- stages
def stage_throughput(corpus: Path) -> dict[str, dict[str, float]]:
    """Time each etl stage in this process (single core) on the corpus; MB/s of the raw corpus bytes."""
    from etl.catalogue import load_catalogue
    from etl.decode import RejectError, decode_bytes
    from etl.discover import discover
    from etl.normalise import normalise
    from etl.pipeline import (
        Extraction,
        facts_frame,
        flags_frame,
        ingest_files,
        mentions_frame,
        sections_frame,
    )
    from warehouse import build

    out: dict[str, dict[str, float]] = {}
    files, skipped = discover(corpus / "reports")
    n = len(files)

    t0 = time.perf_counter()
    raw = [Path(f.abs_path).read_bytes() for f in files]
    decoded = []
    for data in raw:
        try:
            decoded.append(decode_bytes(data).text)
        except RejectError:
            pass
    mb = sum(map(len, raw)) / 1e6
    out["discover+decode"] = {"s": time.perf_counter() - t0}

    t0 = time.perf_counter()
    for text in decoded:
        normalise(text)
    out["normalise"] = {"s": time.perf_counter() - t0}

    t0 = time.perf_counter()
    reports = ingest_files(files, skipped)  # decode + normalise + metadata, as the build does
    out["ingest (decode+normalise+metadata)"] = {"s": time.perf_counter() - t0}

    catalogue = load_catalogue()
    t0 = time.perf_counter()
    sections, problems = sections_frame(reports)
    out["sections"] = {"s": time.perf_counter() - t0}

    t0 = time.perf_counter()
    mentions = mentions_frame(reports, catalogue)
    facts, unmatched = facts_frame(mentions, catalogue)
    flags = flags_frame(reports, facts)
    out["extract (mentions+facts+flags)"] = {"s": time.perf_counter() - t0}

    staging = OUT / "stage_throughput.duckdb"
    for p in (staging, Path(f"{staging}.wal")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    build.stage(staging, Extraction(reports, sections, problems, mentions, facts, unmatched, flags))
    out["load (warehouse.build.stage)"] = {"s": time.perf_counter() - t0}
    staging.unlink(missing_ok=True)
    for v in out.values():
        v["mb_s"] = mb / v["s"] if v["s"] else 0.0
        v["reports_s"] = n / v["s"] if v["s"] else 0.0
    out["_corpus"] = {"mb": mb, "reports": float(n)}
    return out


# -------------------------------------------------------------------------------------------- queries
def _percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def example_queries() -> tuple[str, list[tuple[str, str]]]:
    """Three analyst queries: sql/examples/ when the warehouse helper has written them, else bench/queries/."""
    for folder, label in ((EXAMPLES_DIR, "sql/examples"), (QUERIES_DIR, "bench/queries")):
        files = sorted(folder.glob("*.sql")) if folder.is_dir() else []
        if files:
            return label, [(f"{label}/{f.name}", f.read_text(encoding="utf-8")) for f in files[:3]]
    return "none", []


REPEATS = 30
QUERY_BUDGET_S = 20.0


def query_latency(warehouse: Path) -> list[dict[str, object]]:
    """p50/p95 per query; a slow query stops repeating once it has spent QUERY_BUDGET_S (at least 3 runs)."""
    import duckdb

    queries: list[tuple[str, str]] = []
    for view, agg in VIEW_AGGREGATES.items():
        queries.append((f"{view}: SELECT * LIMIT 1000", f"SELECT * FROM {view} LIMIT 1000"))
        queries.append((f"{view}: aggregate", agg))
    _, examples = example_queries()
    queries += examples
    con = duckdb.connect(str(warehouse), read_only=True)
    con.execute("SET enable_progress_bar = false")
    out = []
    try:
        for label, sql in queries:
            times = []
            rows = 0
            try:
                con.execute(sql).fetchall()  # warm-up: first touch reads the blocks from disk
                for _ in range(REPEATS):
                    t0 = time.perf_counter()
                    rows = len(con.execute(sql).fetchall())
                    times.append((time.perf_counter() - t0) * 1000)
                    if len(times) >= 3 and sum(times) > QUERY_BUDGET_S * 1000:
                        break
                out.append(
                    {
                        "query": label,
                        "rows": rows,
                        "runs": len(times),
                        "p50_ms": _percentile(times, 0.5),
                        "p95_ms": _percentile(times, 0.95),
                    }
                )
            except duckdb.Error as exc:
                out.append({"query": label, "error": str(exc).splitlines()[0]})
    finally:
        con.close()
    return out


# ---------------------------------------------------------------------------------------------- sizes
def ensure_corpus(n: int, seed: int, phrasings: str = "train") -> tuple[Path, float | None]:
    """The corpus for N under bench/out/, regenerated unless an identical one is already there."""
    from bench.generate import GENERATOR_VERSION, generate

    folder = OUT / (f"corpus_{n}_s{seed}" + ("" if phrasings == "train" else f"_{phrasings}"))
    manifest = folder / "manifest.json"
    if manifest.exists():
        m = json.loads(manifest.read_text(encoding="utf-8"))
        on_disk = len(list((folder / "reports").glob("*.txt")))
        if m.get("generator_version") == GENERATOR_VERSION and m.get("n_reports") == n == on_disk:
            return folder, None
    t0 = time.perf_counter()
    generate(n, folder, seed, phrasings)
    return folder, time.perf_counter() - t0


def heldout_accuracy(n: int, seed: int, log) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Precision/recall on a corpus worded with the held-out phrasings (bench.generate.HELDOUT_TEMPLATES)."""
    from bench.accuracy import score_warehouse

    corpus, _ = ensure_corpus(n, seed, "heldout")
    work = OUT / f"run_{n}_heldout"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    target = work / "fazhi.duckdb"
    cmd = [*fazhi_cmd(), "build", "--source", str(corpus / "reports"), "--warehouse", str(target), "--quiet"]
    built = timed(cmd, build_env())
    if built.returncode != 0:
        return {"n": n, "error": built.stderr[-500:]}
    s = score_warehouse(corpus / "facts.csv", target)
    log(f"[{n} held-out] precision {s.precision:.3f} recall {s.recall:.3f}")
    return {
        "n": n,
        "precision": s.precision,
        "recall": s.recall,
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "worst_recall": sorted(s.recall_by_indicator.items(), key=lambda kv: kv[1][0])[:10],
    }


def measure_size(n: int, seed: int, startup_s: float, log) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from bench.accuracy import flag_accuracy, metadata_accuracy, read_csv, score_warehouse
    from bench.generate import extra_report

    corpus, gen_s = ensure_corpus(n, seed)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    how = f"generated in {gen_s:.1f} s" if gen_s else "reused"
    log(f"[{n}] corpus {corpus} ({how})")
    work = OUT / f"run_{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    target = work / "fazhi.duckdb"
    cmd = [*fazhi_cmd(), "build", "--source", str(corpus / "reports"), "--warehouse", str(target), "--quiet"]
    res: dict[str, object] = {"n": n, "corpus": manifest, "generate_s": gen_s, "command": " ".join(cmd)}

    cold = timed(cmd, build_env())
    log(f"[{n}] cold build {cold.wall_s:.1f} s (rc {cold.returncode}), tree peak {cold.peak_tree_mb:.0f} MB")
    res["cold"] = cold.__dict__ | {"stderr": cold.stderr[-1500:]}
    if cold.returncode != 0:
        return res
    again = timed(cmd, build_env())
    log(f"[{n}] no-change rebuild {again.wall_s:.1f} s")
    res["nochange"] = again.__dict__ | {"stderr": again.stderr[-800:]}

    s = score_warehouse(corpus / "facts.csv", target)
    res["accuracy"] = {
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "qualifier_right": s.qualifier_right / s.tp if s.tp else 0.0,
        "recall_by_difficulty": s.recall_by_difficulty,
        "worst_recall": sorted(s.recall_by_indicator.items(), key=lambda kv: kv[1][0])[:12],
        "worst_precision": sorted(s.precision_by_indicator.items(), key=lambda kv: kv[1][0])[:8],
    }
    res["metadata"] = metadata_accuracy(read_csv(corpus / "reports.csv"), target)
    res["warehouse_mb"] = target.stat().st_size / 1e6
    log(f"[{n}] precision {s.precision:.3f} recall {s.recall:.3f}")

    res["queries"] = query_latency(target)
    log(f"[{n}] queries timed")

    # add one report, build, take it out again, build (untimed): ADD_REPEATS times; judged on the slowest
    adds = []
    for _ in range(ADD_REPEATS):
        extra = extra_report(corpus, n, seed)
        try:
            adds.append(timed(cmd, build_env()))
        finally:
            (corpus / "reports" / extra.file_name).unlink(missing_ok=True)
        timed(cmd, build_env())
    walls = [a.wall_s for a in adds]
    slowest = max(adds, key=lambda a: a.wall_s)
    log(f"[{n}] one added report {' / '.join(f'{w:.1f}' for w in walls)} s")
    res["add_one"] = slowest.__dict__ | {
        "stderr": slowest.stderr[-800:],
        "startup_s": startup_s,
        "walls": walls,
    }
    res["flags"] = flag_accuracy(read_csv(corpus / "reports.csv"), target)
    return res


# --------------------------------------------------------------------------------------------- report
def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def render(
    mach: dict[str, str],
    argv: list[str],
    runs: list[dict],  # type: ignore[type-arg]
    stages: dict | None,  # type: ignore[type-arg]
    startup_s: float,
    heldout: dict | None = None,  # type: ignore[type-arg]
) -> str:
    from bench.accuracy import FLAGS_SCORED

    def g(r: dict, *path: str, fmt: str = "{:.1f}") -> str:  # type: ignore[type-arg]
        v: object = r
        for p in path:
            v = v.get(p) if isinstance(v, dict) else None  # type: ignore[assignment]
        return "—" if v is None else fmt.format(v)

    lines = [
        f"## Run {mach['date']} — commit {mach['commit']}",
        "",
        f"Command: `{' '.join(['python', '-m', 'bench.run', *argv])}` (from the repository root)",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in mach.items() if k != "date"),
        "",
        "The machine may be shared with other helpers' test suites: compare `load_before`/`load_after` "
        "(1/5/15-minute load averages on 2 cores) before trusting a wall time.",
        "",
    ]
    by_n = {int(r["n"]): r for r in runs}
    sizes = sorted(by_n)
    ten_k = by_n.get(10000) or {}  # targets are judged on 10k only
    big = ten_k or by_n[sizes[-1]]  # the largest corpus for queries, accuracy detail
    head = "| figure | " + " | ".join(f"{n:,} reports" for n in sizes) + " | target (10k) | 10k |"
    lines += [head, "|---|" + "---|" * len(sizes) + "---|---|"]

    def row(label: str, vals: list[str], target: str = "", verdict: str = "") -> None:
        lines.append(f"| {label} | " + " | ".join(vals) + f" | {target} | {verdict} |")

    row(
        "corpus: towns / facts / MB",
        [
            f"{r['corpus']['n_towns']} / {r['corpus']['n_facts']} / {r['corpus']['bytes'] / 1e6:.1f}"
            for r in (by_n[n] for n in sizes)
        ],
    )
    row(
        "corpus generation (s)",
        [g(by_n[n], "generate_s") if by_n[n].get("generate_s") else "reused" for n in sizes],
    )
    cold_ok = ten_k.get("cold", {}).get("wall_s")
    row(
        "cold build, wall (s)",
        [g(by_n[n], "cold", "wall_s") for n in sizes],
        "< 60 s",
        _verdict(None if cold_ok is None or ten_k["cold"]["returncode"] else cold_ok < TARGETS["cold_s"]),
    )
    row("cold build, runner's own time (s)", [g(by_n[n], "cold", "runner_s") for n in sizes])
    rss = ten_k.get("cold", {}).get("peak_tree_mb")
    row(
        "peak RSS, whole process tree (MB)",
        [g(by_n[n], "cold", "peak_tree_mb", fmt="{:.0f}") for n in sizes],
        "< 1,500 MB",
        _verdict(None if not rss else rss < TARGETS["rss_mb"]),
    )
    row(
        "peak RSS, largest single process (MB, time -v)",
        [g(by_n[n], "cold", "max_process_mb", fmt="{:.0f}") for n in sizes],
    )
    nc = ten_k.get("nochange", {}).get("wall_s")
    row(
        "no-change rebuild, wall (s)",
        [g(by_n[n], "nochange", "wall_s", fmt="{:.2f}") for n in sizes],
        "< 5 s",
        _verdict(None if nc is None else nc < TARGETS["nochange_s"]),
    )
    add = ten_k.get("add_one", {}).get("wall_s")
    row(
        f"one added report, wall (s): slowest of {ADD_REPEATS} (all runs)",
        [
            f"{r['add_one']['wall_s']:.2f} ({' / '.join(f'{w:.2f}' for w in r['add_one'].get('walls', []))})"
            if r.get("add_one")
            else "—"
            for r in (by_n[n] for n in sizes)
        ],
    )
    row(
        "one added report minus Dagster start-up (s)",
        [f"{by_n[n]['add_one']['wall_s'] - startup_s:.2f}" if by_n[n].get("add_one") else "—" for n in sizes],
        "< 5 s",
        _verdict(None if add is None else add - startup_s < TARGETS["add_one_s"]),
    )
    row(
        "Dagster start-up: `python -c 'import dagster_project.definitions'` (s)",
        [f"{startup_s:.2f}" for _ in sizes],
    )
    row("warehouse file (MB)", [g(by_n[n], "warehouse_mb") for n in sizes])
    row(
        "extraction precision (training phrasings)",
        [g(by_n[n], "accuracy", "precision", fmt="{:.3f}") for n in sizes],
    )
    row(
        "extraction recall (training phrasings)",
        [g(by_n[n], "accuracy", "recall", fmt="{:.3f}") for n in sizes],
    )
    row(
        "recall core / hard",
        [
            f"{by_n[n]['accuracy']['recall_by_difficulty'].get('core', 0):.3f} / {by_n[n]['accuracy']['recall_by_difficulty'].get('hard', 0):.3f}"
            if by_n[n].get("accuracy")
            else "—"
            for n in sizes
        ],
    )
    row(
        "qualifier right (of matched facts)",
        [g(by_n[n], "accuracy", "qualifier_right", fmt="{:.3f}") for n in sizes],
    )
    row("reports loaded (share)", [g(by_n[n], "metadata", "loaded_share", fmt="{:.3f}") for n in sizes])
    row(
        "metadata right: town / county / year / script / publish date",
        [
            " / ".join(
                f"{by_n[n]['metadata'][k]:.3f}"
                for k in ("town", "county", "report_year", "script", "publish_date")
            )
            if by_n[n].get("metadata")
            else "—"
            for n in sizes
        ],
    )
    for flag in FLAGS_SCORED:
        row(
            f"quality flag `{flag}`: precision / recall (true reports)",
            [
                "{:.3f} / {:.3f} ({})".format(*by_n[n]["flags"][flag]) if by_n[n].get("flags") else "—"
                for n in sizes
            ],
        )
    lines.append("")
    lines.append(
        f"Build command (per size): `{big['command']}` — each size builds into a fresh `bench/out/run_<n>/` "
        "(no warehouse, no shard cache: cold), then again unchanged, then with one report added "
        f"(town 0, year 2025, via `bench.generate.extra_report`), built, removed and built again, {ADD_REPEATS} times."
    )
    for r in runs:
        if r.get("cold", {}).get("returncode"):
            lines += [
                "",
                f"**{r['n']:,}: the cold build failed** (rc {r['cold']['returncode']}):",
                "```",
                r["cold"]["stderr"][-800:],
                "```",
            ]

    if big.get("queries"):
        lines += [
            "",
            f"Query latency on the {big['n']:,}-report warehouse (DuckDB read-only connection, 1 warm-up + 30 runs or 20 s per query, fetchall):",
            "",
        ]
        lines += ["| query | rows | p50 ms | p95 ms | < 100 ms p95 |", "|---|---|---|---|---|"]
        for q in big["queries"]:
            if "error" in q:
                lines.append(f"| {q['query']} | error: {q['error']} | | | FAIL |")
            else:
                ok = q["p95_ms"] < TARGETS["query_p95_ms"] if ten_k else None  # type: ignore[operator]
                lines.append(
                    f"| {q['query']} | {q['rows']} | {q['p50_ms']:.1f} | {q['p95_ms']:.1f}"
                    + (f" ({q['runs']} runs)" if q.get("runs", REPEATS) < REPEATS else "")
                    + f" | {_verdict(ok)} |"
                )
        label, _ = example_queries()
        if label != "sql/examples":
            lines += [
                "",
                "`sql/examples/` had no queries when this ran; only the views were timed (add .sql files to `bench/queries/` to time your own).",
            ]

    if stages:
        c = stages["_corpus"]
        lines += [
            "",
            f"Stage throughput, single process, on the {int(c['reports']):,}-report corpus ({c['mb']:.1f} MB raw); "
            "MB/s of raw corpus bytes:",
            "",
            "| stage | s | MB/s | reports/s |",
            "|---|---|---|---|",
        ]
        for k, v in stages.items():
            if not k.startswith("_"):
                lines.append(f"| {k} | {v['s']:.2f} | {v['mb_s']:.2f} | {v['reports_s']:.0f} |")

    if heldout and "precision" in heldout:
        lines += [
            "",
            f"Held-out phrasings ({heldout['n']:,} reports, `--phrasings heldout`: fact wordings the extractor "
            f"was never tuned on): precision {heldout['precision']:.3f}, recall {heldout['recall']:.3f} "
            f"(tp {heldout['tp']}, fp {heldout['fp']}, fn {heldout['fn']}). Lowest recall: "
            + ", ".join(f"`{c}` {r:.2f} ({k})" for c, (r, k) in heldout["worst_recall"]),
        ]
    elif heldout:
        lines += ["", f"Held-out phrasings: the build failed: `{heldout.get('error', '')[-200:]}`"]

    if big.get("accuracy"):
        a = big["accuracy"]
        lines += [
            "",
            f"Lowest-recall indicators at {big['n']:,} (recall, truth rows): "
            + ", ".join(f"`{c}` {r:.2f} ({k})" for c, (r, k) in a["worst_recall"]),
        ]
        lines += [
            "",
            "Lowest-precision indicators (precision, predicted rows): "
            + ", ".join(f"`{c}` {r:.2f} ({k})" for c, (r, k) in a["worst_precision"]),
        ]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--with-100k", action="store_true", help="also 100,000 reports")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-stages", action="store_true", help="skip the per-stage throughput timing")
    p.add_argument(
        "--stages-size", type=int, default=None, help="corpus for stage timing (default: largest ≤ 10k)"
    )
    p.add_argument("--no-append", action="store_true", help="print the table, do not append to RESULTS.md")
    p.add_argument(
        "--heldout-size", type=int, default=1000, help="held-out-phrasings corpus for accuracy (0: skip)"
    )
    args = p.parse_args(argv)
    sizes = sorted(set(args.sizes) | ({100000} if args.with_100k else set()))

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    OUT.mkdir(parents=True, exist_ok=True)
    mach = machine()
    startup = dagster_startup_s()
    log(f"Dagster start-up {startup:.2f} s")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    raw = OUT / f"results-{stamp}.json"
    runs: list[dict[str, object]] = []
    for n in sizes:  # raw numbers saved after every size, so an interrupted long run is not lost
        runs.append(measure_size(n, args.seed, startup, log))
        raw.write_text(json.dumps({"machine": mach, "runs": runs}, ensure_ascii=False, default=str))
    heldout = heldout_accuracy(args.heldout_size, args.seed, log) if args.heldout_size else None
    stages = None
    if not args.no_stages:
        sn = args.stages_size or max([n for n in sizes if n <= 10000] or [sizes[0]])
        corpus, _ = ensure_corpus(sn, args.seed)
        log(f"stage throughput on {sn} reports ...")
        stages = stage_throughput(corpus)
    raw.write_text(
        json.dumps(
            {"machine": mach, "runs": runs, "stages": stages, "startup_s": startup, "heldout": heldout},
            ensure_ascii=False,
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )
    mach["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = render(mach, argv, runs, stages, startup, heldout)
    print(text)
    if not args.no_append:
        if not RESULTS.exists():
            RESULTS.write_text(RESULTS_HEADER, encoding="utf-8")
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write("\n" + text)
        log(f"appended to {RESULTS}")
    return 0


RESULTS_HEADER = """# Benchmark results

Appended by `python -m bench.run` (see `bench/run.py`); never edited by hand except these notes.
"""

if __name__ == "__main__":
    raise SystemExit(main())
