"""Which library extracts a government page's report best: trafilatura, readability-lxml, or selectolax
with the site rules of etl/html_doc.py. Measured on the six fixture pages (bench/gov_pages.py).

    python -m bench.html_library_choice [--repeat 20]

Per library: share of the twin's body lines found in the output (kept), chrome strings that leaked
(navigation, breadcrumbs, info box, related links, footers: out of the page's markers), table rows
whose label and figures stay on one line, and milliseconds per page (CPU time of one process, the libraries interleaved round by round).
trafilatura and readability-lxml are not dependencies of the project: install them to run this
(`pip install trafilatura readability-lxml`); a missing one is reported and skipped.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

from bench.gov_pages import FIXTURE_PAGES, FixturePage, body_blocks, fixture_page
from etl.html_doc import decode_html, node_lines, read_html

REPO = Path(__file__).resolve().parents[1]
CHROME = (
    "网站标识码", "ICP备", "当前位置", "您当前的位置", "您现在的位置", "热点信息", "相关信息", "相关文章",
    "相关稿件", "相关阅读", "打印", "索引号", "主办单位", "技术支持", "扫一扫", "上一篇", "浏览量",
    "政务服务", "网站首页", "友情链接", "发布机构",
)  # fmt: skip


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _selectolax(page: bytes) -> str:
    return read_html(page)[0]


def _scoring_only(page: bytes) -> str:
    """etl.html_doc without its list of platform containers: the generic text-density choice alone."""
    import etl.html_doc as h  # noqa: PLC0415

    kept, h.CONTENT_SELECTORS = h.CONTENT_SELECTORS, ()
    try:
        return read_html(page)[0]
    finally:
        h.CONTENT_SELECTORS = kept


def _trafilatura(precision: bool) -> Callable[[bytes], str]:
    import trafilatura  # noqa: PLC0415

    def run(page: bytes) -> str:
        html = decode_html(page).text
        out = trafilatura.extract(
            html, include_tables=True, include_comments=False, favor_precision=precision, deduplicate=False
        )
        return out or ""

    return run


def _readability(page: bytes) -> str:
    from readability import Document  # noqa: PLC0415
    from selectolax.lexbor import LexborHTMLParser  # noqa: PLC0415

    summary = Document(decode_html(page).text).summary(html_partial=True)
    tree = LexborHTMLParser(summary)
    return "\n".join(node_lines(tree.body or tree.root))


def facts_of(text: str) -> set[tuple[str, float, str]]:
    """(indicator, value, qualifier) the extractor finds in `text` read as a plain-text report."""
    import polars as pl  # noqa: PLC0415

    from etl.catalogue import load_catalogue  # noqa: PLC0415
    from etl.pipeline import REPORTS_SCHEMA, facts_frame, ingest_one, mentions_frame  # noqa: PLC0415

    catalogue = load_catalogue(REPO / "seeds")
    row = ingest_one("page.txt", text.encode("utf-8"))
    reports = pl.DataFrame([row], schema=REPORTS_SCHEMA, orient="row")
    facts, _ = facts_frame(mentions_frame(reports, catalogue), catalogue)
    return set(facts.select("indicator_code", "value", "qualifier").iter_rows())


def score(fx: FixturePage, out: str) -> tuple[float, list[str], float, bool]:
    """(share of body lines kept, chrome markers leaked, share of table figures kept on one line
    with their label, facts equal to the twin's)."""
    twin = (REPO / fx.twin).read_text(encoding="utf-8")
    body = [b for b in body_blocks(twin, fx.title_lines) if isinstance(b, str)]
    body = [b.replace(fx.sentence, "") for b in body]
    got = _compact(out)
    kept = sum(1 for b in body if _compact(b) in got) / len(body)
    leaked = [c for c in CHROME if c in out and c not in twin]
    leaked += [t for t in fx.info.related if t in out]
    lines = [_compact(ln) for ln in out.split("\n")]
    pairs = []  # (label, figure): the row's first word cell, else the column's header
    for row in fx.table[1:]:
        words = [c for c in row if not re.match(r"^[0-9]", c)]
        for col, cell in enumerate(row):
            if re.match(r"^[0-9]", cell):
                pairs.append((words[0] if words else fx.table[0][col], cell))
    whole = sum(any(_compact(a) in ln and _compact(b) in ln for ln in lines) for a, b in pairs)
    return kept, leaked, whole / len(pairs), facts_of(out) == facts_of(twin)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=20, help="timing repetitions over the six pages")
    args = ap.parse_args(argv)
    pages = [(fx, fixture_page(fx)) for fx in FIXTURE_PAGES]
    size = sum(len(p) for _, p in pages)
    candidates: list[tuple[str, Callable[[bytes], str]]] = [
        ("selectolax + site rules (etl.html_doc)", _selectolax),
        ("selectolax, text-density scoring only", _scoring_only),
    ]
    try:
        candidates += [
            ("trafilatura 2 (default)", _trafilatura(False)),
            ("trafilatura 2 (favor_precision)", _trafilatura(True)),
        ]
    except ImportError:
        print("trafilatura not installed: skipped")
    try:
        import readability  # noqa: F401, PLC0415

        candidates.append(("readability-lxml", _readability))
    except ImportError:
        print("readability-lxml not installed: skipped")
    cpu = dict.fromkeys((name for name, _ in candidates), 0.0)
    for _ in range(args.repeat):  # interleaved: each round runs every library once over the pages
        for name, fn in candidates:
            started = time.process_time()
            for _, page in pages:
                fn(page)
            cpu[name] += time.process_time() - started
    print(
        f"{len(pages)} pages, {size / 1024:.0f} KB; {args.repeat} interleaved rounds; CPU time of this process"
    )
    print(
        "| library | body lines kept | chrome leaked (pages) | table figures with label | facts = twin's | ms/page | MB/s |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, fn in candidates:
        kept, leaks, rows, same = [], [], [], 0
        for fx, page in pages:
            k, leaked, r, equal = score(fx, fn(page))
            kept.append(k)
            rows.append(r)
            same += equal
            if leaked:
                leaks.append(f"{fx.layout}: {', '.join(leaked[:4])}")
        secs, n = cpu[name], args.repeat * len(pages)
        print(
            f"| {name} | {sum(kept) / len(kept):.3f} (min {min(kept):.2f}) | {len(leaks)} of {len(pages)} | "
            f"{sum(rows) / len(rows):.2f} | {same} of {len(pages)} | {secs / n * 1000:.2f} | "
            f"{size * args.repeat / secs / 1e6:.2f} |"
        )
        for leak in leaks:
            print(f"|  | leaked {leak} | | | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
