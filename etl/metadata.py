"""Who wrote the report and for which year: town, type, county, year, publish date, document number."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

TOWN = re.compile(r"([\u4e00-\u9fa5]{1,8}?(?:民族乡|街道办事处|街道|乡|镇))(?:人民政府|党委|政府)?")
COUNTY = re.compile(r"([\u4e00-\u9fa5]{1,6}?(?:自治县|县|市|区|旗))")
YEAR = re.compile(r"(20\d{2})\s*年")
DATE = re.compile(r"(20\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2})")
DOC_NO = re.compile(r"[\u4e00-\u9fa5]{1,8}〔(20\d{2})〕\d+号|[\u4e00-\u9fa5]{1,8}\[(20\d{2})\]\d+号")


@dataclass
class ReportMeta:
    title: str | None = None
    town: str | None = None
    town_type: str | None = None
    county: str | None = None
    level: str = "township"
    report_year: int | None = None
    publish_date: str | None = None  # ISO date
    doc_number: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def town_type_of(town: str) -> str:
    for suffix, kind in (
        ("街道办事处", "街道"),
        ("街道", "街道"),
        ("民族乡", "乡"),
        ("乡", "乡"),
        ("镇", "镇"),
    ):
        if town.endswith(suffix):
            return kind
    return "街道" if town.endswith("街") else "镇"


def extract_metadata(text: str, chrome: list[str] | None = None) -> ReportMeta:
    """First pass: the title is the first non-empty lines; the year is the first year in them."""
    meta = ReportMeta()
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    head = "".join(lines[:3])
    meta.title = lines[0] if lines else None
    for m in TOWN.finditer(head + "".join(lines[3:8])):
        meta.town = m.group(1).replace("街道办事处", "街道")
        break
    if meta.town:
        meta.town_type = town_type_of(meta.town)
    y = YEAR.search(head)
    if y:
        meta.report_year = int(y.group(1))
    for line in chrome or []:
        d = DATE.search(line)
        if d and meta.publish_date is None:
            meta.publish_date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
    return meta
