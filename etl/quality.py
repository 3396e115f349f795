"""Per-report quality flags an analyst should see before trusting a report's numbers."""

from __future__ import annotations

from datetime import date


def quality_flags(meta: dict[str, object], text: str, n_facts: int) -> list[tuple[str, str]]:
    """Flags: no_quantitative_facts, published_late (after 1 April of the following year)."""
    flags: list[tuple[str, str]] = []
    if n_facts == 0:
        flags.append(("no_quantitative_facts", "no catalogue figure found in the report"))
    pub, year = meta.get("publish_date"), meta.get("report_year")
    if isinstance(pub, str) and isinstance(year, int) and date.fromisoformat(pub) > date(year + 1, 4, 1):
        flags.append(("published_late", f"published {pub}, after the 1 April {year + 1} deadline"))
    return flags
