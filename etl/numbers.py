"""Find quantities in running text: value, unit as written, qualifier. No indicator logic here."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = "人次|场次|个工作日|工作日|份|册|场|次|起|件|个|条|人|名|篇|期|家|元|万元|%"
QUANTITY = re.compile(
    r"(?P<approx>约|近|超过|逾)?(?P<num>\d+(?:\.\d+)?)(?P<wan>万)?(?P<more>余|多)?\s*(?P<unit>"
    + UNITS
    + r")(?P<above>以上|左右)?"
)


@dataclass
class Quantity:
    value: float
    unit_raw: str
    qualifier: str  # exact / at_least / at_most / approx
    start: int  # offset of the number in the text
    end: int


def find_quantities(text: str) -> list[Quantity]:
    """Arabic-numeral quantities with a measure word; years and dates never match (年 is not a unit)."""
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        value = float(m.group("num"))
        unit = m.group("unit")
        if m.group("wan") or unit == "万元":
            value *= 10000
        if unit == "万元":
            unit = "元"
        qualifier = "exact"
        if m.group("more") or m.group("above") == "以上" or m.group("approx") in ("超过", "逾"):
            qualifier = "at_least"
        elif m.group("approx") == "近":
            qualifier = "at_most"
        elif m.group("approx") == "约" or m.group("above") == "左右":
            qualifier = "approx"
        out.append(Quantity(value, unit, qualifier, m.start("num"), m.end("num")))
    return out
