"""Frame-level steps, one per warehouse layer: files -> reports -> sections -> mentions -> facts.

Each function is pure (text and catalogue in, Polars frames out) so Dagster assets and tests call
the same code. Frame schemas are declared here and are the contract with `warehouse/`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from etl import EXTRACTOR_VERSION
from etl.catalogue import Catalogue
from etl.decode import RejectError, size_limit, too_large
from etl.discover import Skipped, SourceFile, discover, report_id_for
from etl.formats import read_document
from etl.given import MetadataTable, metadata_path, read_metadata_file
from etl.head import read_head
from etl.indicators import FACT_KINDS, NOT_FACTS, extract_mentions
from etl.metadata import extract_metadata
from etl.normalise import normalise
from etl.quality import not_a_report_reason, quality_flags
from etl.sections import split_problem_items, split_sections

REPORTS_SCHEMA = {
    "report_id": pl.Utf8,
    "source_path": pl.Utf8,
    "content_sha256": pl.Utf8,
    "file_size": pl.Int64,
    "file_mtime_ns": pl.Int64,  # orders two reports of the same town-year when publish dates tie
    "status": pl.Utf8,  # 'loaded', 'unidentified' or 'rejected' here; the warehouse adds 'superseded'
    "reject_reason": pl.Utf8,  # why a file is rejected, or why a report is unidentified
    "encoding": pl.Utf8,
    "source_format": pl.Utf8,  # 'text' / 'html' / 'docx' / 'pdf' (etl.formats); null when not recognised
    "script": pl.Utf8,
    "title": pl.Utf8,
    "town": pl.Utf8,
    "town_type": pl.Utf8,
    "county": pl.Utf8,
    "level": pl.Utf8,
    "division_code": pl.Utf8,  # register code: 9 digits (township) or 6 (county-level body)
    "prefecture": pl.Utf8,
    "province": pl.Utf8,
    "url": pl.Utf8,  # from a metadata file, when one gives it
    "report_year": pl.Int32,
    "publish_date": pl.Date,
    "doc_number": pl.Utf8,
    "text": pl.Utf8,
    "extractor_version": pl.Utf8,
    "ingest_notes": pl.Utf8,  # newline-separated 'code: detail' repairs/inferences; become quality flags
}
SECTIONS_SCHEMA = {
    "report_id": pl.Utf8,
    "section_no": pl.Int32,
    "section_type": pl.Utf8,
    "heading": pl.Utf8,
    "text": pl.Utf8,
    "start": pl.Int32,
    "end": pl.Int32,
}
PROBLEMS_SCHEMA = {
    "report_id": pl.Utf8,
    "item_no": pl.Int32,
    "theme": pl.Utf8,
    "text": pl.Utf8,
    "part": pl.Utf8,  # 'problem', or 'cause' for items of a 原因分析 block
}
MENTIONS_SCHEMA = {
    "report_id": pl.Utf8,
    "mention_no": pl.Int32,
    "indicator_code": pl.Utf8,  # null when no catalogue code fits
    "label": pl.Utf8,
    "value": pl.Float64,
    "value_high": pl.Float64,  # upper bound of a range (3至5次), else null
    "unit_raw": pl.Utf8,
    "qualifier": pl.Utf8,
    "evidence": pl.Utf8,
    "evidence_start": pl.Int32,
    "evidence_end": pl.Int32,
    "kind": pl.Utf8,  # level / change / baseline / target / fraction (etl.numbers); only levels become facts
    "section_type": pl.Utf8,  # section the number stands in; plans and problems never become facts
    "is_total": pl.Boolean,  # the preferred mention for its code: a total (共/累计/全年/总数) not a 其中 part, else any whole figure
}
FACTS_SCHEMA = {
    "report_id": pl.Utf8,
    "indicator_code": pl.Utf8,
    "value": pl.Float64,
    "value_high": pl.Float64,
    "unit": pl.Utf8,
    "unit_raw": pl.Utf8,
    "qualifier": pl.Utf8,
    "evidence": pl.Utf8,
    "evidence_start": pl.Int32,
    "evidence_end": pl.Int32,
    "mention_count": pl.Int32,  # mentions of this code with this value (a restated fact counts twice)
    "is_profile": pl.Boolean,  # describes the town (所辖18个村), not the year's work
}
UNMATCHED_SCHEMA = {
    "report_id": pl.Utf8,
    "label": pl.Utf8,
    "value": pl.Float64,
    "unit": pl.Utf8,
    "qualifier": pl.Utf8,
    "evidence": pl.Utf8,
    "evidence_start": pl.Int32,
    "evidence_end": pl.Int32,
    "kind": pl.Utf8,  # level / change / fraction
    # the code of a figure that fits a catalogue code but is not the report's fact for it (a parallel
    # activity or sub-count: 专题法治学习11次 beside 中心组学习13次); null for a figure that fits no code
    "indicator_hint": pl.Utf8,
}
FLAGS_SCHEMA = {"report_id": pl.Utf8, "flag": pl.Utf8, "detail": pl.Utf8}


@dataclass
class Extraction:
    """Everything extracted from a batch of files, one frame per warehouse table."""

    reports: pl.DataFrame
    sections: pl.DataFrame
    problems: pl.DataFrame
    mentions: pl.DataFrame
    facts: pl.DataFrame
    unmatched: pl.DataFrame
    flags: pl.DataFrame


# Reports whose sections, facts and flags are extracted: an unidentified report (body or year unknown)
# is still a report, visible in the detail views, though left out of the town × year views.
WITH_DETAIL = ("loaded", "unidentified")


def _frame(rows: list[dict[str, object]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def _rejected(
    source_path: str, sha: str | None, size: int | None, reason: str, source_format: str | None = None
) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(REPORTS_SCHEMA)
    row.update(
        report_id=report_id_for(source_path),
        source_path=source_path,
        content_sha256=sha,
        file_size=size,
        status="rejected",
        reject_reason=reason,
        source_format=source_format,
        level=None,
        extractor_version=EXTRACTOR_VERSION,
    )
    return row


def ingest_one(
    source_path: str, data: bytes, mtime_ns: int | None = None, given: Mapping[str, str] | None = None
) -> dict[str, object]:
    """Read (any format), normalise and identify one file; a bad file becomes a 'rejected' row, never
    an exception. The page's own metadata (HTML meta tags and info box, document title) goes to
    identity as a separate argument, stronger than what the text says; `given`, the metadata file's
    row for this file (etl/given.py), is stronger still."""
    sha = hashlib.sha256(data).hexdigest()
    fmt: str | None = None
    try:
        doc = read_document(data, source_path)
        fmt = doc.source_format
        norm = normalise(doc.text)
        if not norm.text.strip():
            raise RejectError("no text left after removing page chrome")
        meta = extract_metadata(norm.text, norm.chrome, doc.page_meta, given=given)
        if why_not := not_a_report_reason(
            norm.text, meta.title, read_head(norm.text).body_start, meta.report_year
        ):
            raise RejectError(why_not)  # a news item naming a town must not supersede its real report
    except RejectError as exc:
        fmt = getattr(exc, "source_format", fmt)
        return _rejected(source_path, sha, len(data), " ".join(str(exc).split()), fmt)
    except Exception as exc:  # noqa: BLE001 - one odd file must never sink the batch
        reason = " ".join(f"internal error while ingesting: {type(exc).__name__}: {exc}".split())
        return _rejected(source_path, sha, len(data), reason[:300], fmt)
    row: dict[str, object] = dict(
        file_mtime_ns=mtime_ns,
        report_id=report_id_for(source_path),
        source_path=source_path,
        content_sha256=sha,
        file_size=len(data),
        status="unidentified" if meta.unidentified else "loaded",
        reject_reason=meta.unidentified,
        encoding=doc.encoding,
        source_format=doc.source_format,
        script=norm.script,
        text=norm.text,
        extractor_version=EXTRACTOR_VERSION,
        ingest_notes="\n".join([*doc.notes, *meta.notes]) or None,
    )
    row.update({k: v for k, v in meta.as_dict().items() if k not in ("notes", "unidentified")})
    if isinstance(row.get("publish_date"), str):
        row["publish_date"] = date.fromisoformat(row["publish_date"])  # type: ignore[arg-type]
    return {k: row.get(k) for k in REPORTS_SCHEMA}


def ingest_files(
    files: Iterable[SourceFile],
    skipped: Iterable[Skipped] = (),
    metadata: MetadataTable | None = None,
) -> pl.DataFrame:
    """One row per input file, loaded, unidentified or rejected with the reason; `metadata` holds the
    metadata file's rows (etl/given.py), by source path or content hash."""
    rows = [_rejected(s.source_path, None, None, s.reason) for s in skipped]
    for f in files:
        limit = size_limit(f.source_path)
        if f.size > limit:  # rejected before reading: a huge file must not cost memory or time
            rows.append(_rejected(f.source_path, None, f.size, too_large(f.size, limit)))
            continue
        try:
            data = Path(f.abs_path).read_bytes()
        except OSError as exc:
            rows.append(_rejected(f.source_path, None, f.size, f"cannot read file: {exc.strerror}"))
            continue
        given = None
        if metadata is not None:
            given = metadata.by_path.get(f.source_path)
            if given is None and metadata.by_sha:
                given = metadata.by_sha.get(hashlib.sha256(data).hexdigest())
        rows.append(ingest_one(f.source_path, data, f.mtime_ns, given))
    return _frame(rows, REPORTS_SCHEMA)


def sections_frame(reports: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Sections of every loaded report, and the shortcoming items of their problems sections."""
    sec_rows: list[dict[str, object]] = []
    prob_rows: list[dict[str, object]] = []
    loaded = reports.filter(pl.col("status").is_in(WITH_DETAIL)).select("report_id", "text", "report_year")
    for rid, text, year in loaded.iter_rows():
        n_items = 0  # item numbers run on across a report's problems sections
        for s in split_sections(text, year):
            sec_rows.append(dict(report_id=rid, **s.__dict__))
            if s.section_type != "problems":
                continue
            items = split_problem_items(s.text)
            for item in items:
                for theme in item.themes:
                    prob_rows.append(
                        dict(
                            report_id=rid,
                            item_no=n_items + item.item_no,
                            theme=theme,
                            text=item.text,
                            part=item.part,
                        )
                    )
            n_items += len(items)
    return _frame(sec_rows, SECTIONS_SCHEMA), _frame(prob_rows, PROBLEMS_SCHEMA)


def _section_spans(text: str, year: object) -> list[tuple[int, int, str]]:
    """(start, end, section_type) of each top-level section; [] when sectioning fails (never fatal)."""
    try:
        try:
            secs = split_sections(text, year)  # type: ignore[call-arg]
        except TypeError:
            secs = split_sections(text)  # type: ignore[call-arg]
        return [(int(s.start), int(s.end), str(s.section_type)) for s in secs]
    except Exception:  # noqa: BLE001 - without sections every number counts as 'other'
        return []


def mentions_frame(reports: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """Every quantity in every loaded report, matched to an indicator code or left unmatched."""
    rows: list[dict[str, object]] = []
    loaded = reports.filter(pl.col("status").is_in(WITH_DETAIL))
    years = loaded["report_year"] if "report_year" in loaded.columns else [None] * loaded.height
    for rid, text, year in zip(loaded["report_id"], loaded["text"], years, strict=True):
        for i, m in enumerate(extract_mentions(text, catalogue, _section_spans(text, year))):
            rows.append(
                dict(
                    report_id=rid,
                    mention_no=i,
                    indicator_code=m.indicator_code,
                    label=m.label,
                    value=m.value,
                    value_high=m.value_high,
                    unit_raw=m.unit_raw,
                    qualifier=m.qualifier,
                    evidence=m.evidence,
                    evidence_start=m.start,
                    evidence_end=m.end,
                    kind=m.kind,
                    section_type=m.section_type,
                    is_total=m.is_total,
                )
            )
    return _frame(rows, MENTIONS_SCHEMA)


def facts_frame(mentions: pl.DataFrame, catalogue: Catalogue) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One fact per report × indicator; every other figure goes to `unmatched`, none is dropped.

    Only levels outside the plans/problems sections count (targets, baselines and changes do not).
    When a report gives several values for a code, the one introduced by 共/累计/全年 wins, else the
    first (the headline: the contract's grain is report × indicator); `mention_count` counts the
    mentions that restate it. The code's other values (parallel activities, sub-counts) are output
    as unmatched quantities with `indicator_hint` = the code, labelled with the noun they count, so
    an analyst still sees every figure the report states.
    """
    keys = ["report_id", "indicator_code"]
    eligible = mentions.filter(pl.col("kind").is_in(FACT_KINDS) & ~pl.col("section_type").is_in(NOT_FACTS))
    matched = eligible.filter(pl.col("indicator_code").is_not_null())
    chosen = (
        matched.sort(["report_id", "is_total", "mention_no"], descending=[False, True, False])
        .group_by(keys, maintain_order=True)
        .agg(pl.all().first())
    )
    with_chosen = matched.join(chosen.select(*keys, pl.col("value").alias("_chosen")), on=keys)
    restated = (
        with_chosen.filter(pl.col("value") == pl.col("_chosen"))
        .group_by(keys)
        .agg(pl.len().cast(pl.Int32).alias("mention_count"))
    )
    ind = catalogue.indicators.values()
    units = pl.DataFrame(
        {
            "indicator_code": [i.code for i in ind],
            "unit": [i.unit for i in ind],
            "is_profile": [i.is_profile for i in ind],
        }
    )
    facts = (
        chosen.join(restated, on=keys, how="left")
        .join(units, on="indicator_code", how="left")
        .sort("report_id", "mention_no")
        .select(list(FACTS_SCHEMA))
        .cast(FACTS_SCHEMA)  # type: ignore[arg-type]
    )
    no_code = mentions.filter(
        pl.col("indicator_code").is_null()
        & pl.col("kind").is_in(("level", "change", "fraction"))
        & ~pl.col("section_type").is_in(NOT_FACTS)
    )
    other_values = with_chosen.filter(pl.col("value") != pl.col("_chosen")).drop("_chosen")
    unmatched = (
        pl.concat(
            [
                no_code.with_columns(pl.lit(None, pl.Utf8).alias("indicator_hint")),
                other_values.with_columns(pl.col("indicator_code").alias("indicator_hint")),
            ],
            how="vertical_relaxed",
        )
        .sort("report_id", "mention_no")
        .rename({"unit_raw": "unit"})
        .select(list(UNMATCHED_SCHEMA))
        .cast(UNMATCHED_SCHEMA)  # type: ignore[arg-type]
    )
    return facts, unmatched


def flags_frame(reports: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """Quality flags per loaded report."""
    counts = dict(facts.group_by("report_id").len().iter_rows())
    rows: list[dict[str, object]] = []
    for r in reports.filter(pl.col("status").is_in(WITH_DETAIL)).iter_rows(named=True):
        meta = dict(r)
        if r["publish_date"] is not None:
            meta["publish_date"] = r["publish_date"].isoformat()
        for flag, detail in quality_flags(meta, r["text"], counts.get(r["report_id"], 0)):
            rows.append(dict(report_id=r["report_id"], flag=flag, detail=detail))
    return _frame(rows, FLAGS_SCHEMA)


def extract_folder(source_dir: str | Path, catalogue: Catalogue) -> Extraction:
    """The whole extraction for a folder in one call (tests, scripts); Dagster runs the steps one by one."""
    files, skipped = discover(source_dir)
    reports = ingest_files(files, skipped, read_metadata_file(metadata_path(Path(source_dir), None)))
    sections, problems = sections_frame(reports)
    mentions = mentions_frame(reports, catalogue)
    facts, unmatched = facts_frame(mentions, catalogue)
    flags = flags_frame(reports, facts)
    return Extraction(reports, sections, problems, mentions, facts, unmatched, flags)
