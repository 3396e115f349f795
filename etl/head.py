"""A report's words about itself outside its prose: title block, info box, page chrome fields,
signature, opening sentence, dates and years.

Why a module of its own: identity (etl/metadata.py) reads these to find who wrote a report and when;
sections, quality flags and the pipeline read the title block too. Everything here is pattern work on
the text itself; no reference data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

CJK = "\u4e00-\u9fff"
YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|—|-|～|~|至)")
CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})年")
PLAN_AFTER_YEAR = re.compile(
    r"^\s*年?度?(?:[^，。；\n]{0,12}?)(?:工作)?(?:计划|打算|安排|要点|思路|目标|展望)"
)
DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
CN_DATE = re.compile(
    r"([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)
DOC_NO = re.compile(
    rf"[{CJK}]{{1,12}}\s*[〔\[［【(（]\s*(?:19|20)\d{{2}}\s*[〕\]］】)）]\s*第?\s*\d{{1,4}}\s*号"
)
HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、])"
)
OPENING_TIME = re.compile(
    r"^(?:自|从)?(?:(?P<year>(?:19|20)\d{2})\s*年度?(?:以来|来|里|中|全年)?|(?P<rel>今年以来|今年|一年来|一年以来|本年度|过去一年|这一年)"
    r")\s*[，,、]?\s*"
)
# A flattened page puts the addressee and the first sentence on one line:
# '中共嘉兴市委、嘉兴市人民政府: 2022年,海宁市坚持…' (the organs addressed end before the colon).
ADDRESSEE_INLINE = re.compile(
    r"([^，,。；;：:\n]{2,78}?(?:委员会|人民政府|政府|党委|县委|区委|州委|市委|盟委|常委会|同志们))\s*[:：]\s*(?=\S)"
)
ADDRESSEE_WORDS = re.compile(
    r"委员会|人民政府|政府|党委|县委|区委|州委|市委|人大|常委会|法治办|依法治|同志们|^各|、各|单位|部门|站所|社区|村"
)


# --- dates and years ----------------------------------------------------------------------------
def _cn_number(s: str) -> int:
    """Chinese numerals up to 99 ('十', '二十', '三十一') or digit-by-digit years ('二〇二五')."""
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    n = 0
    for ch in s:
        n = n * 10 + CN_DIGITS[ch]
    return n


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(s: str) -> str | None:
    """First valid date in `s`, Arabic ('2025年3月20日', '2025-04-11') or Chinese numerals."""
    for m in DATE.finditer(s):
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            return iso
    for m in CN_DATE.finditer(s):
        iso = _iso(_cn_number(m.group(1)), _cn_number(m.group(2)), _cn_number(m.group(3)))
        if iso:
            return iso
    return None


def _is_date_line(s: str) -> bool:
    s = re.sub(r"[\s()（）]", "", re.sub(r"\s+\d{1,2}:\d{2}(?::\d{2})?\s*$", "", s))  # a time may follow
    return bool(s) and (bool(DATE.fullmatch(s)) or bool(CN_DATE.fullmatch(s)))


def years_in(s: str, skip_plans: bool = True) -> list[int]:
    """Years named in `s` ('2024年', '二〇二四年度'), without those that head a plan ('2025年工作计划')."""
    out: list[tuple[int, int]] = []
    for rx, conv in ((YEAR, int), (CN_YEAR, _cn_number)):
        for m in rx.finditer(s):
            if skip_plans and PLAN_AFTER_YEAR.match(s[m.end() :]):
                continue
            y = conv(m.group(1))
            if 1990 <= y <= 2100:
                out.append((m.start(), y))
    return [y for _, y in sorted(out)]


_Y = r"(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})"
_YMD = r"(?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}"  # a whole date in digits, no 日
# Years that are not the year the body reports on, masked before counting: a quoted document's title
# (《…2023年度…》), a target (力争2025年, 到2025年), a comparison (较2023年), a range or the start of a
# period (2021-2023年, 2021年以来), and a date line on its own (the signature date).
NOT_REPORTED_YEAR = re.compile(
    r"《[^》\n]{0,120}》"
    rf"|(?:力争|争取|计划|预计|确保|力求|目标|到|较|比|与|同比|相比|相较|对比|超过){_Y}\s*年"
    rf"|{_Y}\s*年?\s*(?:—|－|-|～|~|至|到)\s*{_Y}\s*年?"
    rf"|{_Y}\s*年度?\s*以来"
    rf"|^[\s(（]*(?:{_YMD}\s*日?"
    r"|[〇零○一二三四五六七八九]{4}\s*年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[\s)）]*$",
    re.M,
)


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the (sorted, disjoint) spans blanked out, offsets kept."""
    parts, pos = [], 0
    for a, b in spans:
        parts += [text[pos:a], " " * (b - a)]
        pos = b
    return "".join(parts) + text[pos:]


# --- the title block ----------------------------------------------------------------------------
# An info-box field a government page shows above the text (索引号, 发布机构, 成文日期, 标题), as a line of
# its own, a bullet, a bracketed key or a table row: page metadata, never a title line. Some sites prefix
# the keys with 信息 (信息索引号 K1493206-6/2022-23233, 信息名称, 信息分类).
INFO_FIELD = re.compile(
    r"^[\s•·\-|\[【]*(?:(?:信息)?索\s*引\s*号|信息名称|信息分类|发文字号|备注/文号|文\s*号|主题分类|体裁分类|发布机构|发文机关|发文机构|"
    r"发布单位|成文日期|成文时间|发文时间|发文日期|发布日期|发布时间|发布于|公文生成日期|生成日期|标\s*题|名\s*称|"
    r"效力状态|有效性|是否有效|公开方式|公开形式|公开范围|关\s*键\s*词|主题词|公文时效|日期|时间|来源|信息来源|"
    r"文章来源|作者|浏览(?:次数|量)?|点击数)\s*[\]】]?\s*(?:[:：|]|\s|$)"
)
# Page navigation left in the text: breadcrumbs ('> 政务公开 > 信息公开目录 >').
NAV_LINE = re.compile(r"^\s*[>›»]|[>›»][^>›»\n]{1,16}[>›»]")
# A page's menu or info box rendered as a bulleted list ('• 首页', '• 政务公开', '• 法制'): chrome, never a
# title line (a title is not a list item).
BULLET = re.compile(r"^[•·▪◦●■◆]\s*")
MENU_ITEM_MAX = 24
REPORT_WORDS = re.compile(r"报告|情况|总结")
TITLE_NAMES_REPORT = re.compile(r"报告|情况|工作总结")  # a year-led line that is a title, not an opening
DATE_FIELD = re.compile(
    r"(发布日期|发布时间|发布于|发文时间|发文日期|更新时间|成文日期|成文时间|公文生成日期|生成日期|日期|时间)"
    rf"\s*[\]】]?\s*[:：|]?[\s|]*({_YMD})"
)


# a chrome line that opens with the page's date, then its time or other page fields, with no label
# before the date ('2024-01-09 15:56 浏览次数: 信息来源:市政府办公室'): the publish date
DATED_CHROME = re.compile(
    rf"^\s*({_YMD})日?\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*"
    r"(?:浏览|来源|信息来源|文章来源|作者|点击|阅读|访问|字号|【|\[)"
)


def field_date(lines: list[str]) -> str | None:
    """The publish date an info box or chrome gives: 发布日期/发布时间/日期 before a bare date opening a
    chrome line, before 成文/生成日期."""
    found = [(2 if m.group(1).startswith(("成文", "公文生成", "生成")) else 0, find_date(m.group(2)))
             for line in lines for m in DATE_FIELD.finditer(line)]  # fmt: skip
    found += [(1, find_date(m.group(1))) for line in lines if (m := DATED_CHROME.match(line))]
    found = [(rank, d) for rank, d in found if d]
    return min(found, key=lambda f: f[0])[1] if found else None


@dataclass
class Head:
    """The title block: title lines, and the special lines found among them."""

    title: str | None
    title_lines: list[str]
    doc_number: str | None
    addressee: str | None
    date: str | None
    body_start: int  # offset in the text where the body (opening paragraph) starts
    fields: list[str] = field(default_factory=list)  # info-box lines (索引号, 发布机构, 成文日期)


def read_head(text: str, max_lines: int = 10) -> Head:
    """Title lines are the short, unpunctuated lines before the first sentence, heading or addressee."""
    title_lines: list[str] = []
    fields: list[str] = []
    doc = addressee = when = None
    body_start = 0
    pos = 0
    lines = text.split("\n")
    consumed = -1
    for n, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        s = line.strip()
        if not s or n == consumed:
            continue
        if n >= max_lines * 3:
            break
        body_start = start
        bullet = BULLET.match(s)
        if bullet and _is_date_line(s[bullet.end() :]):  # an info box showing bare values: '• 2022-03-14'
            when = when or find_date(s)
            fields.append(s)
            body_start = pos
            continue
        if (
            INFO_FIELD.match(s)
            and len(s) <= 160
            or (DATE_FIELD.search(s) or DATED_CHROME.match(s))
            and len(s) <= 80
            or NAV_LINE.search(s)
            or bullet  # a menu item (short, no figure) or an index number (no CJK); never a fact
            and (
                len(s) - bullet.end() <= MENU_ITEM_MAX
                and not re.search(r"\d", s)
                or not re.search(f"[{CJK}]", s)
            )
            and not REPORT_WORDS.search(s)
        ):
            # '发布时间：' with its value on the next line, or the one after a blank line (a bulleted info
            # box: '• 信息索引号:', '', '330782000000/2024-549121'); never a title line
            k = n + 1 if n + 1 < len(lines) and lines[n + 1].strip() else n + 2
            nxt = lines[k].strip() if k < len(lines) else ""
            if s[-1] in ":：" and nxt and len(nxt) <= 30 and not INFO_FIELD.match(nxt):
                s, consumed = s + nxt, k
            fields.append(s)
            body_start = pos + (sum(len(x) + 1 for x in lines[n + 1 : k + 1]) if consumed == k else 0)
            continue
        doc_m = DOC_NO.search(s)
        if doc_m and len(s) <= len(doc_m.group(0)) + 6:
            doc = doc_m.group(0).replace(" ", "")
            continue
        if re.fullmatch(r"附件\s*\d*\s*[:：]?", s):
            continue
        if _is_date_line(s):
            when = when or find_date(s)  # the first date under the title; a later one is an info-box field
            continue
        if inline := ADDRESSEE_INLINE.match(s):
            addressee = inline.group(1).strip()
            body_start = start + len(line) - len(line.lstrip()) + inline.end()
            break
        if s[-1] in ":：" and len(s) <= 80 and ADDRESSEE_WORDS.search(s) and "，" not in s:
            addressee = s[:-1]
            body_start = pos
            break
        if (
            HEADING_START.match(s)
            or len(s) > 60
            or s[-1] in "。；;，,！"
            or re.search(r"[，,。]", s)
            or OPENING_TIME.match(s)
            and not TITLE_NAMES_REPORT.search(s)
            and not _title_continues(lines, n)
            or len(title_lines) >= 6
        ):
            break
        if s not in title_lines and s != "".join(title_lines):
            title_lines.append(s)
        body_start = pos
    else:
        body_start = len(text)
    title = "".join(title_lines) or None
    return Head(title, title_lines, doc, addressee, when, min(body_start, len(text)), fields)


def _title_continues(lines: list[str], n: int) -> bool:
    """A title broken over two lines ('2024年甘谷县法治政府建设' / '工作总结'): the next line is short,
    unpunctuated and names the report, so this year-led line is the title's start, not an opening."""
    nxt = next((x.strip() for x in lines[n + 1 : n + 3] if x.strip()), "")
    return (
        0 < len(nxt) <= 20 and not re.search(r"[，,。；;：:！]", nxt) and bool(TITLE_NAMES_REPORT.search(nxt))
    )


CHROME_SOURCE = re.compile(
    r"(?:信息来源|文章来源|来源|发布机构|发布单位|发文机关|发文机构|发文单位)\s*[:：]\s*([^\s:：|\]]+)"
)
CHROME_TITLE = re.compile(r"(?:^|[\s|])(?:标\s*题|名\s*称)\s*[:：]\s*([^|]+)")


def chrome_fields(chrome: list[str]) -> tuple[list[str], list[str]]:
    """(publishers, titles) named in the page chrome: 发布机构：古镛镇人民政府, 标 题：鲍沟镇…报告."""
    sources = [m.group(1) for line in chrome for m in CHROME_SOURCE.finditer(line)]
    titles = [m.group(1).strip() for line in chrome for m in CHROME_TITLE.finditer(line)]
    return sources, titles


def signature_lines(text: str) -> tuple[list[str], str | None]:
    """(short lines, date) at the end: 'XX镇人民政府' then '2025年3月20日'. Only the short lines after the
    last line of prose: an excerpt cut before its end has no signature, and its last six lines may
    reach back to the addressee ('张家港市人民政府:') or a heading, which sign nothing."""
    lines = [ln.strip() for ln in text.rstrip().split("\n")[-6:] if ln.strip()]
    tail: list[str] = []
    for s in reversed(lines):
        if not _is_date_line(s) and (len(s) > 30 or re.search(r"[，。；,:：]", s) or HEADING_START.match(s)):
            break
        tail.append(s)
    sig, when = [], None
    for s in reversed(tail):
        if _is_date_line(s):
            when = find_date(s)
        else:
            sig.append(s)
    return sig, when


def opening_sentence(text: str, body_start: int) -> str:
    """The opening sentence: the first body line that reads as prose (page leftovers such as
    '政务微信' or a date line before it are skipped)."""
    lines = [ln.strip() for ln in text[body_start:].split("\n")[:8] if ln.strip()]
    for ln in lines:
        if len(ln) >= 20 or re.search(r"[，,。；]", ln):
            return ln[:300]
    return lines[0][:300] if lines else ""
