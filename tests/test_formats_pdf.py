"""PDF in: three PDFs generated here from plain-text twins (two columns; page numbers and a running
head over several pages; scanned images only) and the PDFs that must be refused (password, 2,000
pages, damaged), each with its one-line reason."""

from __future__ import annotations

import re

import pytest

import etl.pdf_doc as pdf_doc
from etl.decode import RejectError
from etl.formats import read_document
from etl.pipeline import ingest_one
from tests.formats_support import (
    encrypt_pdf,
    long_pdf_bytes,
    paragraphs,
    pdf_bytes,
    scanned_pdf_bytes,
    twin_text,
)
from tests.test_formats_html import facts

MUYE = "seeds/reports/000_0e8ab8da4e11ecb3.txt"
ZHANGBAQIAO = "seeds/reports/001_0376ecbf1b3a9eef.txt"
CJK_SPACE = re.compile(r"[\u4e00-\u9fff，。、；：] +[\u4e00-\u9fff，。、；：]")


def _parts(path: str, title_lines: int) -> tuple[list[str], list[str]]:
    lines = paragraphs(twin_text(path))
    return lines[:title_lines], lines[title_lines:]


def _compact_lines(text: str) -> list[str]:
    return [re.sub(r"\s", "", ln) for ln in text.split("\n") if ln.strip()]


def _twin_facts(path: str) -> set[tuple[object, ...]]:
    return facts(ingest_one(path, twin_text(path).encode("utf-8")))


def test_two_column_pdf_is_read_column_by_column() -> None:
    title, body = _parts(MUYE, 2)
    data = pdf_bytes(title, body, columns=2)
    doc = read_document(data, "muye.pdf")
    assert doc.source_format == "pdf" and doc.encoding is None
    # every paragraph whole and in order: the left column before the right, lines joined without spaces
    assert _compact_lines(doc.text)[-len(body) :] == [re.sub(r"\s", "", p) for p in body]
    assert not CJK_SPACE.search(doc.text)
    row = ingest_one("muye.pdf", data)
    assert row["status"] == "loaded" and (row["town"], row["report_year"]) == ("木叶乡", 2024)
    assert facts(row) == _twin_facts(MUYE) and len(facts(row)) >= 10


def test_page_numbers_and_running_heads_are_dropped() -> None:
    title, body = _parts(ZHANGBAQIAO, 1)
    data = pdf_bytes(title, body, page_numbers=True, running_head="宝丰县张八桥镇人民政府文件")
    assert data.count(b"/Type /Page\n") >= 3 or data.count(b"/Type /Page ") >= 3 or b"/Count 4" in data
    doc = read_document(data, "zbq.pdf")
    assert "人民政府文件" not in doc.text and not re.search(r"- \d+ -", doc.text)
    assert _compact_lines(doc.text) == [re.sub(r"\s", "", p) for p in title + body]  # paragraphs across pages
    row = ingest_one("zbq.pdf", data)
    assert facts(row) == _twin_facts(ZHANGBAQIAO) and len(facts(row)) >= 10


def test_scanned_pdf_is_rejected_as_needing_ocr() -> None:
    data = scanned_pdf_bytes(pages=2)
    with pytest.raises(RejectError, match=r"^scanned PDF: no text layer \(needs OCR\)$"):
        read_document(data, "扫描件.pdf")
    row = ingest_one("扫描件.pdf", data)
    assert row["status"] == "rejected" and row["source_format"] == "pdf"


def test_password_protected_pdf_is_refused_but_a_copy_restricted_one_is_read() -> None:
    title, body = _parts(MUYE, 2)
    plain = pdf_bytes(title, body)
    for algorithm in ("AES-256", "RC4-128"):
        locked = encrypt_pdf(plain, "secret", "owner", allow_copy=True, algorithm=algorithm)
        with pytest.raises(RejectError, match=r"^encrypted PDF: it needs a password"):
            read_document(locked, "locked.pdf")
    restricted = encrypt_pdf(plain, "", "owner", allow_copy=False)
    row = ingest_one("restricted.pdf", restricted)
    assert row["status"] == "loaded", row["reject_reason"]
    assert facts(row) == _twin_facts(MUYE)


def test_two_thousand_page_pdf_is_refused_before_any_page_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    from pdfminer.pdfinterp import PDFPageInterpreter

    parsed = []
    original = PDFPageInterpreter.process_page
    monkeypatch.setattr(
        PDFPageInterpreter, "process_page", lambda self, page: parsed.append(page) or original(self, page)
    )
    data = long_pdf_bytes(2000)
    with pytest.raises(RejectError, match=r"^PDF too long: 2000 pages \(limit 300 for one report\)"):
        read_document(data, "汇编.pdf")
    assert parsed == []


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + b"\x00garbage\xff" * 200,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    ],
    ids=["garbage", "no-pages"],
)
def test_damaged_pdf_is_rejected_in_one_line(data: bytes) -> None:
    row = ingest_one("damaged.pdf", data)
    assert row["status"] == "rejected" and row["source_format"] == "pdf"
    assert str(row["reject_reason"]).startswith("corrupt PDF: "), row["reject_reason"]
    assert "\n" not in str(row["reject_reason"])


def test_line_joins_keep_english_words_apart_and_drop_their_hyphens() -> None:
    L = pdf_doc.Line
    runs = [
        [
            L(72, 700, 520, 712, "依法行政，建设法治政府（rule of law gov-", 0),
            L(72, 684, 520, 696, "ernment building）。全年调解纠纷14", 0),
            L(72, 668, 200, 680, "3起。", 0),
            L(96, 652, 520, 664, "二是加强普法宣传，开展活动12场。", 0),
        ]
    ]
    assert pdf_doc.join_lines(runs) == [
        "依法行政，建设法治政府（rule of law government building）。全年调解纠纷143起。",
        "二是加强普法宣传，开展活动12场。",
    ]


def test_a_pdf_that_reads_too_slowly_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_doc, "DEADLINE_S", 0.0)
    title, body = _parts(MUYE, 2)
    with pytest.raises(RejectError, match=r"^PDF too slow to read: over 0 s by page"):
        read_document(pdf_bytes(title, body), "slow.pdf")
