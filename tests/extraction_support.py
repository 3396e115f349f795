"""Run the real extraction (normalise -> mentions_frame -> facts_frame) on a snippet of report text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from etl.catalogue import Catalogue, load_catalogue
from etl.normalise import normalise
from etl.pipeline import facts_frame, mentions_frame


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return load_catalogue()


@dataclass
class Extracted:
    text: str  # the normalised text the offsets point into
    mentions: pl.DataFrame
    facts: pl.DataFrame
    unmatched: pl.DataFrame

    def fact_set(self) -> set[tuple[str, float, str]]:
        return {
            (c, v, q) for c, v, q in self.facts.select("indicator_code", "value", "qualifier").iter_rows()
        }

    def fact(self, code: str) -> dict[str, object]:
        rows = self.facts.filter(pl.col("indicator_code") == code).to_dicts()
        assert len(rows) == 1, f"expected one {code} fact, got {rows} from {self.text!r}"
        return rows[0]


def extract(text: str, report_year: int = 2024) -> Extracted:
    norm = normalise(text).text
    reports = pl.DataFrame(
        {"report_id": ["r1"], "status": ["loaded"], "text": [norm], "report_year": [report_year]},
        schema={"report_id": pl.Utf8, "status": pl.Utf8, "text": pl.Utf8, "report_year": pl.Int32},
    )
    mentions = mentions_frame(reports, catalogue())
    facts, unmatched = facts_frame(mentions, catalogue())
    return Extracted(norm, mentions, facts, unmatched)
