"""Split a report into its top-level sections and classify them; split shortcomings into items."""

from __future__ import annotations

import re
from dataclasses import dataclass

TOP_HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.+)$", re.M)

SECTION_TYPES = {
    "leader_duty": ("第一责任人", "主要负责人", "党政主要负责", "责任人履行"),
    "problems": ("不足", "问题", "短板", "差距"),
    "plans": ("下一步", "下一年", "打算", "计划", "安排", "思路", "工作重点"),
    "achievements": ("举措", "成效", "开展情况", "工作情况", "主要做法", "主要工作", "取得"),
}


@dataclass
class Section:
    section_no: int
    section_type: str
    heading: str
    text: str
    start: int
    end: int


def classify_heading(heading: str) -> str:
    """Map a top-level heading to achievements / problems / leader_duty / plans / other."""
    for kind, words in SECTION_TYPES.items():
        if any(w in heading for w in words):
            return kind
    return "other"


def split_sections(text: str) -> list[Section]:
    """Top-level sections start at Chinese-numeral headings (一、 二、 ...)."""
    marks = list(TOP_HEADING.finditer(text))
    out: list[Section] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        heading = m.group(2).strip()
        out.append(
            Section(i + 1, classify_heading(heading), heading, text[m.end() : end].strip(), m.start(), end)
        )
    return out
