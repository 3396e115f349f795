"""The indicator catalogue and other reference data shipped in `seeds/`."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_SOURCE_DIR = SEEDS_DIR / "reports"


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    category: str
    category_zh: str
    unit: str
    value_type: str
    definition: str

    @property
    def is_profile(self) -> bool:
        """Profile figures (所辖18个村) describe the town, not the year's work."""
        return self.category == "profile"


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]
    aliases: list[dict[str, str]] = field(default_factory=list)

    def __contains__(self, code: str) -> bool:
        return code in self.indicators


def load_catalogue(seeds_dir: Path | None = None) -> Catalogue:
    """Read `indicators.csv` (+ `indicator_aliases.csv` when present); codes are the stable keys."""
    seeds = Path(seeds_dir) if seeds_dir else SEEDS_DIR
    path = seeds / "indicators.csv"
    if not path.is_file():
        raise FileNotFoundError(f"indicator catalogue not found: {path} (expected seeds/indicators.csv)")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    indicators = {r["code"]: Indicator(**{k: r[k] for k in Indicator.__dataclass_fields__}) for r in rows}
    aliases: list[dict[str, str]] = []
    alias_path = seeds / "indicator_aliases.csv"
    if alias_path.is_file():
        with alias_path.open(encoding="utf-8", newline="") as fh:
            aliases = [r for r in csv.DictReader(fh) if not r.get("code", "").startswith("#")]
        unknown = {a["code"] for a in aliases} - set(indicators)
        if unknown:
            raise ValueError(
                f"{alias_path}: aliases name codes missing from indicators.csv: {sorted(unknown)}"
            )
    return Catalogue(indicators=indicators, aliases=aliases)
