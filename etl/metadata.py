"""Who wrote the report and for which year: reporting body (from the national register), year, date.

The reporting body is matched against the national register of divisions (etl/register.py), not
guessed from suffixes. Where a report names itself, strongest first: a metadata file a person or
crawler supplied (`given`), the page's own metadata (`page`), the title block, the page chrome's
publisher (发布机构/信息来源), the signature, the subject of the opening sentence ('2021年度，在县委、
县政府领导下，东溪镇认真贯彻…'), and the body's mentions. Every name found there becomes a candidate;
the best-supported one is the body. A county-level government or development zone naming itself
(静海区2023年度…, 望都县人民政府) is a `level='county'` body.

A township name is then resolved in the register with every clue the text gives: counties,
prefectures and provinces chained before the name (连江县敖江镇), in the addressee line (中共将乐县委员会),
in the chrome, and anywhere in the body (在雷州市委、市政府的坚强领导下). A name the register holds once
resolves unless the text contradicts it; a name several counties share resolves only when a clue
decides it, else it is flagged `ambiguous_town`; a name the register lacks keeps the text's form and
is flagged `not_in_register`. No code is ever invented.

Year: a year in the title that is not a plan, the opening sentence ('2025年以来'), '今年以来' read
against the publish date, the most frequent non-plan year in the body. Publish date: the page or
chrome, a date line at the end or in the title block, in Arabic or Chinese numerals.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache

from etl.head import (
    CJK,
    DOC_NO,
    NOT_REPORTED_YEAR,
    OPENING_TIME,
    REPORT_WORDS,
    chrome_fields,
    field_date,
    mask_spans,
    opening_sentence,
    read_head,
    signature_lines,
    years_in,
)
from etl.placenames import prose_like, town_mentions
from etl.register import COUNTY_SUFFIX, ETHNIC, Division, Hit, county_type, register, township_type
from etl.site_host import NO_ADDRESS, Address, address_date, address_words, spelled

# --- where a report names itself -------------------------------------------------------------
TOWN_SUFFIX = r"街道办事处|街道办|街道|苏木|镇|乡"
# A county-level development zone naming itself at the start of a title or opening clause
# (广西-东盟经济技术开发区（以下简称…）深入贯彻…; 仲恺高新区坚持…; 湄洲岛国家旅游度假区党工委…): many
# are not in the register, which lists administrative divisions; the name is kept as written and
# flagged not_in_register.
# the kinds of development zone (longest first); a zone's report may call itself by one (高新区坚持…)
ZONE_KINDS = r"经济技术开发区|高新技术产业开发区|经济开发区|开发区|高新区|经开区"
ZONE_END = re.compile(rf"(?:{ZONE_KINDS}|新区)$")
ZONE_NAME = re.compile(rf"[{CJK}][{CJK}\-－]{{1,14}}?(?:{ZONE_KINDS}|新区|旅游度假区|度假区|示范区|试验区)")
# What may follow a body's own name in a title, chrome or signature: an organ (管委 is how signatures
# and letterheads shorten 管委会: 威海经济技术开发区管委), a date, a topic.
SELF_FOLLOW = re.compile(
    rf"(?:人民政府|政府|党委|党工委|工委|委员会|办事处|管委会?|管理委员会|关于|法治|依法|二〇|\d|年度?|"
    rf"工作|[^{CJK}]|$)"
)
# After a township name: the level words that make 镇/乡 the generic unit (镇村, 镇区, 镇级, 城镇化).
NOT_A_NAME_AFTER = re.compile(r"[村区域级直属化]|[、和与及](?:村|社区|组)")
# Closing quotes and brackets: a phrase goes on after them (市委“138”和县委: not the county 和县).
CLOSING = "”’」』）)》"
# A whole date (a page's date display, a signature): when, never the year reported on.
WHOLE_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# The organs of a superior government: '雷州市委', '县人民政府' (a county hit followed by these is context).
SUPERIOR_ORGAN = re.compile(r"(?:县|区|市|旗)?委|人民政府|政府|人大|政协|纪委|党委|司法局|依法治")
LEAD_WORDS = re.compile(r"^(?:中共|中国共产党|关于|[•·\-|\s\[\]【】]+)+")
# Words in which reports refer to themselves: the body's level when it does not name itself.
SELF_WORDS = (
    ("街道", re.compile(r"(?:我|本|全)?街道(?:党工委|办事处)?")),
    ("镇", re.compile(r"(?:我|本|全)镇|镇(?:党委|政府|人民政府)")),
    ("乡", re.compile(r"(?:我|本|全)乡|乡(?:党委|政府|人民政府)")),
    ("县", re.compile(r"(?:我|本|全)县|县委[、，,]县(?:人民)?政府|县(?:人民)?政府")),
    ("区", re.compile(r"(?:我|本|全)区|区委[、，,]区(?:人民)?政府|区(?:人民)?政府")),
    ("旗", re.compile(r"(?:我|本|全)旗|旗委[、，,]旗(?:人民)?政府|旗(?:人民)?政府")),
    # a county-level city (英德市, 长葛市) speaks of itself as 我市; a town of it never does, and a
    # prefecture's report is not one this warehouse files
    ("市", re.compile(r"(?:我|本)市")),
    # a development zone's report calls itself by its kind of zone ('2023年，高新区坚持…'): a county-level
    # body, never one of the towns it governs (unless it names one in brackets: 开发区（黄梅街道）)
    (
        "开发区",
        re.compile(rf"(?:我|本|全)?(?:{ZONE_KINDS})(?!管委会[的各]|[（(])"),
    ),
)
# A report that never names itself may still keep to one level when it speaks of itself (乡党委坚持…,
# 全乡干部职工, 乡域; 全街获得…): the township kind it keeps to, when no other level speaks as itself
KEPT_LEVEL = (
    ("街道", re.compile(r"(?:我|本|全)街道?(?!办)|街道(?:党工委|办事处)")),
    ("镇", re.compile(r"(?:我|本|全)镇|镇(?:党委|政府|人民政府|域)")),
    ("乡", re.compile(r"(?:我|本|全)乡(?!镇)|乡(?:党委|政府|人民政府|域)")),
)
COUNTY_SPEAKS = re.compile(r"(?:我|本|全)(?:县|区|旗|市)")
CLAUSE = re.compile(r"[，,。；;：:]")
# A clause that sets the scene rather than names the subject: 在县委、县政府领导下，按照…要求，为…
# ...and the year framed as someone's year of something (2021年是临潼区法治政府建设加速推进之年，我区…;
# 2023年是全面贯彻党的二十大精神的开局之年; 2024年是新中国成立75周年，是…关键一年): the subject comes
# in the next clause; any clause that opens with 是 right after the year says what the year was
SCENE_CLAUSE = re.compile(
    r"^(?:在|按照|根据|围绕|坚持|为|对照|结合|遵照|依照|紧扣|立足)|^是[^，,。]{0,60}$"
    r"|^(?:一年来|一年以来|今年以来|近年来|过去一年|这一年)$"  # a time clause on its own: …之年。一年来，…
)
# Weights of the places a name is found in (a title outweighs any number of body mentions).
WEIGHTS = {"given": 100, "page": 12, "title": 10, "signature": 8, "chrome": 6, "opening": 6, "announce": 6,
           "stem": 3}  # fmt: skip
# A page's banner line: an organ's name and nothing else (咸安区人民政府, 富阳区人民政府门户网站).
SITE_BANNER = re.compile(r"[^\s，,。：:]{2,24}?(?:人民政府|政府)(?:门户网站|网站|网)?")
# The sentence that announces the report names its author: 现将宝城镇2025年度法治政府建设情况报告如下.
ANNOUNCE = re.compile(r"现(?:将|就|把)(?:我|本)?([^，,。；\n]{2,40}?)(?:报告|汇报)如下")
COUNTY_KINDS = ("县", "区", "旗", "市")
COUNTY_LEVEL_SELF = (*COUNTY_KINDS, "开发区")  # self-words of a county-level body
YEAR_DOCUMENT = re.compile(
    r"《[^》\n]{0,40}?((?:19|20)\d{2})年度?[^》\n]{0,20}"
    r"(?:工作要点|工作方案|工作计划|实施方案|学习计划|学法计划|普法计划|学法清单|任务清单)》"
)
BODY_CAP = 5
YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:—|－|-|～|~|至|到)\s*((?:19|20)\d{2})\s*年")
# Weights of the clues that decide between townships of the same name.
COUNTY_ORGAN_NAME = re.compile(r"(?:自治县|县|区|旗|市)(?=委员会|(?:县|区|市|旗)?委|人民政府|政府)")
# (中共浚县县委 浚县人民政府关于…的报告: a joint title names the party committee, then the government)
ORGANS = "人民政府|政府|委员会|党委|党工委|办事处|管委会|县委|区委|市委|旗委|州委"
NAME_BOUNDARY = "、，,。；;：: 在和与及共\n"
# Characters of prose, never inside a county's name before its suffix ('党的二十大及市委', '我镇在县委');
# 乡, 和 and 会 may be (湘乡市, 乡宁县, 绥和县, 会同县).
NOT_IN_COUNTY_NAME = "[的了是着及与或在对把被我全本各该每镇村街县区市委党届一二三四五六七八九十]"
ETHNIC_ONLY = re.compile(f"(?:{ETHNIC.pattern})+")
CLUE_CHAIN, CLUE_ADDRESSEE, CLUE_CHROME, CLUE_ORGAN, CLUE_MENTION = 5, 4, 3, 2, 1


@dataclass
class ReportMeta:
    title: str | None = None
    town: str | None = None  # the reporting body's name (a county's for level 'county')
    town_type: str | None = None  # 乡 / 镇 / 街道, or 县 / 区 / 市 / 旗 / 开发区 for a county-level body
    county: str | None = None
    level: str = "township"
    report_year: int | None = None
    publish_date: str | None = None  # ISO date
    doc_number: str | None = None
    division_code: str | None = None  # 9-digit township or 6-digit county code from the register
    prefecture: str | None = None
    province: str | None = None
    url: str | None = None
    unidentified: str | None = None  # why the body or year cannot be determined (None when both are)
    notes: list[str] = field(default_factory=list)  # 'code: detail' about how a field was inferred

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def canonical_town(name: str) -> str:
    """'七里街道办事处' -> '七里街道': the office is the 街道."""
    return re.sub("街道办事处$|街道办$", "街道", name)


# --- finding the body's own name ----------------------------------------------------------------
@dataclass
class Org:
    """An organisation a line names: its level, its name as written, and the places chained before it."""

    level: str  # 'township' | 'county'
    name: str
    places: tuple[str, ...] = ()  # 连江县 in 连江县敖江镇; 天津市 in 天津市静海区


def _chains(hits: list[Hit]) -> list[list[Hit]]:
    """Register names written back to back (重庆市梁平区聚奎镇) form one chain."""
    chains: list[list[Hit]] = []
    for h in hits:
        if chains and chains[-1][-1].end == h.start:
            chains[-1].append(h)
        else:
            chains.append([h])
    return chains


def _unregistered_town(s: str, start: int, subject: bool = False) -> tuple[str | None, str] | None:
    """(county, town) of a township the register lacks, written at `start`: the nearest suffix that a
    self-naming word follows ('湘丰县苏木兴镇2024年…': 苏木 is followed by 兴, 镇 by 2024)."""
    for m in re.finditer(TOWN_SUFFIX, s[start : start + 20]):
        end = start + m.end()
        if m.start() < 2 or not (subject or SELF_FOLLOW.match(s, end)) or NOT_A_NAME_AFTER.match(s, end):
            continue
        raw = s[start : start + m.start()]
        if not re.fullmatch(rf"[{CJK}]+", raw):
            return None
        raw = re.split(ORGANS, raw)[-1]  # an organ is never inside a name: 西城区人民政府广安门内街道
        county = None
        cuts = [i for i, ch in enumerate(raw) if ch in "省市县区州盟旗" and i >= 1 and len(raw) - i - 1 >= 2]
        if cuts:  # '清河市东城区桂花' -> county 东城区 (the segment before the last place suffix), town 桂花
            earlier = [c for c in cuts if cuts[-1] - c >= 2]
            county, raw = raw[(earlier[-1] + 1 if earlier else 0) : cuts[-1] + 1], raw[cuts[-1] + 1 :]
            county = county if county[-1] in "县区旗市" else None
        if (
            2 <= len(raw) <= 8
            and not re.search("[的了是与及在对把被我全本该各每年度工作法治建设县区市旗州省]", raw)
            and not ETHNIC_ONLY.fullmatch(raw)  # '土家族' is the people of 西宁土家族乡, not its name
        ):
            return county, canonical_town(raw + m.group(0))
    return None


def orgs_in(line: str, subject: bool = False) -> list[Org]:
    """The organisations a title, chrome field, signature or opening clause names as itself.

    A chain of register names ending in a township is that township (the names before it are its
    places); a chain ending in a county-level name followed by an organ, a year or a topic word is a
    county-level body. A registered name followed by a town suffix is only the start of a longer
    name (北城街 + 街道办事处 is 北城街街道); without a registered township, a suffixed name right after
    the chain (or at the start of the line) is a township the register lacks. `subject`: the line
    is an opening clause: the name must start it, and a verb may follow ('东溪镇认真贯彻').
    """
    written = line
    line, hits = scanned(line)
    out: list[Org] = []
    lead = LEAD_WORDS.match(line)
    for chain in _chains(hits):
        if subject and chain[0].start > (lead.end() if lead else 0):
            break
        before = line[chain[0].start - 1] if chain[0].start else ""
        if (
            before
            and re.match(f"[{CJK}]", before)
            and before not in NAME_BOUNDARY + "年度于共省市县区州盟旗"
            and not re.search(f"(?:{ORGANS})$", line[: chain[0].start])
            and not _after_a_word_and_space(written, chain[0].text)
        ):
            continue  # inside a longer name the register lacks ('湘丰县' holds 丰县)
        last, end = chain[-1], chain[-1].end
        places = tuple(h.text for h in chain[:-1] if h.kinds - {"township"})
        if before in "县区市旗" and before and not any(register().county(p) for p in places):
            # a county the register lacks written before a registered name: '平城县瓦房镇人民政府'
            unregistered = _after_boundary(line, chain[0].start - 1, chain[0].start)
            places = (unregistered, *places) if unregistered else places
        county_first = "county" in last.kinds and re.search(f"(?:{COUNTY_SUFFIX})$", last.text)
        if "township" in last.kinds and re.match(TOWN_SUFFIX, line[end:]):
            chain, places, end = chain[:-1], places[:-1], last.start  # the name goes on: parse it whole
            if found := _unregistered_town(line, end, subject):
                out.append(Org("township", found[1], (*places, *(h.text for h in chain[-1:] if chain))))
            continue
        if "township" in last.kinds and not county_first and not NOT_A_NAME_AFTER.match(line, end):
            if subject or SELF_FOLLOW.match(line, end):
                out.append(Org("township", canonical_town(last.text), places))
                continue
        if found := _unregistered_town(line, end, subject):
            out.append(Org("township", found[1], (*places, last.text)))
            continue
        if (
            "county" in last.kinds
            and (
                not SUPERIOR_ORGAN.match(line, end)
                # its own government, or its party committee with its government (泽州县委、县政府坚持…)
                or re.match(
                    r"人民政府|政府|管委会?|管理委员会|委[、，,和及\s]*(?:县|区|市|旗)?(?:人民)?政府",
                    line[end:],
                )
            )
        ):
            if subject or SELF_FOLLOW.match(line, end):
                out.append(Org("county", last.text, places))
    if not out:
        found = _unregistered_town(line, lead.end() if lead else 0, subject)
        if found:
            out.append(Org("township", found[1], (found[0],) if found[0] else ()))
    zone = None if out else ZONE_NAME.match(line, lead.end() if lead else 0)
    if zone and (subject or SELF_FOLLOW.match(line, zone.end())):
        out.append(Org("county", zone.group()))  # a development zone the register lacks, naming itself
    return out


def _after_a_word_and_space(written: str, name: str) -> bool:
    """The name stands after a space that ends a word of two or more characters, as the line is
    written ('威廉希尔中文 沙园街道办事处…': a mirror's injected words, a column label): the space is a
    boundary there. Spaced-out renderings (湘 丰 县) put a space after every character or two, and
    never count."""
    return re.search(rf"[{CJK}]{{2}}\s+" + r"\s*".join(map(re.escape, name)), written) is not None


def canonical_line(s: str) -> str:
    """A line as names are matched in it: spaces inside words removed (doc-sharing renderings). A line
    break stays: a heading ending in 建设 and the next line opening with 街道党工委 make no 建设街道."""
    return re.sub(rf"(?<=[{CJK}])[^\S\n]+(?=[{CJK}\d])|(?<=\d)[^\S\n]+(?=[{CJK}])", "", s)


def _opening_subject(opening: str) -> tuple[list[Org], str | None]:
    """Organisations named as the subject of the opening sentence, and the level word it uses of
    itself ('我镇' -> '镇') when it names none. Where the opening frames the year before naming anyone
    ('今年是建党100周年，…。2021年，闵行区在…领导下'; '为深入贯彻…，根据…要求，2020年，闵行区…'),
    the clause after the year is read as well: the year's clause is where a report names its subject."""
    orgs, kind = _subject_from(opening)
    if orgs or kind:
        return orgs, kind
    for y in YEAR_CLAUSE.finditer(opening, 1):
        orgs, kind = _subject_from(opening[y.start(1) :])
        if orgs or kind:
            return orgs, kind
    return [], None


# A year that opens a clause inside the opening line ('…意义十分重大。2021年，闵行区…', '…要求，2020年，…').
YEAR_CLAUSE = re.compile(r"[，,。；;]\s*((?:19|20)\d{2}\s*年度?(?:以来)?\s*[，,])")


# A report given to the people's congress on the government's behalf names its author as the one
# it speaks for: '我受县政府委托，向本次会议报告…' / '受区人民政府委托' (the speaker is not the body).
ON_BEHALF = re.compile(r"^我?受([^，,。]{2,30})委托$")


def _subject_from(opening: str) -> tuple[list[Org], str | None]:
    """The subject of the clauses from the opening's start (see _opening_subject)."""
    m = OPENING_TIME.match(opening)
    rest = opening[m.end() :] if m else opening
    rest = re.sub(r"^(?:为[^，,]{0,40}[，,])?(?:\d{4}\s*年度?(?:以来|来)?[，,]?)?", "", rest)
    clauses = [c.strip() for c in CLAUSE.split(rest) if c.strip()][:4]
    for c in clauses:
        c = ON_BEHALF.sub(r"\1", c)
        if SCENE_CLAUSE.match(c) and not re.match(
            r"在[^，]{0,20}(?:镇|乡|街道)(?:党委|政府)?(?:的)?(?:领导|带领)", c
        ):
            continue
        for kind, rx in SELF_WORDS:
            if rx.match(c):
                return [], kind
        orgs = orgs_in(c[:24], subject=True)
        if orgs:
            return orgs[:1], None
        break
    return [], None


def _spelled_out(text: str, h: Hit) -> bool:
    """A two-character county name (和县, 城区, 矿区) is a name only where no prose character runs into
    it ('市政府和县委' is not 和县), nor a closing quote or bracket (市委“138”和县委“1177”: the phrase
    goes on after the quote); longer names stand on their own."""
    before = text[h.start - 1] if h.start else ""
    return (
        len(h.text) > 2
        or not before
        or not (re.match(f"[{CJK}]", before) or before in CLOSING)
        or before in "在于至与及"
    )


Scanned = tuple[str, list[Hit]]


@lru_cache(maxsize=64)
def scanned(text: str) -> Scanned:
    """A text as names are matched in it (canonical_line) and the register names found in it: each
    text is scanned once, whatever asks about it (a title line is both a name zone and a clue zone)."""
    text = canonical_line(text)
    return text, register().scan(text)


def _body_townships(s: Scanned) -> Counter[str]:
    """Registered townships the body names, counted ('在张八桥镇设立', not '新城镇化')."""
    found: Counter[str] = Counter()
    text, hits = s
    for h in hits:
        if "township" in h.kinds and not NOT_A_NAME_AFTER.match(text, h.end):
            found[canonical_town(h.text)] += 1
    return found


def _places(s: Scanned, weight: int, organ_weight: int | None = None) -> Counter[str]:
    """County, prefecture and province names a text gives, weighted (more when an organ follows)."""
    out: Counter[str] = Counter()
    text, hits = s
    for h in hits:
        if h.kinds - {"township"} and _spelled_out(text, h):
            w = organ_weight if organ_weight and SUPERIOR_ORGAN.match(text, h.end) else weight
            out[h.text] += w
    return out


def _superior_counties(s: Scanned) -> list[str]:
    """Counties whose organs a line names, registered or not: '中共湘丰县委员会、湘丰县人民政府' ->
    湘丰县, '在宁远县委的坚强领导下' -> 宁远县. A registered prefecture (永州市委) is not a county;
    prose before 县委 ('按照县委', '我镇在县委') is not a name."""
    line, hits = s
    reg = register()
    found = [h.text for h in hits if "county" in h.kinds and SUPERIOR_ORGAN.match(line, h.end)
             and _spelled_out(line, h)]  # fmt: skip
    for m in COUNTY_ORGAN_NAME.finditer(line):
        name = _after_boundary(line, m.start(), m.end())
        if (
            name is None
            or name in found
            or name in reg.prefectures
            or re.search(NOT_IN_COUNTY_NAME, name[:-1])
            or re.search(
                ORGANS, name
            )  # an organ is never inside a name: 自治区党委、政府和市委 has no 政府和市
        ):
            continue
        if not any(name.endswith(h) for h in found) and not prose_like(name[:-1]):
            found.append(name)
    return list(dict.fromkeys(found))


def _after_boundary(line: str, suffix_start: int, end: int) -> str | None:
    """The shortest name of 2-8 characters before a county suffix that starts after a boundary (line
    start, punctuation, 在/和/与/及, 中共): '青石镇在江城市委' -> 江城市."""
    for length in range(2, 9):
        start = suffix_start - length
        if start < 0:
            return None
        if start == 0 or line[start - 1] in NAME_BOUNDARY or LEAD_WORDS.fullmatch(line[:start]):
            return line[start:end]
    return None


# '在区委、区政府的坚强领导下': the kind of county a township's report answers to, named or not (one
# kind only; 市委市政府 is left out: it may be the prefecture's)
SUPERIOR_PAIR = re.compile(r"(县|区|旗)委[、，,]?\1(?:人民)?政府")


# A province's organs as the text's superiors (省委、省政府, 省州市 in a 州's county): the four
# province-level cities have no province above their districts (135 of their reports name none)
PROVINCE_SUPERIOR = re.compile(r"省委|省政府|省人民政府|省州")
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


def superior_kind(body: str) -> str | None:
    """县 / 区 / 旗 when the text's organ pairs ('区委、区政府', '县委县政府') name one kind only.

    Why: a register entry under a 县 cannot be the body of a report that answers to 区委、区政府 (a town
    moved to a district after the 2023 register, or another town of the same name); the reverse may
    be time alone (see _resolve)."""
    kinds = {m.group(1) for m in SUPERIOR_PAIR.finditer(body)}
    return kinds.pop() if len(kinds) == 1 else None


def _resolve(
    level: str,
    name: str,
    clues: Counter[str],
    strong: set[str],
    kind: str | None = None,
    provincial: bool = False,
    address: Address = NO_ADDRESS,
) -> tuple[Division | None, list[Division], str | None]:
    """(division, candidates, flag) for a body's name given the places the text names.

    `clues`: place -> weight; `strong`: places chained to the name or in the addressee, which a
    resolved division must lie in (a county the register does not know there means the body is not
    in the register either). A unique registered name resolves unless a strong clue, a named county
    government or the kind of county the text answers to (`kind`, 县/区/旗) contradicts it; a shared
    name resolves only on a deciding clue."""
    reg = register()
    entries = reg.township(name) if level == "township" else reg.county(name)
    if not entries:
        return None, [], "not_in_register"
    # a text that answers to a province (省委、省政府, 对标省州市) is of no body in 北京/天津/上海/重庆
    if provincial and not (entries := [d for d in entries if d.province not in MUNICIPALITIES]):
        return None, reg.township(name) if level == "township" else reg.county(name), "not_in_register"
    known = {p for p in strong if reg.county(p) or p in reg.prefectures or p in reg.provinces}
    if (
        strong - known
        or known
        and not (entries := [d for d in entries if all(reg.in_area(d, p) for p in known)])
    ):
        return None, reg.township(name) if level == "township" else reg.county(name), "not_in_register"
    scores = {d.code: sum(w for p, w in clues.items() if reg.in_area(d, p)) for d in entries}
    best = max(scores.values())
    top = [d for d in entries if scores[d.code] == best]
    if len(top) > 1:
        # the page's address spells the county of one of them (www.tengzhou.gov.cn): that one
        spelt = [d for d in top if spelled(d.county, d.prefecture, address)]
        if len(spelt) != 1:
            return None, top, "ambiguous_town"
        top = spelt
    named_counties = [p for p, w in clues.items() if w >= CLUE_ORGAN and reg.county(p)]
    if best == 0 and named_counties and not any(reg.in_area(top[0], p) for p in named_counties):
        return None, entries, "not_in_register"
    # a 县 / 市 / 旗 becomes a 区, never the reverse: a text answering to 区委、区政府 cannot be of a
    # town the register keeps under a 县, 市 or 旗 (it moved, or its county became a district after
    # the register); a text of 县委 under a registered 区 or 市 is only older than the register
    if level == "township" and kind == "区" and county_type(top[0].county) in ("县", "市", "旗"):
        return None, entries, "not_in_register"
    return top[0], entries, None


# --- the whole identity ---------------------------------------------------------------------------
def extract_metadata(
    text: str,
    chrome: list[str] | None = None,
    page: Mapping[str, str] | None = None,
    given: Mapping[str, str] | None = None,
) -> ReportMeta:
    """Identify the report: see the module docstring for which source wins for each field.

    `page`: the page's own metadata (title, publish_date, publisher) when the report came from a web
    page or document; `given`: a metadata file's row (town, county, province, division_code,
    report_year, publish_date, url), which wins over the text (disagreements are flagged)."""
    chrome = chrome or []
    page = page or {}
    meta = ReportMeta()
    head = read_head(text)
    chrome = [*chrome, *head.fields]
    sources, chrome_titles = chrome_fields(chrome)
    if page.get("publisher"):
        sources.insert(0, page["publisher"])
    meta.title = page.get("title") or head.title
    meta.doc_number = head.doc_number or page.get("doc_number")
    title = meta.title or ""
    body = text[head.body_start :]
    opening = opening_sentence(text, head.body_start)
    signature, sig_date = signature_lines(text)

    # publish date: page, chrome and info box, then a date line at the end, then one in the title block
    meta.publish_date = page.get("publish_date") or field_date(chrome) or sig_date or head.date
    for line in chrome:
        if meta.doc_number is None and (d := DOC_NO.search(line)):
            meta.doc_number = d.group(0).replace(" ", "")

    # candidates for the body's own name, scored by where they stand
    scores: Counter[tuple[str, str]] = Counter()
    places: dict[tuple[str, str], Counter[str]] = {}  # candidate -> places chained to it, by zone weight

    def add(orgs: list[Org], weight: int) -> None:
        for o in orgs:
            key = (o.level, o.name)
            scores[key] += weight
            for p in o.places:
                places.setdefault(key, Counter())[p] += weight

    title_lines = head.title_lines if len(head.title_lines) > 1 else [title]
    # a title block that names no report but only an organ ('咸安区人民政府' over a town's report) is
    # the site's banner: its owner weighs as a page publisher, not as the report's title
    banners = [] if REPORT_WORDS.search(title) else [ln for ln in title_lines if SITE_BANNER.fullmatch(ln)]
    title_lines = [ln for ln in title_lines if ln not in banners]
    for zone, lines in (("page", [page.get("title", "")]), ("title", [*title_lines, *chrome_titles]),
                        ("chrome", [*sources, *banners]), ("signature", signature)):  # fmt: skip
        for line in lines:
            if line:
                add(orgs_in(line), WEIGHTS[zone])
    body_s = scanned(body)
    subject, self_kind = _opening_subject(opening)
    add(subject, WEIGHTS["opening"])
    for m in ANNOUNCE.finditer(body[:3000]):
        named = orgs_in(m.group(1))
        add(named, WEIGHTS["announce"])
        if not named and not subject and self_kind is None:  # 现将县人民政府2022年…报告如下, 现将我县…
            announced = m.group(0)[2:]  # from 我/本 on, which the name group leaves out
            self_kind = next((k for k, rx in SELF_WORDS if rx.match(announced)), None)
    if self_kind not in COUNTY_LEVEL_SELF:  # a county's report names its towns; a town's names itself
        named = _body_townships(body_s)
        top = named.most_common(2)
        if not scores and len(top) == 2 and top[0][1] == top[1][1]:
            # nothing else names the body and the body names several townships alike (对和尚桥镇、大周镇、
            # 老城镇、南席镇4个镇开展…): a list, not a self-name; a report that speaks as a county (全市,
            # 全县) is then the county all of them belong to
            if COUNTY_SPEAKS.search(body) and (county := _county_of_all(named)):
                add([Org("county", county)], WEIGHTS["stem"])
        else:
            for name, n in named.items():
                scores[("township", name)] += min(n, BODY_CAP)

    # clues for resolving a name several counties share
    clues: Counter[str] = _places(body_s, CLUE_MENTION, CLUE_ORGAN)
    clues.update(_places(scanned(title), CLUE_CHAIN))
    addressed = _superior_counties(scanned(head.addressee or ""))
    for p in addressed:
        clues[p] += CLUE_ADDRESSEE
    organs = _superior_counties(body_s)
    registered_organs = {c for c in organs if register().county(c)}
    strong = set(addressed) | (registered_organs if len(registered_organs) == 1 else set())
    text_counties = [*addressed, *(organs if len(organs) == 1 else [])]
    for line in sources:
        clues.update(_places(scanned(line), CLUE_CHROME))

    if not scores and self_kind:  # '我镇…' and no name: a township of a county the text names?
        add(_stem_candidates(text, self_kind, clues), WEIGHTS["stem"])
    if not scores:
        add(_body_fallback(body_s, self_kind), 1)
    provincial = bool(PROVINCE_SUPERIOR.search(body))
    address = address_words((given or {}).get("url"))  # a crawler's page address (etl/site_host.py)
    _choose(meta, scores, places, clues, strong, text_counties, superior_kind(body), provincial, address)
    if meta.town is None:  # unnamed: the county is still known when the text names exactly one
        named = {d.code: d.name for p in clues for d in register().county(p)}
        meta.county = next(iter(named.values())) if len(named) == 1 else None
    _year(meta, title, opening, body)
    if given:
        _apply_given(meta, given, clues)
    if meta.town is None and self_kind is None:
        self_kind = _level_it_keeps_to(body)
    if meta.town is None:
        meta.unidentified = "no reporting body named in the title, page, signature or opening" + (
            f" (it calls itself {self_kind})" if self_kind else ""
        )
        meta.town_type = meta.town_type or self_kind
        if self_kind in COUNTY_LEVEL_SELF:
            meta.level = "county"
    elif meta.report_year is None:
        meta.unidentified = "no report year found in the title, opening sentence or publish date"
    return meta


def _choose(
    meta: ReportMeta,
    scores: Counter[tuple[str, str]],
    places: dict[tuple[str, str], Counter[str]],
    clues: Counter[str],
    strong: set[str],
    text_counties: list[str],
    kind: str | None = None,
    provincial: bool = False,
    address: Address = NO_ADDRESS,
) -> None:
    """Pick the best-supported candidate and resolve it in the register.

    `strong`: counties the addressee (or the only county government the body names) gives, which a
    township must lie in; `text_counties`: the county to record when the register cannot resolve."""
    if not scores:
        return
    # a township outranks a county-level body of the same score (a town's title names its county)
    (level, name), _ = max(scores.items(), key=lambda kv: (kv[1], kv[0][0] == "township"))
    # a development zone the register lists among a county's townships (北京经济技术开发区 under 大兴区)
    # reports as a county-level body unless its text answers to a county's or district's organs
    if level == "township" and county_type(name) == "开发区" and kind is None:
        level = "county"
    reg = register()
    ranked = [p for p, _ in places.get((level, name), Counter()).most_common()]
    # the county chained in the strongest zone (the page's publisher over a stale chrome line); every
    # prefecture and province chained to the name
    chained = [p for p in ranked if p not in reg.prefectures and p not in reg.provinces][:1]
    own = chained + [p for p in ranked if p in reg.prefectures or p in reg.provinces]
    strong = set(own) | (strong if level == "township" else set())
    weighted = Counter(clues)
    for p in own:
        weighted[p] += CLUE_CHAIN
    division, candidates, flag = _resolve(level, name, weighted, strong, kind, provincial, address)
    meta.level = level
    if division:
        meta.division_code = division.code
        meta.town = division.name if level == "township" else division.county
        meta.county, meta.prefecture, meta.province = division.county, division.prefecture, division.province
    else:
        meta.town = name
        meta.county = (
            chained[0] if chained else next(iter(text_counties), None) if level == "township" else None
        )
        if level == "township" and flag:
            detail = (
                ", ".join(f"{d.county} {d.code}" for d in candidates) or "no registered body of that name"
            )
            meta.notes.append(f"{flag}: {name}: {detail}")
        elif flag:
            meta.notes.append(f"{flag}: {name}")
    if level == "county":
        meta.county = meta.county or meta.town
        meta.town_type = county_type(meta.town or name)
        # a zone named like a district (郑东新区, 天津滨海高新区) that the register holds as no district
        # (not at all, or under a functional-zone code 7x: 兰州新区 620171) is a development zone; a
        # registered 新区 (浦东新区 310115, 滨海新区) is a district
        zone_code = division is None or division.code[4:6] >= "70"
        if meta.town_type == "区" and zone_code and ZONE_END.search(meta.town or name):
            meta.town_type = "开发区"
    else:
        meta.town_type = township_type(meta.town or name)


def _level_it_keeps_to(body: str) -> str | None:
    """The township kind an unnamed report keeps to when it speaks of itself (two or more times, and
    no other level speaks as itself), else None."""
    if COUNTY_SPEAKS.search(body):
        return None
    counts = {kind: len(rx.findall(body)) for kind, rx in KEPT_LEVEL}
    kept = [kind for kind, n in counts.items() if n]
    return kept[0] if len(kept) == 1 and counts[kept[0]] >= 2 else None


def _stem_candidates(text: str, kind: str, clues: Counter[str]) -> list[Org]:
    """'鱼复法治建设' in a report of 奉节县 that calls itself 街道: the county's townships of that level
    whose name without its suffix (鱼复) the text uses. Only counties the text names are searched."""
    reg = register()
    found: list[Org] = []
    for place, _ in clues.most_common(3):
        for county in reg.county(place)[:1]:
            for d in reg.townships_of(county.code):
                stem = re.sub(rf"(?:{TOWN_SUFFIX}|民族乡)$", "", d.name)
                if township_type(d.name) == kind and len(stem) >= 2 and stem in text:
                    found.append(Org("township", d.name, (county.name,)))
    return found if len(found) == 1 else []


def _county_of_all(towns: Counter[str]) -> str | None:
    """The one county every township of two or more the body names may belong to (names several
    counties share narrow it down together), else None."""
    if len(towns) < 2:
        return None
    common: set[str] | None = None
    names: dict[str, str] = {}
    for town in towns:
        found = register().township(town)
        counties = {d.county_code for d in found}
        names.update({d.county_code: d.county for d in found})
        common = counties if common is None else common & counties
        if not common:
            return None
    return names[next(iter(common))] if common and len(common) == 1 else None


def _body_fallback(s: Scanned, self_kind: str | None) -> list[Org]:
    """When nothing names the body: for a county that calls itself 我县/我区, the county the body names
    most ('全面落实《张家川县法治政府建设实施方案》'); for a township, the one suffixed name the body
    gives ('列入下太镇委党校培训课程'), registered or not."""
    if self_kind in COUNTY_KINDS:
        counts = Counter(
            h.text for h in s[1]
            if "county" in h.kinds and h.text.endswith(self_kind) and _spelled_out(s[0], h)
        )  # fmt: skip
        top = counts.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return [Org("county", top[0][0])]
        county = _county_of_all(_body_townships(s))  # 我市 naming only its towns (英城街道、英红镇)
        return [Org("county", county)] if county and county.endswith(self_kind) else []
    if self_kind == "开发区":  # a zone's report names the towns it governs, never itself by them
        return []
    body = s[0]
    counts = town_mentions(body)
    top = counts.most_common(2)
    if not top or len(top) == 2 and top[0][1] == top[1][1]:
        return []
    name = top[0][0]  # named twice, or once as an organ ('下太镇委党校') by a report calling itself 镇
    if top[0][1] >= 2 or self_kind and re.search(re.escape(name) + "(?:党?委|人民政府|政府)", body):
        return [Org("township", canonical_town(name))]
    return []


def _year(meta: ReportMeta, title: str, opening: str, body: str) -> None:
    """The year reported on: title (not a plan year), opening, '今年以来' with the publish date, body.
    A whole date in the title line (天津市静海区人民政府 2019年12月3日星期二: a page's date display
    merged into its title) says when, not which year is reported on."""
    # a period's report ('关于2015-2020年度法治政府建设有关情况的报告') is filed under the year it ends
    title_years = years_in(YEAR_RANGE.sub(r"\2年", WHOLE_DATE.sub("", title)))
    open_m = OPENING_TIME.match(opening)
    announced = [y for m in ANNOUNCE.finditer(body[:3000]) for y in years_in(m.group(1))]
    if title_years:
        meta.report_year = title_years[0]
    elif open_m and open_m.group("year"):
        meta.report_year = int(open_m.group("year"))
    elif announced:  # 现将我镇2024年法治政府建设情况报告如下
        meta.report_year = announced[0]
    elif open_m and meta.publish_date:
        pub = date.fromisoformat(meta.publish_date)
        meta.report_year = pub.year - 1 if pub.month <= 4 else pub.year
        meta.notes.append(f"year_inferred: '{open_m.group('rel')}' read against publish date {pub}")
    else:
        quoted = [x.span() for x in NOT_REPORTED_YEAR.finditer(body)]
        counts = Counter(years_in(mask_spans(body, quoted)))
        # the year's own work documents: 《…2021年度法治政府建设工作方案》
        plans = Counter(int(m.group(1)) for m in YEAR_DOCUMENT.finditer(body))
        if counts and (counts.most_common(1)[0][1] >= 2 or len(counts) == 1):
            meta.report_year = counts.most_common(1)[0][0]
            meta.notes.append("year_inferred: most frequent year in the body")
        elif len(plans) == 1:
            meta.report_year = next(iter(plans))
            meta.notes.append("year_inferred: the year of the work plan the body follows")
        elif meta.publish_date:
            pub = date.fromisoformat(meta.publish_date)
            meta.report_year = pub.year - 1 if pub.month <= 6 else pub.year
            meta.notes.append(f"year_inferred: from publish date {pub}")


GIVEN_FIELDS = ("town", "county", "province", "division_code", "report_year", "publish_date", "url")


def _apply_given(meta: ReportMeta, given: Mapping[str, str], clues: Counter[str]) -> None:
    """What a metadata file says wins; where it disagrees with the text, a metadata_conflict note."""
    g = {
        k: str(v).strip() for k, v in given.items() if k in GIVEN_FIELDS and v is not None and str(v).strip()
    }
    before = {"town": meta.town, "county": meta.county, "division_code": meta.division_code,
              "report_year": meta.report_year, "publish_date": meta.publish_date}  # fmt: skip
    reg = register()
    division = reg.division(g["division_code"]) if "division_code" in g else None
    if "division_code" in g and division is None:
        meta.notes.append(
            f"not_in_register: the metadata file's division code {g['division_code']} is not in the register"
        )
    if division is None and "town" in g:
        level = "county" if county_type(g["town"]) and not township_type(g["town"]) else "township"
        strong = {p for p in (g.get("county"), g.get("province")) if p}
        weighted = Counter(clues)
        for p in strong:
            weighted[p] += 10 * CLUE_CHAIN
        division, candidates, flag = _resolve(level, canonical_town(g["town"]), weighted, strong)
        if division is None:
            meta.town, meta.level = canonical_town(g["town"]), level
            meta.division_code = meta.prefecture = None
            meta.county, meta.province = g.get("county"), g.get("province")
            meta.town_type = township_type(meta.town) if level == "township" else county_type(meta.town)
            if flag:
                meta.notes.append(f"{flag}: {g['town']} (metadata file)")
    if division is not None:
        meta.level = division.level
        meta.division_code = division.code
        meta.town = division.name if division.level == "township" else division.county
        meta.county, meta.prefecture, meta.province = division.county, division.prefecture, division.province
        meta.town_type = (
            township_type(division.name) if division.level == "township" else county_type(division.name)
        )
    elif "county" in g and "town" not in g:
        meta.county = g["county"]
    if "report_year" in g:
        meta.report_year = int(g["report_year"])
    if "publish_date" in g:
        meta.publish_date = date.fromisoformat(g["publish_date"]).isoformat()
    meta.url = g.get("url")
    if meta.publish_date is None and (dated := address_date(meta.url)):
        meta.publish_date = dated  # the text shows no date: the page address's, flagged as such
        meta.notes.append(f"publish_date_from_address: {dated} (the text states none)")
    after = {"town": meta.town, "county": meta.county, "division_code": meta.division_code,
             "report_year": meta.report_year, "publish_date": meta.publish_date}  # fmt: skip
    for k, old in before.items():
        if (
            old is not None
            and str(old) != str(after[k])
            and (k in g or k in ("town", "county") and "town" in g)
        ):
            meta.notes.append(
                f"metadata_conflict: {k}: the text says {old}, the metadata file says {after[k]}"
            )
