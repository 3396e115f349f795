"""Is the file a township rule-of-law government report at all? (etl.quality.not_a_report_reason)

A news item, notice, meeting minutes, speech or plan that names a town and carries a date would
otherwise be loaded as that town's report and supersede the real one. The negative fixtures in
tests/fixtures/ingest/not_reports/ and the unusual-but-genuine reports in unusual_reports/ were written
for these tests in the styles township websites use; none copies a seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import generate
from etl.head import read_head
from etl.metadata import extract_metadata
from etl.normalise import normalise
from etl.pipeline import ingest_one
from etl.quality import PREFIX, not_a_report_reason
from tests.conftest import SEEDS_REPORTS

FIXTURES = Path(__file__).parent / "fixtures"
NOT_REPORTS = sorted((FIXTURES / "ingest" / "not_reports").glob("*.txt"))
UNUSUAL = {
    "very_short_report.txt": ("柳溪乡", 2024),
    "narrative_no_sections.txt": ("云台镇", 2024),
    "report_mentions_press.txt": ("金沙街道", 2024),
    "summary_and_plan_title.txt": ("古城镇", 2024),
    "shufa_report.txt": ("永安乡", 2024),
}


def _ingest(path: Path) -> dict[str, object]:
    return ingest_one(path.name, path.read_bytes())


def _reason(text: str) -> str | None:
    norm = normalise(text).text
    meta = extract_metadata(norm)
    return not_a_report_reason(norm, meta.title, read_head(norm).body_start, meta.report_year)


@pytest.mark.parametrize("path", NOT_REPORTS, ids=[p.name for p in NOT_REPORTS])
def test_news_notices_minutes_speeches_and_plans_are_rejected(path: Path) -> None:
    row = _ingest(path)
    assert row["status"] == "rejected", (path.name, row["town"], row["report_year"])
    reason = str(row["reject_reason"])
    assert reason.startswith(PREFIX) and len(reason) > len(PREFIX) + 10 and "\n" not in reason


def test_there_are_enough_negative_cases() -> None:
    kinds = {p.name.split("_")[0] for p in NOT_REPORTS}
    assert {"news", "notice", "minutes", "plan", "speech"} <= kinds and len(NOT_REPORTS) >= 6


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_unusual_but_genuine_reports_load(name: str) -> None:
    row = _ingest(FIXTURES / "ingest" / "unusual_reports" / name)
    assert row["status"] == "loaded", row["reject_reason"]
    assert (row["town"], row["report_year"]) == UNUSUAL[name]


def _all_fixture_reports() -> list[Path]:
    paths = sorted(SEEDS_REPORTS.glob("*.txt"))
    paths += sorted((FIXTURES / "ingest").glob("*.txt"))
    paths += sorted((FIXTURES / "extraction" / "reports").glob("*.txt"))
    paths += sorted(
        p for p in (FIXTURES / "warehouse" / "reports").glob("*.txt") if "not_a_report" not in p.name
    )
    return paths


def test_no_seed_or_fixture_report_is_taken_for_a_non_report() -> None:
    paths = _all_fixture_reports()
    assert len(paths) >= 5 + 13 + 2 + 10
    wrong = {
        p.name: r["reject_reason"]
        for p in paths
        if str((r := _ingest(p))["reject_reason"]).startswith(PREFIX)
    }
    assert not wrong


def test_no_generated_report_is_taken_for_a_non_report(tmp_path: Path) -> None:
    """300 reports in the bench generator's many title, heading and chrome styles (some without title)."""
    generate(300, tmp_path, seed=11)
    paths = sorted((tmp_path / "reports").iterdir())
    assert len(paths) == 300
    wrong = [p.name for p in paths if str(_ingest(p)["reject_reason"]).startswith(PREFIX)]
    assert wrong == []


@pytest.mark.parametrize(
    "text",
    [
        # a notice that is about the annual report, with the report's own section words inside
        "关于做好2024年度法治政府建设情况报告工作的通知\n各村（社区）：\n一、主要举措和成效要写实。\n"
        "二、存在的问题要找准。\n三、下一步打算要具体。\n请于1月10日前报送。特此通知。",
        # a wire story whose body quotes report figures and ends with 下一步
        "河口镇：法治护航乡村振兴\n（通讯员 刘洋）今年以来，河口镇扎实推进法治政府建设，调解纠纷40起。"
        "下一步，该镇将持续发力。\n责任编辑：王五",
        # a scheme is not a report
        "西岭乡2024年法治政府建设实施方案\n一、总体要求\n二、主要任务\n三、保障措施",
        # an activity news item without the subject at all
        "石门镇开展禁毒宣传活动\n6月26日，石门镇在集镇开展禁毒宣传，发放资料200份。",
    ],
)
def test_other_texts_are_rejected_with_a_reason(text: str) -> None:
    reason = _reason(text)
    assert reason is not None and reason.startswith(PREFIX)


@pytest.mark.parametrize(
    "text",
    [
        # two sentences under a title: the smallest genuine report
        "东坡镇2023年法治建设工作情况\n全年调解纠纷18起，开展普法活动9场。",
        # no title, no numbering, the subject named in the opening, a signature at the end
        "2024年，我乡坚持以法治思维推进依法行政，全年审查合同12份。存在的问题是干部学法不够系统。"
        "下一步将加强学法。\n\n青竹乡人民政府\n2025年2月1日",
        # a report whose achievements quote the press and a meeting
        "北山街道2024年法治政府建设年度报告\n一、主要举措和成效\n会议强调要依法决策，经验被记者报道2次。"
        "\n二、存在的不足\n队伍薄弱。\n三、下一步工作安排\n加强队伍建设。",
        # no title: a street that calls itself X街 opens with the year, the subject, then numbered parts
        "2021年新市街以习近平法治思想为指导，扎实开展法治政府建设工作。\n一、深入学习贯彻习近平法治思想\n"
        "开展宣讲活动18场。\n二、健全政府机构职能体系\n成立综合治理委员会。",
        "2023年同和街坚持以习近平法治思想为指导，全面推进法治政府建设。\n一、加强组织领导\n召开专题会议3次。",
        # a combined report and plan title
        "南湖镇2024年法治政府建设工作总结及2025年工作计划\n2024年，南湖镇开展法治宣传12场。",
    ],
)
def test_genuine_reports_pass(text: str) -> None:
    assert _reason(text) is None


@pytest.mark.parametrize(
    "sentence",
    [
        # '按照…会议要求' is a report's noun phrase ('会议要求，…' opening a sentence is minutes)
        "区政府按照区委依法治区委第一次会议要求，制定《2019年法治政府建设工作要点》。",
        # minutes it handled are papers it speaks of (a line ending in 会议纪要 is a document's heading)
        "法律顾问列席区政府常务会议12次，审核各类行政文件、会议纪要等52件。",
    ],
)
def test_minutes_words_inside_a_sentence_are_a_reports_words(sentence: str) -> None:
    title = "某区2019年法治政府建设工作报告"
    report = f"{title}\n\n2019年，某区着力提升法治政府建设水平，全区法治政府建设取得新成效。{sentence}\n"
    assert not_a_report_reason(report, title, len(title) + 2) is None


@pytest.mark.parametrize(
    "text",
    [
        # no title, only the first part: the report recounts a meeting it held
        "2022年，我镇深入推进法治政府建设。现将我镇2022年度法治政府建设工作报告如下：\n一、落实第一责任人职责\n"
        "11月7日，我镇召开传达贯彻大会。会议指出，要坚持依法行政。",
        "为深入推进依法行政，我街道扎实开展法治政府建设工作，现将有关情况总结如下：\n"
        "3月2日，街道召开法治建设专题会。会议要求，各科室要落实行政执法三项制度。",
        "2020年，某乡法治政府建设取得新成效，召开党委会议4次。会议强调，要依法决策。\n特此报告。",
    ],
)
def test_a_report_that_declares_itself_may_recount_a_meeting(text: str) -> None:
    assert not_a_report_reason(text, None, 0) is None


@pytest.mark.parametrize(
    "text",
    [
        # no title: an opening about the year, then '现将…总结如下' and the first part inline
        "今年是建党100周年，做好法治政府建设工作意义十分重大。2021年，嘉定区在市委、市政府的领导下推进法治建设。"
        "现将2021年法治政府建设工作情况总结如下: 一、法治政府建设主要措施和成效 (一)深入学习贯彻习近平法治思想",
        "2020年，某县坚持依法行政，法治政府建设取得新成效。现将本年度工作总结如下：（一）健全依法决策机制。"
        "全年召开常务会议学法4次。",
        "法治政府建设主要措施和成效。某区印发《法治政府建设实施方案》，全年办理行政复议案件31件。",
    ],
)
def test_a_summary_announced_or_headed_by_its_measures_is_a_report(text: str) -> None:
    """'现将…总结如下' declares a report as '报告如下' does; '主要措施和成效' heads its first part."""
    assert not_a_report_reason(text, None, 0) is None


def test_minutes_that_heard_a_report_stay_minutes() -> None:
    minutes = "9月12日，召开法治建设领导小组会议，听取各村法治建设情况报告。会议指出，要依法行政。\n"
    assert "meeting minutes" in (not_a_report_reason(minutes, None, 0) or "")


@pytest.mark.parametrize(
    "minutes",
    [
        "3月5日上午，召开推进会。会议强调，要依法行政。会议要求，各部门要压实法治建设责任。\n",
        "某镇法治建设领导小组会议纪要\n\n9月12日，召开法治建设领导小组会议，研究法治政府建设工作。\n",
    ],
)
def test_minutes_read_as_minutes(minutes: str) -> None:
    assert "meeting minutes" in (not_a_report_reason(minutes, None, 0) or "")
    titled = "关于法治政府建设工作推进会的纪要"
    reason = not_a_report_reason(f"{titled}\n\n{minutes}", titled, len(titled) + 2)
    assert reason is not None and reason.startswith("not a rule-of-law report")
