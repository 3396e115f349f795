"""Word .docx in: three documents built here from plain-text twins (a table; a page header and
footer; Word's automatic heading numbers and a core title) each yield their twin's facts; broken,
encrypted and bomb-like files are refused by reason, bounded in memory."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import polars as pl
import pytest

from etl.decode import RejectError
from etl.formats import read_document
from etl.normalise import normalise
from etl.pipeline import REPORTS_SCHEMA, ingest_one, sections_frame
from tests.formats_support import docx_bytes, paragraphs, twin_text, zip_bomb_docx
from tests.test_formats_html import facts

MUYE, ZHANGBAQIAO, GAOZHUANG = (
    "seeds/reports/000_0e8ab8da4e11ecb3.txt",
    "seeds/reports/001_0376ecbf1b3a9eef.txt",
    "seeds/reports/003_aa655783a9e9278f.txt",
)
TABLE = (
    "今年以来，累计发放宣传资料5000余份，举办法律讲座4场，受教育群众达2000余人次，",
    [["项目", "数量"], ["发放宣传资料", "5000余份"], ["举办法律讲座", "4场"], ["受教育群众", "2000余人次"]],
)


def _twin(path: str) -> dict[str, object]:
    return ingest_one(path, twin_text(path).encode("utf-8"))


def _split(path: str, title_lines: int) -> tuple[list[str], list[str]]:
    lines = paragraphs(twin_text(path))
    return lines[:title_lines], lines[title_lines:]


def test_docx_with_a_table_yields_the_twins_facts() -> None:
    title, body = _split(MUYE, 2)
    data = docx_bytes(title, body, table=TABLE)
    text = read_document(data, "muye.docx").text
    assert "发放宣传资料5000余份" in text.split("\n")  # a row: its label and figure on one line
    row = ingest_one("muye.docx", data)
    assert row["status"] == "loaded" and row["source_format"] == "docx" and row["encoding"] is None
    assert (row["town"], row["report_year"]) == ("木叶乡", 2024)
    assert facts(row) == facts(_twin(MUYE)) and len(facts(row)) >= 10


def test_docx_header_and_footer_are_ignored() -> None:
    title, body = _split(ZHANGBAQIAO, 1)
    data = docx_bytes(
        title, body, header="宝丰县张八桥镇人民政府文件 张政〔2024〕6号", footer="第 页 共 8 页"
    )
    assert b"word/header1.xml" in data and b"word/footer1.xml" in data
    text = read_document(data, "zbq.docx").text
    assert "张政〔2024〕6号" not in text and "共 8 页" not in text and "人民政府文件" not in text
    row = ingest_one("zbq.docx", data)
    assert row["doc_number"] is None
    assert facts(row) == facts(_twin(ZHANGBAQIAO)) and len(facts(row)) >= 10


def test_docx_automatic_heading_numbers_are_read_and_the_text_equals_the_twin() -> None:
    """Word keeps '一、' of a numbered heading in numbering.xml, not in the text: it is put back, so
    the normalised text (and its sections) equals the twin's."""
    title, body = _split(GAOZHUANG, 1)
    data = docx_bytes(title, body, numbered_headings=True)
    assert "一、2024年法治政府建设".encode() not in zipfile.ZipFile(io.BytesIO(data)).read(
        "word/document.xml"
    )
    doc = read_document(data, "gz.docx")
    assert normalise(doc.text).text == normalise("\n".join(title + body)).text
    row, twin = ingest_one("gz.docx", data), _twin(GAOZHUANG)
    assert facts(row) == facts(twin)
    frames = [pl.DataFrame([r], schema=REPORTS_SCHEMA, orient="row") for r in (row, twin)]
    types = [sections_frame(f)[0]["section_type"].to_list() for f in frames]
    assert types[0] == types[1] and "problems" in types[0]


@pytest.mark.parametrize(
    ("core_title", "used"),
    [
        ("高庄镇关于2024年法治政府建设情况的报告", True),
        ("关于2023年法治政府建设情况的报告", False),
        ("Normal", False),
    ],
    ids=["report-title", "last-years-leftover", "template-name"],
)
def test_core_title_is_a_clue_only_when_it_fits_the_text(core_title: str, used: bool) -> None:
    title, body = _split(GAOZHUANG, 1)
    data = docx_bytes(title, body, core_title=core_title)
    assert read_document(data, "gz.docx").page_meta.get("title") == (core_title if used else None)
    row = ingest_one("gz.docx", data)
    assert row["report_year"] == 2024 and row["town"] == "高庄镇"


def _corrupt(data: bytes) -> bytes:
    return data[: len(data) // 2]


def test_corrupt_docx_is_rejected_with_its_reason() -> None:
    good = docx_bytes(*_split(MUYE, 2))
    for bad in (_corrupt(good), good.replace(b"word/document.xml", b"word/documenX.xml")):
        with pytest.raises(RejectError, match=r"^corrupt \.docx: "):
            read_document(bad, "broken.docx")
    row = ingest_one("broken.docx", _corrupt(good))
    assert row["status"] == "rejected" and row["source_format"] == "docx"


def test_zip_bomb_docx_is_refused_before_inflating() -> None:
    bomb = zip_bomb_docx(200)
    assert len(bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(RejectError, match=r"^zip bomb \.docx: word/document\.xml declares 200 MB"):
            read_document(bomb, "bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024  # the 200 MB were never inflated


@pytest.mark.parametrize("name", ["报告.doc", "报告.wps", "renamed.txt"])
def test_legacy_word_is_rejected_with_save_as_docx(name: str) -> None:
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 512
        + "WordDocument".encode("utf-16-le")
        + b"\x00" * 512
    )
    with pytest.raises(RejectError, match=r"^legacy Word format: save as \.docx$"):
        read_document(ole, name)
    if name.endswith((".doc", ".wps")):  # old WPS files are not OLE: the name alone says it
        with pytest.raises(RejectError, match=r"^legacy Word format"):
            read_document(b"WPS\x00" + b"\x01" * 300, name)


def test_encrypted_office_file_is_refused() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(RejectError, match=r"^encrypted Office document"):
        read_document(ole, "加密.docx")


def test_docx_of_pictures_only_has_no_body_text() -> None:
    data = docx_bytes([], ["   "])
    with pytest.raises(RejectError, match=r"^Word document with no body text"):
        read_document(data, "scan.docx")
    assert re.match(r"^Word", str(ingest_one("scan.docx", data)["reject_reason"]))
