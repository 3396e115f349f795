"""Per-report quality flags an analyst should see before trusting a report's numbers.

Flags: mentions_other_town (copy-paste from a neighbour's report), repeated_paragraph,
no_quantitative_facts, published_late (after 1 April of the following year), year_mismatch
(title year vs the year the body reports on), plus the notes ingestion made while repairing or
inferring (truncated_file, nul_padding, year_inferred). Detection favours precision: a flag
should be worth an analyst's look.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from etl.metadata import (
    CJK,
    known_word,
    plausible_name,
    prose_like,
    short_name,
    town_mentions,
    year_evidence,
)

# Phrases in which reports name their own place without a suffix: 结合仁兆实际, 目前仁兆法治建设,
# 为X高质量发展, 贡献X力量. Another name in them is a leftover from a neighbour's report.
PLACE_FRAMES = re.compile(
    rf"(?:结合|目前|为|贡献|助力|推动|推进|全力打造|打造)([{CJK}]{{2,4}}?)"
    r"(?=实际|的?法治|高质量|经济社会|发展|力量|振兴|特色|新篇章)"
)
CLAUSE_SPLIT = re.compile(r"[，。；！？,;!?：:\n]")
MIN_REPEAT_CHARS = 40
DEADLINE = (4, 1)  # reports are due by 1 April of the following year


def other_towns(text: str, town: str | None, county: str | None) -> list[str]:
    """Places named in the body that are neither the report's town nor its county."""
    own = {x for x in (town, county) if x}
    own_short = {short_name(x) for x in own}

    def is_own(name: str) -> bool:
        return name in own or short_name(name) in own_short or any(s in name or name in s for s in own_short)

    found: list[str] = []
    suffixed = town_mentions(text)
    for name in suffixed:
        if not is_own(name):
            found.append(name)
    frames = Counter(m.group(1) for m in PLACE_FRAMES.finditer(text))
    suffixed_short = {short_name(n) for n in suffixed}
    for name, n in frames.items():
        if is_own(name) or name in found or name in suffixed_short:
            continue
        if (n >= 2 or name in suffixed_short) and plausible_name(name):
            if not known_word(name) and not prose_like(name):
                found.append(name)
    return found


def repeated_passages(text: str, k: int = 3) -> list[str]:
    """Runs of ≥ k clauses (≥ MIN_REPEAT_CHARS characters) that occur twice: a pasted-twice paragraph."""
    clauses = [c.strip() for c in CLAUSE_SPLIT.split(text) if c.strip()]
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(clauses) - k + 1):
        key = tuple(clauses[i : i + k])
        if sum(map(len, key)) >= MIN_REPEAT_CHARS:
            seen.setdefault(key, i)
    out: list[str] = []
    covered = -1
    for i in range(len(clauses) - k + 1):
        key = tuple(clauses[i : i + k])
        first = seen.get(key)
        if first is not None and first < i and i > covered:
            passage = "，".join(key)
            out.append(passage[:40] + ("…" if len(passage) > 40 else ""))
            covered = i + k  # one flag per repeated run, not one per clause window
        elif first is not None and first < i:
            covered = i + k
    return out


def quality_flags(meta: dict[str, object], text: str, n_facts: int) -> list[tuple[str, str]]:
    """All flags of one loaded report as (flag, detail) pairs."""
    flags: list[tuple[str, str]] = []
    notes = meta.get("ingest_notes")
    if isinstance(notes, str) and notes:
        for note in notes.split("\n"):
            code, _, detail = note.partition(": ")
            flags.append((code, detail))
    if n_facts == 0:
        flags.append(("no_quantitative_facts", "no catalogue figure found in the report"))
    pub, year = meta.get("publish_date"), meta.get("report_year")
    if isinstance(pub, str) and isinstance(year, int) and date.fromisoformat(pub) > date(year + 1, *DEADLINE):
        flags.append(("published_late", f"published {pub}, after the 1 April {year + 1} deadline"))
    title_year, body_year = year_evidence(text)
    if title_year and body_year and title_year != body_year:
        flags.append(("year_mismatch", f"title says {title_year}, body reports on {body_year}"))
    town, county = meta.get("town"), meta.get("county")
    for name in other_towns(
        text, town if isinstance(town, str) else None, county if isinstance(county, str) else None
    ):
        flags.append(("mentions_other_town", name))
    for passage in repeated_passages(text):
        flags.append(("repeated_paragraph", passage))
    return flags
