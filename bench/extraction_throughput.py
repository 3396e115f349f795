"""Extraction throughput: MB/s per core of `mentions_frame` + `facts_frame` (numbers -> facts).

Why separate from bench/run.py: it isolates the fact extractor from decoding, normalisation and
DuckDB, in one process (= one core), so a regression in etl/numbers.py or etl/indicators.py shows.

    python -m bench.extraction_throughput                       # the seeds, varied, to ~8 MB
    python -m bench.extraction_throughput --source DIR          # any folder of reports

MB are of the normalised text (UTF-8) fed to the extractor; per-core speed = MB / CPU seconds.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

import polars as pl

from etl.catalogue import DEFAULT_SOURCE_DIR, load_catalogue
from etl.discover import discover
from etl.pipeline import facts_frame, ingest_files, mentions_frame


def _varied_seeds(target_mb: float, seed: int = 7) -> pl.DataFrame:
    """The loaded seed reports repeated until `target_mb`, every Arabic number changed per copy."""
    files, skipped = discover(DEFAULT_SOURCE_DIR)
    base = ingest_files(files, skipped).filter(pl.col("status") == "loaded")
    rng = random.Random(seed)
    rows, size, n = [], 0, 0
    while size < target_mb * 1e6:
        for r in base.iter_rows(named=True):
            text = re.sub(
                r"(?<![年〔\d])\d{1,4}(?=[份册场次起件个条人名篇期家元%])",
                lambda m: str(rng.randint(1, 999)),
                r["text"],
            )
            rows.append({**r, "report_id": f"{r['report_id']}-{n}", "text": text})
            size += len(text.encode("utf-8"))
            n += 1
    return pl.DataFrame(rows, schema=base.schema)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, help="folder of reports (default: the seeds, varied)")
    ap.add_argument("--mb", type=float, default=8.0, help="corpus size when varying the seeds")
    args = ap.parse_args(argv)
    if args.source:
        files, skipped = discover(args.source)
        reports = ingest_files(files, skipped).filter(pl.col("status") == "loaded")
    else:
        reports = _varied_seeds(args.mb)
    catalogue = load_catalogue()
    mb = sum(len(t.encode("utf-8")) for t in reports["text"]) / 1e6
    mentions_frame(reports.head(5), catalogue)  # warm-up: regex compilation, jieba dictionary
    wall, cpu = time.perf_counter(), time.process_time()
    mentions = mentions_frame(reports, catalogue)
    facts, unmatched = facts_frame(mentions, catalogue)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{reports.height} reports, {mb:.2f} MB normalised text: {mentions.height} mentions, "
        f"{facts.height} facts, {unmatched.height} unmatched"
    )
    print(f"wall {wall:.2f} s, cpu {cpu:.2f} s -> {mb / cpu:.2f} MB/s per core ({mb / wall:.2f} MB/s wall)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
