"""Match quantities to catalogue indicators from their context; keep the rest as unmatched labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.catalogue import Catalogue
from etl.numbers import find_quantities

SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


@dataclass
class Mention:
    indicator_code: str | None  # None: no catalogue code fits; `label` says what was counted
    label: str
    value: float
    unit_raw: str
    qualifier: str
    evidence: str
    start: int
    end: int


def _sentences(text: str):  # type: ignore[no-untyped-def]
    for m in SENTENCE.finditer(text):
        yield m.start(), m.group(0)


def extract_mentions(text: str, catalogue: Catalogue) -> list[Mention]:
    """Each quantity gets the alias whose keyword stands closest before it in the same sentence."""
    out: list[Mention] = []
    for s_start, sentence in _sentences(text):
        for q in find_quantities(sentence):
            before = sentence[: q.start]
            best: tuple[int, str] | None = None
            for alias in catalogue.aliases:
                units = alias.get("units", "")
                if units and q.unit_raw not in units.split("|"):
                    continue
                pos = before.rfind(alias["keyword"])
                if pos >= 0 and (best is None or pos > best[0]):
                    best = (pos, alias["code"])
            label = before[-8:].strip("，,、：: ") or sentence[:8]
            out.append(
                Mention(
                    best[1] if best else None,
                    label,
                    q.value,
                    q.unit_raw,
                    q.qualifier,
                    sentence.strip(),
                    s_start + q.start,
                    s_start + q.end,
                )
            )
    return out
