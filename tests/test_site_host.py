"""A page's address decides between townships of one name when the text names no county, and dates a page
whose text shows no date."""

from __future__ import annotations

import pytest

from etl.metadata import extract_metadata
from etl.normalise import normalise
from etl.site_host import address_date, address_words, spelled

TEXT = "西岗镇2025年法治政府建设情况报告\n2025年，西岗镇坚持以习近平法治思想为指导，全年开展普法活动12场。\n"


@pytest.mark.parametrize(
    ("url", "county", "prefecture"),
    [
        ("http://www.tengzhou.gov.cn/zwgk/xxgkml/202601/t1.html", "滕州市", "枣庄市"),  # whole pinyin
        ("http://fl.gov.cn/jz/zfx/202301/t2.html", "涪陵区", "重庆市"),  # initials
        ("http://www.ptxy.gov.cn/zfxxgkzl/t3.htm", "秀屿区", "莆田市"),  # prefecture + county initials
        ("http://www.gddongyuan.gov.cn/dyzw/post_1.html", "东源县", "河源市"),  # inside a longer label
        ("http://admin.yzcity.gov.cn:8888/nyx/fzzfjs/1.shtml", "宁远县", "永州市"),  # a path part
        ("https://www.znzf.gov.cn/xxgk/1.html", "中宁县", "中卫市"),  # the county's 政府
    ],
)
def test_an_address_spells_its_county(url: str, county: str, prefecture: str) -> None:
    assert spelled(county, prefecture, address_words(url))


def test_other_counties_and_short_path_parts_are_not_spelled() -> None:
    assert not spelled("淇县", "鹤壁市", address_words("http://www.tengzhou.gov.cn/zwgk/1.html"))
    # a two-letter path part is a column name (gk, xw), not a county's initials
    assert not spelled("淇县", "鹤壁市", address_words("http://www.example.gov.cn/qx/1.html"))
    assert address_words(None) == (frozenset(), frozenset())
    assert address_words("not a url")[0] == frozenset()  # no host: nothing a host could spell


def test_the_address_decides_between_townships_of_one_name() -> None:
    text = normalise(TEXT).text
    assert extract_metadata(text).division_code is None  # 滕州市 and 淇县 both have a 西岗镇
    given = {"url": "http://www.tengzhou.gov.cn/zwgk/xxgkml/zj/xgz/202601/t20260129_1.html"}
    meta = extract_metadata(text, given=given)
    assert (meta.town, meta.county, meta.division_code) == ("西岗镇", "滕州市", "370481106")
    other = extract_metadata(text, given={"url": "http://www.example.gov.cn/news/1.html"})
    assert other.division_code is None and any(n.startswith("ambiguous_town") for n in other.notes)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://cqyz.gov.cn/zwgk_229/yzq_fzzfjsndbg/202503/t20250328_14462423.html", "2025-03-28"),  # TRS
        ("http://www.xianggelila.gov.cn/qitawenjian/202502/20250226_223999.html", "2025-02-26"),
        ("https://pc.gov.cn/cms/html/pcxrmzf/2025-03-12/95905440.html", "2025-03-12"),
        ("http://www.luoning.gov.cn/2024/03-25/3036201.html", "2024-03-25"),
        ("http://www.xiangshan.gov.cn/art/2023/2/21/art_1229682928_4183931.html", "2023-02-21"),  # Hanweb
        ("http://www.suixi.gov.cn/gzzwz/ygzrmzf/zwgk/content/post_1993864.html", None),  # no date
        ("https://www.wz.gov.cn/fzzfjsndbg/202601/", None),  # a month alone is no day
        ("http://x.gov.cn/202613/t20261399_1.html", None),  # no such day
        (None, None),
    ],
)
def test_an_address_dates_its_page(url: str | None, day: str | None) -> None:
    assert address_date(url) == day


def test_the_address_dates_a_report_only_when_its_text_shows_no_date() -> None:
    text = normalise(TEXT).text
    url = "http://www.tengzhou.gov.cn/zwgk/xxgkml/zj/xgz/202601/t20260129_1.html"
    assert extract_metadata(text).publish_date is None
    meta = extract_metadata(text, given={"url": url})
    assert meta.publish_date == "2026-01-29"
    assert "publish_date_from_address: 2026-01-29 (the text states none)" in meta.notes
    dated = normalise(TEXT + "西岗镇人民政府\n2026年2月3日\n").text  # a signed date wins
    meta = extract_metadata(dated, given={"url": url})
    assert meta.publish_date == "2026-02-03" and not any("from_address" in n for n in meta.notes)
