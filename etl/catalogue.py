"""The indicator catalogue and other reference data shipped in `seeds/`.

Everything that says which words mean which indicator lives in `seeds/` as data, so an analyst can
add a synonym without touching code: `indicators.csv` (the catalogue), `indicator_aliases.csv`
(keywords per code), `number_exclusions.csv` and `zero_wordings.csv` (see `etl.numbers`),
`jieba_dict.txt` (domain words kept whole in labels of unmatched quantities), `zero_codes.csv` (what a
zero wording can be a zero of), `study_words.csv` and `cue_words.csv` (words that tell whose study, talk
or meeting a figure is; see `etl.indicators`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from etl.numbers import Lexicon, load_lexicon

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_SOURCE_DIR = SEEDS_DIR / "reports"
POSITIONS = ("before", "after", "any")


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
class AliasRule:
    """One row of `indicator_aliases.csv`: when these words stand by a number, it counts `code`."""

    code: str
    position: str  # before / after / any
    keywords: tuple[str, ...]  # '*' = the unit alone suffices
    units: frozenset[str]
    requires: tuple[tuple[str, ...], ...]  # every group must match (any word of a group)
    vetoes: tuple[str, ...]
    priority: int


@dataclass(frozen=True)
class Family:
    """One row of `indicator_families.csv`: member codes whose figures counted together are the
    umbrella's (a review of decisions and contracts together is a legality review)."""

    umbrella: str
    members: tuple[str, ...]
    requires: tuple[str, ...]  # one of these words must stand in the figure's clause


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]
    aliases: list[dict[str, str]] = field(default_factory=list)  # raw alias rows, as read
    rules: tuple[AliasRule, ...] = ()
    families: tuple[Family, ...] = ()
    lexicon: Lexicon = field(default_factory=Lexicon)
    seeds_dir: Path = SEEDS_DIR
    # the codes a zero wording can be a zero of (zero_codes.csv); None: any count code
    zero_codes: frozenset[str] | None = None
    study_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> phrases
    cue_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> phrases

    def __contains__(self, code: str) -> bool:
        return code in self.indicators

    @property
    def jieba_dict(self) -> Path:
        return self.seeds_dir / "jieba_dict.txt"


def _split(cell: str | None, sep: str = "|") -> tuple[str, ...]:
    return tuple(w.strip() for w in (cell or "").split(sep) if w.strip())


def _with_share_wordings(keywords: tuple[str, ...]) -> tuple[str, ...]:
    """A rate written X率 is as often written X比例 or X的比例 (集体决策率 / 集体决策比例 /
    经集体决策的比例): every 率 keyword of a percentage rule also matches those two wordings."""
    out = list(keywords)
    for word in keywords:
        if word.endswith("率") and len(word) >= 3:
            out += [w for w in (word[:-1] + "比例", word[:-1] + "的比例") if w not in out]
    return tuple(out)


def _rule(row: dict[str, str], where: str) -> AliasRule:
    position = (row.get("position") or "any").strip()
    if position not in POSITIONS:
        raise ValueError(f"{where}: position must be one of {POSITIONS}, got {position!r}")
    keywords = _split(row.get("keywords") or row.get("keyword"))
    if not keywords:
        raise ValueError(f"{where}: no keywords for {row.get('code')}")
    units = frozenset(_split(row.get("units")))
    if units == {"%"}:
        keywords = _with_share_wordings(keywords)
    try:
        priority = int((row.get("priority") or "0").strip() or 0)
    except ValueError as exc:
        raise ValueError(f"{where}: priority must be an integer, got {row.get('priority')!r}") from exc
    return AliasRule(
        code=row["code"].strip(),
        position=position,
        keywords=keywords,
        units=units,
        requires=tuple(g for g in (_split(grp) for grp in _split(row.get("requires"), ";")) if g),
        vetoes=_split(row.get("vetoes")),
        priority=priority,
    )


def load_catalogue(seeds_dir: Path | None = None) -> Catalogue:
    """Read `indicators.csv` (+ aliases and number lexicons when present); codes are the stable keys."""
    seeds = Path(seeds_dir) if seeds_dir else SEEDS_DIR
    path = seeds / "indicators.csv"
    if not path.is_file():
        raise FileNotFoundError(f"indicator catalogue not found: {path} (expected seeds/indicators.csv)")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    indicators = {r["code"]: Indicator(**{k: r[k] for k in Indicator.__dataclass_fields__}) for r in rows}
    aliases: list[dict[str, str]] = []
    rules: list[AliasRule] = []
    alias_path = seeds / "indicator_aliases.csv"
    if alias_path.is_file():
        with alias_path.open(encoding="utf-8", newline="") as fh:
            for lineno, r in enumerate(csv.DictReader(fh), start=2):
                if not r.get("code") or r["code"].startswith("#"):
                    continue
                aliases.append(r)
                rules.append(_rule(r, f"{alias_path}:{lineno}"))
        unknown = {a.code for a in rules} - set(indicators)
        if unknown:
            raise ValueError(
                f"{alias_path}: aliases name codes missing from indicators.csv: {sorted(unknown)}"
            )
    families = _families(seeds / "indicator_families.csv", indicators)
    lexicon = load_lexicon(seeds)
    bad_hints = {c for c in lexicon.zero_wordings.values() if c and c not in indicators}
    if bad_hints:
        raise ValueError(
            f"{seeds / 'zero_wordings.csv'}: codes missing from indicators.csv: {sorted(bad_hints)}"
        )
    zero_codes = None
    if (zero_path := seeds / ZERO_CODES_FILE).is_file():
        zero_codes = frozenset(_column(zero_path, "code"))
        if unknown := sorted(zero_codes - indicators.keys()):
            raise ValueError(f"{zero_path}: codes not in the catalogue: {', '.join(unknown)}")
    return Catalogue(
        indicators=indicators,
        aliases=aliases,
        rules=tuple(rules),
        families=families,
        lexicon=lexicon,
        seeds_dir=seeds,
        zero_codes=zero_codes,
        study_words=phrases_by_kind(seeds / STUDY_WORDS_FILE),
        cue_words=phrases_by_kind(seeds / CUE_WORDS_FILE),
    )


ZERO_CODES_FILE = "zero_codes.csv"
STUDY_WORDS_FILE = "study_words.csv"
CUE_WORDS_FILE = "cue_words.csv"


def _column(path: Path, name: str) -> list[str]:
    """The non-empty cells of one column of a seed CSV."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [c for r in csv.DictReader(fh) if (c := (r.get(name) or "").strip())]


def phrases_by_kind(path: Path) -> dict[str, tuple[str, ...]]:
    """kind -> phrases of a `phrase,kind,note` seed file (`study_words.csv`, `cue_words.csv`). A missing
    file means no such words (a catalogue of its own need not have them)."""
    if not path.is_file():
        return {}
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if (phrase := (r.get("phrase") or "").strip()) and (kind := (r.get("kind") or "").strip()):
                out.setdefault(kind, []).append(phrase)
    return {k: tuple(v) for k, v in out.items()}


def _families(path: Path, indicators: dict[str, Indicator]) -> tuple[Family, ...]:
    if not path.is_file():
        return ()
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, r in enumerate(csv.DictReader(fh), start=2):
            if not r.get("umbrella") or r["umbrella"].startswith("#"):
                continue
            fam = Family(r["umbrella"].strip(), _split(r.get("members")), _split(r.get("requires")))
            unknown = {fam.umbrella, *fam.members} - set(indicators)
            if unknown or len(fam.members) < 2:
                raise ValueError(
                    f"{path}:{lineno}: an umbrella and at least two member codes of indicators.csv "
                    f"are needed (unknown: {sorted(unknown)})"
                )
            out.append(fam)
    return tuple(out)
