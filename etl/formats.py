"""One entry point for every input format: bytes in, a `Document` (plain text + the file's own metadata) out.

The format is read from the bytes (etl.decode.detect_format), not trusted from the name: a .doc that
is really a .docx, or a .txt that is a saved web page, is read as what it is. Each format has its
own size limit (etl.decode.FORMAT_MAX_BYTES) and reader:

| format | reader | text | page_meta |
|---|---|---|---|
| text | etl.decode.decode_text | as decoded | none (chrome lines in the text are mined by etl.metadata) |
| html | etl.html_doc (selectolax) | title + main content, tables as rows | meta tags, else info box |
| docx | etl.docx_doc (python-docx) | body paragraphs and tables in order | report-like core title |
| pdf | etl.pdf_doc (pdfminer.six) | reading order, running heads and page numbers dropped | report-like /Title |

Every reader raises `RejectError` with a one-line reason for a file it cannot read; the reason says
what the person should do. Offsets and evidence downstream index the normalised form of `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.decode import FORMAT_MAX_BYTES, RejectError, decode_text, detect_format, too_large

SOURCE_FORMATS = ("text", "html", "docx", "pdf")
PAGE_META_KEYS = ("title", "publish_date", "publisher", "site_name", "column", "index_no", "doc_number")


@dataclass(frozen=True)
class Document:
    """A report's text as read from its file, and what the file itself says about the report."""

    text: str
    source_format: str  # one of SOURCE_FORMATS
    encoding: str | None = None  # of a text file or web page; None for .docx and PDF
    page_meta: dict[str, str] = field(default_factory=dict)  # keys from PAGE_META_KEYS; ISO publish_date
    notes: tuple[str, ...] = ()  # 'code: detail' repairs made while reading (become quality flags)


class FormatRejectError(RejectError):
    """A RejectError that knows the format of the file it rejects (shown as `source_format`)."""

    def __init__(self, reason: str, source_format: str | None) -> None:
        super().__init__(reason)
        self.source_format = source_format


def read_document(data: bytes, name: str = "") -> Document:
    """Read one file of any supported format; `FormatRejectError` (one line) when it cannot be read."""
    if not data:
        raise FormatRejectError("empty file", None)
    fmt: str | None = None
    try:
        fmt = detect_format(data, name)
        if len(data) > FORMAT_MAX_BYTES[fmt]:
            raise RejectError(too_large(len(data), FORMAT_MAX_BYTES[fmt], fmt))
        if fmt == "html":
            from etl.html_doc import read_html  # noqa: PLC0415 - each reader loads its library on demand

            text, encoding, meta, notes = read_html(data)
            return Document(text, "html", encoding, meta, notes)
        if fmt == "docx":
            from etl.docx_doc import read_docx  # noqa: PLC0415

            text, meta, notes = read_docx(data)
            return Document(text, "docx", None, meta, notes)
        if fmt == "pdf":
            from etl.pdf_doc import read_pdf  # noqa: PLC0415

            text, meta, notes = read_pdf(data)
            return Document(text, "pdf", None, meta, notes)
        decoded = decode_text(data)
        return Document(decoded.text, "text", decoded.encoding, {}, decoded.notes)
    except FormatRejectError:
        raise
    except RejectError as exc:
        raise FormatRejectError(str(exc), fmt) from exc


def report_like_title(title: str | None, text: str) -> str | None:
    """A document property title worth using: it names a report and every year it names is in the
    text's first lines (a title left over from last year's file must not set the year)."""
    if not title:
        return None
    title = re.sub(r"\s+", "", title)
    if not 6 <= len(title) <= 100 or not re.search(r"报告|总结|情况", title):
        return None
    head = text[:600]
    years = re.findall(r"(?:19|20)\d{2}", title)
    return title if all(y in head for y in years) else None
