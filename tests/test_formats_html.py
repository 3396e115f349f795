"""Web pages in: each fixture page (six site-platform layouts, bench/gov_pages.py) yields the facts of
its plain-text twin, drops the page chrome, and takes its identity from the meta tags, else the info
box, else the text."""

from __future__ import annotations

import re
from dataclasses import replace

import polars as pl
import pytest

from bench.gov_pages import FIXTURE_PAGES, FixturePage, PageInfo, body_blocks, fixture_page, render_page
from etl.catalogue import load_catalogue
from etl.decode import RejectError
from etl.formats import read_document
from etl.html_doc import read_html
from etl.pipeline import REPORTS_SCHEMA, facts_frame, ingest_one, mentions_frame
from tests.conftest import REPO

CATALOGUE = load_catalogue(REPO / "seeds")
IDS = [fx.name for fx in FIXTURE_PAGES]


def facts(row: dict[str, object]) -> set[tuple[object, ...]]:
    reports = pl.DataFrame([row], schema=REPORTS_SCHEMA, orient="row")
    found, _ = facts_frame(mentions_frame(reports, CATALOGUE), CATALOGUE)
    return set(found.select("indicator_code", "value", "value_high", "qualifier").iter_rows())


def twin_row(fx: FixturePage) -> dict[str, object]:
    return ingest_one(fx.twin, (REPO / fx.twin).read_bytes())


@pytest.mark.parametrize("fx", FIXTURE_PAGES, ids=IDS)
def test_page_yields_the_same_facts_as_its_plain_text_twin(fx: FixturePage) -> None:
    page = ingest_one(f"{fx.name}.html", fixture_page(fx))
    assert page["status"] == "loaded", page["reject_reason"]
    assert page["source_format"] == "html"
    want = facts(twin_row(fx))
    assert len(want) >= 5
    assert facts(page) == want


@pytest.mark.parametrize("fx", FIXTURE_PAGES, ids=IDS)
def test_page_chrome_is_dropped_and_the_title_leads(fx: FixturePage) -> None:
    text = read_document(fixture_page(fx), f"{fx.name}.html").text
    twin = (REPO / fx.twin).read_text(encoding="utf-8")
    assert text.split("\n")[0].replace(" ", "") == fx.info.title.replace(" ", "")
    for chrome in ("网站标识码", "ICP备", "当前位置", "您当前的位置", "您现在的位置", "相关信息", "相关文章",
                   "相关阅读", "热点信息", "索引号", "打印", "政务服务", "扫一扫", "友情链接", "技术支持"):  # fmt: skip
        assert chrome not in text or chrome in twin, (fx.layout, chrome)
    for related in fx.info.related:
        assert related not in text
    for line in body_blocks(twin, fx.title_lines):  # every paragraph of the report is kept
        kept = re.sub(r"\s", "", line.replace(fx.sentence, ""))
        assert kept in re.sub(r"\s", "", text), (fx.layout, line[:30])


@pytest.mark.parametrize("fx", FIXTURE_PAGES, ids=IDS)
def test_table_rows_keep_each_figure_with_its_label(fx: FixturePage) -> None:
    lines = read_document(fixture_page(fx), "p.html").text.split("\n")
    header, *rows = fx.table
    for row in rows:
        words = [c for c in row if not c[:1].isdigit()]
        for col, cell in enumerate(row):
            if cell[:1].isdigit():
                label = words[0] if words else header[col]
                assert any(label in ln and cell in ln for ln in lines), (fx.layout, label, cell)


@pytest.mark.parametrize("fx", FIXTURE_PAGES, ids=IDS)
def test_page_identity_takes_the_pages_metadata(fx: FixturePage) -> None:
    page, twin = ingest_one("p.html", fixture_page(fx)), twin_row(fx)
    assert (page["town"], page["report_year"]) == (twin["town"], twin["report_year"])
    assert page["title"] == fx.info.title
    assert page["publish_date"].isoformat() == fx.info.publish[:10]  # type: ignore[union-attr]
    county = fx.info.publisher.split(str(page["town"]))[0] or twin["county"]
    assert page["county"] == county  # '宝丰县张八桥镇人民政府' names the county the text may not


def test_encodings_declared_undeclared_and_wrongly_declared() -> None:
    hanweb, dl_box = FIXTURE_PAGES[0], FIXTURE_PAGES[3]
    assert b"charset=gb2312" in fixture_page(hanweb)
    assert read_document(fixture_page(hanweb), "a.htm").encoding == "gb18030"
    assert b"charset" not in fixture_page(dl_box)  # GBK, declared nowhere: detected
    assert read_document(fixture_page(dl_box), "b.shtml").encoding == "gb18030"
    lying = fixture_page(hanweb).replace(b"charset=gb2312", b"charset=utf-8")
    doc = read_document(lying, "c.html")
    assert doc.encoding == "gb18030" and "木叶乡" in doc.text
    assert any(n.startswith("html_charset_mismatch:") for n in doc.notes)


# ------------------------------------------------------------------ which source wins for identity

WAFANG = FIXTURE_PAGES[2]  # ucap layout: meta tags, an info box table and a date/source line
META = replace(
    WAFANG.info,
    title="瓦房镇人民政府2024年法治政府建设年度报告",
    publish="2025-03-12 11:20",
    publisher="平城县瓦房镇人民政府",
)
BOX = replace(
    WAFANG.info,
    title="瓦房镇2024年度法治政府建设情况报告",
    publish="2025-03-10 08:00",
    publisher="宁远县瓦房镇人民政府",
)
TEXT_CHROME = "发布时间：2025-03-05 16:40 信息来源：安平县瓦房镇人民政府"


def _wafang_page(layout: str, meta: bool, box: bool) -> dict[str, object]:
    twin = (REPO / WAFANG.twin).read_text(encoding="utf-8")
    blocks = [TEXT_CHROME, *body_blocks(twin, WAFANG.title_lines)]
    data = render_page(layout, BOX, blocks, meta=meta, box=box, meta_info=META)
    row = ingest_one("wafang.html", data)
    assert row["status"] == "loaded", row["reject_reason"]
    return row


@pytest.mark.parametrize(
    ("meta", "box", "want"),
    [
        (True, True, ("瓦房镇人民政府2024年法治政府建设年度报告", "2025-03-12", "平城县")),  # meta tags
        (False, True, ("瓦房镇2024年度法治政府建设情况报告", "2025-03-10", "宁远县")),  # info box
        (False, False, ("瓦房镇2024年度法治政府建设情况报告", "2025-03-05", "安平县")),  # the text
    ],
    ids=["meta-tags-win", "else-info-box", "else-text"],
)
def test_title_date_and_publisher_from_meta_else_box_else_text(
    meta: bool, box: bool, want: tuple[str, str, str]
) -> None:
    """ucap renders BOX's title as the page heading, so without meta and box the title is the text's."""
    row = _wafang_page("ucap", meta, box)
    assert (row["title"], row["publish_date"].isoformat(), row["county"]) == want  # type: ignore[union-attr]
    assert row["town"] == "瓦房镇" and row["report_year"] == 2024


def test_box_fields_read_in_every_layout() -> None:
    """Info boxes as td pairs, <li><b>key：</b>value, <dt>/<dd>, and spans without colons."""
    for fx in FIXTURE_PAGES[:5]:
        _text, _enc, meta, _ = read_html(fixture_page(fx, meta=False))
        assert meta.get("publisher") == fx.info.publisher, fx.layout
        assert meta.get("publish_date") == fx.info.publish[:10], fx.layout
        assert meta.get("index_no") == fx.info.index_no, fx.layout
    _text, _enc, meta, _ = read_html(fixture_page(FIXTURE_PAGES[1]))
    assert meta["doc_number"] == "张政〔2024〕6号"
    assert meta["site_name"] == "宝丰县人民政府" and meta["column"] == "法治政府建设年度报告"


# ------------------------------------------------------------------------------- pages with no text

EMPTY_PAGES = {
    "script-built": b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>\xe6\x8a\xa5\xe5\x91\x8a</title>'
    b'<script>location.href="/content_1.html";</script></head><body><div id="app"></div></body></html>',
    "frameset": b"<html><head><title>x</title></head><frameset cols='20%,80%'><frame src='nav.html'>"
    b"<frame src='main.html'></frameset></html>",
    "navigation only": render_page(
        "hanweb",
        PageInfo(title="无标题", publish="2025-01-01 00:00", publisher="某镇人民政府", site="某县人民政府"),
        [],
    ),
}


@pytest.mark.parametrize("name", list(EMPTY_PAGES))
def test_page_without_body_text_is_rejected_with_its_reason(name: str) -> None:
    with pytest.raises(RejectError, match=r"^HTML page with no body text"):
        read_document(EMPTY_PAGES[name], f"{name}.html")
    row = ingest_one(f"{name}.html", EMPTY_PAGES[name])
    assert row["status"] == "rejected" and row["source_format"] == "html"
    assert "\n" not in row["reject_reason"]  # type: ignore[operator]
