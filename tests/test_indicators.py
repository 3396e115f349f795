"""Indicator matching on sentences written in the style of real reports (tests/fixtures/extraction)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import polars as pl
import pytest

from etl.catalogue import load_catalogue
from etl.indicators import label_for
from tests.conftest import SEEDS_REPORTS
from tests.extraction_support import catalogue, extract

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extraction"


def _sentences() -> dict[str, set[tuple[str, float, float | None, str]]]:
    expected: dict[str, set[tuple[str, float, float | None, str]]] = defaultdict(set)
    with (FIXTURES / "sentences.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            facts = expected[r["sentence"]]
            if r["code"]:
                high = float(r["value_high"]) if r["value_high"] else None
                facts.add((r["code"], float(r["value"]), high, r["qualifier"]))
    return expected


SENTENCES = _sentences()


@pytest.mark.parametrize("sentence", list(SENTENCES), ids=lambda s: s[:14])
def test_sentence_gives_exactly_its_facts(sentence: str) -> None:
    x = extract(sentence)
    got = set(x.facts.select("indicator_code", "value", "value_high", "qualifier").iter_rows())
    assert got == SENTENCES[sentence]


def test_fixture_covers_every_category_and_enough_sentences() -> None:
    with (FIXTURES / "sentences.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    cat = load_catalogue()
    categories = {cat.indicators[r["code"]].category for r in rows if r["code"]}
    assert categories == {i.category for i in cat.indicators.values()}
    assert len(SENTENCES) >= 30
    assert sum(1 for facts in SENTENCES.values() if not facts) >= 8  # distractors


def test_object_after_the_number_wins_over_words_before() -> None:
    x = extract("对辖区内41名刑满释放人员和5名社区矫正对象进行动态跟踪管理。")
    assert x.fact_set() == {
        ("released_prisoners_managed", 41, "exact"),
        ("community_correction_subjects", 5, "exact"),
    }


def test_head_noun_after_the_number() -> None:
    x = extract("一体推进18个村的公共法律服务室运行。")
    assert x.fact_set() == {("legal_service_rooms", 18, "exact")}


def test_a_restated_fact_is_one_fact_with_two_mentions() -> None:
    para = "镇行政执法人员年度法治培训参与率达100%，各种法治考试合格率达100%。"
    x = extract(para + "\n" + "其他工作。\n" + para)
    assert x.fact_set() == {
        ("training_participation_rate", 100, "exact"),
        ("law_exam_pass_rate", 100, "exact"),
    }
    assert x.facts["mention_count"].to_list() == [2, 2]


def test_the_total_wins_over_a_part() -> None:
    x = extract("为学生定制10场普法宣传，全年共开展各类法治宣传20场次。")
    assert x.fact_set() == {("publicity_events", 20, "exact")}
    assert x.facts["mention_count"].to_list() == [1]


def test_plans_and_problems_sections_give_no_facts() -> None:
    report = (
        "某某镇2024年法治政府建设情况报告\n"
        "一、主要举措和成效\n全年共开展行政执法检查30次，发放宣传资料800份。\n"
        "二、存在的问题\n一是仍有3名执法人员未取得执法证，全年仅开展执法培训1期。\n"
        "三、下一步工作计划\n计划举办法治讲座10场，发放宣传资料2000份，实现调解成功率98%。\n"
    )
    x = extract(report)
    assert x.fact_set() == {("enforcement_inspections", 30, "exact"), ("publicity_materials", 800, "exact")}
    sections = dict(x.mentions.select("value", "section_type").iter_rows())
    assert sections[3] == "problems" and sections[2000] == "plans"
    assert x.unmatched.is_empty()  # targets are not 'unmatched quantities' either


def test_unmatched_quantity_gets_a_jieba_label_with_domain_words_whole() -> None:
    x = extract("全镇行政执法车辆配备5辆。")
    assert x.facts.is_empty()
    assert x.unmatched.height == 1
    label = x.unmatched["label"][0]
    assert "行政执法" in label or "车辆" in label


def test_jieba_keeps_domain_terms_whole() -> None:
    import jieba

    label_for("开展社区矫正", "", "次", catalogue().jieba_dict)  # initialises jieba with the seeds dict
    for term in ("行政执法", "社区矫正", "持证上岗率", "法律明白人", "人民调解"):
        assert term in jieba.lcut(f"全面加强{term}工作", HMM=False)


def test_mentions_carry_kind_section_and_offsets() -> None:
    x = extract("全年调解矛盾纠纷129件。")
    row = x.mentions.row(0, named=True)
    assert (row["indicator_code"], row["kind"], row["section_type"], row["is_total"]) == (
        "disputes_mediated",
        "level",
        "other",
        True,
    )
    assert x.text[row["evidence_start"] : row["evidence_end"]] == "129"


def test_alias_file_errors_are_clear(tmp_path: Path) -> None:
    seeds = tmp_path
    (seeds / "indicators.csv").write_text(
        (Path(__file__).resolve().parents[1] / "seeds" / "indicators.csv").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (seeds / "indicator_aliases.csv").write_text(
        "code,position,keywords,units,requires,vetoes,priority\nno_such_code,any,讲座,场,,,0\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="no_such_code"):
        load_catalogue(seeds)
    (seeds / "indicator_aliases.csv").write_text(
        "code,position,keywords,units,requires,vetoes,priority\nlectures,beside,讲座,场,,,0\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="position"):
        load_catalogue(seeds)


def test_a_new_synonym_is_data_not_code(tmp_path: Path) -> None:
    seeds_src = Path(__file__).resolve().parents[1] / "seeds"
    for name in ("indicators.csv", "number_exclusions.csv", "zero_wordings.csv", "indicator_aliases.csv"):
        (tmp_path / name).write_text((seeds_src / name).read_text(encoding="utf-8"), encoding="utf-8")
    sentence = "全年举办法治沙龙7场。"
    assert extract(sentence).facts.is_empty()
    with (tmp_path / "indicator_aliases.csv").open("a", encoding="utf-8") as fh:
        fh.write("lectures,any,法治沙龙,场,,,0\n")
    cat = load_catalogue(tmp_path)
    from etl.pipeline import facts_frame, mentions_frame

    reports = pl.DataFrame({"report_id": ["r"], "status": ["loaded"], "text": [sentence]})
    facts, _ = facts_frame(mentions_frame(reports, cat), cat)
    assert facts.select("indicator_code", "value").rows() == [("lectures", 7)]


def test_change_label_says_what_changed() -> None:
    x = extract("累计办理依申请公开事项9件，同比下降6个百分点。")
    assert x.fact_set() == {("disclosure_requests", 9, "exact")}
    assert x.unmatched.select("label", "value", "kind").rows() == [
        ("依申请公开事项同比下降", 6, "change")  # the noun, without its verb
    ]


def test_the_prefix_dictionary_given_to_jieba_is_the_one_jieba_builds_itself() -> None:
    """etl.dictionary reads jieba's word list itself (no temp-folder dump); segmentation must not change."""
    import jieba

    from etl.dictionary import _read

    freq, total, short = _read.__wrapped__()  # a fresh reading (the cached one has the user words)
    own_freq, own_total = jieba.Tokenizer().gen_pfdict(jieba.dt.get_dict_file())
    assert total == own_total
    assert freq == own_freq
    assert short["调解"][1].startswith("v") and max(map(len, short)) == 4


def test_the_parsed_word_list_is_cached_once_and_survives_a_broken_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing jieba's word list costs ~0.85 s per process; the parse is kept as one marshal file and
    read back instead. A corrupt or unwritable cache falls back to parsing, never to an error."""
    import jieba

    from etl import dictionary

    word_list = Path(jieba.__file__).with_name("dict.txt")
    cache = tmp_path / "cache"
    first = dictionary.load(word_list, cache)
    files = sorted(cache.iterdir())
    assert [f.name.split(".", 1)[1] for f in files] == ["freq.marshal", "short.marshal"]  # no temp file left
    assert dictionary.load_short(word_list, cache) == first[2]  # one part alone

    def no_parse(_: Path) -> None:
        raise AssertionError("parsed again although the cache holds this word list")

    with monkeypatch.context() as m:
        m.setattr(dictionary, "_parse", no_parse)
        assert dictionary.load(word_list, cache) == first

    for part in files:
        part.write_bytes(part.read_bytes()[:1000])  # cut short, e.g. by a full disk
        assert dictionary.load(word_list, cache) == first
        assert len(part.read_bytes()) > 1000  # rewritten whole

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")  # the cache folder cannot be created
    assert dictionary.load(word_list, blocked) == first
    assert blocked.read_text() == "x"


@pytest.mark.parametrize("switch_after", [10**9, 50])
def test_the_lazy_prefix_dictionary_segments_exactly_as_the_whole_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch_after: int
) -> None:
    """A one-report build reads jieba's dictionary word by word from SQLite instead of loading 500,000
    words (~0.4 s): every segmentation must be the same, with the domain words added, before and after
    it switches to the whole dictionary."""
    import jieba

    from etl import dictionary
    from etl.catalogue import load_catalogue

    freq, total, _ = dictionary._read.__wrapped__()
    db = tmp_path / "dict.sqlite"
    dictionary._write_sqlite_table(db, "freq", freq.items(), total)
    whole, lazy = jieba.Tokenizer(), jieba.Tokenizer()
    whole.FREQ, whole.total, whole.initialized = dict(freq), total, True
    monkeypatch.setattr(dictionary.LazyFreq, "SWITCH_AFTER", switch_after)
    monkeypatch.setattr(dictionary, "_read", lambda: (dict(freq), total, {}))
    lazy.FREQ = dictionary.LazyFreq(db, lazy)
    lazy.total, lazy.initialized = lazy.FREQ.total, True
    user_dict = load_catalogue().jieba_dict
    for t in (whole, lazy):
        t.load_userdict(str(user_dict))
    assert lazy.total == whole.total
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_REPORTS.glob("*.txt"))]
    windows = [t[i : i + 14] for t in texts for i in range(0, len(t) - 14, 37)]
    assert len(windows) > 300
    assert [lazy.lcut(w, HMM=False) for w in windows] == [whole.lcut(w, HMM=False) for w in windows]
    assert isinstance(lazy.FREQ, dict) == (switch_after < 10**9)  # switched to the whole dictionary


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("全镇行政执法人员持证比例达到100%。", "enforcement_certification_rate"),  # 持证率
        ("重大决策事项集体讨论决定的比例为100%。", "collective_decision_rate"),  # 集体讨论决定率
        ("机关干部参训比例达到96%。", "training_participation_rate"),  # 参训率
    ],
)
def test_a_rate_keyword_also_matches_its_share_wording(sentence: str, code: str) -> None:
    """X率 is as often written X比例 / X的比例: percentage rules accept both without extra aliases."""
    x = extract(sentence)
    assert x.facts["indicator_code"].to_list() == [code]


def test_share_wordings_are_only_added_to_percentage_rules() -> None:
    from etl.catalogue import _rule

    rate = _rule({"code": "x", "keywords": "结案率|结案", "units": "%"}, "test")
    count = _rule({"code": "x", "keywords": "结案率|结案", "units": "件"}, "test")
    assert rate.keywords == ("结案率", "结案", "结案比例", "结案的比例")
    assert count.keywords == ("结案率", "结案")


@pytest.mark.parametrize("switch_after", [10**9, 500])
def test_lazy_short_words_answer_as_the_whole_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch_after: int
) -> None:
    """The place-name test of one report looks words up in an SQLite copy of jieba's short words
    instead of loading all of them (~0.19 s): every answer, present or absent, must be the dict's,
    before and after it switches to the whole dictionary."""
    from etl import dictionary

    short = dictionary.short_words()
    db = tmp_path / "short.sqlite"
    dictionary._write_sqlite_table(db, "short", ((w, n, t) for w, (n, t) in short.items()), None)
    monkeypatch.setattr(dictionary.LazyShort, "SWITCH_AFTER", switch_after)
    lazy = dictionary.LazyShort(db)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_REPORTS.glob("*.txt"))]
    words = [t[i : i + k] for t in texts for i in range(0, len(t) - 4, 7) for k in (2, 3, 4)]
    assert sum(w in short for w in words) > 300  # the sample holds dictionary words and others
    assert [lazy.get(w) for w in words] == [short.get(w) for w in words]
    assert [w in lazy for w in words] == [w in short for w in words]
    assert (lazy._full is not None) == (switch_after < 10**9)


def test_a_family_naming_an_unknown_code_is_refused_with_its_line(tmp_path: Path) -> None:
    """seeds/indicator_families.csv is reference data: a row naming a code the catalogue lacks stops
    the catalogue from loading, with the file and line, rather than coding figures with nothing."""
    seeds_src = Path(__file__).resolve().parents[1] / "seeds"
    for name in ("indicators.csv", "indicator_aliases.csv"):
        (tmp_path / name).write_text((seeds_src / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "indicator_families.csv").write_text(
        "umbrella,members,requires,why\nlegality_reviews,contracts_reviewed|decisions_checked,审查,typo\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"indicator_families.csv:2: .*decisions_checked"):
        load_catalogue(tmp_path)
    (tmp_path / "indicator_families.csv").write_text(
        "umbrella,members,requires,why\nlegality_reviews,contracts_reviewed|major_decisions_reviewed,审查,ok\n",
        encoding="utf-8",
    )
    assert [f.umbrella for f in load_catalogue(tmp_path).families] == ["legality_reviews"]


def test_a_clause_reaches_back_to_its_break_but_no_further_than_its_limit() -> None:
    """The clause before a figure starts after the last break, however far (a list of titles runs past
    the 80-character look-back), but a run with no break at all (a flattened table, a page without
    punctuation) is cut at CLAUSE_MAX: it would otherwise be every figure's clause."""
    from etl.indicators import CLAUSE_MAX, _clause_start

    run = "推动各项工作落到实处" * 30  # 300 characters, no break
    text = f"前文，{run}3次"
    assert _clause_start(text, len(text) - 2, 0) == len("前文，")
    long_run = "推动各项工作落到实处" * 100
    text = f"前文，{long_run}3次"
    pos = len(text) - 2
    assert _clause_start(text, pos, 0) == pos - CLAUSE_MAX


def test_a_figure_in_a_run_without_punctuation_keeps_a_bounded_sentence() -> None:
    """A run with no sentence end (a flattened table, a page without punctuation) is no sentence: each
    figure's evidence is the SENTENCE_MAX characters around it, and it still holds the figure."""
    from etl.indicators import SENTENCE_MAX, extract_mentions

    text = "开展学习" + "".join(f"法治宣传活动{i}次与" for i in range(400)) + "。"
    mentions = extract_mentions(text, load_catalogue())
    assert len(mentions) == 400
    assert all(len(m.evidence) <= SENTENCE_MAX + 4 for m in mentions)
    last = mentions[-1]
    assert f"{int(last.value)}次" in last.evidence and text[last.start : last.end] in last.evidence
    short = extract_mentions("全年开展法治宣传活动12次，发放资料300份。", load_catalogue())
    assert {m.evidence for m in short} == {"全年开展法治宣传活动12次，发放资料300份。"}


def test_every_rule_with_a_keyword_present_is_looked_at_overlapping_ones_too() -> None:
    """The keyword automaton (speed only) must keep every rule a search per rule would keep: 学法
    inside 专题学法, 培训 inside 培训班, in the words before or after the number."""
    from etl.indicators import _rules_for, _rules_present  # noqa: PLC0415

    rules = _rules_for(catalogue())
    for unit, before, after in (
        ("次", "党委中心组专题学法", ""),
        ("期", "", "培训班"),
        ("场", "开展法治讲座", ""),
    ):
        present = _rules_present(rules.present_rules[unit], before, after)
        expected = {
            id(r)
            for r in rules.by_unit[unit]
            if "*" not in r.keywords and any(k in before or k in after for k in r.keywords)
        }
        assert present == expected and expected, (unit, before, after)
