"""Tables (from a web page or a Word document) as lines the fact extractor reads like prose.

The extractor finds a figure's indicator from the words before it in the same clause, so a table
row must keep each figure next to its label: one line per row, the label cell written straight
before the value ('发放宣传资料5000余份'), a column header before each value when the header names
what is counted ('镇、村两级公共法律服务机构：受理、调解纠纷143起，调解成功138起'). Headers that only
say 'number' (数量, 完成情况) are dropped; a unit in a header ('数量（件）') is written after a bare
number. A numbering column (序号 1, 2, 3) is dropped: its digits would read as quantities. A table of
long text cells is layout, not data: each cell becomes its own line.
"""

from __future__ import annotations

import re

GENERIC_HEADERS = re.compile(
    r"^(?:数量|数目|数值|数据|个数|次数|人数|件数|金额|完成情况|完成数|完成数量|工作量|工作成效|成效|情况|"
    r"指标值|统计|合计|小计|总数|备注|说明|内容|事项|项目|指标|类别|名称|单位|工作内容|工作事项|主要指标|"
    r"培训内容|审查事项|执法事项|序号|编号)?$"
)
HEADER_UNIT = re.compile(r"^(.*?)\s*[（(]\s*([^（）()\d]{1,4})\s*[)）]$")
# a figure: starts with a numeral (after 约/共/达...), short; '2024年调解纠纷' is a label, not a value
VALUE = re.compile(r"^(?:约|近|超过|共计|共|计|达到|达)?[0-9０-９一二三四五六七八九十两百千万零〇]")
BARE_NUMBER = re.compile(r"^[0-9０-９][0-9０-９.,，．]*%?$")
NUMBERING = re.compile(r"^[0-9０-９]{1,3}[.、．]?$")
LONG_CELL = 60  # characters: a cell this long is a paragraph, not a figure or a label


def _clean(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.replace("\u3000", " ")).strip()


def _dedupe(row: list[str]) -> list[str]:
    """Merged cells repeat their text once per grid column (Word): keep one copy."""
    out: list[str] = []
    for c in row:
        if not out or c != out[-1] or not c:
            out.append(c)
    return out


def _numeric(cell: str) -> bool:
    return len(cell) <= 20 and bool(VALUE.match(cell))


def _join(label: str, value: str) -> str:
    """'调解纠纷' + '143起' -> '调解纠纷143起'; a colon only where two numbers would run together."""
    if not label:
        return value
    if not value:
        return label
    if label[-1].isdigit() and value[0].isdigit():
        return f"{label}：{value}"
    return label + value


def _with_unit(value: str, unit: str | None) -> str:
    return value + unit if unit and BARE_NUMBER.match(value) else value


def table_lines(rows: list[list[str]]) -> list[str]:
    """The table as text lines, one per row (see the module docstring)."""
    grid = [_dedupe([_clean(c) for c in row]) for row in rows]
    grid = [r for r in grid if any(r)]
    if not grid:
        return []
    if any(len(c) > LONG_CELL for r in grid for c in r) or max(len(r) for r in grid) == 1:
        return [c for r in grid for c in r if c]  # layout table or a one-column list
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    # a numbering column: header 序号, or 1, 2, 3 ... down the data rows
    first = [r[0] for r in grid]
    if width > 1 and (
        first[0] in ("序号", "编号") or all(NUMBERING.match(c) for c in first if c) and any(first)
    ):
        grid = [r[1:] for r in grid]
        width -= 1
    header: list[str] | None = None
    if (
        len(grid) > 1
        and not any(_numeric(c) for c in grid[0])
        and any(_numeric(c) for r in grid[1:] for c in r)
    ):
        header, grid = grid[0], grid[1:]
    # a label column: the first column holds words, not figures, in the data rows
    has_label = width > 1 and not any(_numeric(r[0]) for r in grid if r[0])
    lines: list[str] = []
    for r in grid:
        label, cells = (r[0], r[1:]) if has_label else ("", r)
        heads = (header[1:] if has_label else header) if header else [""] * len(cells)
        parts = []
        for head, value in zip(heads, cells, strict=False):
            if not value:
                continue
            m = HEADER_UNIT.match(head)
            name, unit = (m.group(1), m.group(2)) if m else (head, None)
            if GENERIC_HEADERS.match(name):
                name = ""
            parts.append(_join(name, _with_unit(value, unit)))
        if not parts:
            if label:
                lines.append(label)
            continue
        if len(parts) == 1:
            lines.append(_join(label, parts[0]))
        else:
            lines.append(f"{label}：{'，'.join(parts)}" if label else "，".join(parts))
    return lines
