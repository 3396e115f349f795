"""Who wrote the report and for which year: town, type, county, year, publish date, document number.

Where each field comes from, strongest source first (the first that answers wins):
- town: the title block (first short lines, a title split over two lines or repeated counts once),
  then the web page's 信息来源 chrome, then the signature at the end, then the body (the town
  named right after the opening time phrase, '2024年以来，XX镇…', else the most mentioned town).
  A title naming a county/district government and no town makes a county-level report.
- county: the title ('辰溪县小龙门乡'), the chrome source, an addressee line ('中共将乐县委员会、
  将乐县人民政府：'), the signature, then a county the body names ('作为宝丰县唯一的…').
- report_year: a year in the title that is not a plan ('2025年工作计划'), the opening sentence
  ('2024年以来'), '今年以来' with the publish date, the most frequent non-plan year in the body.
- publish_date: a date in the chrome, else a date line at the end (after the signature) or in the
  title block, in Arabic or Chinese numerals ('二〇二五年三月二十日').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache

from etl.dictionary import short_words

CJK = "\u4e00-\u9fff"
ETHNIC = (
    "土家族|蒙古族|布依族|朝鲜族|哈尼族|哈萨克族|傈僳族|仡佬族|东乡族|拉祜族|柯尔克孜族|达斡尔族|仫佬族|毛南族|"
    "撒拉族|锡伯族|普米族|塔吉克族|鄂温克族|鄂伦春族|裕固族|保安族|独龙族|赫哲族|基诺族|景颇族|纳西族|"
    "瑶族|苗族|回族|满族|壮族|侗族|彝族|藏族|白族|畲族|黎族|傣族|水族|羌族|佤族|京族|怒族"
)
# Town suffixes, longest first; 民族乡 may name its peoples (八都瑶族乡, XX苗族土家族乡).
TOWN_SUFFIX = rf"街道办事处|街道办|街道|民族乡|(?:{ETHNIC})+乡|苏木|镇|乡"
ADMIN_CHARS = "省市州盟县区旗"
# An organisation in a title, chrome source or signature: name + town suffix + what may follow it.
ORG_TOWN = re.compile(
    rf"([{CJK}]{{2,16}}?)({TOWN_SUFFIX}|街)"
    rf"(?=人民政府|政府|党委|党工委|工委|办事处|委员会|关于|法治|依法|二〇|[^{CJK}]|$)"
)
ORG_COUNTY = re.compile(
    rf"([{CJK}]{{2,14}}?(?:自治县|县|区|旗|市))(?=人民政府|政府|委员会|党委|县委|区委|委|人大|关于|法治|[^{CJK}]|$)"
)
PREFIXES = ("中共", "关于", "中国共产党")
LEADING_FUNCTION = ("作为", "结合", "关于", "位于", "对于", "助力", "推动", "服务", "为", "在", "对", "于", "是",
                    "把", "将", "和", "与", "及", "同", "向", "从", "到", "由", "给", "赴", "至", "的", "了", "让",
                    "使", "以")  # fmt: skip
# Words and characters that never occur in a town or county name but do occur in prose before 镇/乡/县.
NAME_STOP_WORDS = ("法治", "依法", "示范", "中心", "重点", "特色", "美丽", "文明", "平安", "全国", "全省",
                   "全市", "全县", "省级", "市级", "县级", "乡级", "镇级", "城乡", "集体", "建制", "工作",
                   "建设", "推进", "开展", "加强", "提升", "促进", "落实", "创建", "打造", "实现", "服务",
                   "支持", "发展", "基层", "农村", "乡村", "社会", "经济", "政府", "部门", "群众", "干部",
                   "各个", "所有", "试点", "先进", "优秀", "生态", "旅游", "产业", "农业", "工业", "商贸")  # fmt: skip
NAME_STOP_CHARS = set("的了是着或被其这那此每个等法治不")  # 不: slogans (大事不出镇), never a name
NAME_BAD_END = set("全各本该我每两其此乡镇村县省")
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
ADDRESSEE_WORDS = re.compile(
    r"委员会|人民政府|政府|党委|县委|区委|人大|常委会|法治办|依法治|同志们|^各|、各|单位|部门|站所|社区|村"
)


@dataclass
class ReportMeta:
    title: str | None = None
    town: str | None = None
    town_type: str | None = None
    county: str | None = None
    level: str = "township"
    report_year: int | None = None
    publish_date: str | None = None  # ISO date
    doc_number: str | None = None
    notes: list[str] = field(default_factory=list)  # 'code: detail' about how a field was inferred

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def town_type_of(town: str) -> str | None:
    """乡 / 镇 / 街道 from the name's suffix (民族乡 and 苏木 are 乡; a name ending in 街 is a 街道)."""
    for suffix, kind in (("街道办事处", "街道"), ("街道办", "街道"), ("街道", "街道"), ("街", "街道"),
                         ("乡", "乡"), ("苏木", "乡"), ("镇", "镇")):  # fmt: skip
        if town.endswith(suffix):
            return kind
    return None


def short_name(place: str) -> str:
    """'小龙门乡' -> '小龙门', '将乐县' -> '将乐': the form reports use in phrases like 贡献小龙门力量."""
    m = re.match(rf"^(.{{2,}}?)(?:{TOWN_SUFFIX}|自治县|县|区|旗|市|街)$", place)
    return m.group(1) if m else place


def _clean_town(name: str, suffix: str) -> str:
    if suffix in ("街道办事处", "街道办"):
        suffix = "街道"
    return name + suffix


def _strip_prefixes(s: str) -> str:
    changed = True
    while changed:
        changed = False
        for p in PREFIXES:
            if s.startswith(p) and len(s) > len(p) + 1:
                s, changed = s[len(p) :], True
    return s


def _admin_cut(name: str) -> tuple[str | None, str]:
    """'湖南省辰溪县小龙门' -> ('辰溪县', '小龙门'): cut at the last administrative character that leaves
    a name of at least 2 characters; the county is the segment before it (None for a province)."""
    cuts = [i for i, ch in enumerate(name) if ch in ADMIN_CHARS and i >= 1 and len(name) - i - 1 >= 2]
    if not cuts:
        return None, name
    last = cuts[-1]
    earlier = [c for c in cuts if last - c >= 3]
    county = name[(earlier[-1] + 1 if earlier else 0) : last + 1]
    return (county if county[-1] in "县区旗市" else None), name[last + 1 :]


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[int, str]]:
    """jieba's dictionary (word -> frequency, part of speech) for 2-4 character words: tells a
    verb or preposition ('按照县委', '借助县纪委', '突出镇领导') from a place name before 县/镇."""
    lex = dict(short_words())
    for word in MISTAGGED_VERBS:
        lex[word] = (lex.get(word, (1000, "v"))[0], "v")
    return lex


# Report verbs jieba's dictionary tags as something else (深化 'j', 落实/健全 'a', 规范 'n'): before
# 镇/乡 they are prose ('深化镇党委…'), never a name.
MISTAGGED_VERBS = ("深化", "落实", "健全", "规范", "压实", "细化", "筑牢", "织密", "优化")


PLACE_TAGS = ("ns", "nr", "nz", "nt")
PROSE_TAGS = ("v", "p", "d", "c", "u", "r", "m", "q", "f", "t", "a")


def prose_like(name: str) -> bool:
    """The candidate is (or contains) an ordinary verb/preposition/adverb rather than a proper name."""
    lex = _lexicon()
    info = lex.get(name)
    if info and info[1].startswith(PROSE_TAGS) and not info[1].startswith(PLACE_TAGS):
        return True
    for i in range(len(name) - 1):
        for j in (i + 2, i + 3):
            sub = name[i:j]
            inf = lex.get(sub) if sub != name and j <= len(name) else None
            if inf and inf[0] >= 100 and inf[1][:1] in "vpdcu" and not inf[1].startswith(PLACE_TAGS):
                return True
    return False


def _tokens(name: str) -> list[str]:
    """`name` cut into dictionary words, longest match from the right (single characters otherwise)."""
    lex, out, end = _lexicon(), [], len(name)
    while end > 0:
        start = next((s for s in range(max(0, end - 4), end - 1) if name[s:end] in lex), end - 1)
        out.append(name[start:end])
        end = start
    return out[::-1]


def verb_phrase(name: str) -> bool:
    """'全年对', '大事不出', '深化': the words before 镇/乡 end in a preposition or pronoun (全年对镇…,
    我们镇) or in a verb of two or more characters (不出镇, 走进镇, 深化镇): prose, not a name.
    A single-character verb may end a name (沙渡, 黄冲, 城关), so it does not count."""
    tokens = _tokens(name)
    tag = _lexicon().get(tokens[-1], (0, ""))[1]
    if tag.startswith(PLACE_TAGS):
        return False
    return tag[:1] in "pr" if len(tokens[-1]) == 1 else tag[:1] in "vpd" and len(tokens) > 1


def _prose_before(text: str, start: int) -> bool:
    """A common verb or preposition (借鉴, 学习, 推进, 按照) ends right before `start`: a boundary."""
    lex = _lexicon()
    for k in (2, 3):
        info = lex.get(text[start - k : start]) if start >= k else None
        if info and info[0] >= 100 and info[1][:1] in "vp" and not info[1].startswith(PLACE_TAGS):
            return True
    return False


def known_word(name: str) -> bool:
    """A common dictionary word that is not a place name ('基层', '工作', '当地')."""
    info = _lexicon().get(name)
    return bool(info) and not info[1].startswith(("ns", "nr")) and info[0] >= 20


def plausible_name(name: str) -> bool:
    """A place name, not prose: 2-8 characters, no function words, no generic words."""
    if not 2 <= len(name) <= 8 or not re.fullmatch(rf"[{CJK}]+", name):
        return False
    if name[-1] in NAME_BAD_END or any(c in NAME_STOP_CHARS for c in name):
        return False
    return not any(w in name for w in NAME_STOP_WORDS)


def parse_org_town(s: str) -> tuple[str | None, str | None]:
    """(town, county) named by an organisation string such as '中共辰溪县小龙门乡委员会'."""
    for m in ORG_TOWN.finditer(s):
        raw, suffix = m.group(1), m.group(2)
        raw = _strip_prefixes(raw)
        county, name = _admin_cut(raw)
        if suffix == "街" and not re.match(r"人民政府|办事处|党工委|工委|\d|二〇", s[m.end() :]):
            continue
        if plausible_name(name):
            return _clean_town(name, suffix), county
    return None, None


def parse_org_county(s: str) -> str | None:
    """The county/district named in an organisation string ('中共将乐县委员会' -> '将乐县')."""
    for m in ORG_COUNTY.finditer(s):
        raw = _strip_prefixes(m.group(1))
        parts = re.findall(r".+?(?:自治县|县|区|旗|市|省|州|盟)(?=.{2,}|$)", raw) or [raw]
        cand = parts[-1]
        for p in sorted(LEADING_FUNCTION, key=len, reverse=True):
            if cand.startswith(p) and len(cand) - len(p) >= 3:
                cand = cand[len(p) :]
        if plausible_county(cand):
            return cand
    return None


def _at_boundary(text: str, start: int) -> bool:
    """A name may start at `start`: line start, after punctuation, or after a function word (在/为/结合)."""
    before = text[max(0, start - 2) : start]
    return (
        start == 0
        or not re.match(rf"[{CJK}]", before[-1:])
        or any(before.endswith(w) for w in LEADING_FUNCTION)
    )


def _name_before(text: str, end: int, max_len: int = 4, strict: bool = True) -> str | None:
    """The place name ending at `end`: 2-`max_len` CJK characters after a boundary (punctuation,
    line start or a function word such as 在/为/作为/结合). None when no boundary makes sense."""
    for length in range(2, max_len + 1):
        start = end - length
        if start < 0:
            return None
        cand = text[start:end]
        if not re.fullmatch(rf"[{CJK}]+", cand):
            return None
        if _at_boundary(text, start) or _prose_before(text, start):
            if re.search("[县乡镇村委]", cand):  # 县委/乡党委: an organ of the unit, not a name
                return None
            if verb_phrase(cand):
                return None
            return cand if plausible_name(cand) and not (strict and prose_like(cand)) else None
    return None


# One-character county names exist (歙县, 沛县, 和县, 随县), but so does every preposition or pronoun
# before 县 in prose ('在县委', '全县', '和县委的领导'): a lone character is a name only when it is
# none of these.
NOT_ONE_CHAR_COUNTY = set(
    "我在全本该各每此两邻外他其原市县省区州乡镇村对向从为和与及或等受经由于至到赴入出进下上某多几同跟按据"
    "借通是的了把将被让给使以并而且也都还又再就才仅只这那县街"
)
COUNTY_SUFFIX = "自治县|自治旗|县|区|旗|市"
# The organs of a county after its name ('江城市委', '东湖区人民政府'): 县委 alone is an organ, not a name.
COUNTY_ORGAN = re.compile(
    r"(自治县|自治旗|县|区|旗|市)(?=委|人民政府|政府|人大|政协|纪委|司法局|人民法院|法院|人民检察院|检察院|公安局|"
    r"依法治|全面依法治)"
)
# 县 is a county; 区/旗 usually are; 市 may also be the prefecture-level city above the county.
COUNTY_RANK = {"自治县": 0, "县": 0, "自治旗": 1, "旗": 1, "区": 1, "市": 2}


def plausible_county(county: str) -> bool:
    """'沅乡县', '湘乡市', '歙县', '峨边彝族自治县' yes; '全县', '在县', '县委县', '我镇在县' no.

    A county name is a proper noun of 1-6 characters (more with 自治县 peoples) before its suffix,
    with no administrative character inside (乡 may end it: 安乡县, 湘乡市) and no prose words."""
    m = re.fullmatch(rf"([{CJK}]+?)({COUNTY_SUFFIX})", county)
    if not m:
        return False
    name, suffix = m.groups()
    if suffix.startswith("自治"):
        return 2 <= len(name) <= 12 and not re.search("[县镇村委市区省州]", name)
    if not 1 <= len(name) <= 6 or re.search("[县镇村委市区省街]", name) or "州" in name[:-1]:
        return False  # 州 may end a name (邳州市, 通州区); inside, it is a prefecture before the county
    if len(name) == 1:
        return name not in NOT_ONE_CHAR_COUNTY
    if name in ("全乡", "我乡", "本乡", "该乡", "各乡", "一乡") or "乡" in name[1:-1]:
        return False  # 乡 starts or ends a county name (乡宁县, 安乡县); inside, it is '我乡在县'
    if any(c in "在把被对给让向" for c in name):
        return False
    core = name[:-1] if name.endswith("乡") and len(name) >= 2 else name
    if any(c in NAME_STOP_CHARS for c in core) or any(w in name for w in NAME_STOP_WORDS):
        return False
    return not (len(core) >= 2 and core[-1] in NAME_BAD_END)


def _county_name_before(text: str, end: int, suffix: str, strict: bool = True) -> str | None:
    """The county ending at `end` (where `suffix` starts): 1-6 characters after a boundary (line
    start, punctuation, or a function word such as 在/按照/借助); None when no boundary makes sense."""
    max_len = 12 if suffix.startswith("自治") else 6
    for length in range(1, max_len + 1):
        start = end - length
        if start < 0:
            return None
        cand = text[start:end]
        if not re.fullmatch(rf"[{CJK}]+", cand):
            return None
        if _at_boundary(text, start):
            county = cand + suffix
            if not plausible_county(county):
                return None
            return None if strict and length >= 2 and prose_like(cand) else county
    return None


# 镇 followed by a level word is the generic unit, not a name's suffix: 镇村, 镇区, 镇域, 镇级, 镇直,
# 镇属, and levels listed 镇、村、组 / 乡和村.
BODY_TOWN = re.compile(rf"(?:{TOWN_SUFFIX})(?![镇村区域级直属]|[、和与及](?:村|社区|组))")
BODY_COUNTY = re.compile(r"(?:自治县|县)(?![城域级乡镇])")


def town_mentions(text: str) -> Counter[str]:
    """Town names with a suffix the body mentions ('在张八桥镇设立', '作为岩头寨镇开展'), counted."""
    found: Counter[str] = Counter()
    for m in BODY_TOWN.finditer(text):
        name = _name_before(text, m.start())
        if name:
            found[_clean_town(name, m.group(0))] += 1
    return found


def county_mentions(text: str) -> Counter[str]:
    """County names the body mentions ('作为宝丰县唯一的…', '在江城市委、市政府的领导下'), counted.
    A 区/旗/市 counts only before one of its organs (市 alone is too often a prefecture or 城市)."""
    found: Counter[str] = Counter()
    seen: set[int] = set()
    for rx in (BODY_COUNTY, COUNTY_ORGAN):
        for m in rx.finditer(text):
            if m.start() in seen:
                continue
            seen.add(m.start())
            county = _county_name_before(text, m.start(), m.group(0))
            if county:
                found[county] += 1
    return found


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
    s = re.sub(r"[\s()（）]", "", s)
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


@dataclass
class Head:
    """The title block: title lines, and the special lines found among them."""

    title: str | None
    title_lines: list[str]
    doc_number: str | None
    addressee: str | None
    date: str | None
    body_start: int  # offset in the text where the body (opening paragraph) starts


def read_head(text: str, max_lines: int = 10) -> Head:
    """Title lines are the short, unpunctuated lines before the first sentence, heading or addressee."""
    title_lines: list[str] = []
    doc = addressee = when = None
    body_start = 0
    pos = 0
    for n, line in enumerate(text.split("\n")):
        start, pos = pos, pos + len(line) + 1
        s = line.strip()
        if not s:
            continue
        if n >= max_lines * 2:
            break
        body_start = start
        doc_m = DOC_NO.search(s)
        if doc_m and len(s) <= len(doc_m.group(0)) + 6:
            doc = doc_m.group(0).replace(" ", "")
            continue
        if re.fullmatch(r"附件\s*\d*\s*[:：]?", s):
            continue
        if _is_date_line(s):
            when = find_date(s)
            continue
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
            and not re.search(r"报告|情况|工作总结", s)
            or len(title_lines) >= 4
        ):
            break
        if s not in title_lines and s != "".join(title_lines):
            title_lines.append(s)
        body_start = pos
    else:
        body_start = len(text)
    title = "".join(title_lines) or None
    return Head(title, title_lines, doc, addressee, when, min(body_start, len(text)))


def _chrome_source(chrome: list[str]) -> str | None:
    for line in chrome:
        m = re.search(r"(?:信息来源|文章来源|来源|发布机构|发布单位|发文机关)\s*[:：]\s*([^\s:：]+)", line)
        if m:
            return m.group(1)
    return None


def _signature(text: str) -> tuple[str | None, str | None, str | None]:
    """(town, county, date) from the last lines: 'XX镇人民政府' then '2025年3月20日'."""
    lines = [ln.strip() for ln in text.rstrip().split("\n")[-6:] if ln.strip()]
    town = county = when = None
    for s in lines:
        if _is_date_line(s):
            when = find_date(s)
        elif len(s) <= 30 and not re.search(r"[，。；,]", s):
            t, c = parse_org_town(s)
            if t:
                town, county = t, c
            elif county is None:
                county = parse_org_county(s)
    return town, county, when


def _opening(text: str, body_start: int) -> str:
    body = text[body_start:].lstrip()
    return body.split("\n", 1)[0]


def extract_metadata(
    text: str, chrome: list[str] | None = None, page: Mapping[str, str] | None = None
) -> ReportMeta:
    """Identify the report: see the module docstring for which source wins for each field.

    `page`: the file's own metadata (etl.formats.Document.page_meta: HTML meta tags and info box,
    a document title), stronger than the text: its title is the title, its publish date wins over
    dates in the text, its publisher counts as the chrome's 信息来源."""
    chrome = chrome or []
    meta = ReportMeta()
    head = read_head(text)
    if page:  # the file's own metadata: the strongest clues (see the docstring)
        head.title = page.get("title") or head.title
        head.doc_number = head.doc_number or page.get("doc_number")
        labels = (("发布日期", "publish_date"), ("信息来源", "publisher"))
        chrome = [f"{label}：{page[key]}" for label, key in labels if page.get(key)] + chrome
    meta.title = head.title
    meta.doc_number = head.doc_number
    title = head.title or ""
    body = text[head.body_start :]
    opening = _opening(text, head.body_start)

    # publish date: chrome, then a date line at the end, then one in the title block
    for line in chrome:
        if re.search(r"发布|日期|时间|成文", line):
            meta.publish_date = find_date(line)
            if meta.publish_date:
                break
        if meta.doc_number is None and (d := DOC_NO.search(line)):
            meta.doc_number = d.group(0).replace(" ", "")
    sig_town, sig_county, sig_date = _signature(text)
    meta.publish_date = meta.publish_date or sig_date or head.date

    # town and county
    town, county = parse_org_town(title) if title else (None, None)
    source = _chrome_source(chrome)
    src_town, src_county = parse_org_town(source) if source else (None, None)
    if source and not src_county:
        src_county = parse_org_county(source)
    if town is None and title:
        title_county = parse_org_county(title)
        if title_county:
            meta.level = "county"
            meta.town = meta.county = title_county
    if meta.level != "county":
        if town is None and src_town:
            town, county = src_town, county or src_county
        if town is None and sig_town:
            town = sig_town
        if town is None:
            town, body_county = _body_town(opening, body)
            county = county or body_county
        meta.town = town
        meta.town_type = town_type_of(town) if town else None
        county = (
            county
            or src_county
            or (parse_org_county(head.addressee) if head.addressee else None)
            or sig_county
            or (_county_before(text, town) if town else None)
            or _body_county(body, town)
        )
        meta.county = county
        if town is None and county and re.search(r"我县|全县|本县|我区|全区|本区", opening):
            meta.level, meta.town = "county", county

    # report year
    title_years = years_in(title)
    open_m = OPENING_TIME.match(opening)
    if title_years:
        meta.report_year = title_years[0]
    elif open_m and open_m.group("year"):
        meta.report_year = int(open_m.group("year"))
    elif open_m and meta.publish_date:
        pub = date.fromisoformat(meta.publish_date)
        meta.report_year = pub.year - 1 if pub.month <= 4 else pub.year
        meta.notes.append(f"year_inferred: '{open_m.group('rel')}' read against publish date {pub}")
    else:
        counts = Counter(years_in(body))
        if counts and counts.most_common(1)[0][1] >= 2:
            meta.report_year = counts.most_common(1)[0][0]
            meta.notes.append("year_inferred: most frequent year in the body")
        elif meta.publish_date:
            pub = date.fromisoformat(meta.publish_date)
            meta.report_year = pub.year - 1 if pub.month <= 6 else pub.year
            meta.notes.append(f"year_inferred: from publish date {pub}")
    return meta


def _body_town(opening: str, body: str) -> tuple[str | None, str | None]:
    """(town, county) right after the opening time phrase ('2022年，绥德区赵洲乡坚持…'), else the
    most mentioned town (≥ 2 mentions) and no county."""
    m = OPENING_TIME.match(opening)
    if m:
        rest = opening[m.end() :]
        run = re.match(rf"[{CJK}]+", rest)
        # every suffix in the opening run of characters, nearest first: a name may contain an earlier
        # suffix ('湘丰县苏木兴镇': 苏木 is also a suffix, '湘丰县' no town name)
        for t in re.finditer(TOWN_SUFFIX, run.group(0) if run else ""):
            if not 2 <= t.start() <= 12:
                continue
            county, name = _admin_cut(_strip_prefixes(rest[: t.start()]))
            if plausible_name(name):
                return _clean_town(name, t.group(0)), county
    counts = town_mentions(body)
    if counts:
        name, n = counts.most_common(1)[0]
        if n >= 2:
            return name, None
    return None, None


def _county_before(text: str, town: str) -> str | None:
    """A county written right before the report's own town anywhere in the text ('钟泉市彭子口乡')."""
    for m in re.finditer(rf"(自治县|自治旗|县|区|旗|市){re.escape(town)}", text):
        # the own town right after it is context enough: no dictionary check (a county may be 永远县)
        county = _county_name_before(text, m.start(), m.group(1), strict=False)
        if county:
            return county
    return None


def _body_county(body: str, town: str | None) -> str | None:
    """A county the body names; the most mentioned one when several are named."""
    counts = county_mentions(body)
    if town:
        counts.pop(town, None)
    if not counts:
        return None
    rank = {c: next(r for suf, r in COUNTY_RANK.items() if c.endswith(suf)) for c in counts}
    return min(counts, key=lambda c: (rank[c], -counts[c]))
