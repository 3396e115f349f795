"""Bad inputs are refused in bounded time and memory: wall time and peak Python memory of each refusal.

    python -m bench.format_rejections

Each case is built here (as the tests build them), then `etl.formats.read_document` is timed on it,
and run again under tracemalloc for its peak memory. Also timed: reading good .docx and PDF reports (to show what a refusal saves).
Needs the dev dependencies (reportlab, pypdf) for the fixtures.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

from etl.decode import RejectError
from etl.formats import read_document


def _cases() -> list[tuple[str, str, Callable[[], bytes]]]:
    from tests import formats_support as fx  # noqa: PLC0415 - fixture builders live with the tests

    text = fx.paragraphs(fx.twin_text("seeds/reports/001_0376ecbf1b3a9eef.txt"))
    good_docx = fx.docx_bytes(text[:1], text[1:])
    good_pdf = fx.pdf_bytes(text[:1], text[1:], page_numbers=True)
    return [
        ("good .docx (张八桥镇, 11 KB of text)", "a.docx", lambda: good_docx),
        ("good PDF (张八桥镇, 4 pages)", "a.pdf", lambda: good_pdf),
        (
            "good PDF x 25 (100 pages)",
            "a.pdf",
            lambda: fx.pdf_bytes(text[:1], text[1:] * 25, page_numbers=True),
        ),
        ("zip-bomb .docx (200 MB declared)", "b.docx", lambda: fx.zip_bomb_docx(200)),
        ("zip-bomb .docx (2 GB declared)", "b.docx", lambda: fx.zip_bomb_docx(2048)),
        ("corrupt .docx (cut in half)", "c.docx", lambda: good_docx[: len(good_docx) // 2]),
        ("2,000-page PDF", "d.pdf", lambda: fx.long_pdf_bytes(2000)),
        ("password-protected PDF", "e.pdf", lambda: fx.encrypt_pdf(good_pdf, "x", "y", allow_copy=True)),
        ("scanned PDF (10 pages)", "f.pdf", lambda: fx.scanned_pdf_bytes(pages=10)),
    ]


def _read(data: bytes, name: str) -> str:
    try:
        doc = read_document(data, name)
    except RejectError as exc:
        return str(exc)[:70]
    return f"read: {len(doc.text)} chars"


def main() -> int:
    print("| input | bytes | outcome | wall ms | peak MB (tracemalloc, a second run) |")
    print("|---|---|---|---|---|")
    for label, name, make in _cases():
        data = make()
        started = time.perf_counter()
        outcome = _read(data, name)
        ms = (time.perf_counter() - started) * 1000
        tracemalloc.start()  # slows Python code several times: timed apart
        _read(data, name)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"| {label} | {len(data):,} | {outcome} | {ms:.0f} | {peak:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
