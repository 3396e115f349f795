"""A page's address decides between townships of one name when the text names no county."""

from __future__ import annotations

import pytest

from etl.metadata import extract_metadata
from etl.normalise import normalise
from etl.site_host import address_words, spelled

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
