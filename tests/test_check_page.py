"""bench.check_page: the collector's check of a page's address and text against the corpus."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench import check_page
from tests.conftest import REPO

DEV = REPO / "tests" / "fixtures" / "real" / "dev"
SHARED = REPO / "tests" / "fixtures" / "real" / "shared"


def _first_source() -> dict[str, str]:
    with (DEV / "SOURCES.tsv").open(encoding="utf-8") as fh:
        return next(csv.DictReader(fh, delimiter="\t"))


def test_a_collected_address_is_known_however_it_is_written(capsys: pytest.CaptureFixture[str]) -> None:
    url = _first_source()["url"]
    variant = url.replace("https://", "http://").replace("http://www.", "http://") + "/"
    assert check_page.main([variant, "--shared", str(SHARED)]) == 3
    assert "KNOWN" in capsys.readouterr().out


def test_a_held_out_address_is_refused_before_anything_else(tmp_path: Path) -> None:
    url = "https://example.gov.cn/held/1.html"
    (tmp_path / "HELD_OUT_URL_SHA256.txt").write_text(check_page.url_digest(url) + "\n")
    assert check_page.main([url, "--shared", str(tmp_path)]) == 2
    assert check_page.main(["https://example.gov.cn/new/2.html", "--shared", str(tmp_path)]) == 0


def test_a_held_out_page_is_refused_under_any_of_its_addresses(tmp_path: Path) -> None:
    """The big5 gateway twin (/gate/big5/<host>/<path>), the other scheme, www. or a trailing slash is the
    same held page: a collector must not open it either; a gateway twin of a collected page is KNOWN."""
    url = "https://www.beijing.gov.cn/gongkai/fzzfjsbg/qzf/1.html"
    (tmp_path / "HELD_OUT_URL_SHA256.txt").write_text(check_page.url_digest(url) + "\n")
    for twin in (
        "https://www.beijing.gov.cn/gate/big5/www.beijing.gov.cn/gongkai/fzzfjsbg/qzf/1.html",
        "http://beijing.gov.cn/gongkai/fzzfjsbg/qzf/1.html/",
    ):
        assert check_page.main([twin, "--shared", str(tmp_path)]) == 2
    assert (
        check_page.main(["https://www.beijing.gov.cn/gongkai/fzzfjsbg/qzf/2.html", "--shared", str(tmp_path)])
        == 0
    )
    gate = next(
        r["url"]
        for r in csv.DictReader((DEV / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t")
        if "/gate/big5/" in r["url"]
    )
    plain = "https://" + gate.split("/gate/big5/", 1)[1]
    assert check_page.main([plain, "--shared", str(SHARED)]) == 3


def test_the_same_report_is_refused_and_stock_wording_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of a collected report (here in Traditional script) is the same report; a new text that
    shares one stock sentence with many reports is not."""
    source = _first_source()
    text = (DEV / "raw" / source["file"]).read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace("镇", "鎮").replace("区", "區").replace("发", "發"), encoding="utf-8")
    assert check_page.main(["https://mirror.example.com/a.html", str(copy), "--shared", str(SHARED)]) == 4
    assert source["file"] in capsys.readouterr().out
    stock = tmp_path / "stock.txt"
    stock.write_text(
        "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。"
        "2024年，青禾镇全年开展法治宣传活动17场，调解矛盾纠纷61起，办理法律援助案件4件，"
        "组织镇村干部学法9次，村居法律顾问参与议事23次，审查合同11份。",
        encoding="utf-8",
    )
    assert check_page.main(["https://example.gov.cn/b.html", str(stock), "--shared", str(SHARED)]) == 0


def test_a_claimed_address_is_reported_as_claimed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = tmp_path / "CLAIMS.tsv"
    claims.write_text(
        "url\thelper\tbody\tyear\nhttps://example.gov.cn/c.html\tv\t某镇\t2024\n", encoding="utf-8"
    )
    args = ["http://example.gov.cn/c.html", "--shared", str(SHARED), "--claims", str(claims)]
    assert check_page.main(args) == 0
    assert "CLAIMED by v" in capsys.readouterr().out
