"""Clean decoded text: one script (Simplified), ASCII digits, no page chrome, paragraphs kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})
SPACES = re.compile(r"[\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]")
WORD_LEFTOVER = re.compile(r"\[bookmark:[^\]]*\]")
CHROME = re.compile(
    r"^\s*(发布时间|發布時間|信息来源|信息來源|点击数|點擊數|索引号|索引號|字号|字號|来源|來源|浏览次数|瀏覽次數|当前位置|當前位置|首页\s*>|首頁\s*>)"
)


@dataclass
class Normalised:
    text: str
    script: str  # 'simplified' or 'traditional' (of the original)
    chrome: list[str] = field(default_factory=list)  # page-chrome lines kept out of the body


def is_traditional(text: str) -> bool:
    """Cheap test on a sample: Traditional-only characters outnumber Simplified-only ones."""
    from opencc import OpenCC  # noqa: PLC0415 - deferred: the converter is slow to build

    sample = text[:4000]
    t2s = _converter("t2s", OpenCC)
    changed = sum(1 for a, b in zip(sample, t2s.convert(sample), strict=False) if a != b)
    return changed >= max(3, len(sample) // 200)


_CONVERTERS: dict[str, object] = {}


def _converter(name: str, cls):  # type: ignore[no-untyped-def]
    if name not in _CONVERTERS:
        _CONVERTERS[name] = cls(name)
    return _CONVERTERS[name]


def normalise(text: str) -> Normalised:
    """Normalise a decoded report; convert script only when the text is Traditional."""
    script = "simplified"
    if is_traditional(text):
        from opencc import OpenCC  # noqa: PLC0415

        text = _converter("t2s", OpenCC).convert(text)
        script = "traditional"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = SPACES.sub(" ", text).translate(FULLWIDTH)
    text = WORD_LEFTOVER.sub("", text)
    body, chrome = [], []
    for line in text.split("\n"):
        (chrome if CHROME.match(line) else body).append(line.rstrip())
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip()
    return Normalised(out, script, chrome)
