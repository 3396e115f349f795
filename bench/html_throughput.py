"""HTML ingestion throughput: MB/s per core of `etl.pipeline.ingest_one` on government web pages.

The target (issue 15) is at least 1 MB of HTML per second per core. The pages are the generated
benchmark reports (bench.generate, all styles and encodings) rendered in turn in the six platform
layouts of bench/gov_pages.py, each in the layout's own encoding; ingestion is the whole of what
`fazhi build` does to a file before extraction: detect the format, decode, pick the content, read
the metadata, normalise and identify the report. The same reports as plain text are timed in
alternation (text, HTML, text, HTML, ...) on the same process, so machine load hits both alike.

    python -m bench.html_throughput [--n 300] [--rounds 3]

MB are of the input files (HTML bytes for pages, text bytes for texts); per-core speed = MB / CPU
seconds of this one process. Also checked: every page loads with the town and year of its text.
"""

from __future__ import annotations

import argparse
import os
import time

from bench.generate import plan_corpus, render_report
from bench.gov_pages import LAYOUTS, PageInfo, render_page
from etl.decode import decode_text
from etl.pipeline import ingest_one

TARGET_MB_S = 1.0


def corpus(n: int, seed: int = 7) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(text files, web pages) of the same `n` generated reports."""
    texts: list[tuple[str, bytes]] = []
    pages: list[tuple[str, bytes]] = []
    for i, (town, year) in enumerate(plan_corpus(n, seed)):
        rep = render_report(town, year, seed, i, "")
        texts.append((rep.file_name, rep.data))
        lines = [ln.strip() for ln in decode_text(rep.data).text.split("\n") if ln.strip()]
        row = rep.report_row
        # a page always has a title: the report's own, else the one a site editor would give it
        title = ingest_one(rep.file_name, rep.data)["title"]
        info = PageInfo(
            title=str(title or f"{row['town']}{row['report_year']}年法治政府建设情况报告"),
            publish=f"{row['publish_date']} 09:30" if row["publish_date"] else "",
            publisher=f"{row['county']}{row['town']}人民政府",
            site=f"{row['county']}人民政府",
            related=[f"{row['town']}{int(row['report_year']) - 1}年法治政府建设情况报告"],
        )
        layout = LAYOUTS[i % len(LAYOUTS)]
        charset = "utf-8" if layout in ("trs", "ucap", "html5") else "gb18030"
        try:
            page = render_page(layout, info, lines, charset=charset)
        except UnicodeEncodeError:
            page = render_page(layout, info, lines, charset="utf-8")
        pages.append((rep.file_name.rsplit(".", 1)[0] + ".html", page))
    return texts, pages


def run(files: list[tuple[str, bytes]]) -> tuple[float, float, list[dict[str, object]]]:
    """(MB, CPU seconds, rows) of ingesting every file once in this process."""
    started = time.process_time()
    rows = [ingest_one(name, data) for name, data in files]
    return sum(len(d) for _, d in files) / 1e6, time.process_time() - started, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300, help="reports (each once as text, once as a page)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating text/HTML rounds")
    args = ap.parse_args(argv)
    texts, pages = corpus(args.n)
    run(texts[:5])  # warm-up: jieba's word list, OpenCC, selectolax
    run(pages[:5])
    print(f"{len(pages)} reports; pages {sum(len(p) for _, p in pages) / 1e6:.2f} MB "
          f"(median {sorted(len(p) for _, p in pages)[len(pages) // 2] / 1024:.1f} KB), "
          f"texts {sum(len(t) for _, t in texts) / 1e6:.2f} MB; load {os.getloadavg()[0]:.2f}")  # fmt: skip
    print("| round | input | MB | CPU s | MB/s per core | reports/s | load (1 min) |")
    print("|---|---|---|---|---|---|---|")
    html_speeds = []
    rows_html: list[dict[str, object]] = []
    rows_text: list[dict[str, object]] = []
    for r in range(1, args.rounds + 1):
        for kind, files in (("text", texts), ("html", pages)):
            mb, secs, rows = run(files)
            if kind == "html":
                html_speeds.append(mb / secs)
                rows_html = rows
            else:
                rows_text = rows
            print(
                f"| {r} | {kind} | {mb:.2f} | {secs:.2f} | {mb / secs:.2f} | {len(files) / secs:.0f} | "
                f"{os.getloadavg()[0]:.2f} |"
            )
    same = sum(
        1
        for h, t in zip(rows_html, rows_text, strict=True)
        if h["status"] == "loaded" and (h["town"], h["report_year"]) == (t["town"], t["report_year"])
    )
    loaded_text = sum(1 for t in rows_text if t["status"] == "loaded")
    print(f"pages loaded with their text's town and year: {same} of {loaded_text} loaded texts")
    best, worst = max(html_speeds), min(html_speeds)
    verdict = "PASS" if worst >= TARGET_MB_S else "FAIL"
    print(f"HTML ingestion {worst:.2f}-{best:.2f} MB/s per core; target {TARGET_MB_S} MB/s: {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
