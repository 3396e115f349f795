"""Report identity: the five seeds against gold, and report styles written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.head import field_date, find_date, read_head, signature_lines, years_in
from etl.metadata import extract_metadata, orgs_in
from etl.normalise import normalise
from etl.pipeline import ingest_one
from etl.sections import split_sections
from tests.conftest import SEEDS_REPORTS, read_gold

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOLD = read_gold("seed_reports.csv")


def _row(path: Path) -> dict[str, object]:
    return ingest_one(path.name, path.read_bytes())


@pytest.mark.parametrize("gold", GOLD, ids=[g["report_file"] for g in GOLD])
def test_seed_identity_matches_gold(gold: dict[str, str]) -> None:
    row = _row(SEEDS_REPORTS / gold["report_file"])
    assert row["status"] == "loaded", row["reject_reason"]
    got = {
        "town": row["town"],
        "town_type": row["town_type"],
        "county": row["county"] or "",
        "report_year": str(row["report_year"]),
        "publish_date": row["publish_date"].isoformat() if row["publish_date"] else "",
        "script": row["script"],
        "sections": "|".join(s.section_type for s in split_sections(str(row["text"]), row["report_year"])),
    }
    want = {k: gold[k] for k in got}
    if gold["report_file"] in REGISTERED_ONCE:
        # the gold records what the text says; a county the text leaves out comes from the register when
        # the town's name is registered once, as the real-report scorer allows too
        want["county"], code = REGISTERED_ONCE[gold["report_file"]]
        assert row["division_code"] == code
    assert got == want


# Seeds whose text never names the county, and whose town name the 2023 register holds once:
# file -> (county, division code), looked up by name in seeds/register/streets.csv.
REGISTERED_ONCE = {
    "000_0e8ab8da4e11ecb3.txt": ("酉阳土家族苗族自治县", "500242207"),  # 木叶乡
    "002_f82477565849e862.txt": ("洮南市", "220881100"),  # 瓦房镇
}


# Reports written for these tests in the styles towns use (see tests/fixtures/ingest/).
# file: (town, town_type, county, level, report_year, publish_date, sections)
STYLES = {
    "01_jiedao_banshichu.txt": ("桂花街道", "街道", "东城区", "township", 2024, None,
                                "achievements|leader_duty|problems|plans"),
    "02_minzuxiang.txt": ("青溪瑶族乡", "乡", "江华瑶族自治县", "township", 2024, None,
                          "achievements|leader_duty|problems|plans"),
    "03_guanyu_cn_year_signature.txt": ("白石镇", "镇", None, "township", 2024, "2025-01-15",
                                        "achievements|problems|plans"),
    "04_addressee.txt": ("高唐镇", "镇", "将乐县", "township", 2024, "2025-02-20", "achievements|problems|plans"),
    "05_no_title.txt": ("石门乡", "乡", None, "township", 2024, "2025-01-20", "achievements|problems|plans"),
    "06_county_level.txt": ("沅陵县", "县", "沅陵县", "county", 2024, None, "achievements|problems|plans"),
    "07_split_title_jie.txt": ("永宁街", "街道", None, "township", 2024, None, "achievements|problems|plans"),
    "08_repeated_title_chrome.txt": ("龙潭镇", "镇", "溆浦县", "township", 2024, "2025-02-18",
                                     "achievements|problems|leader_duty|plans"),
    "09_title_with_plan_year.txt": ("梅林镇", "镇", None, "township", 2024, None, "achievements|problems|plans"),
    "10_jinnian_chrome_date.txt": ("松柏镇", "镇", None, "township", 2024, "2025-01-08",
                                   "achievements|problems|plans"),
    "11_unnumbered.txt": ("金竹乡", "乡", None, "township", 2024, None, "achievements|problems|plans"),
    "12_copy_paste_neighbour.txt": ("河口乡", "乡", None, "township", 2024, None, "achievements|problems|plans"),
    # the text names no county; the register holds one 大湖乡, in 闽侯县
    "13_traditional.txt": ("大湖乡", "乡", "闽侯县", "township", 2024, "2025-03-05",
                           "achievements|problems|leader_duty|plans"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(STYLES))
def test_report_styles(name: str) -> None:
    town, town_type, county, level, year, published, sections = STYLES[name]
    row = _row(FIXTURES / name)
    assert row["status"] == "loaded", row["reject_reason"]
    assert (row["town"], row["town_type"], row["county"], row["level"]) == (town, town_type, county, level)
    assert row["report_year"] == year
    assert (row["publish_date"].isoformat() if row["publish_date"] else None) == published
    got = "|".join(s.section_type for s in split_sections(str(row["text"]), row["report_year"]))
    assert got == sections


def test_traditional_fixture_is_recorded_as_traditional() -> None:
    assert _row(FIXTURES / "13_traditional.txt")["script"] == "traditional"


def test_document_number_and_title_of_a_county_report() -> None:
    row = _row(FIXTURES / "06_county_level.txt")
    assert row["doc_number"] == "沅政发〔2025〕3号"
    assert row["title"] == "沅陵县人民政府关于2024年法治政府建设情况的报告"


def test_split_and_repeated_titles_count_once() -> None:
    assert _row(FIXTURES / "07_split_title_jie.txt")["title"] == "永宁街办事处2024年法治政府建设工作报告"
    assert _row(FIXTURES / "08_repeated_title_chrome.txt")["title"] == "龙潭镇2024年法治政府建设情况报告"


def test_plan_year_in_title_or_heading_is_not_the_report_year() -> None:
    assert years_in("梅林镇2024年法治政府建设情况及2025年工作计划") == [2024]
    assert years_in("2025年工作计划") == []
    assert years_in("二〇二四年度法治政府建设情况的报告") == [2024]


def test_relative_opening_year_is_read_against_the_publish_date() -> None:
    text = "松柏镇法治政府建设工作报告\n今年以来，松柏镇推进依法行政。\n"
    early = extract_metadata(text, ["发布时间：2025-01-08"])
    late = extract_metadata(text, ["发布时间：2024-12-20"])
    assert (early.report_year, late.report_year) == (2024, 2024)
    assert extract_metadata(text, ["发布时间：2024-07-01"]).report_year == 2024
    assert any(n.startswith("year_inferred") for n in early.notes)


def test_dates_in_arabic_and_chinese_numerals() -> None:
    assert find_date("2025年3月20日") == "2025-03-20"
    assert find_date("二〇二五年三月二十日") == "2025-03-20"
    assert find_date("发布时间：2025-04-11 16:33") == "2025-04-11"
    assert find_date("2025年2月30日") is None


@pytest.mark.parametrize(
    ("org", "town", "places"),
    [
        ("中共辰溪县小龙门乡委员会", "小龙门乡", ("辰溪县",)),
        ("湖南省怀化市辰溪县小龙门乡人民政府", "小龙门乡", ("湖南省", "怀化市", "辰溪县")),
        ("城步苗族自治县五团苗族土家族乡人民政府", "五团苗族土家族乡", ("城步苗族自治县",)),  # not registered
        ("八都民族乡人民政府", "八都民族乡", ()),
        ("长乐街道办事处", "长乐街道", ()),
        ("石门县新市镇人民政府", "新市镇", ("石门县",)),
        ("北城街街道办事处2025年法治政府建设年度报告", "北城街街道", ()),  # 北城街 is only its start
        ("关于2024年度法治政府建设情况的报告", None, ()),
        ("推进法治乡镇建设", None, ()),
        # words before a space are not the name (a mirror's injected keyword, a column label)
        ("威廉希尔中文 沙园街道办事处2020年法治政府建设年度报告", "沙园街道", ()),
        ("政务公开 东溪镇2023年法治政府建设年度报告", "东溪镇", ()),
        ("信息公开目录 石门县新市镇人民政府2024年法治政府建设情况报告", "新市镇", ("石门县",)),
    ],
)
def test_organisation_names(org: str, town: str | None, places: tuple[str, ...]) -> None:
    found = [o for o in orgs_in(org) if o.level == "township"]
    assert (found[0].name, found[0].places) == (town, places) if town else found == []


def test_title_town_wins_over_a_neighbour_named_in_the_body() -> None:
    text = normalise((FIXTURES / "12_copy_paste_neighbour.txt").read_text(encoding="utf-8")).text
    assert extract_metadata(text).town == "河口乡"


def test_report_without_any_town_is_kept_unidentified_with_reason() -> None:
    row = ingest_one("x.txt", "关于2024年法治政府建设情况的报告\n一年来，我们做了很多工作。\n".encode())
    assert row["status"] == "unidentified" and row["town"] is None
    assert str(row["reject_reason"]).startswith("no reporting body named")


def test_an_unnamed_report_keeps_the_level_it_speaks_of_itself_in() -> None:
    """乡党委坚持…，全乡干部职工…: no name, but the report keeps to one township level when it speaks of
    itself; a second level speaking as itself (全县) or a single mention leaves the type unknown."""
    text = (
        "一、工作开展情况\n一是乡党委坚持将学习习近平法治思想列入学习计划，集中学习6次。"
        "二是组织全乡干部职工学法，举办法治讲座1次。\n"
    )
    meta = extract_metadata(normalise(text).text)
    assert meta.town is None and meta.town_type == "乡" and meta.unidentified
    mixed = text + "三是全县统一部署，乡党委认真落实。\n"
    assert extract_metadata(normalise(mixed).text).town_type is None
    once = "一、工作开展情况\n一是镇党委坚持学习，集中学习6次。\n"
    assert extract_metadata(normalise(once).text).town_type is None


def test_the_year_of_the_study_plan_an_undated_body_follows_is_its_year() -> None:
    """No year in title or opening: the body follows its year's own plan (《2022年度党委理论学习中心组
    学习计划》, 《2023年学法清单》), whose year is the year reported on; a report that names plans of two
    years says nothing by them."""
    text = (
        "一、工作开展情况\n乡党委坚持将学习习近平法治思想列入《2022年度党委理论学习中心组学习计划》，"
        "党委中心组集中学习6次。\n"
    )
    assert extract_metadata(normalise(text).text).report_year == 2022
    text = "一、工作开展情况\n镇党委制定《2023年学法清单》，组织学法12次。\n"
    assert extract_metadata(normalise(text).text).report_year == 2023
    two = "一、工作开展情况\n对照《2022年度学法计划》，制定《2023年度学法计划》。\n"
    assert extract_metadata(normalise(two).text).report_year is None


def test_county_written_before_the_own_town_in_the_body() -> None:
    text = (
        "彭子口乡人民政府\n2024年法治政府建设情况报告\n"
        "2024年以来，永远县彭子口乡在县委县政府的坚强领导下，全面推进依法行政。\n"
        "一、主要举措与成效\n二、存在的问题\n"
    )
    meta = extract_metadata(text)
    assert (meta.town, meta.county) == ("彭子口乡", "永远县")
    untitled = "2022年，绥德区赵洲乡坚持以习近平法治思想为指导。\n一、主要举措\n二、存在问题\n"
    meta = extract_metadata(untitled)
    assert (meta.town, meta.county, meta.report_year) == ("赵洲乡", "绥德区", 2022)


@pytest.mark.parametrize(
    ("opening", "town", "county"),
    [
        # a name that starts with another suffix: 苏木 (Inner Mongolia's 乡) inside a 镇's name
        ("2023年以来，湘丰县苏木兴镇在县委县政府的坚强领导下，推进依法行政。", "苏木兴镇", "湘丰县"),
        ("2024年，云岭县乡田镇坚持依法行政，现将情况报告如下。", "乡田镇", "云岭县"),
        # 苏木 as the suffix itself still ends the name
        ("2023年，鄂托克旗苏米图苏木坚持以习近平法治思想为指导。", "苏米图苏木", "鄂托克旗"),
        ("2024年，永远县彭子口乡在县委的领导下推进法治建设。", "彭子口乡", "永远县"),
    ],
)
def test_untitled_opening_town_whose_name_holds_another_suffix(opening: str, town: str, county: str) -> None:
    meta = extract_metadata("关于法治政府建设情况的报告\n" + opening + "\n一、主要举措\n调解纠纷12起。")
    assert (meta.town, meta.county) == (town, county)


def test_county_named_only_in_passing_in_the_body() -> None:
    text = "关于2023年法治政府建设情况的报告\n2023年以来，张八桥镇坚持依法行政。\n作为宝丰县唯一的示范镇，张八桥镇推进创建。\n"
    meta = extract_metadata(text)
    assert (meta.town, meta.county) == ("张八桥镇", "宝丰县")
    generic = (
        "关于2023年法治政府建设情况的报告\n2023年以来，张八桥镇坚持依法行政。\n按照县委、县政府部署推进。\n"
    )
    # no county in the text, but the register holds one 张八桥镇, in 宝丰县
    assert (extract_metadata(generic).county, extract_metadata(generic).division_code) == (
        "宝丰县",
        "410421106",
    )


# County sentences in the ways town reports name (or only refer to) their county. The title names the
# town only, so the county must come from the body.
TITLE = "青石镇2024年法治政府建设情况报告\n\n"


@pytest.mark.parametrize(
    ("opening", "county"),
    [
        # organs without a name: never a county ('我镇在县', '县委县', '和县' are prose)
        ("2024年，我镇在县委县政府的坚强领导下，认真贯彻落实上级部署。", None),
        ("2024年，我镇在县委、县政府的正确领导下，扎实推进依法行政。", None),
        ("2024年，袁沟乡在县委、县政府的领导下，扎实推进依法行政。", None),
        ("2024年，按照县委县政府部署，我镇认真贯彻落实。借助县纪委监督力量，规范权力运行。", None),
        ("2024年，在市委、市政府和县委的坚强领导下，我镇坚持依法行政。", None),
        ("今年以来，在县委县政府和县依法治县办的指导下，我镇坚持依法行政。", None),
        # counties that end in 市 (county-level cities), 区 (districts) and 旗, named with their organs
        ("2024年，青石镇在江城市委、市政府的坚强领导下，认真贯彻落实。", "江城市"),
        ("2024年，在东湖区委区政府的坚强领导下，青石镇认真贯彻落实。", "东湖区"),
        ("2024年，我镇在鄂托克前旗委、旗政府的领导下，坚持依法行政。", "鄂托克前旗"),
        # 乡 and 州 may end a county's name; one-character counties
        ("2024年，安乡县青石镇坚持依法行政，现将情况报告如下。", "安乡县"),
        ("2024年，青石镇在湘乡市委的领导下，坚持依法行政。", "湘乡市"),
        ("2024年，邳州市青石镇坚持依法行政。", "邳州市"),
        ("2024年，歙县青石镇坚持依法行政。", "歙县"),
        ("2024年，我镇在沛县县委、县政府的领导下，坚持依法行政。", "沛县"),
        # a county before the prefecture city that is also named
        ("2024年，在永州市委和宁远县委的坚强领导下，青石镇坚持依法行政。", "宁远县"),
        ("2024年，青石镇坚持依法行政。全镇在峨边彝族自治县委的领导下推进法治建设。", "峨边彝族自治县"),
    ],
)
def test_county_from_body_sentences(opening: str, county: str | None) -> None:
    meta = extract_metadata(TITLE + opening + "\n一、主要举措\n调解纠纷12起。")
    assert meta.town == "青石镇"
    assert meta.county == county


def test_one_character_county_in_the_title() -> None:
    meta = extract_metadata(
        "和县青石镇人民政府\n关于2024年法治政府建设情况的报告\n\n2024年，我镇在市委和县委领导下推进依法行政。"
    )
    assert (meta.town, meta.county) == ("青石镇", "和县")


@pytest.mark.parametrize(
    "sentence",
    [
        "紧密围绕省委“1310”具体部署、市委“138”和县委“1177”具体安排，扎实推进依法行政。",
        "认真落实市委《实施意见》和县委工作部署。",
    ],
)
def test_a_two_character_county_after_a_closing_quote_is_prose(sentence: str) -> None:
    """市委“138”和县委: the phrase goes on after the quote, 和 is 'and', not the county 和县."""
    meta = extract_metadata(f"青石镇2024年法治政府建设情况报告\n2024年，{sentence}")
    assert meta.county != "和县"


def test_a_date_merged_into_the_title_is_not_the_report_year() -> None:
    """A page's date display above the title (…人民政府 2019年12月3日星期二) is a date, not the year."""
    meta = extract_metadata(
        "天津市静海区人民政府 2019年12月3日星期二\n\n静海区2025年度法治政府建设情况报告\n\n"
        "在市委、市政府的坚强领导下，静海区坚持以习近平法治思想为指导，推进法治政府建设。"
    )
    assert meta.report_year == 2025
    meta = extract_metadata("东溪镇2023年法治政府建设工作总结 2024年1月5日\n2023年，东溪镇推进依法行政。")
    assert meta.report_year == 2023


def test_an_excerpt_cut_before_its_end_has_no_signature() -> None:
    """The last lines of a short excerpt may reach back to its addressee and first heading: they sign
    nothing, and the town the opening names is the body (not the city it reports to)."""
    text = (
        "海门市人民政府:\n今年以来,三厂街道坚持依法行政,全面推进法治政府建设。现将我街道2023年度法治政府建设情况报告如下:\n"
        "一、强化组织保障\n1.压实工作责任。街道党工委书记认真履行第一责任人职责,全年召开专题会议4次,研究部署法治建设"
    )
    assert signature_lines(text) == ([], None)
    meta = extract_metadata(normalise(text).text)
    assert (meta.town, meta.level) == ("三厂街道", "township")
    signed = "全年调解纠纷56件。\n\n三厂街道办事处\n2024年2月26日"
    assert signature_lines(signed) == (["三厂街道办事处"], "2024-02-26")


def test_a_bulleted_menu_and_info_box_above_the_title_are_chrome() -> None:
    """Menus and info boxes rendered as bullet lists ('• 首页', '• 2022-03-14', an index number) are page
    chrome: the title under them gives the year, the bare date the publish date."""
    text = (
        "  • 首页\n  • 政务公开\n  • 政民互动\n  • 服务大厅\n  • 走进城关\n  • 网站地图\n"
        "  • 11500224009350D/2023-00041\n  • 法制\n  • 城关镇\n  • 2023-02-20\n\n"
        "城关镇2022年法治政府建设工作报告\n\n2022年,城关镇坚持以法治思维推进各项工作。"
    )
    meta = extract_metadata(normalise(text).text)
    assert meta.title == "城关镇2022年法治政府建设工作报告"
    assert (meta.report_year, meta.publish_date) == (2022, "2023-02-20")


def test_an_info_box_value_after_a_blank_line_is_no_title() -> None:
    """A bulleted info box whose values stand a blank line under their keys ('• 信息索引号:', '',
    '330782000000/2024-549121'): the values are fields, so the index number's year (2024) never joins
    the title, whose own year (2023) is the year reported on; a key with no value keeps none."""
    text = (
        "政府信息公开\n  • 信息索引号:\n\n    330782000000/2024-549121\n\n  • 文件名称:\n\n"
        "  • 发布机构:\n\n    某市人民政府\n\n  • 成文日期:\n\n    2024-02-19\n\n"
        "2023年东阳市法治政府建设工作情况报告\n\n2023年以来,东阳市深入贯彻落实习近平法治思想,调解纠纷18起。"
    )
    head = read_head(normalise(text).text)
    assert "• 信息索引号:330782000000/2024-549121" in head.fields and "• 文件名称:" in head.fields
    assert "2024" not in (head.title or "")
    meta = extract_metadata(normalise(text).text)
    assert (meta.town, meta.report_year, meta.publish_date) == ("东阳市", 2023, "2024-02-19")


@pytest.mark.parametrize(
    ("chrome_line", "date"),
    [
        ("2024-01-09 15:56 浏览次数: 信息来源:市政府办公室", "2024-01-09"),
        ("2023年5月6日 来源：县司法局", "2023-05-06"),
        ("2022/12/30 10:02:11 【字号：大 中 小】", "2022-12-30"),
    ],
)
def test_a_chrome_line_opening_with_a_date_gives_the_publish_date(chrome_line: str, date: str) -> None:
    """Under a page's title, a line with the date, its time and other page fields (浏览次数, 来源, 字号)
    and no key before the date: that date is the publish date. A keyed date (发布日期) wins, and a line
    whose date starts a sentence is no chrome."""
    text = (
        f"诸暨市2023年法治政府建设工作情况报告\n\n{chrome_line}\n\n2023年,诸暨市坚持依法行政,调解纠纷18起。"
    )
    norm = normalise(text)  # the page-chrome lines are taken out of the text and read apart
    meta = extract_metadata(norm.text, norm.chrome)
    assert (meta.report_year, meta.publish_date) == (2023, date)
    assert field_date(["发布日期：2024-01-03", chrome_line]) == "2024-01-03"
    assert field_date(["2024-01-09 学习贯彻党的二十大精神"]) is None


def test_a_bulleted_line_with_a_figure_is_no_menu_item() -> None:
    """Only short, figure-free bullets (menus) and index numbers are chrome: '• 开展普法活动12场' is text."""
    head = read_head("  • 首页\n  • 政务公开\n  • 开展普法宣传活动12场\n全年调解纠纷56件。")
    assert head.fields == ["• 首页", "• 政务公开"]
    assert "• 开展普法宣传活动12场" in head.title_lines


@pytest.mark.parametrize(
    ("text", "town", "level"),
    [
        ("2024年甘谷县法治政府建设\n工作总结\n2024年以来，全县坚持依法行政。", "甘谷县", "county"),
        (
            "2023年东坡镇法治政府建设\n情况报告\n2023年，东坡镇坚持依法行政，调解纠纷18起。",
            "东坡镇",
            "township",
        ),
    ],
)
def test_a_title_broken_over_two_lines_is_one_title(text: str, town: str, level: str) -> None:
    """'2024年甘谷县法治政府建设' / '工作总结': a year-led line whose next short line names the report is
    the title's start, not the opening sentence."""
    meta = extract_metadata(text)
    assert (meta.town, meta.level, meta.unidentified) == (town, level, None)
    assert meta.title and meta.title.endswith(text.split("\n")[1])


def test_a_year_led_opening_before_a_heading_is_no_title() -> None:
    meta = extract_metadata("2023年，东坡镇坚持依法行政。\n一、主要情况报告\n调解纠纷18起。")
    assert meta.title is None and meta.town == "东坡镇"


@pytest.mark.parametrize(
    ("text", "town", "level"),
    [
        # a district's site banner over one of its towns' reports: the town the opening names wrote it
        (
            "咸安区人民政府\n热门搜索:\n2022年,官埠桥镇在区委、区政府的正确领导下,推进依法行政。",
            "官埠桥镇",
            "township",
        ),
        (
            "江宁区人民政府门户网站\n2023年，汤山街道坚持以习近平法治思想为指导，推进法治政府建设。",
            "汤山街道",
            "township",
        ),
        # the banner of the body's own site still names it when the opening agrees
        ("富阳区人民政府\n2020年，富阳区坚持依法行政，全面推进法治政府建设。", "富阳区", "county"),
        # a real title naming an organ is a title, banner or not
        (
            "东山镇人民政府\n关于2023年度法治政府建设情况的报告\n2023年，我镇全面推进依法行政。",
            "东山镇",
            "township",
        ),
    ],
)
def test_a_site_banner_over_the_report_weighs_as_its_publisher_not_its_title(
    text: str, town: str, level: str
) -> None:
    """A title block with no report word and only an organ's name is the page's banner (its site's
    owner), so it weighs as a publisher line, and the body the opening names is not outranked."""
    meta = extract_metadata(text)
    assert (meta.town, meta.level) == (town, level)


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("东乌旗人民政府关于2015-2020年度法治政府建设有关情况的报告", 2020),
        ("关于2021—2023年法治政府建设情况的报告", 2023),
        ("青石镇2019至2020年度法治政府建设工作总结", 2020),
        ("青石镇2024年度法治政府建设情况报告", 2024),
    ],
)
def test_a_report_on_a_period_is_filed_under_the_year_the_period_ends(title: str, year: int) -> None:
    """'2015-2020年度' in a title: the report closes the period, so its year is the period's end."""
    meta = extract_metadata(f"{title}\n一年来，我们坚持依法行政，推进法治政府建设。")
    assert meta.report_year == year


def test_a_line_break_ends_a_place_name() -> None:
    """A heading ending in 建设 and a next line opening with 街道党工委 make no township 建设街道 (a real
    name in 17 counties); spaces inside a name (doc-sharing renderings) still join it."""
    text = (
        "2024年,在区委、区政府坚强领导下,我街道坚持依法行政。现将具体工作报告如下:\n"
        "一、坚持党的领导,扎实推进法治政府建设\n"
        "街道党工委深入学习贯彻习近平法治思想。\n"
        "二、深化法治政府建设\n"
        "街道党工委先后研究法治议题7次。"
    )
    meta = extract_metadata(text)
    assert meta.town != "建设街道"
    assert meta.unidentified
    assert (
        extract_metadata("东 溪 镇 2024年法治政府建设工作报告\n2024年,东溪镇坚持依法行政。").town == "东溪镇"
    )


def test_a_zone_signing_with_the_short_organ_guanwei_names_itself() -> None:
    """威海经济技术开发区管委 (管委 shortens 管委会 in letterheads and signatures) names the zone's own
    body, as 管委会 does; a mirror's pinyin reading aids (經(jīng)濟) do not hide it."""
    for head in ("威海经济技术开发区管委", "威海經(jīng)濟技術(shù)開發(fā)區(qū)管委"):
        meta = extract_metadata(
            normalise(
                f"{head}\n关于2024年法治政府建设情况的报告\n市委、市政府:\n2024年,我区坚持依法行政。"
            ).text
        )
        assert (meta.town, meta.level, meta.division_code) == ("威海经济技术开发区", "county", "371072")
