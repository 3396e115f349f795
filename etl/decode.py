"""Bytes to text: detect a file's format and a text's encoding, or reject it with a reason.

`detect_format` names the format from the bytes ('text', 'html', 'docx', 'pdf'; etl.formats reads
each) or rejects what no reader takes, saying what to do: '.doc'/'.wps' -> 'legacy Word format: save
as .docx', images, archives, .xlsx, RTF, .mht -> 'unsupported format (...)'. Each format has its own
size limit (FORMAT_MAX_BYTES); `size_limit` gives the one to check before reading, by extension.

Decisions (tested in tests/test_decode.py):
- Text files above MAX_BYTES (4 MB) are rejected ('file too large') before reading or decoding: one
  township report is 5-50 KB, so a multi-megabyte "report" is a concatenation or a dump, and
  decoding, converting (OpenCC t2s runs at ~0.2 M characters/s) and storing it would only stall
  the batch. Below the limit the worst case (Traditional text) stays under ~10 s per file.
- A file cut in the middle of a multibyte character (a truncated download or copy) is ACCEPTED:
  the incomplete tail (at most 3 bytes) is dropped and recorded in `Decoded.notes`, because the
  rest of the report is intact and useful. An invalid byte anywhere else is not a truncation.
- A handful of corrupt bytes inside an otherwise valid file (at most MAX_BAD_CHARS, or 1 per 10,000
  characters) is repaired with U+FFFD and recorded ('decode_errors'); more is a wrong codec or a mix.
- A file mixing encodings (e.g. UTF-8 lines pasted into a GBK file) is REJECTED: decoding either
  part with the wrong codec silently produces garbage figures, and splicing usually means two
  documents were glued together; the reason says which encodings were found.
- Legacy bytes are decoded with every candidate codec that accepts them and the most plausible
  Chinese text wins (GB18030 accepts almost any byte string, so "first that decodes" would turn
  Big5 into mojibake).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

MAX_BAD_CHARS = 3  # corrupt byte sequences tolerated in an otherwise valid file (see _few_bad_bytes)
MAX_BYTES = 4 * 1024 * 1024  # ~100 times the longest real report (see the module docstring)


class RejectError(ValueError):
    """A file that cannot become a report; the message is the reason shown in `v_reports`."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[str, ...] = field(default=())  # 'code: detail' repairs made while decoding


# (magic prefix, format name) of formats no reader takes; checked before any text decoding.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"{\\rtf", "RTF document"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x1f\x8b", "gzip archive"),
)
LEGACY_CODECS = ("gb18030", "big5", "cp950", "big5hkscs")
# Words nearly every rule-of-law report uses, in both scripts: a decoding that contains them is right.
REPORT_WORDS = (
    "法治", "政府", "工作", "建设", "建設", "依法", "执法", "執法", "开展", "開展", "推进", "推進",
    "进一步", "進一步", "行政", "宣传", "宣傳", "群众", "群眾", "加强", "加強", "问题", "問題",
)  # fmt: skip
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BAD = re.compile(
    r"[\ue000-\uf8ff\u3040-\u30ff\u0370-\u03ff\u0400-\u04ff\u2500-\u257f\x00-\x08\x0e-\x1f\x7f]"
)


def decode_bytes(data: bytes, max_bytes: int = MAX_BYTES) -> Decoded:
    """Decode a plain-text report: size and format checks, then `decode_text`."""
    if len(data) > max_bytes:
        raise RejectError(too_large(len(data), max_bytes))
    if not data:
        raise RejectError("empty file")
    fmt = detect_format(data)
    if fmt != "text":
        raise RejectError(f"not plain text ({fmt}): read it with etl.formats.read_document")
    return decode_text(data)


def decode_text(data: bytes) -> Decoded:
    """Bytes to text with no format check: BOMs, strict UTF-8, then the most plausible legacy codec.

    Also the encoding detection of web pages that declare no charset (etl.html_doc)."""
    if not data:
        raise RejectError("empty file")
    notes: list[str] = []
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        return _finish(_strict(data, "utf-32"), "utf-32", notes)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        body = data[2:]
        enc = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        if len(body) % 2:
            body = body[:-1]
            notes.append("truncated_file: dropped 1 byte of an incomplete UTF-16 character at the end")
        return _finish(_strict(body, enc), "utf-16", notes)
    if data.startswith(codecs.BOM_UTF8):
        text, notes = _utf8_or_truncated(data[3:], notes)
        return _finish(text, "utf-8-sig", notes)
    stripped = data.rstrip(b"\x00")
    if b"\x00" in stripped:
        raise RejectError(
            "binary file (contains NUL bytes): not a text report (UTF-16 text needs a byte-order mark)"
        )
    if len(stripped) < len(data):
        notes.append(f"nul_padding: dropped {len(data) - len(stripped)} NUL bytes at the end")
        data = stripped
    try:
        text, notes = _utf8_or_truncated(data, notes)
    except RejectError:
        pass
    else:
        return _finish(text, "utf-8", notes)
    repaired = _few_bad_bytes(data, "utf-8")
    if repaired is not None:
        return _finish(repaired[0], "utf-8", notes + [repaired[1]])
    _reject_mixed(data)
    best = _best_legacy(data)
    if best is None:
        for enc in LEGACY_CODECS[:2]:
            repaired = _few_bad_bytes(data, enc)
            if repaired is not None and plausibility(repaired[0]) >= 0.3:
                return _finish(repaired[0], enc, notes + [repaired[1]])
        raise RejectError("undecodable: not UTF-8, UTF-16, GB18030 or Big5 text")
    text, enc, tail_notes = best
    return _finish(text, enc, notes + tail_notes)


def _few_bad_bytes(data: bytes, encoding: str) -> tuple[str, str] | None:
    """A text that is valid `encoding` but for a handful of corrupt bytes (a damaged copy): keep it,
    with U+FFFD in their place and a note; more errors than MAX_BAD_CHARS mean a wrong guess."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if 0 < bad <= max(MAX_BAD_CHARS, len(text) // 10000) and len(_CJK.findall(text[:20000])) >= 20:
        return text, f"decode_errors: {bad} invalid {encoding} byte sequence(s) replaced by U+FFFD"
    return None


def detect_format(data: bytes, name: str = "") -> str:
    """'text', 'html', 'docx' or 'pdf' from the bytes (the name's extension only breaks ties);
    RejectError naming the format and what to do for everything else."""
    head = data[:16]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024] and ext == "pdf":
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, ext)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise RejectError(_ole_reason(data, ext))
    for magic, kind in MAGIC:
        if head.startswith(magic):
            raise RejectError(unsupported(kind))
    sniff = _ascii_head(data)
    if MHTML.search(sniff):
        raise RejectError(unsupported("MHTML web archive (.mht)", "save the page as .html"))
    if WORD_XML.search(sniff):
        raise RejectError(unsupported("Word 2003 XML document", "save it as .docx"))
    if HTML_START.match(sniff) or ext in HTML_EXTENSIONS and HTML_TAG.search(sniff):
        return "html"  # also a web page saved as .doc, as some sites serve them
    if ext in ("doc", "wps", "dot", "wpt"):
        raise RejectError(LEGACY_WORD)  # old WPS and Word 6 files are not OLE: the name tells
    return "text"


FORMAT_MAX_BYTES = {
    "text": MAX_BYTES,
    "html": 8 * 1024 * 1024,  # markup and inline scripts are 5-20 times the text; ~100 times a real page
    "docx": 32 * 1024 * 1024,  # photos of the year's activities are embedded; the text is ~50 KB
    "pdf": 32 * 1024 * 1024,  # embedded fonts and photos; pages are limited separately (etl.pdf_doc)
}
HTML_EXTENSIONS = ("html", "htm", "shtml", "xhtml")
EXTENSION_FORMAT = {"txt": "text", "text": "text", "docx": "docx", "pdf": "pdf"} | dict.fromkeys(
    HTML_EXTENSIONS, "html"
)
LEGACY_WORD = "legacy Word format: save as .docx"
HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|meta\s|title>|body[\s>])",
    re.I | re.S,
)
HTML_TAG = re.compile(r"<(?:html|head|body|div|p|table|meta|title|br)[\s>/]", re.I)
MHTML = re.compile(
    r"^\s*(?:From:.*\n)?MIME-Version:.*\n(?:.*\n){0,8}?Content-Type:\s*multipart/related", re.I
)
WORD_XML = re.compile(r"<\?mso-application\s+progid=\"Word\.Document\"", re.I)


def size_limit(name: str) -> int:
    """Bytes a file named `name` may have before it is read: its extension's format limit; a name
    with no known extension gets the largest (the content decides its format, then its limit)."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    fmt = EXTENSION_FORMAT.get(ext)
    return FORMAT_MAX_BYTES[fmt] if fmt else max(FORMAT_MAX_BYTES.values())


def too_large(size: int, limit: int, fmt: str = "text") -> str:
    """The one-line reason for a file over its size limit."""
    kind = {"text": "one report", "html": "one web page", "docx": "one .docx", "pdf": "one PDF"}[fmt]
    return (
        f"file too large: {size / 1048576:.1f} MB exceeds the {limit / 1048576:.0f} MB limit for {kind} "
        "(split it into one file per report)"
    )


def unsupported(kind: str, todo: str = "save the report as .docx, PDF, web page or text") -> str:
    return f"unsupported format ({kind}): {todo}"


def _ascii_head(data: bytes) -> str:
    """The first 2 KB as ASCII (markup is ASCII in every encoding a page uses; UTF-16 decoded first)."""
    head = data[:2048]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    elif head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return head.decode("ascii", errors="ignore")


def _zip_kind(data: bytes, ext: str) -> str:
    """A zip container: a Word document is 'docx'; anything else is refused by what it is."""
    import io  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()  # reads the central directory only
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        window = data[:65536] + data[-65536:]
        if ext == "docx" or b"word/" in window:
            return "docx"  # damaged: etl.docx_doc says what is wrong with it
        raise RejectError(unsupported("damaged zip archive")) from None
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    kind = (
        "Excel .xlsx"
        if any(n.startswith("xl/") for n in names)
        else "PowerPoint .pptx"
        if any(n.startswith("ppt/") for n in names)
        else "OpenDocument (.odt/.ods)"
        if "content.xml" in names and "mimetype" in names
        else "zip archive"
    )
    todo = "unpack it: one file per report" if kind == "zip archive" else None
    raise RejectError(unsupported(kind, todo) if todo else unsupported(kind))


def _ole_reason(data: bytes, ext: str) -> str:
    """An OLE compound file: .doc/.wps (Word 97-2003, WPS), an encrypted Office file, or .xls/.ppt."""
    window = data[: 1 << 20]
    if "EncryptedPackage".encode("utf-16-le") in window:
        return "encrypted Office document: remove the password and save as .docx"
    if ext in ("doc", "wps", "dot", "wpt") or "WordDocument".encode("utf-16-le") in window:
        return LEGACY_WORD
    return unsupported("legacy Office document (.xls/.ppt)")


def _finish(text: str, encoding: str, notes: list[str]) -> Decoded:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise RejectError("empty file (whitespace only)")
    controls = sum(1 for _ in _BAD.finditer(text[:20000]))
    if controls > max(20, len(text[:20000]) // 20) and encoding.startswith("utf"):
        raise RejectError(f"binary file: {encoding} decodes to mostly control or private-use characters")
    return Decoded(text, encoding, tuple(notes))


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RejectError(f"invalid {encoding} at byte {exc.start}") from exc


def _utf8_or_truncated(data: bytes, notes: list[str]) -> tuple[str, list[str]]:
    """Strict UTF-8; an incomplete character in the last 3 bytes is dropped and recorded."""
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and len(data) - exc.start <= 3:
            dropped = len(data) - exc.start
            note = f"truncated_file: dropped {dropped} byte(s) of an incomplete UTF-8 character at the end"
            return data[: exc.start].decode("utf-8"), [*notes, note]
        raise RejectError(f"invalid utf-8 at byte {exc.start}") from exc


def plausibility(text: str) -> float:
    """How much a decoding looks like a Chinese report: report words and CJK share up, mojibake down."""
    sample = text[:20000]
    if not sample:
        return 0.0
    cjk = len(_CJK.findall(sample))
    bad = len(_BAD.findall(sample))
    words = sum(sample.count(w) for w in REPORT_WORDS)
    common = sum(1 for ch in sample if _CJK.match(ch) and _is_common(ch))
    return (common + 4 * words - 3 * bad) / max(1, cjk + bad)


def _is_common(ch: str) -> bool:
    """Level-1 character of GB2312 (3755 most used Simplified) or of Big5 (5401 most used Traditional)."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return 0xA4 <= b[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _best_legacy(data: bytes) -> tuple[str, str, list[str]] | None:
    found: list[tuple[float, int, str, str, list[str]]] = []
    for rank, enc in enumerate(LEGACY_CODECS):
        notes: list[str] = []
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            if len(data) - exc.start > 1 or exc.start == 0:
                continue
            try:
                text = data[: exc.start].decode(enc)
            except UnicodeDecodeError:
                continue
            notes.append(f"truncated_file: dropped 1 byte of an incomplete {enc} character at the end")
        found.append((plausibility(text), -rank, enc, text, notes))
    if not found:
        return None
    score, _, enc, text, notes = max(found)
    if score < 0.3:
        raise RejectError(f"undecodable: no encoding gives readable Chinese text (best {enc})")
    return text, enc, notes


def _reject_mixed(data: bytes) -> None:
    """Not valid UTF-8 as a whole, yet long lines of real UTF-8 Chinese: two encodings spliced together."""
    utf8_lines = other_lines = 0
    for line in data.split(b"\n"):
        if max(line, default=0) < 0x80:
            continue
        try:
            s = line.decode("utf-8")
        except UnicodeDecodeError:
            other_lines += 1
            continue
        if len(_CJK.findall(s)) >= 6:
            utf8_lines += 1
    if utf8_lines and other_lines:
        rest = [ln for ln in data.split(b"\n") if not _is_utf8(ln)]
        scored = []
        for enc in LEGACY_CODECS:
            ok = [ln.decode(enc) for ln in rest if _decodes(ln, enc)]
            scored.append((len(ok), plausibility("\n".join(ok)), enc))
        n_ok, _, other = max(scored)
        raise RejectError(
            f"mixed encodings: {utf8_lines} line(s) are UTF-8 and {other_lines} line(s) "
            f"{other if n_ok else 'in an unknown encoding'}; re-save the file in one encoding"
        )


def _decodes(line: bytes, encoding: str) -> bool:
    try:
        line.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False
