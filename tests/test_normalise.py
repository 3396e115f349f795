"""Normalisation: one script, ASCII digits, no chrome, paragraphs kept, offsets traceable to the original."""

from __future__ import annotations

from pathlib import Path

from etl.normalise import is_chrome, is_traditional, normalise

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_fullwidth_digits_percent_and_point_become_ascii_but_fullwidth_comma_stays() -> None:
    n = normalise("出庭应诉率１００％，调解纠纷１，２００件，增长３．５个百分点。")
    assert n.text == "出庭应诉率100%，调解纠纷1，200件，增长3.5个百分点。"


def test_odd_spaces_and_word_leftovers() -> None:
    raw = "\u3000\u3000一、主要举措[bookmark: _GoBack]\n发放\u00a0资料\u2002500份[]{#_GoBack .anchor}\u200b。  \n"
    assert normalise(raw).text == "一、主要举措\n发放 资料 500份。"


def test_pinyin_printed_after_characters_is_a_reading_aid_not_text() -> None:
    """Some mirror sites print a tone-marked reading after many characters (關(guān)刀鎮(zhèn)): it goes,
    and offsets still point into the page; a bracketed label or unmarked Latin text stays."""
    raw = "今年以来,关(guān)刀镇(zhèn)调(tiáo)解纠纷(fēn)12起,(a)类案件(一)3件,设立(APP)平台1个。"
    n = normalise(raw)
    assert n.text == "今年以来,关刀镇调解纠纷12起,(a)类案件(一)3件,设立(APP)平台1个。"
    start = n.text.index("调解纠纷12起")
    a, b = n.to_original(start, start + len("调解纠纷12起"))
    assert raw[a:b] == "调(tiáo)解纠纷(fēn)12起"
    assert normalise("關(guān)刀鎮(zhèn)調(diào)解糾紛12起。").text == "关刀镇调解纠纷12起。"


def test_chrome_lines_leave_the_body_and_are_returned() -> None:
    raw = (
        "首页 > 政务公开 > 法治政府建设\n"
        "XX镇2024年法治政府建设情况报告\n"
        "发布时间：2025-02-18 10:00  信息来源：某县某镇  浏览次数：356\n"
        "索引号：431224/2025-00012\n"
        "【字体：大 中 小】\n"
        "正文第一段。\n"
        "分享到：\n"
        "【打印本页】【关闭窗口】\n"
    )
    n = normalise(raw)
    assert n.text == "XX镇2024年法治政府建设情况报告\n正文第一段。"
    assert n.chrome[0].startswith("首页 >")
    assert any("信息来源：某县某镇" in c for c in n.chrome)
    assert len(n.chrome) == 6


def test_body_lines_that_merely_mention_chrome_words_stay() -> None:
    for line in ("来源于群众的诉求，我们及时办理。", "一、字号清晰的公示栏已全覆盖", "首页面改版"):
        assert not is_chrome(line), line


def test_paragraphs_kept_and_blank_runs_collapsed() -> None:
    raw = "第一段\r\n第二段\r\n\r\n\r\n\r\n第三段\n   \n\t\n第四段\n\n\n"
    assert normalise(raw).text == "第一段\n第二段\n\n第三段\n\n第四段"


def test_only_traditional_text_is_converted_and_script_recorded() -> None:
    trad = (FIXTURES / "13_traditional.txt").read_text(encoding="utf-8")
    simp = (FIXTURES / "13_simplified_source.txt").read_text(encoding="utf-8")
    assert is_traditional(trad) and not is_traditional(simp)
    assert normalise(trad).script == "traditional"
    assert normalise(simp).script == "simplified"
    # one Traditional quotation inside a Simplified report does not make it Traditional
    mixed = simp + "\n引用原文：「法治國家、法治政府、法治社會一體建設」。\n"
    assert normalise(mixed).script == "simplified"


def test_offsets_map_back_to_the_original_text() -> None:
    raw = "\ufeff\u3000\u3000发布时间：2025-01-01\n\n\n一、2024年[bookmark: _GoBack]主要  成效\n发放资料５０００余份。\n"
    n = normalise(raw)
    for needle, original in (("5000余份", "５０００余份"), ("主要", "主要"), ("一、2024年", "一、2024年")):
        start = n.text.index(needle)
        a, b = n.to_original(start, start + len(needle))
        assert raw[a:b] == original
    start = n.text.index("成效")
    a, b = n.to_original(start, start + 2)
    assert raw[a:b] == "成效"  # the extra space before it was deleted, the map still points right


def test_offsets_map_back_in_a_traditional_report() -> None:
    raw = (FIXTURES / "13_traditional.txt").read_text(encoding="utf-8")
    n = normalise(raw)
    start = n.text.index("发放宣传资料3500余份")
    a, b = n.to_original(start, start + len("发放宣传资料3500余份"))
    assert raw[a:b] == "發放宣傳資料3500餘份"


def test_offsets_of_every_seed_evidence_map_back_exactly() -> None:
    """Every character of the normalised seeds maps to an original character equal up to the 1:1 rules."""
    from etl.normalise import ONE_TO_ONE

    for path in sorted((Path(__file__).parents[1] / "seeds" / "reports").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        n = normalise(raw)
        if n.script != "simplified":
            continue
        for i, ch in enumerate(n.text):
            if ch == "\n":
                continue
            a, b = n.to_original(i, i + 1)
            assert raw[a:b].translate(ONE_TO_ONE) == ch, (path.name, i)


def test_script_detector_on_simplified_traditional_and_mixed_texts() -> None:
    simplified = (
        "2023年，我街道坚持以习近平法治思想为指导，著力推进依法行政，乾隆年间修建的古驿站改造为法治文化广场。"
        "全年开展送法进村（社区）活动24场，发放宣传资料6000余份，干部职工参加学法考试合格率100%。"
    )
    traditional = (
        "2023年，本鄉堅持以習近平法治思想為指導，紮實推進依法行政。全年開展「送法進村」活動24場，"
        "發放宣傳資料6000餘份，調解矛盾糾紛86起，調解成功率98%，幹部職工學法考試合格率達百分之百。"
    )
    assert not is_traditional(simplified)  # 著, 乾 and 干 are Simplified characters too
    assert is_traditional(traditional)
    # a Simplified report quoting a Traditional slogan stays Simplified ...
    assert not is_traditional(simplified * 3 + "引用：「建設法治國家」。")
    # ... while a Traditional report with a few Simplified phrases pasted in is still Traditional
    assert is_traditional(traditional + "（附：法治政府建设实施纲要）")
    assert not is_traditional("2023年 100% 5000份")  # no Chinese characters to judge by
    assert normalise(traditional).text.startswith("2023年，本乡坚持以习近平法治思想为指导")
