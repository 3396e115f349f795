"""Bytes to text: detect the encoding of a report file, or reject it with a reason."""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class RejectError(ValueError):
    """A file that cannot become a report; the message is the reason shown in `v_reports`."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode report bytes: BOMs first, then strict UTF-8, then GB18030 or Big5 by which fits better."""
    if not data.strip():
        raise RejectError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data[3:], "utf-8"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, "utf-16"), "utf-16")
    if b"\x00" in data[:4096]:
        raise RejectError("binary file (contains NUL bytes): not a text report")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for enc in ("gb18030", "big5"):
        try:
            return Decoded(data.decode(enc), enc)
        except UnicodeDecodeError:
            continue
    raise RejectError("undecodable: not UTF-8, UTF-16, GB18030 or Big5 text")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RejectError(f"invalid {encoding} at byte {exc.start}") from exc
