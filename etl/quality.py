"""Per-report quality flags an analyst should see before trusting a report's numbers.

Flags: mentions_other_town (copy-paste from a neighbour's report), repeated_paragraph,
no_quantitative_facts, published_late (after 1 April of the following year), year_mismatch
(title year vs the year the body reports on), plus the notes ingestion made while repairing or
inferring (truncated_file, nul_padding, year_inferred). Detection favours precision: a flag
should be worth an analyst's look.

`not_a_report_reason` answers the question before all of these: is the file a township rule-of-law
government report at all? A news item or a notice that names a town and has a date would otherwise
be loaded as that town's report and supersede the real one.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from etl.head import NOT_REPORTED_YEAR, OPENING_TIME, mask_spans, read_head, years_in
from etl.placenames import CJK, known_word, plausible_name, prose_like, short_name, town_mentions

# Phrases in which reports name their own place without a suffix: 结合仁兆实际, 目前仁兆法治建设,
# 为X高质量发展, 贡献X力量. Another name in them is a leftover from a neighbour's report.
PLACE_FRAMES = re.compile(
    rf"(?:结合|目前|为|贡献|助力|推动|推进|全力打造|打造)([{CJK}]{{2,4}}?)"
    r"(?=实际|的?法治|高质量|经济社会|发展|力量|振兴|特色|新篇章)"
)
CLAUSE_SPLIT = re.compile(r"[，。；！？,;!?：:\n]")
MIN_REPEAT_CHARS = 40
DEADLINE = (4, 1)  # reports are due by 1 April of the following year

# Parts whose years are not the reported year: plans name the coming year, problems name history (近三年).
NOT_REPORTING_SECTIONS = {"plans", "problems"}


def other_towns(text: str, town: str | None, county: str | None) -> list[str]:
    """Places named in the body that are neither the report's town nor its county."""
    own = {x for x in (town, county) if x}
    own_short = {short_name(x) for x in own}

    def is_own(name: str) -> bool:
        return name in own or short_name(name) in own_short or any(s in name or name in s for s in own_short)

    found: list[str] = []
    suffixed = town_mentions(text)
    for name in suffixed:
        if not is_own(name):
            found.append(name)
    frames = Counter(m.group(1) for m in PLACE_FRAMES.finditer(text))
    suffixed_short = {short_name(n) for n in suffixed}
    for name, n in frames.items():
        if is_own(name) or name in found or name in suffixed_short:
            continue
        if (n >= 2 or name in suffixed_short) and plausible_name(name):
            if not known_word(name) and not prose_like(name):
                found.append(name)
    return found


def repeated_passages(text: str) -> list[str]:
    """Runs of clauses (≥ 2 clauses, ≥ MIN_REPEAT_CHARS characters) that occur twice in the text:
    a paragraph pasted twice, even when the second copy sits inside a different sentence."""
    clauses = [c.strip() for c in CLAUSE_SPLIT.split(text) if c.strip()]
    first_at: dict[tuple[str, str], int] = {}
    out: list[str] = []
    i = 0
    while i < len(clauses) - 1:
        key = (clauses[i], clauses[i + 1])
        j = first_at.setdefault(key, i)
        if j < i:
            n = 2
            while i + n < len(clauses) and j + n < i and clauses[i + n] == clauses[j + n]:
                n += 1
            run = clauses[i : i + n]
            if sum(map(len, run)) >= MIN_REPEAT_CHARS:
                passage = "，".join(run)
                out.append(passage[:40] + ("…" if len(passage) > 40 else ""))
                i += n
                continue
        i += 1
    return out


def year_evidence(text: str) -> tuple[int | None, int | None]:
    """(year in the title, year the body reports on): they disagree in a copied, half-edited report.

    The body's year is the opening's ('2023年以来，…'), else the year the body names most (at least
    twice, more than any other) outside the plans and problems parts, quoted documents, targets,
    comparisons, ranges and date lines."""
    head = read_head(text)
    title_years = years_in(head.title or "")
    title_year = title_years[0] if title_years else None
    body = text[head.body_start :]
    m = OPENING_TIME.match(body.lstrip().split("\n", 1)[0])
    if m and m.group("year"):
        return title_year, int(m.group("year"))
    body = mask_spans(body, [x.span() for x in NOT_REPORTED_YEAR.finditer(body)])
    body_year = _most_named_year(body)
    if body_year is not None and body_year != title_year:  # rare: only then is the text sectioned
        from etl.sections import split_sections  # noqa: PLC0415 - sections imports head, like us

        shift = head.body_start
        spans = [
            (s.start - shift, s.end - shift)
            for s in split_sections(text, title_year, head.body_start)
            if s.section_type in NOT_REPORTING_SECTIONS
        ]
        body_year = _most_named_year(mask_spans(body, spans))
    return title_year, body_year


def _most_named_year(body: str) -> int | None:
    counts = Counter(years_in(body))
    if counts:
        (top, n), *rest = counts.most_common(2) + [(None, 0)]
        if n >= 2 and n > rest[0][1]:
            return top
    return None


def quality_flags(meta: dict[str, object], text: str, n_facts: int) -> list[tuple[str, str]]:
    """All flags of one loaded report as (flag, detail) pairs."""
    flags: list[tuple[str, str]] = []
    notes = meta.get("ingest_notes")
    if isinstance(notes, str) and notes:
        for note in notes.split("\n"):
            code, _, detail = note.partition(": ")
            flags.append((code, detail))
    if n_facts == 0:
        flags.append(("no_quantitative_facts", "no catalogue figure found in the report"))
    pub, year = meta.get("publish_date"), meta.get("report_year")
    if isinstance(pub, str) and isinstance(year, int) and date.fromisoformat(pub) > date(year + 1, *DEADLINE):
        flags.append(("published_late", f"published {pub}, after the 1 April {year + 1} deadline"))
    title_year, body_year = year_evidence(text)
    if title_year and body_year and title_year != body_year:
        flags.append(("year_mismatch", f"title says {title_year}, body reports on {body_year}"))
    town, county = meta.get("town"), meta.get("county")
    if meta.get("level") != "county":  # a county report names its towns by design
        own_town = town if isinstance(town, str) else None
        for name in other_towns(text, own_town, county if isinstance(county, str) else None):
            flags.append(("mentions_other_town", name))
    for passage in repeated_passages(text):
        flags.append(("repeated_paragraph", passage))
    return flags


# ---------------------------------------------------------------- is it a rule-of-law report at all?

# The subject: rule-of-law government building (or the county-level 依法治县 work, the 述法 duty).
TOPIC = re.compile(
    r"法治政府|法治建设|法治乡镇|法治街道|法治[乡镇县区]建设|依法治[县区市乡镇旗理]|依法行政|法治工作|述法|"
    r"法治[^，。；\n]{0,8}(?:报告|总结|情况)"
)
# The form: what an annual report says about itself and its parts.
REPORT_WORDS = re.compile(
    r"(?:报告|总结)如下|特此报告|现将[^。\n]{0,40}(?:报告|总结)|情况报告|年度报告|工作报告|工作总结|主要举措|主要措施|主要做法|主要成效|"
    r"存在的(?:问题|不足|短板)|不足之处|问题和不足|下一步|下步|(?:下一年度?|明年)[^。\n]{0,6}(?:工作|打算|计划)|"
    r"工作(?:打算|安排|计划|思路)|第一责任人|主要负责人履行"
)
TITLE_IS_REPORT = re.compile(r"报告|总结|情况|述职|述法")
# A title ends with its document type: these types are never an annual report, whatever precedes them
# ('关于报送2024年度法治政府建设年度报告的通知' is a notice).
TITLE_OTHER_KIND = re.compile(
    r"(?:通知|通告|公告|公示|纪要|通报|简报|方案|意见|办法|细则|规定|讲话|发言|倡议书|(?<!委员)会|会议|函)$"
)
TITLE_PLAN = re.compile(r"(?:要点|计划|规划|打算|安排)$")  # a plan, unless the title also says 情况/总结/报告
TITLE_NEWS = re.compile(r"(?:活动|圆满结束|顺利召开|成功举办|取得实效|见实效)$")
# Other kinds of government text: news items, notices, meeting minutes.
NOT_REPORT_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a news item", re.compile(r"记者|通讯员|本报讯|本报(?!告)|[）)]讯|^\S{0,12}讯\s|日电|责任编辑|编辑[：:]|审核[：:]|"
                               r"供稿[：:]|摄影[：:]|网讯", re.M)),
    ("a notice", re.compile(r"特此通知|通知如下|请各[^。\n]{0,20}(?:于|按时|准时)|请于[^。\n]{0,20}前|参会人员")),
    # 会议强调/指出/要求/决定 open a sentence of minutes ('会议要求，各部门要…'); inside a sentence they are
    # a report's noun phrase ('按照区委依法治区委第一次会议要求，制定…')
    # 会议纪要/会议记录 name the document itself only as a line's last words (its heading); inside a
    # sentence they are papers the report speaks of ('审核各类行政文件、会议纪要等52件')
    ("meeting minutes", re.compile(r"(?:会议纪要|会议记录)\s*$|出席人员|列席人员|参加人员[：:]|主持人[：:]|记录人|会议议定|"
                                   r"(?:^|[。；;！!\n])\s*会议(?:决定|强调|指出|要求)", re.M)),
)  # fmt: skip
# A report declares itself ('现将我镇2022年度法治政府建设工作报告如下', '特此报告'): minutes never do, so
# minutes-like sentences in such a text are a report recounting a meeting it held ('11月7日，我镇召开
# 传达贯彻大会。会议指出，…')
SELF_DECLARED = re.compile(r"现将[^。\n]{0,40}(?:报告|总结)如下|特此报告")
# Quoted words are not the text's own: '“集体领导、会议决定”的决策程序' does not make minutes.
QUOTED = re.compile(r"“[^”\n]{0,60}”|\"[^\"\n]{0,60}\"|《[^》\n]{0,80}》|「[^」\n]{0,60}」")
# An annual report's own form at its start: a first part heading that names a report part
# ('一、工作开展情况', '一、2025年推进法治政府建设的主要举措和成效'), or an opening sentence that dates
# the year and names the subject ('2019年，…南昌县全面贯彻…法治政府建设…', '为…，我街严格按照…').
REPORT_START = re.compile(
    r"^[一1][、.．]\s*(?:[^\n]{0,16})(?:工作开展情况|工作情况|主要举措|主要做法|主要工作|工作成效|取得的成效|"
    r"推进法治政府建设|履行[^\n]{0,8}职责|法治政府建设情况)"
)
REPORT_OPENING = re.compile(
    r"^(?:为[^。\n]{0,80}[，,])?(?:(?:19|20)\d{2}\s*年度?(?:以来|来)?|今年以来|一年来|近年来)?[，,]?"
    r"[^。\n]{0,60}?(?:我镇|我乡|我街|我区|我县|本镇|本乡|街道|镇|乡|县|区|市|街(?=[以坚认全深紧围聚按始]))"
)  # 街: streets that call themselves X街 (2021年白云湖街以习近平法治思想为指导…), before the verb that follows
NEWS_OPENING = re.compile(r"^(?:近日|日前|近期|\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)?)[，,]")
REPORT_SECTION_TYPES = {"achievements", "problems", "plans", "leader_duty"}
PREFIX = "not a rule-of-law report: "


def not_a_report_reason(
    text: str, title: str | None, body_start: int, report_year: int | None = None
) -> str | None:
    """None for an annual rule-of-law report; else 'not a rule-of-law report: <what is missing/found>'.

    A report is about rule-of-law building (TOPIC in its title or opening) and has a report's form:
    parts of at least two kinds (achievements, problems, plans, leader duty), or the words reports use
    about themselves (报告如下, 存在的问题, 下一步), or a title that calls it a report. Markers of a news
    item, notice or minutes count against it unless the text also has a report's parts AND words.
    A title whose document type is another kind (通知, 纪要, 方案, 推进会) decides on its own. Very short
    genuine reports (a title and two sentences) pass on their title alone.
    """
    title = (title or "").strip()
    kind = TITLE_OTHER_KIND.search(title)
    if kind:
        return PREFIX + f"the title names another kind of document than a report ('…{title[-10:]}')"
    if TITLE_PLAN.search(title) and not TITLE_IS_REPORT.search(title):
        return PREFIX + f"the title names a plan ('…{title[-8:]}'), not a report on a year's work"
    body = text[body_start:]
    opening = body.lstrip()[:400]
    topic = bool(TOPIC.search(title) or TOPIC.search(opening))
    if not topic and len(re.findall(r"法治|依法", body)) >= 3:
        topic = bool(TOPIC.search(body))  # a report without a title may name its subject later
    words = sorted({m.group(0) for m in REPORT_WORDS.finditer(text)})
    title_report = bool(TITLE_IS_REPORT.search(title))
    unquoted = QUOTED.sub("", text)
    against = [name for name, rx in NOT_REPORT_MARKS if rx.search(unquoted)]
    first = opening.split("\n", 1)[0]
    if REPORT_START.match(opening) or (
        not against
        and REPORT_OPENING.match(first)
        and TOPIC.search(first[:250])
        and not NEWS_OPENING.match(first)
    ):
        words.append("an annual report's opening")
    if TITLE_NEWS.search(title):
        against.append(f"a news headline ('…{title[-8:]}')")
    if NEWS_OPENING.match(opening):
        against.append(f"a news opening ('{opening[:8]}…')")
    if topic and (words or title_report) and not against:
        return None  # the common case, decided without sectioning the text
    if topic and against == ["meeting minutes"] and SELF_DECLARED.search(unquoted):
        return None
    kinds: set[str] = set()
    if topic or words:
        from etl.sections import split_sections  # noqa: PLC0415 - sections imports head, like us

        kinds = {s.section_type for s in split_sections(text, report_year, body_start)} & REPORT_SECTION_TYPES
    structure = len(kinds) >= 2
    if topic and (structure or words or title_report) and (not against or (structure and words)):
        return None
    missing = []
    if not topic:
        missing.append("no 法治政府建设/法治建设/依法行政 in the title or opening")
    if not structure:
        missing.append("no report parts (举措成效/存在问题/下一步打算)")
    if not words and not title_report:
        missing.append("no report wording (报告如下/存在的问题/下一步) nor a report title")
    found = f"; reads like {' and '.join(against)}" if against else ""
    return PREFIX + "; ".join(missing) + found
