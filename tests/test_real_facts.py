"""The real-corpus scorer (bench/real_facts.py): what counts as a hit, and how each miss is classified.

The hand-made cases build the mentions a report yields (so each failure kind is produced on purpose)
and run them through the pipeline's own `facts_frame`; the folder cases run the whole pipeline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from bench.real_facts import (
    GOLD_COLUMNS,
    MISS_KINDS,
    GoldRow,
    Run,
    read_gold,
    report_text,
    score_folder,
    score_run,
)
from etl.catalogue import load_catalogue
from etl.normalise import normalise
from etl.pipeline import MENTIONS_SCHEMA, REPORTS_SCHEMA, facts_frame
from tests.conftest import REPO

SHARED = REPO / "tests" / "fixtures" / "real" / "shared"
# Traditional on purpose: places are compared in the file as received, through the offset map.
TEXT = (
    "二〇二四年，全鎮舉辦法治講座4場，發放宣傳資料1.2萬份，調解糾紛12起，接待來訪群眾30人次，"
    "未發生一起行政訴訟敗訴案件。下一步，計劃舉辦講座6場。"
)


def _mention(text: str, surface: str, code: str | None, value: float, unit: str, **kw: object) -> dict:
    start = text.index(surface)
    return dict.fromkeys(MENTIONS_SCHEMA) | dict(
        report_id="a",
        indicator_code=code,
        label=kw.pop("label", code or "某事项"),
        value=value,
        unit_raw=unit,
        qualifier="exact",
        evidence=text[max(0, start - 8) : start + 8],
        evidence_start=start,
        evidence_end=start + len(surface),
        kind=kw.pop("kind", "level"),
        section_type=kw.pop("section_type", "achievements"),
        is_total=False,
    )


def _gold(file: str, code: str, value: float, evidence: str) -> GoldRow:
    return GoldRow("set", file, code, "标签", value, "", "exact", "high", evidence)


@pytest.fixture(scope="module")
def scored():
    catalogue = load_catalogue()
    norm = normalise(TEXT)
    text = norm.text
    mentions = [
        _mention(text, "4", "lectures", 4, "场"),  # right: a match
        _mention(text, "1.2万", "publicity_materials", 1.2, "份"),  # 万 lost: wrong value
        _mention(text, "12", "legal_consultations", 12, "起"),  # right number, wrong code
        _mention(text, "30", "banners", 30, "人次"),  # nobody labelled this: not a fact
        _mention(text, "6", "lectures", 6, "场", kind="target", section_type="plans"),  # a plan
    ]
    mentions = pl.DataFrame([m | dict(mention_no=i) for i, m in enumerate(mentions)], schema=MENTIONS_SCHEMA)
    facts, unmatched = facts_frame(mentions, catalogue)
    reports = pl.DataFrame(
        [
            dict.fromkeys(REPORTS_SCHEMA)
            | dict(report_id="a", source_path="a.txt", status="loaded", text=text),
            dict.fromkeys(REPORTS_SCHEMA)
            | dict(report_id="b", source_path="b.txt", status="rejected", reject_reason="no town found"),
        ],
        schema=REPORTS_SCHEMA,
    )
    gold = [
        _gold("a.txt", "lectures", 4, "舉辦法治講座4場"),
        _gold("a.txt", "publicity_materials", 12000, "發放宣傳資料1.2萬份"),
        _gold("a.txt", "disputes_mediated", 12, "調解糾紛12起"),
        _gold("a.txt", "lawsuits_lost", 0, "未發生一起行政訴訟敗訴案件"),
        _gold("a.txt", "lectures", 6, "計劃舉辦講座6場"),  # a plan, not an achievement
        _gold("b.txt", "lectures", 2, "讲座2场"),
    ]
    run = Run(reports, mentions, facts, unmatched, {"a.txt": norm})
    return score_run(gold, run, "set")


def _outcome(score, code: str):
    return next(g for g in score.gold if g.row.code == code and g.row.file == "a.txt" and g.row.value != 6)


def test_a_match_is_a_hit_for_both_recalls(scored) -> None:
    g = _outcome(scored, "lectures")
    assert (g.catalogued, g.any_quantity, g.kind, g.any_kind) == (True, True, None, None)


def test_wrong_value_at_the_gold_place(scored) -> None:
    g = _outcome(scored, "publicity_materials")
    assert g.catalogued is False and g.kind == "wrong value"
    assert g.any_kind == "wrong value"
    assert "1.2" in g.detail


def test_wrong_code_is_still_an_any_quantity_hit(scored) -> None:
    g = _outcome(scored, "disputes_mediated")
    assert g.catalogued is False and g.kind == "wrong code"
    assert g.any_quantity is True  # the value was output at that place, under another code


def test_number_not_found_and_the_zero_wording_place(scored) -> None:
    g = _outcome(scored, "lawsuits_lost")
    assert g.row.value == 0 and g.kind == "number not found" and g.any_kind == "number not found"


def test_rejected_file(scored) -> None:
    g = next(g for g in scored.gold if g.row.file == "b.txt")
    assert g.kind == "rejected report" and g.any_kind == "rejected report"
    assert "no town found" in g.detail
    assert scored.rejected == {"set/b.txt": "no town found"}


def test_false_positives_are_told_apart(scored) -> None:
    wrong = {(f.code, f.value): f for f in scored.facts if not f.correct}
    assert set(wrong) == {("publicity_materials", 1.2), ("legal_consultations", 12), ("banners", 30)}
    assert wrong["banners", 30].kind == "not a fact"
    assert wrong["legal_consultations", 12].kind == "wrong code/value"
    assert "disputes_mediated" in wrong["legal_consultations", 12].detail
    assert wrong["publicity_materials", 1.2].kind == "wrong code/value"


def test_the_three_numbers(scored) -> None:
    # high coded rows: lectures hit; publicity, disputes, lawsuits, the plan, b.txt missed -> 1/6
    assert scored.catalogued_recall == (pytest.approx(1 / 6), 1, 6)
    # facts: lectures right; publicity 1.2, consultations 12, banners 30 wrong (the plan is no fact)
    assert scored.precision == (pytest.approx(1 / 4), 1, 4)
    # any quantity (high rows): lectures and disputes hit -> 2/6
    assert scored.any_quantity_recall == (pytest.approx(2 / 6), 2, 6)
    counts = scored.kind_counts()
    assert counts["wrong value"] == (1, 1, 0) and counts["not a fact"] == (0, 0, 1)
    assert counts["wrong code/value"] == (0, 0, 2)
    per = scored.by_indicator()
    assert per["lectures"] == dict(gold=3, tp=1, fn=2, tp_grain=1, extracted=1, fp=0)


def test_a_plan_is_not_kept(scored) -> None:
    g = next(g for g in scored.gold if g.row.code == "lectures" and g.row.value == 6)
    assert g.kind == "not kept" and g.any_kind == "not kept" and "plans" in g.detail


# --- whole pipeline on a folder ---------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    """A seed report (loaded) and a notice that names no report (rejected), with real-format answers."""
    root = tmp_path / "mini"
    (root / "raw").mkdir(parents=True)
    (root / "gold").mkdir()
    seed = REPO / "seeds" / "reports" / "000_0e8ab8da4e11ecb3.txt"
    shutil.copy(seed, root / "raw" / "000_seed.txt")
    (root / "raw" / "001_notice.txt").write_text(
        "关于开展法治讲座的通知\n各村（社区）：\n今年共举办法治讲座7场，请各单位做好准备。\n",
        encoding="utf-8",
    )
    header = ",".join(GOLD_COLUMNS)
    (root / "gold" / "facts.csv").write_text(
        f"{header}\n"
        "000_seed.txt,lectures,法律讲座,4,场,exact,high,举办法律讲座4场\n"
        "000_seed.txt,publicity_materials,宣传资料,5000,份,at_least,high,累计发放宣传资料5000余份\n"
        "001_notice.txt,lectures,法治讲座,7,场,exact,high,举办法治讲座7场\n",
        encoding="utf-8",
    )
    (root / "gold" / "reports.csv").write_text(
        "file,tier,town,town_type,county,report_year,publish_date,script\n"
        "000_seed.txt,township,x,镇,,2023,,simplified\n001_notice.txt,township,y,镇,,2024,,simplified\n",
        encoding="utf-8",
    )
    return root


def test_folder_build_mode_runs_the_pipeline(tmp_path: Path) -> None:
    s = score_folder(_folder(tmp_path), mode="build")
    by_file = {(g.row.file, g.row.code): g for g in s.gold}
    assert by_file["000_seed.txt", "lectures"].catalogued is True
    assert by_file["000_seed.txt", "publicity_materials"].catalogued is True
    notice = by_file["001_notice.txt", "lectures"]
    assert notice.kind == "rejected report" and "not a rule-of-law report" in notice.detail
    assert s.n_files == 2 and list(s.rejected) == ["mini/001_notice.txt"]
    # every extracted fact of the seed report is scored: those the two rows do not cover are FPs
    assert s.precision[1] == 2 and s.precision[2] > 2
    assert "rejected report" in report_text([s])


def test_folder_extraction_mode_loads_rejected_files(tmp_path: Path) -> None:
    s = score_folder(_folder(tmp_path), mode="extraction")
    notice = next(g for g in s.gold if g.row.file == "001_notice.txt")
    assert s.rejected == {}
    assert notice.catalogued is True and notice.any_quantity is True


def test_gold_columns_are_checked(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "facts.csv").write_text("file,value\nx.txt,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks column"):
        read_gold(tmp_path)


def test_shared_set_every_outcome_is_classified() -> None:
    """On the 60 real excerpts: every miss and false positive has exactly one kind, counts add up."""
    build, extraction = (score_folder(SHARED, mode=m) for m in ("build", "extraction"))
    for s in (build, extraction):
        _, hits, n = s.catalogued_recall
        assert n - hits == sum(1 for g in s.gold if g.kind in MISS_KINDS)
        _, hits, n = s.any_quantity_recall
        assert n - hits == sum(1 for g in s.gold if g.any_kind in MISS_KINDS)
        assert all(f.kind in ("not a fact", "wrong code/value") for f in s.facts if not f.correct)
    assert all(g.kind != "rejected report" for g in extraction.gold)
    assert build.rejected and not extraction.rejected
    # loading every file can only add output: recall never drops in the diagnostic mode
    assert extraction.any_quantity_recall[1] >= build.any_quantity_recall[1]


def test_a_second_figure_of_a_code_is_grain_aware_but_not_strict() -> None:
    """The fact grain is report × indicator: the second lectures figure is output hinted with its code,
    so it counts for the grain-aware recall and any-quantity recall, never for the strict recall."""
    catalogue = load_catalogue()
    norm = normalise("全年举办法治讲座4场，另走进校园开展法治授课2场。")
    text = norm.text
    mentions = [
        _mention(text, "4", "lectures", 4, "场"),
        _mention(text, "2", "lectures", 2, "场", label="法治授课"),
    ]
    mentions = pl.DataFrame([m | dict(mention_no=i) for i, m in enumerate(mentions)], schema=MENTIONS_SCHEMA)
    facts, unmatched = facts_frame(mentions, catalogue)
    assert unmatched.select("label", "value", "indicator_hint").rows() == [("法治授课", 2, "lectures")]
    reports = pl.DataFrame(
        [
            dict.fromkeys(REPORTS_SCHEMA)
            | dict(report_id="a", source_path="a.txt", status="loaded", text=text)
        ],
        schema=REPORTS_SCHEMA,
    )
    gold = [
        _gold("a.txt", "lectures", 4, "举办法治讲座4场"),
        _gold("a.txt", "lectures", 2, "开展法治授课2场"),
    ]
    s = score_run(gold, Run(reports, mentions, facts, unmatched, {"a.txt": norm}), "set")
    assert s.catalogued_recall[1:] == (1, 2)
    assert s.grain_aware_recall[1:] == (2, 2)
    assert s.any_quantity_recall[1:] == (2, 2)
    second = next(g for g in s.gold if g.row.value == 2)
    assert second.kind == "not headline" and second.grain_aware is True
    assert s.labels == [("法治授课", "标签")]
    assert s.label_quality == (1, 0, 0)


def test_a_new_code_on_an_uncoded_gold_figure_is_not_judged_elsewhere_it_is_a_false_positive() -> None:
    catalogue = load_catalogue()
    norm = normalise("召开法治建设专题会议3次，召开党委会议听取法治汇报2次，编制权责清单事项80项。")
    text = norm.text
    mentions = [
        _mention(text, "3", "rule_of_law_meetings", 3, "次"),  # gold: uncoded, same value
        _mention(text, "2", "listed_service_items", 2, "次"),  # gold: another (labelled) code
        _mention(text, "80", "lectures", 80, "项"),  # a labelled code on an uncoded row: judged
    ]
    mentions = pl.DataFrame([m | dict(mention_no=i) for i, m in enumerate(mentions)], schema=MENTIONS_SCHEMA)
    facts, unmatched = facts_frame(mentions, catalogue)
    reports = pl.DataFrame(
        [
            dict.fromkeys(REPORTS_SCHEMA)
            | dict(report_id="a", source_path="a.txt", status="loaded", text=text)
        ],
        schema=REPORTS_SCHEMA,
    )
    gold = [
        GoldRow("set", "a.txt", None, "法治建设专题会议", 3, "次", "exact", "high", "法治建设专题会议3次"),
        _gold("a.txt", "rule_of_law_briefings", 2, "听取法治汇报2次"),
        GoldRow("set", "a.txt", None, "权责清单事项", 80, "项", "exact", "high", "权责清单事项80项"),
    ]
    run = Run(reports, mentions, facts, unmatched, {"a.txt": norm})
    s = score_run(
        gold,
        run,
        "set",
        codes=frozenset(
            c for c in catalogue.indicators if c != "rule_of_law_meetings" and c != "listed_service_items"
        ),
    )
    assert [(f.code, f.value) for f in s.unjudged] == [("rule_of_law_meetings", 3)]
    assert {(f.code, f.kind) for f in s.facts} == {
        ("listed_service_items", "wrong code/value"),
        ("lectures", "wrong code/value"),
    }
    assert s.precision == (0.0, 0, 2)
    everything = score_run(gold, run, "set")  # without the labelled codes every fact is judged
    assert everything.unjudged == [] and everything.precision[2] == 3


def test_disputed_rows_are_scored_both_ways_without_editing_the_gold() -> None:
    from bench.real_facts import DISPUTES, read_disputes, resolve_disputes

    disputes = read_disputes(DISPUTES)
    shared = read_gold(SHARED)
    resolved = resolve_disputes(shared, disputes)
    changed = [(a.code, b.code) for a, b in zip(shared, resolved, strict=True) if a != b]
    # every shared dispute (008 and the relabellings' proposals of 2026-12-05 and -06) changes its row's code
    assert len(changed) == sum(1 for k in disputes if k[0] == "shared") >= 15
    assert ("leadership_study_sessions", "cadre_training_sessions") in changed  # 008
    assert read_gold(SHARED) == shared  # the files themselves are untouched
    with pytest.raises(ValueError, match="not found"):
        resolve_disputes(shared, {("shared", "008_qilijiedao_2021.txt", "no such evidence", 4.0, ""): None})
    # a dispute names its row's code too: of two rows sharing evidence and value (参考率、合格率均达100%),
    # only the uncoded participation rate is proposed a code, the pass rate keeps its own
    assert ("law_exam_pass_rate", "law_exam_participation_rate") not in changed
    assert (None, "law_exam_participation_rate") in changed
