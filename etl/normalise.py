"""Clean decoded text: one script (Simplified), ASCII digits, no page chrome, paragraphs kept.

Every downstream offset (section spans, fact evidence) refers to the normalised text; the
`Normalised.to_original` mapping turns such an offset back into the decoded original so a
reviewer can show the evidence in the file as it was received.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# One-to-one replacements only (so offsets inside a line never move): full-width digits, ％ and ．
# to ASCII; every odd space to a plain space. No blanket NFKC: the full-width comma in 1，200 is
# ambiguous (thousands separator or list comma) and is left for the number parser to judge.
ONE_TO_ONE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "．": ".",
        **dict.fromkeys(
            "\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t",
            " ",
        ),
    }
)
# Deleted spans: Word/pandoc leftovers, invisible characters, indentation, trailing and repeated spaces.
DELETE = re.compile(
    r"\[(?:bookmark|anchor):[^\]\n]*\]"  # [bookmark: _GoBack]
    r"|\[\]\{#[^}\n]*\}"  # pandoc anchors []{#_GoBack .anchor}
    r"|\{\.(?:underline|mark|smallcaps)\}"
    r"|[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
    r"|^ +| +$|(?<= ) +"
    # reading aids some mirror sites print after each character: 關(guān)刀鎮(zhèn), 習(xí)近平 (a tone mark
    # makes it pinyin, never a bracketed note or list label)
    r"|(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)"
)
CJK = re.compile(r"[\u4e00-\u9fff]")
# Doc-sharing sites and PDF copies render prose with a space inside words and numbers (法治政府 建设,
# 全体扩大会议 1 次, 办理 1.3 万件, 辖区 72 个网格). In a prose line (a sentence with Chinese punctuation),
# a single space between Chinese characters, or between a Chinese character and a digit, is such an
# artefact and is deleted (the offset map records it). A space between two digits (2023 2024) and
# every space of a short line (a flattened table row: '党工委中心组学法 次 7') stay.
SPACED = re.compile(
    r"(?<=[\u4e00-\u9fff，。、；：！？“”（）《》%]) (?=[\u4e00-\u9fff，。、；：！？“”（）《》\d])"
    r"|(?<=\d) (?=[\u4e00-\u9fff%])"
)
PROSE_PUNCT = re.compile(r"[，。；,;]")
PROSE_MIN = 40
LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
CHROME_KEYS = (
    "发布时间|发布日期|发文日期|成文日期|更新时间|信息来源|文章来源|来源|发布机构|发布单位|发文机关|作者|"
    "责任编辑|编辑|审核|校对|点击数|点击量|点击率|浏览次数|浏览量|阅读量|阅读次数|访问量|访问次数|"
    "索引号|主题分类|公开方式|公开范围|公开时限|有效性|字号|字体"
)
CHROME_KEY = re.compile(rf"(?:{CHROME_KEYS})\s*[:：]")
CHROME_LINE = re.compile(
    rf"^(?:(?:{CHROME_KEYS})\s*[:：]"
    r"|【?\s*字[号体]\s*[:：]?\s*[大中小\s|｜]+】?\s*$"
    r"|首页\s*(?:[>＞›»/]|&gt;)"
    r"|当前位置\s*[:：]|您(?:现在)?的?位置\s*[:：]"
    r"|(?:【?\s*(?:打印本页|打印|关闭窗口|关闭|收藏本页|收藏|分享到[:：]?|返回顶部|上一篇|下一篇|保存本页|"
    r"扫一扫在手机打开当前页|扫一扫在手机上查看当前页面)\s*】?\s*)+$)"
)


@dataclass
class Normalised:
    """The normalised report, the chrome lines taken out of it, and the offset map to the original."""

    text: str
    script: str  # 'simplified' or 'traditional' (of the original)
    chrome: list[str] = field(default_factory=list)  # page-chrome lines kept out of the body
    original: str = ""
    # Offset map: segment i covers text[norm_starts[i]:norm_starts[i]+norm_lens[i]] and came from
    # original[orig_starts[i]:orig_starts[i]+orig_lens[i]]; equal lengths map character by character.
    norm_starts: list[int] = field(default_factory=list, repr=False)
    orig_starts: list[int] = field(default_factory=list, repr=False)
    norm_lens: list[int] = field(default_factory=list, repr=False)
    orig_lens: list[int] = field(default_factory=list, repr=False)

    def _orig_pos(self, pos: int, is_end: bool) -> int:
        if not self.norm_starts:
            return 0
        probe = pos - 1 if is_end and pos > 0 else pos
        i = max(0, bisect.bisect_right(self.norm_starts, probe) - 1)
        rel = probe - self.norm_starts[i]
        n_len, o_len = self.norm_lens[i], self.orig_lens[i]
        rel = min(max(rel, 0), max(n_len - 1, 0))
        if n_len != o_len:  # a converted line whose length changed: map proportionally
            rel = rel * o_len // max(n_len, 1)
        return self.orig_starts[i] + rel + (1 if is_end and pos > 0 else 0)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the decoded original it came from."""
        if end <= start:
            p = self._orig_pos(start, False)
            return p, p
        return self._orig_pos(start, False), self._orig_pos(end, True)


def _sample(text: str, size: int = 6000) -> str:
    """Head, middle and tail of the text: a cheap sample that a quoted title cannot dominate."""
    if len(text) <= size:
        return text
    third = size // 3
    mid = len(text) // 2
    return text[:third] + text[mid : mid + third] + text[-third:]


def is_traditional(text: str) -> bool:
    """Traditional when at least 3% of the Chinese characters of a sample are Traditional-only.

    A set lookup per character, not a trial conversion: running OpenCC over every report to find
    the ~10% that need it cost more than all the rest of normalising. Simplified text scores ~0%,
    Traditional text ~30%, so one quoted Traditional title does not tip a Simplified report.
    """
    sample = _sample(text)
    hits = sum(map(traditional_only_chars().__contains__, sample))
    return hits >= 3 and hits >= 0.03 * len(CJK.findall(sample))


@lru_cache(maxsize=1)
def traditional_only_chars() -> frozenset[str]:
    """Characters that only Traditional text uses, from OpenCC's own dictionaries.

    A character counts when t2s turns it into something else (TSCharacters) and it is not itself a
    Simplified character (not a key of STCharacters): 國 and 發 count; 乾, 著 and 干 do not.
    """
    import opencc  # noqa: PLC0415 - the dictionaries ship with the converter we use anyway

    folder = Path(opencc.__file__).parent / "dictionary"

    def table(name: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, targets = line.partition("\t")
            if targets:
                out[key] = targets.split()
        return out

    simplified = table("STCharacters.txt")
    return frozenset(
        t
        for t, targets in table("TSCharacters.txt").items()
        if len(t) == 1 and t not in targets and t not in simplified
    )


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    from opencc import OpenCC  # noqa: PLC0415 - deferred: only Traditional reports need it

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Text in Simplified characters (OpenCC t2s, loaded once): the one converter the pipeline and the
    benchmarks share, so a name compares equal in either script."""
    return _t2s().convert(text)


def is_chrome(line: str) -> bool:
    """A web-page leftover line: publish/source/click-count fields, font-size switches, breadcrumbs."""
    s = line.strip()
    if not s:
        return False
    if CHROME_LINE.match(s):
        return True
    return len(CHROME_KEY.findall(s)) >= 2 and len(s) < 120


def normalise(text: str) -> Normalised:
    """Normalise a decoded report line by line, recording where every kept span came from."""
    traditional = is_traditional(text)
    convert = _t2s().convert if traditional else None
    out: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    norm_lens: list[int] = []
    orig_lens: list[int] = []
    chrome: list[str] = []
    pos = 0  # length of the normalised text so far
    pending_break: int | None = None  # original offset of the last line break, emitted lazily
    blank_seen = False

    def emit(piece: str, orig_start: int, orig_len: int) -> None:
        nonlocal pos
        out.append(piece)
        norm_starts.append(pos)
        orig_starts.append(orig_start)
        norm_lens.append(len(piece))
        orig_lens.append(orig_len)
        pos += len(piece)

    line_start = 0
    for m in [*LINE_BREAK.finditer(text), None]:
        line_end = m.start() if m else len(text)
        raw = text[line_start:line_end]
        line = convert(raw) if convert and raw else raw
        exact = len(line) == len(raw)
        line = line.translate(ONE_TO_ONE)
        kept: list[tuple[int, int]] = []
        last = 0
        deleted = list(DELETE.finditer(line))
        if " " in line and len(line) >= PROSE_MIN and len(PROSE_PUNCT.findall(line, 0, 400)) >= 2:
            deleted = sorted([*deleted, *SPACED.finditer(line)], key=lambda d: d.start())
        for d in deleted:
            if d.start() > last:
                kept.append((last, d.start()))
            last = max(last, d.end())
        if last < len(line):
            kept.append((last, len(line)))
        clean = "".join(line[a:b] for a, b in kept)
        if not clean.strip():
            blank_seen = blank_seen or not raw.strip()  # a line of Word leftovers is not a paragraph break
        elif is_chrome(clean):
            chrome.append(clean.strip())
        else:
            if pending_break is not None:
                emit("\n\n" if blank_seen else "\n", pending_break, 1)
            if exact:
                for a, b in kept:
                    emit(line[a:b], line_start + a, b - a)
            else:  # t2s changed the length of this line: map the line as one proportional segment
                emit(clean, line_start, len(raw))
            blank_seen = False
            pending_break = line_end
        if m is None:
            break
        line_start = m.end()
    return Normalised(
        text="".join(out),
        script="traditional" if traditional else "simplified",
        chrome=chrome,
        original=text,
        norm_starts=norm_starts,
        orig_starts=orig_starts,
        norm_lens=norm_lens,
        orig_lens=orig_lens,
    )
