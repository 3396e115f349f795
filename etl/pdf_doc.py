"""A PDF with a text layer as a report: text in reading order, running heads and page numbers dropped.

Why pdfminer.six: it gives every text line with its position (what reading order, column and
header detection need), maps the CJK CID fonts Chinese PDFs use to Unicode, and is pure Python (no
binary to install). Checks come before any page is parsed: a password-protected file is refused
(one that only restricts copying opens with the empty password and is read); a file declaring more
than MAX_PAGES pages is refused from its page tree's count; reading stops at a deadline.

Reading order: the lines of each page top to bottom; where the page has two columns (an empty
vertical band between lines on both sides) the left column is read before the right one, block by
block between full-width lines such as titles. Lines in the top and bottom margins are dropped
when they are page numbers ('- 3 -', '第3页 共8页', '3/8') or repeat on most pages (a running head).
Lines join into paragraphs: a new paragraph starts after a short line, at an indented line or a
bigger gap; joined lines get no space between Chinese characters and lose an English hyphen.
A PDF with no text on any page is a scan: 'scanned PDF: no text layer (needs OCR)'.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from dataclasses import dataclass

from etl.decode import RejectError

MAX_PAGES = 300  # a township report runs 5-30 pages; a 300-page PDF is a yearbook or a bundle
DEADLINE_S = 60.0  # wall time for one file's pages; a content stream that takes longer is refused
MARGIN = 0.08  # share of the page height at top and bottom where running heads and page numbers live
MIN_CJK_PER_PAGE = 5  # fewer Chinese characters than this on every page: a scan (maybe a stamped page number)
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*[0-9０-９]+[-—–－\s]*|第\s*[0-9一二三四五六七八九十]+\s*页(?:\s*[,，/／]?\s*共\s*[0-9]+\s*页)?"
    r"|[0-9]+\s*[/／]\s*[0-9]+|[Pp]age\s*[0-9]+(?:\s*of\s*[0-9]+)?)$"
)
HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d))"
)
CJK_CHAR = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"
CJK_GAP = re.compile(rf"(?<=[{CJK_CHAR}])[ \t]+(?=[{CJK_CHAR}])")
END_PUNCT = "。！？；：”）"


@dataclass
class Line:
    x0: float
    y0: float  # bottom (PDF coordinates: y grows upwards)
    x1: float
    y1: float  # top
    text: str
    page: int

    @property
    def char_w(self) -> float:
        return (self.x1 - self.x0) / max(len(self.text), 1)


def _open(data: bytes):  # type: ignore[no-untyped-def]
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect  # noqa: PLC0415
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError  # noqa: PLC0415

    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect as exc:
        raise RejectError("encrypted PDF: it needs a password to open (remove the password)") from exc
    except PDFEncryptionError as exc:
        raise RejectError(f"encrypted PDF: unsupported encryption ({exc})") from exc
    except PDFSyntaxError as exc:
        raise RejectError(f"corrupt PDF: {exc} (re-save or re-export it)") from exc


def page_count(doc) -> int | None:  # type: ignore[no-untyped-def]
    """The page tree's declared /Count, read before any page is parsed (None when it has none)."""
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415

    try:
        count = resolve1(resolve1(doc.catalog["Pages"])["Count"])
        return int(count)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _page_lines(doc) -> tuple[list[list[Line]], list[tuple[float, float]], int]:  # type: ignore[no-untyped-def]
    """Text lines per page, page sizes and the number of images, after the page-count check."""
    from pdfminer.converter import PDFPageAggregator  # noqa: PLC0415
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox, LTTextLine  # noqa: PLC0415
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager  # noqa: PLC0415
    from pdfminer.pdfpage import PDFPage  # noqa: PLC0415

    declared = page_count(doc)
    if declared is not None and declared > MAX_PAGES:
        raise RejectError(
            f"PDF too long: {declared} pages (limit {MAX_PAGES} for one report): split out the report's pages"
        )
    rsrc = PDFResourceManager()
    device = PDFPageAggregator(rsrc, laparams=LAParams(line_margin=0.3, char_margin=1.0))
    interp = PDFPageInterpreter(rsrc, device)
    pages: list[list[Line]] = []
    sizes: list[tuple[float, float]] = []
    images = 0
    started = time.monotonic()

    def collect(obj, out: list[Line], n: int) -> int:  # type: ignore[no-untyped-def]
        found = 0
        for item in obj:
            if isinstance(item, LTTextLine):
                text = item.get_text().strip()
                if text:
                    out.append(Line(item.x0, item.y0, item.x1, item.y1, text, n))
            elif isinstance(item, LTTextBox | LTFigure):
                found += collect(item, out, n)
            if isinstance(item, LTImage):
                found += 1
        return found

    for n, page in enumerate(PDFPage.create_pages(doc)):
        if n >= MAX_PAGES:
            raise RejectError(f"PDF too long: more than {MAX_PAGES} pages (limit for one report)")
        if time.monotonic() - started > DEADLINE_S:
            raise RejectError(f"PDF too slow to read: over {DEADLINE_S:.0f} s by page {n + 1}")
        interp.process_page(page)
        layout = device.get_result()
        lines: list[Line] = []
        images += collect(layout, lines, n)
        pages.append(lines)
        sizes.append((layout.width, layout.height))
    return pages, sizes, images


def _shape(text: str) -> str:
    return re.sub(r"[0-9０-９一二三四五六七八九十]+", "#", re.sub(r"\s+", "", text))


def drop_running(pages: list[list[Line]], sizes: list[tuple[float, float]]) -> list[list[Line]]:
    """Without page numbers and running heads/feet: lines in the top or bottom margin that are page
    numbers, repeat on at least half of the pages (digits aside), or are set smaller than the body."""
    heights = sorted(ln.y1 - ln.y0 for lines in pages for ln in lines)
    body_height = heights[len(heights) // 2] if heights else 0.0
    in_margin = []
    for lines, (_, h) in zip(pages, sizes, strict=True):
        in_margin.append([ln for ln in lines if ln.y0 > h * (1 - MARGIN) or ln.y1 < h * MARGIN])
    repeats = Counter(
        _shape(ln.text) for lines in in_margin for ln in {_shape(x.text): x for x in lines}.values()
    )
    common = {s for s, k in repeats.items() if len(pages) >= 2 and k >= max(2, len(pages) / 2)}
    out = []
    for lines, margin in zip(pages, in_margin, strict=True):
        drop = {
            id(ln)
            for ln in margin
            if PAGE_NUMBER.match(ln.text.strip())
            or _shape(ln.text) in common
            or ln.y1 - ln.y0 < 0.85 * body_height
        }
        out.append([ln for ln in lines if id(ln) not in drop])
    return out


def reading_order(lines: list[Line], width: float) -> list[list[Line]]:
    """The page's lines as column runs in reading order (a run = lines read top to bottom)."""
    if not lines:
        return []
    lines = sorted(lines, key=lambda ln: (-ln.y1, ln.x0))
    narrow = [ln for ln in lines if ln.x1 - ln.x0 < 0.6 * width]
    split = _column_gap(narrow, width)
    if split is None:
        return [lines]
    runs: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []
    spanning: list[Line] = []
    for ln in lines:
        if ln.x0 < split < ln.x1:  # spans both columns: a title or a full-width paragraph
            runs += [r for r in (left, right) if r]
            left, right = [], []
            spanning.append(ln)
            continue
        if spanning:
            runs.append(spanning)
            spanning = []
        if ln.x1 <= split:
            left.append(ln)
        else:
            right.append(ln)
    runs += [r for r in (spanning, left, right) if r]
    return runs


def _column_gap(lines: list[Line], width: float) -> float | None:
    """x of a vertical band in the middle third that (almost) no line crosses, with several lines
    on each side; None for a one-column page. A centred title may cross it: it is read in place."""
    if len(lines) < 6:
        return None
    bins = 200
    step = width / bins
    crossing = [0] * (bins + 1)
    for ln in lines:
        for i in range(max(int(ln.x0 / step), 0), min(int(ln.x1 / step) + 1, bins + 1)):
            crossing[i] += 1
    allowed = max(1, len(lines) // 10)
    best: tuple[int, int] | None = None
    i = bins // 3
    while i < 2 * bins // 3:
        if crossing[i] <= allowed:
            j = i
            while j < 2 * bins // 3 and crossing[j] <= allowed:
                j += 1
            if best is None or j - i > best[1] - best[0]:
                best = (i, j)
            i = j
        i += 1
    if best is None or best[1] - best[0] < 3:
        return None
    split = (best[0] + best[1]) / 2 * step
    n_left = sum(1 for ln in lines if ln.x1 <= split)
    n_right = sum(1 for ln in lines if ln.x0 >= split)
    return split if n_left >= 3 and n_right >= 3 else None


def join_lines(runs: list[list[Line]]) -> list[str]:
    """Paragraphs from column runs (in reading order, across pages)."""
    paras: list[str] = []
    cur = ""
    prev: Line | None = None
    prev_right = 0.0
    for run in runs:
        left = min(ln.x0 for ln in run)
        right = max(ln.x1 for ln in run)
        cw = sorted(ln.char_w for ln in run)[len(run) // 2]
        for ln in run:
            text = CJK_GAP.sub("", ln.text.strip())
            new_para = (
                prev is None
                or ln.x0 > left + 1.5 * cw  # indented first line
                or prev.x1 < prev_right - 2 * cw  # the line before ended short
                or (prev.page == ln.page and prev.y0 - ln.y1 > 1.2 * (ln.y1 - ln.y0))  # a blank line
                or HEADING.match(text)
            )
            if new_para:
                if cur:
                    paras.append(cur)
                cur = text
            elif cur.endswith("-") and re.match(r"[A-Za-z]", text) and re.search(r"[A-Za-z]-$", cur):
                cur = cur[:-1] + text
            elif re.search(r"[A-Za-z,.;:]$", cur) and re.match(r"[A-Za-z0-9]", text):  # English words
                cur = f"{cur} {text}"
            else:
                cur += text
            prev, prev_right = ln, right
    if cur:
        paras.append(cur)
    return paras


def read_pdf(data: bytes) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """(text, page_meta, notes) of a PDF; RejectError with the reason when it cannot be read."""
    from etl.formats import report_like_title  # noqa: PLC0415

    try:
        doc = _open(data)
        info = _info_title(doc)
        pages, sizes, images = _page_lines(doc)
    except RejectError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file may break the parser anywhere
        detail = " ".join(str(exc).split())[:120]
        raise RejectError(f"corrupt PDF: {type(exc).__name__}: {detail} (re-save or re-export it)") from exc
    if not pages:
        raise RejectError("corrupt PDF: no pages")
    cjk = [sum(len(re.findall(r"[\u4e00-\u9fff]", ln.text)) for ln in p) for p in pages]
    if max(cjk) < MIN_CJK_PER_PAGE:
        if images or not any(pages):
            raise RejectError("scanned PDF: no text layer (needs OCR)")
        raise RejectError("PDF with no Chinese text: not a report")
    pages = drop_running(pages, sizes)
    runs = [run for lines, (w, _) in zip(pages, sizes, strict=True) for run in reading_order(lines, w)]
    text = "\n".join(join_lines(runs))
    meta: dict[str, str] = {}
    title = report_like_title(info, text)
    if title:
        meta["title"] = title
    return text, meta, ()


def _info_title(doc) -> str | None:  # type: ignore[no-untyped-def]
    """/Title of the document information dictionary, decoded (UTF-16 with BOM or PDFDocEncoding)."""
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415

    for info in doc.info:
        raw = resolve1(info.get("Title"))
        if isinstance(raw, bytes):
            if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
                return raw.decode("utf-16", errors="ignore")
            return raw.decode("latin-1", errors="ignore")
        if isinstance(raw, str):
            return raw
    return None
