"""The scale-corpus generator (bench/generate.py): deterministic, truthful, varied, and buildable.

The generated corpus is only useful as a benchmark and accuracy test if its ground truth is right, so
these tests check the truth against the bytes the generator wrote (decoded independently of etl/), and
check that the warehouse built from it answers year-over-year questions with the truth's numbers.
"""

from __future__ import annotations

import codecs
import re
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from bench.accuracy import flag_accuracy, metadata_accuracy, predicted_facts, read_csv, score, score_warehouse
from bench.generate import FACT_COLUMNS, REPORT_COLUMNS, cn_number, generate
from tests.conftest import GOLD_DIR, REPO

SMALL_N = 38  # 12 towns × 2022-2024 and two towns with 2021 too
SEED = 11


def _read_header(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[0].split(",")


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate(SMALL_N, out, seed=SEED)
    return out


@pytest.fixture(scope="module")
def style_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Large enough for every style to occur (generation only, no build)."""
    out = tmp_path_factory.mktemp("styles")
    generate(900, out, seed=3)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_same_seed_gives_byte_identical_corpus(tmp_path: Path) -> None:
    generate(SMALL_N, tmp_path / "a", seed=SEED)
    generate(SMALL_N, tmp_path / "b", seed=SEED)
    generate(SMALL_N, tmp_path / "c", seed=SEED + 1)
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert len([k for k in a if k.startswith("reports/")]) == SMALL_N
    assert a == b
    assert a["facts.csv"] != c["facts.csv"]


def test_truth_files_have_exactly_the_gold_columns(small_corpus: Path) -> None:
    assert (
        _read_header(small_corpus / "facts.csv") == _read_header(GOLD_DIR / "seed_facts.csv") == FACT_COLUMNS
    )
    assert (
        _read_header(small_corpus / "reports.csv")
        == _read_header(GOLD_DIR / "seed_reports.csv")
        == REPORT_COLUMNS
    )


def test_truth_is_well_formed(small_corpus: Path) -> None:
    facts, reports = read_csv(small_corpus / "facts.csv"), read_csv(small_corpus / "reports.csv")
    codes = {r["code"] for r in read_csv(REPO / "seeds" / "indicators.csv")}
    assert {f["indicator_code"] for f in facts} <= codes
    assert {f["qualifier"] for f in facts} <= {"exact", "at_least", "at_most", "approx"}
    assert {f["difficulty"] for f in facts} <= {"core", "hard"}
    keys = [(f["report_file"], f["indicator_code"]) for f in facts]
    assert len(keys) == len(set(keys)), "one figure per report × indicator"
    per_report = defaultdict(int)
    for f in facts:
        per_report[f["report_file"]] += 1
    assert {r["report_file"] for r in reports} == set(per_report)
    assert all(8 <= n <= 25 for n in per_report.values()), sorted(per_report.values())
    years = defaultdict(set)
    for r in reports:
        years[(r["town"], r["county"])].add(int(r["report_year"]))
    for town, ys in years.items():
        assert len(ys) >= 3 and max(ys) - min(ys) == len(ys) - 1, (town, ys)


def _decode(data: bytes) -> str:
    """Independent of etl/decode.py: BOMs, then the encodings the generator writes."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    for enc in ("utf-8", "gbk", "gb18030", "big5"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise AssertionError("undecodable generated file")


def _plain(text: str, traditional: bool) -> str:
    if traditional:
        from opencc import OpenCC

        text = OpenCC("t2s").convert(text)
    text = re.sub(r"[\u00a0\u3000]", " ", text).replace("\r\n", "\n")
    return text.translate({0xFF10 + i: str(i) for i in range(10)} | {ord("％"): "%", ord("．"): "."})


def test_every_evidence_is_in_its_report(small_corpus: Path) -> None:
    reports = {r["report_file"]: r for r in read_csv(small_corpus / "reports.csv")}
    facts = read_csv(small_corpus / "facts.csv")
    texts = {
        name: _plain(_decode((small_corpus / "reports" / name).read_bytes()), r["script"] == "traditional")
        for name, r in reports.items()
    }
    missing = [
        (f["report_file"], f["evidence"]) for f in facts if f["evidence"] not in texts[f["report_file"]]
    ]
    assert not missing, missing[:5]
    for name, r in reports.items():  # the town and the year are in every report
        assert r["town"] in texts[name] and r["report_year"] in texts[name], name


def test_corpus_has_the_real_styles(style_corpus: Path) -> None:
    reports = read_csv(style_corpus / "reports.csv")
    facts = read_csv(style_corpus / "facts.csv")
    raw = {p.name: p.read_bytes() for p in (style_corpus / "reports").iterdir()}
    texts = [_decode(b) for b in raw.values()]
    joined = "\n".join(texts)
    scripts = {r["script"] for r in reports}
    assert scripts == {"simplified", "traditional"}
    assert 0.05 < sum(r["script"] == "traditional" for r in reports) / len(reports) < 0.2
    boms = {b[:3] == codecs.BOM_UTF8 for b in raw.values()} | {
        b[:2] == codecs.BOM_UTF16_LE for b in raw.values()
    }
    assert boms == {True, False}
    not_utf8 = 0
    for b in raw.values():
        try:
            b.decode("utf-8")
        except UnicodeDecodeError:
            not_utf8 += 1
    assert not_utf8 > 50, "GBK and Big5 files"
    for needle in (
        "关于",
        "办事处",
        "族乡",
        "委员会、",
        "[bookmark: _GoBack]",
        "发布时间",
        "索引号",
        "（一）",
        "(一)",
        "一是",
        "（1）",
        "\u00a0",
        "０",
        "八五",
        "三重一大",
        "12345",
        "《",
        "不少于",
    ):
        assert needle in joined, needle
    assert any(t.lstrip().startswith(("2021年以来", "2022年以来", "2023年以来", "2024年以来")) for t in texts)
    assert {f["qualifier"] for f in facts} == {"exact", "at_least", "at_most", "approx"}
    assert any(f["unit_raw"] == "万元" for f in facts) and any(f["difficulty"] == "hard" for f in facts)
    assert any(re.search(r"[一二三四五六七八九十]+[次场起件个]", f["evidence"]) for f in facts)
    counties_of: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        counties_of[r["town"]].add(r["county"])
    assert any(len(c) > 1 for c in counties_of.values()), "a town name shared by two counties"
    orders = {r["sections"] for r in reports}
    assert len(orders) >= 4


def test_chinese_numerals_read_as_reports_write_them() -> None:
    assert [cn_number(n) for n in (3, 10, 12, 20, 46, 205, 2300)] == [
        "三",
        "十",
        "十二",
        "二十",
        "四十六",
        "二百零五",
        "二千三百",
    ]
    assert cn_number(2, liang=True) == "两" and cn_number(200, liang=True) == "两百"


def test_small_corpus_builds_and_yoy_agrees_with_truth(small_corpus: Path, tmp_path: Path) -> None:
    from dagster_project.build import run_build

    target = tmp_path / "w.duckdb"
    outcome = run_build(small_corpus / "reports", target, echo=False)
    assert outcome.published, outcome.failures

    truth = read_csv(small_corpus / "facts.csv")
    reports = {r["report_file"]: r for r in read_csv(small_corpus / "reports.csv")}
    predicted = predicted_facts(target)
    s = score_warehouse(small_corpus / "facts.csv", target)
    local = score(truth, predicted)
    assert (local.tp, local.fp, local.fn) == (s.tp, s.fp, s.fn), "bench and etl scorers disagree"
    meta = metadata_accuracy(list(reports.values()), target)
    print(
        f"\ngenerated corpus n={SMALL_N}: precision {s.precision:.3f} recall {s.recall:.3f} "
        f"(tp {s.tp}, fp {s.fp}, fn {s.fn}); recall by difficulty {s.recall_by_difficulty}; metadata {meta}"
    )
    # floors well under today's numbers (precision/recall ~0.98 at the time of writing): they catch a collapse
    assert s.precision > 0.8
    assert s.recall > 0.5
    assert meta["loaded_share"] > 0.8 and meta["report_year"] > 0.95
    # quality flags against the generator's own (published_late: from the true publish date); the
    # generator never repeats a sentence by accident, so repeated_paragraph must not fire on chance
    flags = flag_accuracy(list(reports.values()), target)
    print(f"quality flags (precision, recall, true reports): {flags}")
    assert flags["repeated_paragraph"][0] == 1.0 and flags["published_late"][:2] == (1.0, 1.0)

    # ground-truth YoY: (town, county, code, year) -> (value, report_file)
    value_of: dict[tuple[str, str, str, int], tuple[float, str]] = {}
    for f in truth:
        r = reports[f["report_file"]]
        value_of[(r["town"], r["county"], f["indicator_code"], int(r["report_year"]))] = (
            float(f["value"]),
            f["report_file"],
        )
    truth_value = {(t["report_file"], t["indicator_code"]): float(t["value"]) for t in truth}
    right = set()  # (report_file, code) the extractor got right
    for p in predicted:
        k = (str(p["report_file"]), str(p["indicator_code"]))
        if k in truth_value and abs(truth_value[k] - float(p["value"])) < 1e-6:  # type: ignore[arg-type]
            right.add(k)
    con = duckdb.connect(str(target), read_only=True)
    try:
        rows = con.execute(
            "SELECT town, county, indicator_code, report_year, value, prev_year, prev_value, abs_change, "
            "pct_change FROM v_indicator_yoy"
        ).fetchall()
    finally:
        con.close()
    assert sum(r[6] is not None for r in rows) > 0, "v_indicator_yoy has no year-over-year pairs"
    matched, mismatched = 0, []
    for town, county, code, year, value, prev_year, prev_value, abs_change, pct_change in rows:
        cur = value_of.get((town, county or "", code, year))
        prev = value_of.get((town, county or "", code, year - 1))
        if not cur or not prev or (cur[1], code) not in right or (prev[1], code) not in right:
            continue  # only pairs the extractor got right in both years say anything about the view
        expected = (
            year - 1,
            prev[0],
            cur[0] - prev[0],
            round(100 * (cur[0] - prev[0]) / prev[0], 2) if prev[0] else None,
        )
        got = (
            prev_year,
            None if prev_value is None else float(prev_value),
            None if abs_change is None else float(abs_change),
            None if pct_change is None else float(pct_change),
        )
        ok = (
            abs(float(value) - cur[0]) < 1e-6
            and got[0] == expected[0]
            and got[1] == expected[1]
            and abs((got[2] or 0) - expected[2]) < 1e-6
        )
        ok = ok and (expected[3] is None or (got[3] is not None and abs(got[3] - expected[3]) < 0.011))
        if ok:
            matched += 1
        else:
            mismatched.append((town, county, code, year, got, expected))
    print(f"v_indicator_yoy rows checked against the truth: {matched} agree, {len(mismatched)} disagree")
    assert not mismatched, mismatched[:5]
    assert matched >= 20


def test_town_type_truth_follows_the_name_and_the_title(style_corpus: Path) -> None:
    """A town name reused from another county keeps its suffix, so the truth must follow the name
    (韩子平乡 is a 乡 whatever the planner drew), and only a 街道 signs as 办事处."""
    reports = read_csv(style_corpus / "reports.csv")
    suffix_type = {"街道": "街道", "镇": "镇", "乡": "乡"}
    wrong = [
        (r["town"], r["town_type"])
        for r in reports
        if suffix_type[next(s for s in ("街道", "镇", "乡") if r["town"].endswith(s))] != r["town_type"]
    ]
    assert not wrong, wrong[:5]
    for r in reports[:300]:
        text = _decode((style_corpus / "reports" / r["report_file"]).read_bytes())
        if "办事处" in text:
            assert r["town_type"] == "街道", (r["report_file"], r["town"])


def test_heldout_phrasings_keep_the_truth_but_change_the_wording(tmp_path: Path) -> None:
    generate(SMALL_N, tmp_path / "train", seed=SEED)
    generate(SMALL_N, tmp_path / "heldout", seed=SEED, phrasings="heldout")
    train = read_csv(tmp_path / "train" / "facts.csv")
    held = read_csv(tmp_path / "heldout" / "facts.csv")
    assert {(f["indicator_code"], f["report_file"][:6]) for f in train} == {
        (f["indicator_code"], f["report_file"][:6]) for f in held
    }  # same towns, years and indicators ...
    shared = {f["evidence"] for f in train} & {f["evidence"] for f in held}
    assert len(shared) < 0.05 * len(held)  # ... in other words (a few zero-count clauses repeat)
    reports = {r["report_file"]: r for r in read_csv(tmp_path / "heldout" / "reports.csv")}
    for f in held:  # and the held-out truth is as checkable as the training truth
        r = reports[f["report_file"]]
        text = _plain(
            _decode((tmp_path / "heldout" / "reports" / f["report_file"]).read_bytes()),
            r["script"] == "traditional",
        )
        assert f["evidence"] in text, f
    with pytest.raises(ValueError):
        generate(3, tmp_path / "bad", seed=SEED, phrasings="tuned")
