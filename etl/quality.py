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


def repeated_passages(text: str) -> list[str]:
    """Runs of clauses (≥ 2 clauses, ≥ MIN_REPEAT_CHARS characters) that occur twice in the text:
    a paragraph pasted twice, even when the second copy sits inside a different sentence."""
    clauses = [c.strip() for c in CLAUSE_SPLIT.split(text) if c.strip()]
    first_at: dict[tuple[str, str], int] = {}
    out: list[str] = []
    i = 0
    while i < len(clauses) - 1:
        key = (clauses[i], clauses[i + 1])
        j = first_at.setdefault(key, i)
        if j < i:
            n = 2
            while i + n < len(clauses) and j + n < i and clauses[i + n] == clauses[j + n]:
                n += 1
            run = clauses[i : i + n]
            if sum(map(len, run)) >= MIN_REPEAT_CHARS:
                passage = "，".join(run)
                out.append(passage[:40] + ("…" if len(passage) > 40 else ""))
                i += n
                continue
        i += 1
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
    if meta.get("level") != "county":  # a county report names its towns by design
        own_town = town if isinstance(town, str) else None
        for name in other_towns(text, own_town, county if isinstance(county, str) else None):
            flags.append(("mentions_other_town", name))
    for passage in repeated_passages(text):
        flags.append(("repeated_paragraph", passage))
    return flags
