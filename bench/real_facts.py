"""Score the extractor on a real labelled corpus folder (`tests/fixtures/real/<set>/`), per failure kind.

Why: the seeds and the reports written in this repository measure what we imagined; only real pages
measure the field (issue #14). This runs the real pipeline on a folder's `raw/*.txt` (discover ->
ingest -> sections -> mentions -> facts, as a build does, including the build's supersession of a
second report of the same town-year) and compares the result with the hand-made answers in
`gold/facts*.csv` (`file,indicator_code,label_zh,value,unit_raw,qualifier,confidence,evidence`, see
`tests/fixtures/real/shared/ANNOTATION.md`).

    python -m bench.real_facts tests/fixtures/real/shared [more folders...] [--mode build|extraction|both]
        [--csv DIR] [--markdown FILE] [--quiet]

Definitions (a value matches when it is equal within `etl.score`'s tolerance, the rule the project's
other scorers use; "place" is where a number stands in the file as received: the extractor's numeral
offsets are mapped back through `Normalised.to_original`, the gold evidence is found in the decoded file):
- catalogued recall, strict: share of gold rows with an indicator_code and confidence=high that the
  extractor outputs as a fact with the same file, code and value (a fact is one row per report ×
  indicator, so only the headline figure of a code can be one);
- catalogued recall, grain-aware: the same rows, where a row also counts as found when its value is
  output at its place under its code as a non-headline figure (an unmatched quantity whose
  `indicator_hint` is the code: a parallel activity or sub-count beside the code's fact). Both are
  always reported; the strict one is what `v_facts` alone gives;
- catalogued precision: share of extracted catalogued facts (in files of the folder) that match a gold
  row (high or low confidence) on file, code and value; anything else is a false positive. A fact of a
  code added to the catalogue after the labels were made (not in `tests/gold/labelled_codes.txt`)
  that stands at an uncoded gold row's place with its value is not judged (the labeller had no code
  to give it): it is counted apart ("new-code facts on uncoded gold figures"), in neither part of the
  share; a new-code fact anywhere else is a false positive like any other;
- any-quantity recall: share of gold rows with confidence=high (with or without a code) for which the
  extractor outputs some quantity (a fact, one of its restatements, or an unmatched quantity) in that
  file with the same value whose numeral span overlaps the gold evidence's location (or, if offsets
  cannot be mapped, whose evidence sentence contains the gold number as written).

Failure kinds. A missed gold row (looked at where the gold number stands: the number as written inside
the evidence when it can be found there, else the whole evidence):
- `rejected report`: the file was rejected (or superseded by another report of its town-year);
- `number not found`: no quantity at that place;
- `wrong value`: a quantity at that place, with another value;
- `wrong code`: the right value at that place under another code or unmatched (catalogued recall only:
  for any-quantity recall an unmatched quantity is a hit);
- `not headline`: the right value at that place under the right code, output as a non-headline figure
  of the code (strict catalogued recall only: the grain-aware recall counts it as found);
- `not kept`: the right value (and code) at that place was found but not output: classified as a
  target/change/baseline, in a plans/problems section, or another value was chosen for the code.
  (Not one of the issue's four: without it these would hide under `number not found`.)
An extracted fact that matches no gold row is `not a fact` (no gold row at that place) or
`wrong code/value` (a gold row at that place has another code, no code, or another value).

`--mode extraction` is a diagnostic: every file that can be decoded counts as loaded (identity
rejections are the identity issue's, #13) and no report is superseded, so extraction misses are not
hidden behind rejected reports. The report year for sectioning then comes from `gold/reports.csv`.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import polars as pl

from bench.check_real_labels import FACTS_COLUMNS as GOLD_COLUMNS
from etl.catalogue import Catalogue, load_catalogue
from etl.decode import decode_bytes
from etl.discover import discover
from etl.indicators import FACT_KINDS, NOT_FACTS
from etl.normalise import ONE_TO_ONE, Normalised, normalise, to_simplified
from etl.numbers import surface_value
from etl.pipeline import facts_frame, ingest_files, mentions_frame
from etl.score import same_value

MISS_KINDS = ("rejected report", "number not found", "wrong value", "wrong code", "not headline", "not kept")
FP_KINDS = ("not a fact", "wrong code/value")
MODES = ("build", "extraction")
# A numeral as written in a gold evidence (digits with separators, Chinese numerals, 百分之…), so the
# place of the gold number inside its evidence can be found; the value decides which one it is.
NUMERAL = re.compile(
    r"百分之[零〇一二两兩三四五六七八九十百]+"
    r"|[0-9０-９]+(?:[.．][0-9０-９]+)?(?:[,，][0-9０-９]{3})*(?:\s*[万萬千])?"
    r"|[零〇一二两兩三四五六七八九十百千万萬亿億]+"
)
SPAN = tuple[int, int]


@dataclass(frozen=True)
class GoldRow:
    """One hand-made answer, with where its evidence and number stand in the file as received."""

    folder: str
    file: str
    code: str | None
    label: str
    value: float
    unit_raw: str
    qualifier: str
    confidence: str
    evidence: str
    ev_span: SPAN | None = None  # evidence in the decoded original (None: not found there)
    num_span: SPAN | None = None  # the number as written, inside ev_span
    number: str = ""  # the number as written ('' when it could not be told apart in the evidence)

    @property
    def place(self) -> SPAN | None:
        return self.num_span or self.ev_span


@dataclass(frozen=True)
class Found:
    """One quantity the extractor saw (a mention), with what became of it."""

    file: str
    code: str | None
    label: str
    value: float
    unit: str
    kind: str
    section: str
    evidence: str  # the sentence, normalised
    span: SPAN | None  # numeral span in the decoded original (None: offsets could not be mapped)
    output: bool  # output as a fact, a restatement of one, or an unmatched quantity
    is_fact: bool  # the mention a fact row was made from
    secondary: bool = (
        False  # output under its code as a non-headline figure (unmatched, with the code as hint)
    )

    def describe(self) -> str:
        code = self.code or f"unmatched '{self.label}'"
        how = "" if self.output else f", not kept ({self._why_not()})"
        how = ", output as a non-headline figure of its code" if self.secondary else how
        return f"{_fmt(self.value)}{self.unit} as {code} [{self.kind}]{how}"

    def _why_not(self) -> str:
        why = [f"kind {self.kind}"] if self.kind not in FACT_KINDS else []
        why += [f"in {self.section} section"] if self.section in NOT_FACTS else []
        return ", ".join(why) or "another value chosen for the code"


@dataclass(frozen=True)
class GoldOutcome:
    row: GoldRow
    catalogued: bool | None  # hit for catalogued recall; None when the row is not in that set
    grain_aware: bool | None  # hit, or its value output at its place under its code as a non-headline figure
    any_quantity: bool | None  # hit for any-quantity recall; None when confidence is low
    kind: str | None  # failure kind of a catalogued miss
    any_kind: str | None  # failure kind of an any-quantity miss
    detail: str  # what the extractor did at the gold row's place


@dataclass(frozen=True)
class FactOutcome:
    folder: str
    file: str
    code: str
    value: float
    qualifier: str
    evidence: str
    correct: bool
    gold_qualifier: str | None  # of the matched gold row
    kind: str | None  # failure kind of a false positive
    detail: str  # the gold row(s) at the fact's place


@dataclass
class RealScore:
    """Outcomes of every gold row and every extracted fact of one or more folders, in one mode."""

    mode: str
    folders: list[str]
    gold: list[GoldOutcome] = field(default_factory=list)
    facts: list[FactOutcome] = field(default_factory=list)
    n_files: int = 0
    rejected: dict[str, str] = field(default_factory=dict)  # 'folder/file' -> reason
    # (label, gold label_zh) of each unmatched quantity that stands at a high-confidence gold row's
    # place with its value: how readable the labels of v_unmatched_quantities are
    labels: list[tuple[str, str]] = field(default_factory=list)
    # facts of codes added after the labelling that stand at an uncoded gold figure with its value
    unjudged: list[FactOutcome] = field(default_factory=list)

    @property
    def label_quality(self) -> tuple[int, int, int]:
        """(labelled quantities, label is a phrase of the gold label, label ends with the gold label's
        last two characters, i.e. names the same head noun). Quotes and short brackets are ignored."""
        phrase = head = 0
        for label, gold in self.labels:
            lab, gl = _bare(label), _bare(to_simplified(gold))
            phrase += bool(lab) and lab in gl
            head += bool(lab) and len(gl) >= 2 and lab.endswith(gl[-2:])
        return len(self.labels), phrase, head

    @staticmethod
    def _share(hits: Iterable[bool | None]) -> tuple[float, int, int]:
        flags = [h for h in hits if h is not None]
        n = len(flags)
        k = sum(flags)
        return (k / n if n else 1.0), k, n

    @property
    def catalogued_recall(self) -> tuple[float, int, int]:
        """(recall, hits, gold rows) over high-confidence coded rows."""
        return self._share(g.catalogued for g in self.gold)

    @property
    def grain_aware_recall(self) -> tuple[float, int, int]:
        """(recall, hits, gold rows) over high-confidence coded rows, where a row also counts as found
        when its value is output at its place under its code as a non-headline figure (the fact grain
        is report × indicator, so a report's second figure of a code cannot be a fact)."""
        return self._share(g.grain_aware for g in self.gold)

    @property
    def precision(self) -> tuple[float, int, int]:
        """(precision, correct facts, extracted catalogued facts)."""
        return self._share(f.correct for f in self.facts)

    @property
    def any_quantity_recall(self) -> tuple[float, int, int]:
        return self._share(g.any_quantity for g in self.gold)

    def kind_counts(self) -> dict[str, tuple[int, int, int]]:
        """failure kind -> (catalogued misses, any-quantity misses, false positives)."""
        cat = Counter(g.kind for g in self.gold if g.kind)
        anyq = Counter(g.any_kind for g in self.gold if g.any_kind)
        fp = Counter(f.kind for f in self.facts if f.kind)
        return {k: (cat[k], anyq[k], fp[k]) for k in (*MISS_KINDS, *FP_KINDS)}

    def by_indicator(self) -> dict[str, dict[str, int]]:
        """code -> gold (high-confidence rows), tp, fn, tp grain-aware, extracted, fp."""
        out: dict[str, dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(("gold", "tp", "fn", "tp_grain", "extracted", "fp"), 0)
        )
        for g in self.gold:
            if g.catalogued is not None and g.row.code:
                d = out[g.row.code]
                d["gold"] += 1
                d["tp" if g.catalogued else "fn"] += 1
                d["tp_grain"] += bool(g.grain_aware)
        for f in self.facts:
            d = out[f.code]
            d["extracted"] += 1
            d["fp"] += not f.correct
        return dict(sorted(out.items(), key=lambda kv: (-kv[1]["gold"] - kv[1]["fp"], kv[0])))

    def qualifier_mismatches(self) -> list[FactOutcome]:
        return [f for f in self.facts if f.correct and f.gold_qualifier and f.gold_qualifier != f.qualifier]


def combine(scores: Sequence[RealScore]) -> RealScore:
    """One score over several folders scored in the same mode."""
    out = RealScore(mode=scores[0].mode, folders=[f for s in scores for f in s.folders])
    for s in scores:
        out.gold += s.gold
        out.facts += s.facts
        out.n_files += s.n_files
        out.rejected |= s.rejected
        out.labels += s.labels
        out.unjudged += s.unjudged
    return out


BARE = re.compile(r"[（(][^（）()]{1,4}[）)]|[“”\"'‘’《》「」\s]")


def _bare(label: str) -> str:
    return BARE.sub("", label)


# ---------------------------------------------------------------------------------------------------
# gold


def read_gold(folder: Path) -> list[GoldRow]:
    """Every `gold/facts*.csv` row of a corpus folder (a clear error when a column is missing)."""
    rows: list[GoldRow] = []
    paths = sorted((folder / "gold").glob("facts*.csv"))
    if not paths:
        raise ValueError(f"{folder}: no gold/facts*.csv")
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ValueError(f"{path}: lacks column(s) {missing}; expected {','.join(GOLD_COLUMNS)}")
            for n, r in enumerate(reader, 2):
                try:
                    value = float(r["value"])
                except ValueError:
                    raise ValueError(f"{path}:{n}: value {r['value']!r} is not a number") from None
                rows.append(
                    GoldRow(
                        folder=folder.name,
                        file=r["file"],
                        code=r["indicator_code"] or None,
                        label=r["label_zh"],
                        value=value,
                        unit_raw=r["unit_raw"],
                        qualifier=r["qualifier"],
                        confidence=r["confidence"],
                        evidence=r["evidence"],
                    )
                )
    return rows


DISPUTES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "real" / "gold_disputes.csv"


DisputeKey = tuple[str, str, str, float, str]


def read_disputes(path: Path) -> dict[DisputeKey, str | None]:
    """(folder, file, evidence, value, gold code) -> the proposed code ('' = uncoded) of each disputed
    gold row. The gold code is part of the key: two rows can share evidence and value (参考率、合格率均达
    100% is a participation rate and a pass rate), and only the one with that code is disputed."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {
            (r["folder"], r["file"], r["evidence"], float(r["value"]), r["gold_code"]): r["proposed_code"]
            or None
            for r in csv.DictReader(fh)
        }


def resolve_disputes(rows: Sequence[GoldRow], disputes: dict[DisputeKey, str | None]) -> list[GoldRow]:
    """The gold with each disputed row's code replaced by the proposed one (the gold files are not
    edited: `--disputes` scores this second reading beside the labelled one)."""
    out, used = [], set()
    for g in rows:
        key = (g.folder, g.file, g.evidence, g.value, g.code or "")
        if key in disputes:
            used.add(key)
            g = replace(g, code=disputes[key])
        out.append(g)
    folders = {g.folder for g in rows}
    stale = [k for k in disputes if k[0] in folders and k not in used]
    if stale:
        raise ValueError(f"disputed gold rows not found (folder, file, evidence, value, code): {stale}")
    return out


def report_years(folder: Path) -> dict[str, int]:
    """file -> report year from `gold/reports.csv` (used only by the extraction-only mode)."""
    path = folder / "gold" / "reports.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {r["file"]: int(r["report_year"]) for r in csv.DictReader(fh) if r.get("report_year")}


def _number_in(evidence: str, value: float, unit: str, label: str) -> tuple[int, int] | None:
    """Span of the gold number as written inside its evidence: a numeral with the gold value (the one
    after the label's last characters when several have it), else the numeral just before the unit
    (an annualised 每季度一次 = 4 or a zero wording 未发生一起 = 0)."""
    cands = [m for m in NUMERAL.finditer(evidence)]
    same = [m for m in cands if same_value(surface_value(_plain(m.group(0))), value)]
    if same:
        tail = label[-2:]
        at = evidence.find(tail) if tail else -1
        after = [m for m in same if at >= 0 and m.start() >= at]
        return (after or same)[0 if after else -1].span()
    for m in cands:
        rest = evidence[m.end() :].lstrip(" 余多")
        if unit and rest.startswith(unit):
            return m.span()
    return None


def _plain(numeral: str) -> str:
    s = numeral.translate(ONE_TO_ONE).replace(" ", "").replace("，", "").replace(",", "")
    return s.translate(str.maketrans({"萬": "万", "兩": "两", "億": "亿"}))


def locate(row: GoldRow, original: str | None) -> GoldRow:
    """The row with its evidence and number placed in the decoded original text of its file."""
    rel = _number_in(row.evidence, row.value, row.unit_raw, row.label)
    number = row.evidence[rel[0] : rel[1]] if rel else ""
    at = original.find(row.evidence) if original and row.evidence else -1
    if at < 0:
        return replace(row, number=number)
    ev = (at, at + len(row.evidence))
    num = (at + rel[0], at + rel[1]) if rel else None
    return replace(row, ev_span=ev, num_span=num, number=number)


# ---------------------------------------------------------------------------------------------------
# running the pipeline


@dataclass
class Run:
    """The pipeline's frames for one folder, and each file's normalised text with its offset map."""

    reports: pl.DataFrame
    mentions: pl.DataFrame
    facts: pl.DataFrame
    unmatched: pl.DataFrame
    texts: dict[str, Normalised]  # file name -> normalised text (offset map to the decoded original)


def _all_loaded(reports: pl.DataFrame, texts: dict[str, Normalised], years: dict[str, int]) -> pl.DataFrame:
    """Rejected files that decode become loaded with their normalised text (extraction-only mode)."""
    rows = []
    for r in reports.iter_rows(named=True):
        name = PurePosixPath(r["source_path"]).name
        if r["status"] != "loaded" and name in texts:
            r = r | dict(
                status="loaded", reject_reason=None, text=texts[name].text, report_year=years.get(name)
            )
        rows.append(r)
    return pl.DataFrame(rows, schema=reports.schema, orient="row")


def supersede(reports: pl.DataFrame) -> pl.DataFrame:
    """Mark a loaded report 'superseded' when a newer one has its town-year, as the build's load does
    (sql/load/005_staged_rows.sql: later publish date, then later mtime, then greater path wins)."""
    loaded = reports.filter(pl.col("status") == "loaded")
    if loaded.is_empty():
        return reports
    ranked = (
        loaded.sort(["publish_date", "file_mtime_ns", "source_path"], descending=True, nulls_last=True)
        .with_columns(
            pl.col("source_path").first().over("town", "county", "report_year").alias("_newest"),
        )
        .filter(pl.col("_newest") != pl.col("source_path"))
        .select("source_path", "_newest")
    )
    newest = dict(ranked.iter_rows())
    return reports.with_columns(
        status=pl.when(pl.col("source_path").is_in(list(newest)))
        .then(pl.lit("superseded"))
        .otherwise(pl.col("status")),
        reject_reason=pl.when(pl.col("source_path").is_in(list(newest)))
        .then(pl.lit("superseded by ") + pl.col("source_path").replace_strict(newest, default=""))
        .otherwise(pl.col("reject_reason")),
    )


def run_pipeline(
    raw_dir: Path, catalogue: Catalogue, mode: str = "build", years: dict[str, int] | None = None
) -> Run:
    """The build's extraction steps on `raw_dir`; `mode='extraction'` loads every decodable file."""
    files, skipped = discover(raw_dir)
    texts: dict[str, Normalised] = {}
    for f in files:
        try:
            texts[PurePosixPath(f.source_path).name] = normalise(
                decode_bytes(Path(f.abs_path).read_bytes()).text
            )
        except Exception:  # noqa: BLE001 - an undecodable file stays rejected; its gold rows are misses
            continue
    reports = ingest_files(files, skipped)
    reports = _all_loaded(reports, texts, years or {}) if mode == "extraction" else supersede(reports)
    mentions = mentions_frame(reports, catalogue)
    facts, unmatched = facts_frame(mentions, catalogue)
    return Run(reports, mentions, facts, unmatched, texts)


# ---------------------------------------------------------------------------------------------------
# scoring


def spans_overlap(a: SPAN | None, b: SPAN | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _fmt(v: float | None) -> str:
    if v is None:
        return "-"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _mapped(norm: Normalised | None, text: str | None, start: int, end: int) -> SPAN | None:
    """Numeral span in the decoded original, or None when the offset map does not fit this text."""
    if norm is None or text is None or norm.text != text:
        return None
    i = bisect.bisect_right(norm.norm_starts, start) - 1
    if i < 0 or norm.norm_lens[i] != norm.orig_lens[i]:
        return None  # a converted line whose length changed: the proportional map may be off
    return norm.to_original(start, end)


def found_quantities(run: Run) -> tuple[dict[str, list[Found]], list[tuple[str, dict[str, object]]]]:
    """Every mention per file as `Found`, and every fact row with its file name."""
    names = {r: PurePosixPath(p).name for r, p in run.reports.select("report_id", "source_path").iter_rows()}
    texts = dict(run.reports.select("report_id", "text").iter_rows())
    fact_keys = {
        (r, c): v for r, c, v in run.facts.select("report_id", "indicator_code", "value").iter_rows()
    }
    fact_spans = {(r, s) for r, s in run.facts.select("report_id", "evidence_start").iter_rows()}
    um = run.unmatched
    if "indicator_hint" not in um.columns:  # frames of an extractor older than the hint: none hinted
        um = um.with_columns(pl.lit(None, pl.Utf8).alias("indicator_hint"))
    unmatched = {
        (r, s, e): hint
        for r, s, e, hint in um.select(
            "report_id", "evidence_start", "evidence_end", "indicator_hint"
        ).iter_rows()
    }
    out: dict[str, list[Found]] = defaultdict(list)
    for m in run.mentions.iter_rows(named=True):
        rid, code, file = m["report_id"], m["indicator_code"], names[m["report_id"]]
        eligible = m["kind"] in FACT_KINDS and m["section_type"] not in NOT_FACTS
        where = (rid, m["evidence_start"], m["evidence_end"])
        secondary = code is not None and where in unmatched and unmatched[where] == code
        if code is not None:
            output = (eligible and same_value(m["value"], fact_keys.get((rid, code)))) or secondary
        else:
            output = where in unmatched
        span = _mapped(run.texts.get(file), texts.get(rid), m["evidence_start"], m["evidence_end"])
        out[file].append(
            Found(
                file=file,
                code=code,
                label=m["label"] or "",
                value=m["value"],
                unit=m["unit_raw"] or "",
                kind=m["kind"],
                section=m["section_type"],
                evidence=m["evidence"] or "",
                span=span,
                output=output,
                is_fact=code is not None
                and output
                and not secondary
                and (rid, m["evidence_start"]) in fact_spans,
                secondary=secondary,
            )
        )
    facts = [(names[r["report_id"]], r) for r in run.facts.iter_rows(named=True)]
    return out, facts


def _at_place(q: Found, place: SPAN | None, row: GoldRow) -> bool:
    """The quantity stands where the gold row's number (or evidence) stands."""
    if q.span is not None and place is not None:
        return spans_overlap(q.span, place)
    needle = _plain(row.number) if row.number else row.evidence.translate(ONE_TO_ONE)
    return bool(needle) and needle in q.evidence.replace(" ", "")


def _classify_miss(row: GoldRow, here: list[Found], want_code: bool) -> str:
    same = [q for q in here if same_value(q.value, row.value)]
    if want_code:
        if any(q.code == row.code and q.secondary for q in same):
            return "not headline"
        if any(q.code == row.code for q in same):
            return "not kept"
        if same:
            return "wrong code"
    elif same:
        return "not kept"
    return "wrong value" if here else "number not found"


def _describe(here: list[Found], row: GoldRow, facts_of_file: list[dict[str, object]]) -> str:
    parts = [q.describe() for q in here] or ["nothing extracted here"]
    if row.code:
        other = [f for f in facts_of_file if f["indicator_code"] == row.code]
        for f in other:
            parts.append(f"fact {row.code}={_fmt(f['value'])} from '{str(f['evidence'])[:30]}'")
    return "; ".join(parts)


LABELLED_CODES = Path(__file__).resolve().parents[1] / "tests" / "gold" / "labelled_codes.txt"


def labelled_codes(path: Path = LABELLED_CODES) -> frozenset[str] | None:
    """The codes the labels were made with (None: judge every code)."""
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def score_run(
    gold: Sequence[GoldRow], run: Run, folder: str, mode: str = "build", codes: frozenset[str] | None = None
) -> RealScore:
    """Classify every gold row and every extracted catalogued fact of one folder's run (`codes`: the
    codes the labels were made with; see the module docstring)."""
    status = {
        PurePosixPath(p).name: (s, why)
        for p, s, why in run.reports.select("source_path", "status", "reject_reason").iter_rows()
    }
    found, facts = found_quantities(run)
    facts_by_file: dict[str, list[dict[str, object]]] = defaultdict(list)
    for file, f in facts:
        facts_by_file[file].append(f)
    placed = [locate(g, run.texts[g.file].original if g.file in run.texts else None) for g in gold]
    gold_by_file: dict[str, list[GoldRow]] = defaultdict(list)
    for g in placed:
        gold_by_file[g.file].append(g)

    result = RealScore(mode=mode, folders=[folder], n_files=len(status))
    result.rejected = {f"{folder}/{f}": why or s for f, (s, why) in status.items() if s != "loaded"}
    for g in placed:
        st, why = status.get(g.file, ("missing", "no such file in raw/"))
        fact_hit = any(
            f["indicator_code"] == g.code and same_value(f["value"], g.value) for f in facts_by_file[g.file]
        )
        here = [q for q in found.get(g.file, []) if _at_place(q, g.place, g)]
        near = [q for q in found.get(g.file, []) if _at_place(q, g.ev_span, g)]
        any_hit = any(q.output and same_value(q.value, g.value) for q in near)
        cat = (fact_hit if g.code else None) if g.confidence == "high" else None
        grain = (
            None
            if cat is None
            else cat or any(q.secondary and q.code == g.code and same_value(q.value, g.value) for q in here)
        )
        anyq = any_hit if g.confidence == "high" else None
        loaded = st == "loaded"
        kind = any_kind = None
        if cat is False:
            kind = _classify_miss(g, here, want_code=True) if loaded else "rejected report"
        if anyq is False:
            any_kind = _classify_miss(g, here, want_code=False) if loaded else "rejected report"
        detail = _describe(here, g, facts_by_file[g.file]) if loaded else f"{st}: {why}"
        result.gold.append(GoldOutcome(g, cat, grain, anyq, kind, any_kind, detail))
        if g.confidence == "high":
            result.labels += [
                (q.label, g.label)
                for q in near
                if q.output and (q.code is None or q.secondary) and same_value(q.value, g.value)
            ][:1]

    mention_of = {(q.file, q.code): q for qs in found.values() for q in qs if q.is_fact}
    for file, f in facts:
        code, value = str(f["indicator_code"]), float(f["value"])  # type: ignore[arg-type]
        match = [g for g in gold_by_file[file] if g.code == code and same_value(g.value, value)]
        kind, detail = None, ""
        new_code_on_uncoded = False
        if not match:
            q = mention_of.get((file, code))
            there = [g for g in gold_by_file[file] if q is not None and _at_place(q, g.place, g)]
            kind = "wrong code/value" if there else "not a fact"
            detail = "; ".join(f"gold {g.code or 'uncoded'} '{g.label}'={_fmt(g.value)}" for g in there)
            new_code_on_uncoded = (
                codes is not None
                and code not in codes
                and any(g.code is None and same_value(g.value, value) for g in there)
            )
            kind = None if new_code_on_uncoded else kind
        (result.unjudged if new_code_on_uncoded else result.facts).append(
            FactOutcome(
                folder=folder,
                file=file,
                code=code,
                value=value,
                qualifier=str(f["qualifier"]),
                evidence=str(f["evidence"] or ""),
                correct=bool(match),
                gold_qualifier=(match[0].qualifier if match else None),
                kind=kind,
                detail=detail,
            )
        )
    return result


def score_folder(
    folder: str | Path,
    catalogue: Catalogue | None = None,
    mode: str = "build",
    disputes: dict[DisputeKey, str | None] | None = None,
) -> RealScore:
    """Run the pipeline on `folder/raw` and score it against `folder/gold` (`mode` build or extraction;
    `disputes`: score the gold with these rows' codes replaced, see `resolve_disputes`)."""
    folder = Path(folder)
    if mode not in MODES:
        raise ValueError(f"mode {mode!r}: expected one of {MODES}")
    gold = read_gold(folder)
    if disputes:
        gold = resolve_disputes(gold, disputes)
    run = run_pipeline(folder / "raw", catalogue or load_catalogue(), mode, report_years(folder))
    return score_run(gold, run, folder.name, mode, labelled_codes())


# ---------------------------------------------------------------------------------------------------
# output


def _pct(t: tuple[float, int, int]) -> str:
    return f"{t[0]:.3f} ({t[1]}/{t[2]})"


def summary_rows(scores: Sequence[RealScore]) -> list[list[str]]:
    rows = []
    for s in scores:
        rows.append(
            [
                "+".join(s.folders),
                s.mode,
                str(s.n_files),
                str(len(s.rejected)),
                _pct(s.catalogued_recall),
                _pct(s.grain_aware_recall),
                _pct(s.precision),
                _pct(s.any_quantity_recall),
            ]
        )
    return rows


SUMMARY_HEADER = [
    "set",
    "mode",
    "files",
    "not loaded",
    "catalogued recall (strict)",
    "catalogued recall (grain-aware)",
    "catalogued precision",
    "any-quantity recall",
]
KIND_HEADER = ["failure kind", "catalogued misses", "any-quantity misses", "false positives"]
INDICATOR_HEADER = ["indicator", "gold (high)", "TP", "FN", "TP grain-aware", "extracted", "FP"]


def new_code_line(scores: Sequence[RealScore]) -> str:
    """Facts of codes added after the labelling: how many stand on an uncoded gold figure (not judged),
    how many elsewhere (false positives, already in the precision)."""
    out = [
        "facts of codes added after the labelling (on an uncoded gold figure with its value: not judged "
        "/ elsewhere: false positives, counted in the precision):"
    ]
    for s in scores:
        new = [f for f in s.facts if not f.correct and f.code not in (labelled_codes() or {f.code})]
        by_code = Counter(f.code for f in s.unjudged)
        out.append(
            f"  {'+'.join(s.folders)} {s.mode}: {len(s.unjudged)} not judged / {len(new)} false positives"
            + (f" ({', '.join(f'{c} {n}' for c, n in by_code.most_common())})" if by_code else "")
        )
    return "\n".join(out)


def label_line(scores: Sequence[RealScore]) -> str:
    """Readability of the labels of unmatched quantities, per set and mode."""
    out = [
        "unmatched-quantity labels at a high-confidence gold figure (label is a phrase of the gold "
        "label_zh / ends with its last two characters):"
    ]
    for s in scores:
        n, phrase, head = s.label_quality
        out.append(
            f"  {'+'.join(s.folders)} {s.mode}: {n} labels, phrase {phrase} ({phrase / max(n, 1):.2f}), "
            f"head noun {head} ({head / max(n, 1):.2f})"
        )
    return "\n".join(out)


def kind_rows(s: RealScore) -> list[list[str]]:
    return [[k, *(str(n) for n in v)] for k, v in s.kind_counts().items()]


def indicator_rows(s: RealScore) -> list[list[str]]:
    return [
        [c, *(str(d[k]) for k in ("gold", "tp", "fn", "tp_grain", "extracted", "fp"))]
        for c, d in s.by_indicator().items()
    ]


def miss_rows(s: RealScore) -> list[list[str]]:
    """Every catalogued or any-quantity miss: kind(s), file, gold, evidence, what was extracted there."""
    out = []
    for g in s.gold:
        if g.kind is None and g.any_kind is None:
            continue
        r = g.row
        out.append(
            [
                g.kind or "-",
                g.any_kind or "-",
                f"{r.folder}/{r.file}",
                r.code or "",
                r.label,
                _fmt(r.value),
                r.evidence,
                g.detail,
            ]
        )
    return out


def fp_rows(s: RealScore) -> list[list[str]]:
    return [
        [f.kind or "", f"{f.folder}/{f.file}", f.code, _fmt(f.value), f.evidence[:80], f.detail]
        for f in s.facts
        if not f.correct
    ]


MISS_HEADER = [
    "catalogued",
    "any-quantity",
    "file",
    "code",
    "gold label",
    "value",
    "gold evidence",
    "extracted at that place",
]
FP_HEADER = ["kind", "file", "code", "value", "evidence", "gold at that place"]


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*header), *(fmt.format(*r) for r in rows)])


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def report_text(scores: Sequence[RealScore], details: bool = True) -> str:
    """Readable report: overall numbers, then per kind and per indicator, then every miss and FP."""
    parts = [text_table(SUMMARY_HEADER, summary_rows(scores)), new_code_line(scores), label_line(scores)]
    for s in scores:
        title = f"== {'+'.join(s.folders)}, mode {s.mode}"
        parts += [
            title,
            text_table(KIND_HEADER, kind_rows(s)),
            text_table(INDICATOR_HEADER, indicator_rows(s)),
        ]
        if s.mode == "build" and s.rejected:
            parts.append(
                "not loaded:\n" + "\n".join(f"  {f}: {why}" for f, why in sorted(s.rejected.items()))
            )
        if q := s.qualifier_mismatches():
            parts.append(
                f"qualifier differs on {len(q)} correct fact(s): "
                + ", ".join(f"{f.file} {f.code} {f.qualifier} (gold {f.gold_qualifier})" for f in q)
            )
        if details:
            parts.append("misses:\n" + text_table(MISS_HEADER, miss_rows(s)))
            parts.append("false positives:\n" + text_table(FP_HEADER, fp_rows(s)))
    return "\n\n".join(parts)


def report_markdown(scores: Sequence[RealScore], details: bool = False) -> str:
    parts = [md_table(SUMMARY_HEADER, summary_rows(scores)), new_code_line(scores), label_line(scores)]
    for s in scores:
        parts += [
            f"**{'+'.join(s.folders)}, mode {s.mode}: failure kinds**",
            md_table(KIND_HEADER, kind_rows(s)),
            f"**{'+'.join(s.folders)}, mode {s.mode}: per indicator**",
            md_table(INDICATOR_HEADER, indicator_rows(s)),
        ]
        if details:
            parts += [md_table(MISS_HEADER, miss_rows(s)), md_table(FP_HEADER, fp_rows(s))]
    return "\n\n".join(parts) + "\n"


def write_csvs(scores: Sequence[RealScore], out_dir: Path) -> None:
    """summary.csv, and per mode kinds/indicators/misses/false_positives CSVs."""
    out_dir.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        with (out_dir / name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)

    write("summary.csv", SUMMARY_HEADER, summary_rows(scores))
    for s in scores:
        tag = f"{'+'.join(s.folders)}_{s.mode}"
        write(f"{tag}_kinds.csv", KIND_HEADER, kind_rows(s))
        write(f"{tag}_indicators.csv", INDICATOR_HEADER, indicator_rows(s))
        write(f"{tag}_misses.csv", MISS_HEADER, miss_rows(s))
        write(f"{tag}_false_positives.csv", FP_HEADER, fp_rows(s))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folders", nargs="+", type=Path, help="corpus folders with raw/ and gold/")
    p.add_argument("--mode", choices=(*MODES, "both"), default="build")
    p.add_argument("--csv", type=Path, metavar="DIR", help="write the tables and lists as CSV files here")
    p.add_argument("--markdown", type=Path, metavar="FILE", help="write the tables as markdown")
    p.add_argument("--quiet", action="store_true", help="tables only, no list of misses and false positives")
    p.add_argument(
        "--disputes",
        nargs="?",
        const=DISPUTES,
        type=Path,
        metavar="CSV",
        help="also score the gold with the disputed rows' codes replaced as proposed "
        "(default file: tests/fixtures/real/gold_disputes.csv); the labelled reading is always printed first",
    )
    a = p.parse_args(argv)
    catalogue = load_catalogue()
    scores: list[RealScore] = []
    for mode in MODES if a.mode == "both" else (a.mode,):
        per = [score_folder(f, catalogue, mode) for f in a.folders]
        scores += per if len(per) == 1 else [*per, combine(per)]
    print(report_text(scores, details=not a.quiet))
    if a.disputes:
        disputes = read_disputes(a.disputes)
        other: list[RealScore] = []
        for mode in MODES if a.mode == "both" else (a.mode,):
            per = [score_folder(f, catalogue, mode, disputes) for f in a.folders]
            other += per if len(per) == 1 else [*per, combine(per)]
        print(f"\n== with the {len(disputes)} disputed gold rows of {a.disputes} read as proposed\n")
        print(text_table(SUMMARY_HEADER, summary_rows(other)))
    if a.csv:
        write_csvs(scores, a.csv)
    if a.markdown:
        a.markdown.write_text(report_markdown(scores), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
