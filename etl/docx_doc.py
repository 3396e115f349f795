"""A Word .docx as a report: body paragraphs and tables in document order, headers and footers ignored.

Why python-docx: it is the maintained reader of the format, parses with entity resolution off, and
gives the body's paragraphs and tables as they are ordered in the file. Before it inflates anything,
the zip's central directory is checked: the sizes every member declares (Python's zipfile never
inflates a member past its declared size, and a member that lies fails its CRC check), their
compression ratio and count, so a zip bomb is refused in milliseconds and bounded memory.

Read: paragraphs with their automatic list numbers (Word keeps '一、' and '（二）' of numbered headings
in numbering.xml, not in the text: without them a heading loses the marker the section splitter
reads), tables one line per row (etl.tables), content controls. Not read: headers, footers, footnotes,
comments, deleted revisions, text boxes. The core-properties title is a clue only when it names a
report whose years are in the text (etl.formats.report_like_title); the core dates are not used:
they record editing, not publication.
"""

from __future__ import annotations

import io
import re
import zipfile

from etl.decode import RejectError
from etl.tables import table_lines

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one inflated member (document.xml of a long report is ~1-2 MB)
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all members inflated
MAX_RATIO = 100  # XML compresses ~5-20 times; a member above this ratio and 4 MB is a zip bomb
RATIO_FLOOR = 4 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CN_DIGITS = "零一二三四五六七八九"


def check_zip(data: bytes) -> None:
    """Refuse a .docx whose declared sizes, ratios or member count could exhaust memory or time."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise RejectError(
            f"corrupt .docx: not a readable zip file ({exc}): open and re-save it in Word"
        ) from exc
    if len(infos) > MAX_MEMBERS:
        raise RejectError(f"zip bomb .docx: {len(infos)} members (limit {MAX_MEMBERS})")
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise RejectError("encrypted .docx: remove the password and save again")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise RejectError(
                f"zip bomb .docx: {info.filename} declares {info.file_size / 1048576:.0f} MB "
                f"({ratio:.0f} times its compressed size); refused before inflating"
            )
    if total > MAX_TOTAL_BYTES:
        raise RejectError(f"zip bomb .docx: members declare {total / 1048576:.0f} MB in all")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise RejectError(
            "corrupt .docx: no word/document.xml (not a Word document): open and re-save it in Word"
        )


def _cn(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (list numbers in Chinese counting)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    return str(n)


def _format(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideographTraditional", "japaneseCounting", "taiwaneseCounting")):
        return _cn(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """The list numbers Word would show before each numbered paragraph ('一、', '（二）', '1.')."""

    def __init__(self, doc) -> None:  # type: ignore[no-untyped-def]
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstract = {}
            for a in root.iter(f"{W}abstractNum"):
                lvls = {}
                for lvl in a.iter(f"{W}lvl"):
                    fmt, text, start = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText"), lvl.find(f"{W}start")
                    lvls[int(lvl.get(f"{W}ilvl", "0"))] = (
                        fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                        text.get(f"{W}val", "") if text is not None else "",
                        int(start.get(f"{W}val", "1")) if start is not None else 1,
                    )
                abstract[a.get(f"{W}abstractNumId")] = lvls
            for num in root.iter(f"{W}num"):
                ref = num.find(f"{W}abstractNumId")
                if ref is not None:
                    self.levels[num.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})
        try:
            for style in doc.styles.element.iter(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    nid, ilvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
                    if nid is not None:
                        self.style_num[style.get(f"{W}styleId")] = (
                            nid.get(f"{W}val"),
                            int(ilvl.get(f"{W}val")) if ilvl is not None else 0,
                        )
        except (KeyError, NotImplementedError, AttributeError):
            pass

    def label(self, p) -> str:  # type: ignore[no-untyped-def]
        """The number of paragraph element `p`, '' when it has none."""
        ppr = p.find(f"{W}pPr")
        num_id, ilvl = None, 0
        if ppr is not None:
            num_pr = ppr.find(f"{W}numPr")
            style = ppr.find(f"{W}pStyle")
            if num_pr is not None:
                nid, lvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
                num_id = nid.get(f"{W}val") if nid is not None else None
                ilvl = int(lvl.get(f"{W}val")) if lvl is not None else 0
            elif style is not None and style.get(f"{W}val") in self.style_num:
                num_id, ilvl = self.style_num[style.get(f"{W}val")]
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id or "", [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = levels[ilvl][2] - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl_fmt = levels.get(k, ("decimal", "", 1))[0]
            return _format(max(counters[k], 1), lvl_fmt if k != ilvl else fmt)

        return re.sub(r"%(\d)", number, text)


def _body_lines(doc) -> list[str]:  # type: ignore[no-untyped-def]
    from docx.table import Table  # noqa: PLC0415
    from docx.text.paragraph import Paragraph  # noqa: PLC0415

    numbering = _Numbering(doc)
    lines: list[str] = []

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for child in parent.iterchildren():
            if child.tag == f"{W}p":
                text = Paragraph(child, doc).text
                label = numbering.label(child)
                for k, part in enumerate(text.split("\n")):
                    part = part.replace("\t", " ").strip()
                    if k == 0 and label and text.strip():
                        part = label + part
                    if part:
                        lines.append(part)
            elif child.tag == f"{W}tbl":
                rows = [[cell.text for cell in row.cells] for row in Table(child, doc).rows]
                lines.extend(table_lines(rows))
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    walk(content)

    walk(doc.element.body)
    return lines


def read_docx(data: bytes) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """(text, page_meta, notes) of a .docx; RejectError with the reason when it cannot be read."""
    check_zip(data)
    import docx  # noqa: PLC0415 - only .docx inputs need it

    from etl.formats import report_like_title  # noqa: PLC0415

    try:
        doc = docx.Document(io.BytesIO(data))
        lines = _body_lines(doc)
    except Exception as exc:  # noqa: BLE001 - a damaged file may break the parser anywhere
        reason = re.sub(r"\s+", " ", str(exc))[:160]
        raise RejectError(
            f"corrupt .docx: {type(exc).__name__}: {reason} (open and re-save it in Word)"
        ) from exc
    text = "\n".join(lines)
    if len(re.findall(r"[\u4e00-\u9fff]", text)) < 20:
        raise RejectError("Word document with no body text (scanned pages or text boxes only?)")
    meta: dict[str, str] = {}
    title = report_like_title(doc.core_properties.title, text)
    if title:
        meta["title"] = title
    return text, meta, ()
