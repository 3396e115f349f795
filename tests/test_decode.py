"""Bytes in, text or a clear rejection out: every encoding we accept, every kind of file we refuse."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest

from etl.decode import FORMAT_MAX_BYTES, MAX_BYTES, RejectError, decode_bytes, size_limit
from etl.discover import discover
from etl.formats import read_document
from etl.normalise import normalise
from etl.pipeline import ingest_files, ingest_one

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SIMPLIFIED = (FIXTURES / "13_simplified_source.txt").read_text(encoding="utf-8")
TRADITIONAL = (FIXTURES / "13_traditional.txt").read_text(encoding="utf-8")
REPORT = (FIXTURES / "04_addressee.txt").read_text(encoding="utf-8")


def _variants(text: str) -> dict[str, bytes]:
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8-sig": codecs.BOM_UTF8 + text.encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "utf-16-le": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf-16-be": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    }


@pytest.mark.parametrize("name", ["utf-8", "utf-8-sig", "gb18030", "utf-16-le", "utf-16-be"])
def test_simplified_report_in_every_encoding_gives_identical_normalised_text(name: str) -> None:
    data = _variants(SIMPLIFIED)[name]
    decoded = decode_bytes(data)
    assert decoded.text == SIMPLIFIED
    assert normalise(decoded.text).text == normalise(SIMPLIFIED).text


def test_gbk_bytes_are_detected_as_gb_family() -> None:
    assert decode_bytes(REPORT.encode("gbk")).encoding == "gb18030"


@pytest.mark.parametrize("name", ["big5", "utf-8", "utf-16-le", "gb18030"])
def test_traditional_report_in_big5_and_others_normalises_to_the_simplified_text(name: str) -> None:
    data = TRADITIONAL.encode("big5") if name == "big5" else _variants(TRADITIONAL)[name]
    decoded = decode_bytes(data)
    assert decoded.text == TRADITIONAL
    if name == "big5":
        assert decoded.encoding == "big5"  # GB18030 also decodes these bytes, into mojibake
    norm = normalise(decoded.text)
    assert norm.script == "traditional"
    assert norm.text == normalise(SIMPLIFIED).text


def test_short_big5_line_is_still_big5() -> None:
    data = "一、加強法治宣傳教育，提升群眾法治意識。".encode("big5")
    assert decode_bytes(data).encoding == "big5"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \r\n\t \n", "empty file (whitespace only)"),
        ("\u3000\u3000\n".encode(), "empty file (whitespace only)"),
        (b"\x00\x01\x02binary\x00data" * 20, "binary file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "unsupported format (PNG image)"),
        (b"\xff\xd8\xff\xe0" + b"JFIF" * 10, "unsupported format (JPEG image)"),
        (b"GIF89a" + b"\x01" * 20, "unsupported format (GIF image)"),
        (b"{\\rtf1\\ansi report}", "unsupported format (RTF document)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
            "legacy Word format: save as .docx",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not plain text (pdf)"),
        (
            b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="----=_NextPart"\n\nx',
            "unsupported format (MHTML web archive (.mht)): save the page as .html",
        ),
    ],
)
def test_rejections_name_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(RejectError) as err:
        decode_bytes(data)
    assert str(err.value).startswith(reason)


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in entries.items():
            zf.writestr(name, body)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("entries", "reason"),
    [
        ({"[Content_Types].xml": "<x/>", "word/document.xml": "<w:document/>"}, "corrupt .docx"),
        (
            {"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<workbook/>"},
            "unsupported format (Excel .xlsx)",
        ),
        ({"report.txt": "hello"}, "unsupported format (zip archive): unpack it"),
    ],
)
def test_zip_containers_are_read_as_docx_or_refused_by_kind(entries: dict[str, str], reason: str) -> None:
    with pytest.raises(RejectError) as err:
        read_document(_zip(entries), "upload.zip")
    assert str(err.value).startswith(reason), err.value


def test_utf8_cut_mid_character_is_accepted_without_the_broken_tail() -> None:
    data = REPORT.rstrip("\n").encode("utf-8")
    for cut in (1, 2):  # the last character is 3 bytes long: cut 1 or 2 of them
        decoded = decode_bytes(data[:-cut])
        assert decoded.text == REPORT.rstrip("\n")[:-1]
        assert any(n.startswith("truncated_file:") for n in decoded.notes)


def test_truncated_file_is_loaded_and_recorded_in_ingest_notes() -> None:
    row = ingest_one("cut.txt", REPORT.rstrip("\n").encode("utf-8")[:-1])
    assert row["status"] == "loaded"
    assert "truncated_file" in str(row["ingest_notes"])


def test_invalid_byte_in_the_middle_is_not_a_truncation() -> None:
    data = REPORT.encode("utf-8")
    broken = data[:30] + b"\xff\xfe\xfd" + data[30:]
    decoded = None
    try:
        decoded = decode_bytes(broken)
    except RejectError:
        return
    assert "truncated_file" not in " ".join(decoded.notes)


def test_mixed_utf8_and_gbk_in_one_file_is_rejected() -> None:
    half = len(REPORT) // 2
    data = REPORT[:half].encode("utf-8") + REPORT[half:].encode("gbk")
    with pytest.raises(RejectError, match=r"^mixed encodings: .*UTF-8.*gb18030"):
        decode_bytes(data)


def test_trailing_nul_padding_is_dropped_and_recorded() -> None:
    decoded = decode_bytes(REPORT.encode("utf-8") + b"\x00" * 64)
    assert decoded.text == REPORT
    assert decoded.notes and decoded.notes[0].startswith("nul_padding:")


def test_ingest_one_never_raises_on_garbage() -> None:
    for data in (bytes(range(256)) * 4, b"\xff" * 100, b"\x80\x81" * 300, "只有一句话。".encode()):
        row = ingest_one("junk.bin", data)
        assert row["status"] == "rejected" and row["reject_reason"]


def test_huge_file_is_rejected_as_too_large_without_crashing(tmp_path: Path) -> None:
    """50 MB made by repeating a real report: rejected above the documented MAX_BYTES limit."""
    unit = REPORT.encode("utf-8")
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(unit) + 1):
            fh.write(unit)
    assert big.stat().st_size >= 50 * 1024 * 1024 > MAX_BYTES
    (tmp_path / "ok.txt").write_text(REPORT, encoding="utf-8")
    files, skipped = discover(tmp_path)
    rows = {r["source_path"]: r for r in ingest_files(files, skipped).iter_rows(named=True)}
    assert rows["ok.txt"]["status"] == "loaded"
    assert rows["huge.txt"]["status"] == "rejected"
    assert rows["huge.txt"]["reject_reason"].startswith("file too large")
    with pytest.raises(RejectError, match="^file too large"):
        decode_bytes(big.read_bytes())


def test_report_of_several_megabytes_below_the_limit_is_loaded() -> None:
    data = (REPORT * (2 * 1024 * 1024 // len(REPORT.encode()))).encode("utf-8")
    assert len(data) < MAX_BYTES
    row = ingest_one("long.txt", data)
    assert row["status"] == "loaded" and row["town"] == "高唐镇"


def test_one_corrupt_byte_in_a_utf8_report_is_repaired_and_recorded() -> None:
    data = REPORT.encode("utf-8")
    cut = data.index("依法".encode())
    damaged = data[:cut] + b"\xff" + data[cut:]
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8"
    assert decoded.text.replace("\ufffd", "", 1) == REPORT
    assert decoded.notes[0].startswith("decode_errors: 1 invalid utf-8")


def test_one_corrupt_byte_in_a_gbk_report_is_repaired() -> None:
    data = REPORT.encode("gbk")
    damaged = data[:200] + b"\x80" + data[200:]
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "gb18030" and decoded.text.count("\ufffd") == 1
    assert "decode_errors" in decoded.notes[0]


def test_size_limit_depends_on_the_format() -> None:
    """Checked by extension before reading, then by the format the bytes turn out to be."""
    assert size_limit("a.txt") == MAX_BYTES == FORMAT_MAX_BYTES["text"]
    assert size_limit("a.shtml") == FORMAT_MAX_BYTES["html"] < size_limit("a.docx") == size_limit("b.PDF")
    assert size_limit("no_extension") == max(FORMAT_MAX_BYTES.values())
    page = b"<!DOCTYPE html><html><body><p>" + "法治".encode() * (5 * 1024 * 1024) + b"</p></body></html>"
    assert FORMAT_MAX_BYTES["html"] < len(page) < FORMAT_MAX_BYTES["docx"]
    with pytest.raises(
        RejectError, match=r"^file too large: 30\.0 MB exceeds the 8 MB limit for one web page"
    ):
        read_document(page, "renamed.docx")  # the bytes say web page: its limit applies
