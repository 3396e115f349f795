"""Split a report into its top-level sections and classify them; split shortcomings into items.

Reports number their parts in many styles (一、 （一） (一) 1. （1） 一是 第一部分) and nest them in
whatever order the author liked. The top level is the highest-ranked style that numbers at least
two lines in sequence (一, 二, …); a stray unnumbered line or a lower-level list that restarts its
numbering never starts a section. Section types come from heading keywords (earliest keyword wins,
so '存在的问题及下一步打算' is problems), then from the section's own words.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CN_NUM = "一二三四五六七八九十"
# Marker styles, highest rank first: (name, regex matching the marker at a line start).
STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^\s*第([{CN_NUM}]{{1,3}})(?:部分|章)\s*[、：:，,]?\s*")),
    ("cn", re.compile(rf"^\s*([{CN_NUM}]{{1,3}})\s*(?:、|[.．，,](?!\d))\s*")),
    ("paren_cn", re.compile(rf"^\s*[(（]\s*([{CN_NUM}]{{1,3}})\s*[)）]\s*[、.]?\s*")),
    ("arabic", re.compile(r"^\s*(\d{1,2})\s*[.、．](?!\d)\s*")),
    ("paren_arabic", re.compile(r"^\s*[(（]\s*(\d{1,2})\s*[)）]\s*[、.]?\s*")),
    ("circled", re.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩])\s*")),
    ("shi", re.compile(rf"^\s*([{CN_NUM}]{{1,3}})是\s*")),
)
SECTION_TYPES: dict[str, tuple[str, ...]] = {
    "leader_duty": ("第一责任人", "主要负责人", "党政主要负责", "责任人履行", "主要领导履行", "履行推进法治建设",
                    "履职情况", "述法"),
    "problems": ("不足", "问题", "短板", "差距", "薄弱", "困难"),
    "plans": ("下一步", "下一年", "下步", "打算", "计划", "安排", "思路", "工作重点", "展望", "努力方向", "工作要点",
              "今后"),
    "achievements": ("举措", "成效", "开展情况", "工作情况", "主要做法", "主要工作", "取得", "成绩", "亮点",
                     "做法", "进展", "落实情况", "基本情况", "总体情况", "建设情况", "完成情况", "工作成果",
                     "问题整改"),
}  # fmt: skip
# Plan words that also name achievement work (研究制定学法计划, 思路举措, 重点工作安排): a heading is a plans
# heading by them only when it is short; a long heading is a paragraph's first sentence, in which they
# describe what was done. The other plan words (下一步, 打算, 明年 …) look forward wherever they stand.
WEAK_PLAN_WORDS = ("计划", "安排", "思路", "工作重点", "工作要点")
SHORT_HEADING = 20
# ...nor where a verb of making one stands before them (制定学法计划, 印发年度工作要点): a plan drawn up is
# work done
PLAN_MADE = re.compile(r"(?:制定|制订|印发|出台|编制|修订|完善|落实)[^，,。；;]{0,6}$")
THEMES_CSV = Path(__file__).resolve().parents[1] / "seeds" / "problem_themes.csv"


@dataclass
class Section:
    section_no: int
    section_type: str
    heading: str
    text: str
    start: int
    end: int


@dataclass
class ProblemItem:
    item_no: int
    text: str
    part: str  # 'problem', or 'cause' for items under a 原因 / 原因分析 block
    themes: list[str]


def cn_to_int(s: str) -> int:
    """一..九十九 (as used in list markers) or Arabic digits or circled numbers to an int."""
    if s.isdigit():
        return int(s)
    if s in "①②③④⑤⑥⑦⑧⑨⑩":
        return "①②③④⑤⑥⑦⑧⑨⑩".index(s) + 1
    digits = {c: i + 1 for i, c in enumerate(CN_NUM[:9])}
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(s, 0)


def _lines(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """(start offset, line) for every non-empty line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset + pos, line))
        pos += len(line) + 1
    return out


def _sequence(lines: list[tuple[int, str]], rx: re.Pattern[str]) -> list[tuple[int, str, re.Match[str]]]:
    """Lines numbered by `rx` that continue the sequence 1, 2, 3 …; restarts and strays are skipped."""
    hits = [(pos, line, m) for pos, line in lines if (m := rx.match(line)) and line[m.end() :].strip()]
    out: list[tuple[int, str, re.Match[str]]] = []
    expected = 1
    for pos, line, m in hits:
        n = cn_to_int(m.group(1))
        if n == expected or (not out and n == 2):  # a report may open with a missing 一、
            out.append((pos, line, m))
            expected = n + 1
    return out


def _heading_of(rest: str) -> str:
    """The heading words after the marker: a long line keeps only its first sentence."""
    rest = rest.strip()
    if len(rest) > 40:
        first = re.split(r"[。；;]", rest, maxsplit=1)[0]
        return first[:80]
    return rest.rstrip("。：:")


def classify_heading(heading: str, report_year: int | None = None) -> str:
    """Map a heading to achievements / problems / leader_duty / plans / other: earliest keyword wins,
    the longer one where two start together (上一年度问题整改“回头看”: rectifying last year's problems is
    work done, 问题整改 over 问题; 存在的不足和问题整改情况 stays problems by 不足)."""
    best: tuple[int, int, str] | None = None
    long = len(heading) > SHORT_HEADING
    for kind, words in SECTION_TYPES.items():
        for w in words:
            if long and w in WEAK_PLAN_WORDS:
                continue
            i = heading.find(w)
            if i > 0 and w in WEAK_PLAN_WORDS and PLAN_MADE.search(heading, 0, i):
                continue
            if i >= 0 and (best is None or (i, -len(w)) < best[:2]):
                best = (i, -len(w), kind)
    if report_year:
        for m in re.finditer(r"((?:19|20)\d{2})\s*年", heading):
            if int(m.group(1)) > report_year and (best is None or m.start() < best[0]):
                best = (m.start(), 0, "plans")
    return best[2] if best else "other"


def _classify_body(text: str) -> str:
    """Fallback for a heading without keywords: the section's own vocabulary.

    Only forward-looking words are plan evidence (下一步, 将继续, 力争, 明年): 持续落实…, 进一步规范…
    and 制定学法计划 are the everyday words of achievement prose, and a report body with no headings
    reads like a plan by them although it reports what was done.
    """
    sample = text[:2000]
    scores = {
        "problems": len(re.findall(r"不足|有待|不够|欠缺|薄弱|滞后|不强|不高|尚未|仍需|还需", sample)),
        "plans": len(re.findall(r"下一步|下一年|将继续|将进一步|将持续|力争|明年|今后", sample)),
        "leader_duty": 2 * len(re.findall(r"第一责任人|主要负责人|述法", sample)),
        "achievements": len(re.findall(r"\d+\s*(?:次|场|件|起|人次|份|个|%)|开展|组织|完成|实现", sample)),
    }
    kind, score = max(scores.items(), key=lambda kv: kv[1])
    return kind if score >= 3 else "other"


def split_sections(text: str, report_year: int | None = None, body_start: int | None = None) -> list[Section]:
    """Top-level sections of the body (from `body_start`; by default after the title block)."""
    if body_start is None:
        from etl.head import read_head  # noqa: PLC0415 - the head reader knows where the title ends

        body_start = read_head(text).body_start
    lines = _lines(text[body_start:], body_start)
    marks: list[tuple[int, str, str]] = []  # (start, heading, rest-of-line)
    for _name, rx in STYLES:
        seq = _sequence(lines, rx)
        if len(seq) >= 2:
            marks = [(pos, _heading_of(line[m.end() :]), line) for pos, line, m in seq]
            break
    if not marks:  # no numbering: short unnumbered lines that name a section type
        for pos, line in lines:
            s = line.strip()
            if (
                len(s) <= 30
                and not re.search(r"[，。；,]", s.rstrip("：:"))
                and classify_heading(s) != "other"
            ):
                marks.append((pos, s.rstrip("：:"), line))
        if len(marks) < 2:
            marks = []
    if not marks:
        body = text[body_start:].strip()
        if not body:
            return []
        start = text.index(body, body_start)
        return [Section(1, _classify_body(body), "", body, start, start + len(body))]
    out: list[Section] = []
    for i, (pos, heading, line) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        body = text[pos + len(line) : end].strip()
        kind = classify_heading(heading, report_year)
        if kind == "other":
            kind = _classify_body(body)
        out.append(Section(i + 1, kind, heading, body, pos, end))
    return out


# ---------------------------------------------------------------- shortcoming items and themes


@lru_cache(maxsize=4)
def load_themes(path: Path = THEMES_CSV) -> dict[str, tuple[str, ...]]:
    """theme -> keywords, from seeds/problem_themes.csv (one row per theme × keyword)."""
    themes: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["theme"].startswith("#") or not row["keyword"].strip():
                continue
            themes.setdefault(row["theme"].strip(), []).append(row["keyword"].strip())
    return {t: tuple(ws) for t, ws in themes.items()}


def tag_themes(item: str, themes: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Themes of one shortcoming: any theme named in its first sentence (its gist), plus themes the
    rest of the item names with at least two keyword hits; 'other' when none fits."""
    themes = themes or load_themes()
    first = re.split(r"(?<=[。；;！!\n])", item, maxsplit=1)[0]
    rest = item[len(first) :]
    out = []
    for theme, words in themes.items():
        if any(w in first for w in words) or sum(rest.count(w) for w in words) >= 2:
            out.append(theme)
    return out or ["other"]


def _marker_style(lines: list[tuple[int, str]]) -> re.Pattern[str] | None:
    for _name, rx in STYLES:
        if len(_sequence(lines, rx)) >= 2:
            return rx
    return None


def _split_inline(paragraph: str) -> list[str]:
    """'一是…。二是…。' inside one paragraph: split where the sequence continues."""
    pieces, expected, last = [], 2, 0
    for m in re.finditer(rf"(?<=[。；;])\s*([{CN_NUM}]{{1,2}})是", paragraph):
        if cn_to_int(m.group(1)) == expected:
            pieces.append(paragraph[last : m.start()])
            last, expected = m.start(), expected + 1
    pieces.append(paragraph[last:])
    return [p.strip() for p in pieces if p.strip()] if len(pieces) > 1 else [paragraph.strip()]


def _strip_marker(s: str) -> str:
    for _name, rx in STYLES:
        m = rx.match(s)
        if m:
            return s[m.end() :].strip()
    return s.strip()


def _is_intro(s: str) -> bool:
    """'法治政府建设主要存在以下问题：' or '原因分析：': a line that introduces a list, not an item."""
    s = s.strip()
    if any(rx.match(s) for _n, rx in STYLES):
        return False
    return (len(s) <= 40 and s[-1:] in "：:") or (
        len(s) <= 20 and "原因" in s and not re.search(r"[，。]", s)
    )


def split_problem_items(text: str) -> list[ProblemItem]:
    """Items of a problems section: numbered items, 'X层面：' paragraphs, or paragraphs; a
    原因/原因分析 block after the list yields items of part 'cause'."""
    lines = _lines(text)
    blocks: list[tuple[str, list[tuple[int, str]]]] = [("problem", [])]
    for pos, line in lines:
        if _is_intro(line):
            blocks.append(("cause" if "原因" in line else "problem", []))
        else:
            blocks[-1][1].append((pos, line))
    items: list[tuple[str, str]] = []
    for part, blines in blocks:
        if not blines:
            continue
        rx = _marker_style(blines)
        if rx is not None:
            starts = {pos for pos, _l, _m in _sequence(blines, rx)}
            current: list[str] | None = None
            for pos, line in blines:
                if pos in starts:
                    current = [_strip_marker(line)]
                    items.append((part, ""))
                elif current is None:
                    continue  # preamble before the first item
                else:
                    current.append(line.strip())
                items[-1] = (part, "\n".join(current))
            continue
        labelled = [
            i for i, (_p, line) in enumerate(blines) if re.match(r"^\s*[\u4e00-\u9fff]{2,10}[：:]", line)
        ]
        if len(labelled) >= 2:
            for k, i in enumerate(labelled):
                j = labelled[k + 1] if k + 1 < len(labelled) else len(blines)
                items.append((part, "\n".join(line.strip() for _p, line in blines[i:j])))
            continue
        paras = [line.strip() for _p, line in blines]
        if len(paras) == 1:
            items.extend((part, _strip_marker(p)) for p in _split_inline(paras[0]))
        else:
            items.extend((part, p) for p in paras)
    themes = load_themes()
    return [
        ProblemItem(i + 1, t, part, tag_themes(t, themes)) for i, (part, t) in enumerate(items) if t.strip()
    ]
