"""Find quantities in running text: value, range, unit as written, qualifier, kind. No indicator logic.

A quantity is a numeral followed by a measure word (份 次 起 人次 % ...). A numeral with no measure
word is not a quantity: that alone rules out years (2024年), dates (3月15日), document numbers
(〔2024〕3号), list markers (一是, （一）) and hotlines (12345热线). What is left is filtered by the
rules below and by phrase lists kept as data in `seeds/` (plan names and slogans with numerals).

Meaning of the fields (the warehouse contract relies on them):
- `value` is in the unit written after the number, with 万/千/亿 multiplied out (2万余份 -> 20000,
  3至5万元 -> 30000) and frequencies annualised (每季度1次 -> 4).
- A range (3至5次, 两三次, 数十次) has `value` = its lower bound, `value_high` = its upper bound and
  qualifier `at_least` (the count is at least `value`; `value_high` caps it).
- `qualifier`: exact / at_least (余 多 以上 逾 超过 上百 不少于) / at_most (近 不足 不到 以内) /
  approx (约 左右 上下).
- `kind`: `level` (a figure for the year), `change` (下降4.5个百分点, 同比增长20件),
  `baseline` (the 'before' of a before/after pair: 原本需要5个工作日), `target` (力争...达到98%),
  `fraction` (三分之二 -> 66.67 %). Only levels and fractions can become facts.
- `start`/`end` are offsets of the numeral as written (`text[start:end]` is 2万, 十, 百分之百, 零).
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"

CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
# the words that make a bare 百/千/万 a count of about that many (上百人, 数千份, 几十次, 近万名干部, 逾千人次,
# 超万人): without one, 千家万户 and 百姓 are words. 数/几 give a range up to ten times it, 上/逾/超/过 a
# lower bound, 近 an upper one (as 近1000 does)
RANGE_LEAD = ("数", "几")
AT_LEAST_LEAD = ("上", "逾", "超", "过")
BARE_MAGNITUDE_LEAD = (*RANGE_LEAD, *AT_LEAST_LEAD, "近")
_CN = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)
_NUM_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")

# measure words, longest first so 人次 wins over 人 and 个工作日 over 个
UNITS = (
    "个百分点|百分点|个工作日|工作日|人次|场次|批次|户次|课时|学时|小时|分钟|平方米|公里|"
    "份|册|本|场|次|起|件|个|条|人|名|位|篇|期|家|户|所|处|项|台|套|张|幅|块|支|宗|例|堂|节|"
    "天|辆|间|座|部|轮|卷|单|美元|元|笔|票|亩|公顷|吨|封|类|%|％|‰|面|组|枚|只|门|米|分"
)
# measure words that also make words with a lone Chinese numeral (一门式, 公章四面围城, 每周三组织,
# 最后一米, 一枚印章): they count only after digits or a numeral of two or more characters (十七门, 五千米)
WORD_FORMING_UNITS = frozenset({"面", "组", "枚", "只", "门", "米", "分"})  # 十分, 一分为二
# 分 after an hour (9时30分, 9点30分, 9:30分) is a time of day, never a score
CLOCK_BEFORE = re.compile(r"[\d一二三四五六七八九十][时点:：]$")
# A numeral run: a first token (Arabic digits, or one Chinese numeral), then Chinese numerals each
# optionally followed by digits (3万, 1.5万, 二千三百, 1千2百). Written so that a run has one parse only:
# the older form (token)* with digits as a token let a long digit string that ends in no measure word
# (an info box's 索引号 115002242037431382) be split 2^n ways while backtracking: 0.35 s for one page.
_RUN = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CN}])(?:[{_CN}](?:\d+(?:\.\d+)?)?)*"
QUANTITY = re.compile(
    rf"(?=[\d{_CN}])(?P<num>{_RUN})"  # the lookahead lets the engine skip non-numerals fast
    rf"(?:\s*(?P<sep>[-~～—－至到])\s*(?P<num2>{_RUN}))?"
    r"(?P<more>余|多)?(?P<mult>[万千亿])?(?P<more2>余|多)?"
    r"[ \u00a0]?(?:[（(][场个件人名项][)）])?"  # 260多(场)次: a bracketed alternative measure word
    rf"(?P<unit>{UNITS})"
    r"(?P<post>以上|以下|以内|左右|上下|整)?"
)
# a statistics table flattened to text, one row a line: '3 党工委中心组学法 次 7', '发放宣传资料（份） 21000',
# '9 罚没金额 万元 86.4'. The measure word stands before the number (its own column or the label's brackets);
# a row without one is not a quantity (序号 and years never qualify: the label may hold no digit).
TABLE_ROW = re.compile(
    rf"^[ \t]*(?:\d{{1,3}}[.、．]?[ \t]+)?(?P<label>[^\d\s][^\d\n]*?)"
    rf"(?:[（(](?P<unit1>万元|{UNITS})[)）])?[ \t]+(?:(?P<unit2>万元|{UNITS})[ \t]+)?"
    r"(?P<num>\d+(?:\.\d+)?)[ \t]*$",
    re.M,
)
LINE_ENDS_IN_DIGIT = re.compile(r"\d[ \t]*$", re.M)
PERCENT_WORDS = re.compile(rf"百分之(?P<num>{_RUN})(?P<post>以上|以下|以内|左右|上下)?")
FRACTION = re.compile(rf"(?P<den>{_RUN})分之(?P<num>{_RUN})")
ADJACENT_RANGE = re.compile(r"^([一二两三四五六七八九])([一二两三四五六七八九])([十百千万]*)$")

# a measure word followed by these is part of another word: 3个月 (time), 一次性, 名单, 支部, 部门 ...
UNIT_BLOCKERS: dict[str, tuple[str, ...]] = {
    "个": ("月", "季", "年", "星期", "周", "小时", "多月", "人民法院"),
    "次": ("性", "日"),
    "名": ("单", "称", "义", "片"),
    "本": ("年", "次", "着", "地", "级", "镇", "乡", "村", "届", "单位", "部门"),
    "期": ("间", "限", "待", "望"),
    "处": ("罚", "理", "置", "分", "室", "长"),
    "项": ("目",),
    "条": ("例", "件", "款", "线"),
    "台": ("账", "阶"),
    "支": ("部", "持", "付"),
    "场": ("所", "地", "景", "合", "馆"),  # not 面: 2场面向群众的讲座 is 2 talks (面向, 面对面)
    "位": ("置", "于"),
    "部": ("门", "署", "分", "长"),
    "单": ("位",),
    "座": ("谈",),
    "户": ("籍", "口"),
    "宗": ("教", "旨"),
    "元": ("旦", "素", "宵"),
    "人": ("民",),
    "家": ("长", "属", "乡", "风", "园"),
    "所": ("长", "属", "有", "在", "以", "需", "述", "辖"),
    "间": ("隔",),
    "起": ("草", "到", "来"),
    "天": ("然", "津"),
    "块": ("钱",),
    "节": ("日", "假", "点", "约"),
    "票": ("据", "务", "证", "否", "价"),
    "类": ("型", "似", "别", "推", "比"),
    "封": ("闭", "存", "面", "建", "顶", "控"),
}
AT_LEAST_PREFIX = ("不少于", "不低于", "超过", "多达", "至少", "高达", "逾", "超")
AT_MOST_PREFIX = ("不超过", "不足", "不到", "将近", "接近", "少于", "近", "最多", "最长")
APPROX_PREFIX = ("大约", "大概", "约")
CHANGE_VERB = re.compile(r"(增长|下降|提高|提升|降低|减少|上升|增加|增幅|降幅|减幅|缩减|回落)了?(?:约|近)?$")
CHANGE_CONTEXT = re.compile(r"同比|环比|较上年|较去年|比上年|比去年|较上一年|较\d{4}年|比\d{4}年|较20")
BASELINE_BEFORE = re.compile(r"原本|原来|原先|原需|以前|此前|过去|改革前|优化前|之前")
BASELINE_UNDONE = re.compile(r"[至到为]|现在|现|仅|只|后")  # 原来5天，压缩至3天: the 3 is the result
# 由(法定)24.1个工作日压缩至15.5个: the 'from' of a before/after pair, with the kind of limit it was
BASELINE_FROM = re.compile(r"(?:由|从)(?:原来的|原先的|原|法定的?|承诺的?|改革前的?|平均)?$")
# 共压缩1049个工作日, 压缩办理时长24天, 节约审查时限10天: the time saved (no 至/到/为: not the time cut
# to), a figure of the year's work but no duration code's value (etl/indicators.py)
CUT_BY = re.compile(r"(?:压缩|缩短|压减|减少|缩减|节约|节省)了?[^，,。；;：:至到为\d]{0,10}$")
TARGET_WORDS = re.compile(r"力争|争取|力求|预计|预期|目标|计划|确保明年|下一步|下一年|明年")
# 按照学法计划带头集体学法23次, 按计划学法12次, 制定学法计划并开展学法6次: 计划 as the schedule that was
# followed (or the plan document written) reports what was done, not a target
PLAN_FOLLOWED = re.compile(r"(?:按|按照|根据|依照|依据|对照|结合|落实|制定|完成|执行)[^，,。；;]{0,10}$")
# 计划 the document, not the intention, when a bracket, conjunction or the figure itself follows it
# (纳入学习计划(已集中学习9次), 学习计划并组织开展…12次, 研讨重要工作计划8次)
PLAN_NOUN_END = re.compile(r"[（(并和及与]|$")
FREQUENCY = (
    ("每两个月", 6), ("每半年", 2), ("每季度", 4), ("每个季度", 4), ("每季", 4), ("每个月", 12),
    ("每月", 12), ("每双月", 6), ("每周", 52), ("每星期", 52), ("每年度", 1), ("每年", 1),
)  # fmt: skip
EVENT_UNITS = frozenset({"次", "场", "期", "场次", "轮"})
MINUS = "-－−"  # hyphen-minus, full-width and Unicode minus: 检查-3次 states a negative count
CLAUSE_BREAK = re.compile(r"[，,；;：:。！!？?\n]")
QUOTED = re.compile(r"《[^《》\n]{0,60}》|[“\"「‘][^“”\"「」‘’\n]{0,16}[”\"」’]")
_NOT_NUMERAL = rf"[^\d{_CN}双，,。；;、：:！？\s“”\"《》（）()]"
SLOGAN_PAIR = re.compile(
    rf"[一二两三四五六七八九十双]{_NOT_NUMERAL}{{1,3}}[一二两三四五六七八九十双]{_NOT_NUMERAL}"
)
# 无…案件的发生 / 全年无…事件发生: a zero wording whose noun stands between 无 and 发生, up to 60
# characters away (无行政复议变更、撤销、重新作出行政行为案件和行政诉讼败诉类案件的发生); or a clause
# that is only 无 and a case or event noun, or a lost or corrected case (…，无行政诉讼案件，无群体性事件。
# (无行政败诉); 无行政复议纠错及行政诉讼败诉情况。)
ZERO_NONE = re.compile(
    r"(?:(?<=[，,。；;：:\n(（均并镇乡区县街道村])|(?<=全年|今年|年内|实现|确保|做到|年度)|(?<=\d年)|^)无"
    r"(?=[^，,。；;！？\n]{2,60}?(?:案件|事件|事故|案例|情况)的?(?:发生|出现)"
    r"|[^，,。；;！？\n、]{2,20}?(?:案件|事件|事故|败诉|纠错)(?:情况)?(?:[，,。；;！？\n)）]|$))",
    re.M,
)
# a zero wording over a coordinated list (未发生重大安全事故、突发环境事件以及食品药品安全事故): one zero
# per noun. A separator counts only after a noun's end, so 变更、撤销、重新作出…案件 stays one noun.
ZERO_ITEM_SEP = re.compile(r"(?<=件|故|案|况|题|为|纷|访|项|例|错|诉)(?:、|和|以及|及|与|或者|或)")
# a Chinese numeral that ends a word (清零, 归零, 一一) never joins the Arabic digits after it
GLUED_CN = re.compile(r"^[零〇一二两三四五六七八九]+(?=\d)")
# a quote that holds nothing but a quantity (审批“最多80天”, “3个工作日”) is a figure, not a title
QUOTED_FIGURE = re.compile(
    rf"(?:最多|最长|最快|最少|不超过|仅需|只需|仅|只|至少)?{_RUN}(?:余|多)?[万千]?(?:{UNITS})(?:以内|内)?"
)
CHROME_LINE = re.compile(r"^\s*(发布时间|来源|信息来源|浏览|点击|阅读|字号|责任编辑|打印|关闭|分享|索引号)")


@dataclass(frozen=True)
class Lexicon:
    """Phrase lists kept as data in `seeds/`: numerals inside them are names, not quantities."""

    exclusions: tuple[str, ...] = ()
    # phrase -> indicator code hint ('' = the code comes from the context)
    zero_wordings: dict[str, str] = field(default_factory=dict)

    @property
    def exclusion_re(self) -> re.Pattern[str] | None:
        return _alternation(self.exclusions)

    @property
    def zero_re(self) -> re.Pattern[str] | None:
        return _alternation(tuple(self.zero_wordings))


@lru_cache(maxsize=32)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def load_lexicon(seeds_dir: Path | None = None) -> Lexicon:
    """Read `number_exclusions.csv` (phrase,kind,note) and `zero_wordings.csv` (phrase,code,note)."""
    seeds = Path(seeds_dir) if seeds_dir else DEFAULT_SEEDS_DIR
    exclusions: list[str] = []
    zero: dict[str, str] = {}
    ex_path, zero_path = seeds / "number_exclusions.csv", seeds / "zero_wordings.csv"
    if ex_path.is_file():
        with ex_path.open(encoding="utf-8", newline="") as fh:
            exclusions = [r["phrase"].strip() for r in csv.DictReader(fh) if r.get("phrase", "").strip()]
    if zero_path.is_file():
        with zero_path.open(encoding="utf-8", newline="") as fh:
            zero = {
                r["phrase"].strip(): (r.get("code") or "").strip() for r in csv.DictReader(fh) if r["phrase"]
            }
    return Lexicon(tuple(exclusions), zero)


@lru_cache(maxsize=4)
def default_lexicon() -> Lexicon:
    return load_lexicon(DEFAULT_SEEDS_DIR)


@dataclass(frozen=True)
class Quantity:
    value: float
    value_high: float | None
    unit_raw: str  # measure word as written ('人次', '个工作日', '%'); 万元 gives '元' with value × 10000
    qualifier: str  # exact / at_least / at_most / approx
    start: int  # offsets of the numeral as written
    end: int
    match_end: int  # end of the whole expression (unit and suffix included): objects after it follow
    kind: str = "level"  # level / change / baseline / target / fraction
    annual_factor: int = 1  # 每季度1次 -> 4
    code_hint: str = ""  # a zero wording that names its indicator (均胜诉 -> lawsuits_lost)


def parse_numeral(s: str) -> float | None:
    """Value of an isolated numeral: 2300, 二千三百, 1.5万, 1万5千, 壹万贰仟, 十二, 两百, 三千五.

    Digit sequences without place words (二〇二四, 八五, 十四五) return None: they are years or names.
    """
    s = s.replace(",", "")
    total, section, num = 0.0, 0.0, None
    last_unit, zero_seen, seen_any = 0, False, False
    for tok in _NUM_TOKEN.findall(s):
        if tok[0].isdigit():
            if num is not None:
                return None
            num = float(tok)
        elif tok in CN_DIGITS:
            if CN_DIGITS[tok] == 0 and (section or total) and num is None:
                zero_seen = True  # 一百零五: a place holder
                continue
            if num is not None:
                return None
            num = float(CN_DIGITS[tok])
        elif tok in CN_SMALL:
            unit = CN_SMALL[tok]
            if last_unit and unit >= last_unit and last_unit < 10_000:
                return None  # 十百, 百千: not a numeral
            section += (1.0 if num is None else num) * unit
            num, last_unit, zero_seen = None, unit, False
        elif tok in CN_BIG:
            unit = CN_BIG[tok]
            section += num or 0.0
            if not section and not seen_any:
                return None
            total = (total + section) * unit if unit > 10_000 else total + section * unit
            section, num, last_unit, zero_seen = 0.0, None, unit, False
        else:
            return None
        seen_any = True
    if num is not None:
        if last_unit >= 100 and not zero_seen and num < 10 and num == int(num) and _ends_with_digit_char(s):
            num *= last_unit / 10  # 三千五 = 3500, 1万5 = 15000
        section += num
    return total + section if seen_any else None


def _ends_with_digit_char(s: str) -> bool:
    return s[-1] in CN_DIGITS or (s[-1].isdigit() and len(s) > 1 and not s[-2].isdigit())


def numeral_range(s: str) -> tuple[float, float] | None:
    """两三 -> (2, 3), 一两 -> (1, 2), 三四十 -> (30, 40): two adjacent digits give a range."""
    m = ADJACENT_RANGE.match(s)
    if not m:
        return None
    a, b = CN_DIGITS[m.group(1)], CN_DIGITS[m.group(2)]
    if b != a + 1:
        return None
    mult = parse_numeral("一" + m.group(3)) if m.group(3) else 1.0
    if mult is None:
        return None
    return a * mult, b * mult


def surface_value(surface: str) -> float | None:
    """Value of a numeral surface as returned in `Quantity.start/end` (百分之百, 三分之二, 2万, -3 ...)."""
    if surface[:1] in MINUS and len(surface) > 1:
        v = surface_value(surface[1:])
        return None if v is None else -v
    if surface.startswith("百分之"):
        return parse_numeral(surface[3:])
    if "分之" in surface:
        den, num = surface.split("分之", 1)
        d, n = parse_numeral(den), parse_numeral(num)
        return None if not d or n is None else round(n / d * 100, 4)
    if surface == "零":
        return 0.0
    rng = numeral_range(surface)
    return rng[0] if rng else parse_numeral(surface)


class _Spans:
    """Sorted, non-overlapping spans with a fast 'is this offset inside one' test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def around(self, pos: int) -> tuple[int, int] | None:
        """The span that covers `pos`, if any."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return (self.starts[i], self.ends[i]) if i >= 0 and pos < self.ends[i] else None


def _clause_start(text: str, pos: int, floor: int = 0) -> int:
    """Offset where the clause containing `pos` begins (after the last ，；。 etc.)."""
    lo = max(floor, pos - 80)
    seg = text[lo:pos]
    last = -1
    for m in CLAUSE_BREAK.finditer(seg):
        if m.group(0) == "," and 0 < m.start() < len(seg) - 1 and seg[m.start() - 1].isdigit():
            continue  # 1,200: a thousands separator
        last = m.end()
    return lo + last if last >= 0 else lo


_PREFIXES = sorted(
    [(w, "at_least") for w in AT_LEAST_PREFIX]
    + [(w, "at_most") for w in AT_MOST_PREFIX]
    + [(w, "approx") for w in APPROX_PREFIX],
    key=lambda p: -len(p[0]),
)  # longest first: 不少于 is at_least although it ends with 少于


# a prefix word ends within the last three characters before the number (达/共/为/达到 may follow it):
# when none of them can end one, there is no prefix (most numbers; speed only)
_PREFIX_ENDS = frozenset(w[-1] for w, _ in _PREFIXES)


def _prefix_qualifier(before: str) -> str | None:
    b = before.rstrip(" \u00a0")
    if _PREFIX_ENDS.isdisjoint(b[-3:]):
        return None
    for b2 in (b, b[:-1] if b.endswith(("达", "共", "为")) else b, b[:-2] if b.endswith("达到") else b):
        if b2.endswith(("最近", "附近")):
            return None
        for word, qual in _PREFIXES:
            if b2.endswith(word):
                return qual
    return None


def _qualifier(prefix: str | None, more: bool, post: str | None) -> str:
    if more or post == "以上":
        return "at_least"
    if post in ("左右", "上下"):
        return "approx"
    if post in ("以下", "以内"):
        return "at_most"
    return prefix or "exact"


# the later items of a list of ordinals share its 第 or 届 (第十五、十六次会议; 六届二次、三次、四次全会)
ORDINAL_LIST = re.compile(
    r"(?:第|届)[〇零一二三四五六七八九十百0-9]{1,4}[次届]?(?:、[〇零一二三四五六七八九十百0-9]{1,4}[次届]?)*、$"
)


def _excluded(
    text: str, start: int, end: int, spans: _Spans, quotes: _Spans, match_end: int | None = None
) -> bool:
    """Names and slogans, ordinals, quoted titles, slogan patterns (一X一Y), page metadata."""
    quote = quotes.around(start)
    if quote is not None and not QUOTED_FIGURE.fullmatch(text, quote[0] + 1, quote[1] - 1):
        return True
    if spans.covers(start):
        # a listed word that ends the clause is a count after all: 败诉一起。 (not 一起开展)
        i = bisect.bisect_right(spans.starts, start) - 1
        if match_end is None or spans.ends[i] != match_end or not CLAUSE_BREAK.match(text, match_end):
            return True
    prev = text[start - 1] if start else ""
    if prev == "第":
        return True
    if prev == "、" and ORDINAL_LIST.search(text[max(0, start - 40) : start]):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if CHROME_LINE.match(text, line_start):
        return True
    first = text[start]
    if first in _CN and not first.isdigit():
        lo = max(0, start - 5)
        window = text[lo : end + 5]
        for m in SLOGAN_PAIR.finditer(window):
            if m.start() <= start - lo < m.end():
                return True
        # a numeral glued to a preceding numeral-word (一是, 统一, 唯一) is not a count
        if prev and prev in "统唯之万进逐专同单划" and text[start:end] == "一":
            return True
        # 无一件行政决策被纠错, 没有一例: the 一 of a zero is none, not one (the zero itself is read apart)
        if text[start:end] == "一" and (prev == "无" or text[max(0, start - 2) : start] in ("没有", "未有")):
            return True
    return False


def find_quantities(text: str, lexicon: Lexicon | None = None) -> list[Quantity]:
    """Every quantity in `text`, in order of position. Offsets are into `text` itself."""
    lex = lexicon if lexicon is not None else default_lexicon()
    ex_re = lex.exclusion_re
    ex_spans = _Spans([m.span() for m in ex_re.finditer(text)] if ex_re else [])
    quotes = _Spans([m.span() for m in QUOTED.finditer(text)])
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    for m in FRACTION.finditer(text) if "分之" in text else ():
        if m.group("den").endswith("百"):
            continue  # 百分之九十五 is a percentage, handled below
        den, num = parse_numeral(m.group("den")), parse_numeral(m.group("num"))
        if den and num is not None and not _excluded(text, m.start(), m.end(), ex_spans, quotes):
            q = Quantity(
                round(num / den * 100, 4), None, "%", "exact", m.start(), m.end(), m.end(), "fraction"
            )
            out.append(q)
            taken.append(m.span())
    for m in PERCENT_WORDS.finditer(text):
        v = parse_numeral(m.group("num"))
        if v is None or _overlaps(taken, m.start()):
            continue
        qual = _qualifier(_prefix_qualifier(text[max(0, m.start() - 4) : m.start()]), False, m.group("post"))
        out.append(Quantity(v, None, "%", qual, m.start(), m.start("num") + len(m.group("num")), m.end()))
        taken.append(m.span())
    for m in QUANTITY.finditer(text):
        if (
            m.group("unit") in WORD_FORMING_UNITS
            and len(m.group("num")) == 1
            and not m.group("num").isdigit()
        ) or (
            m.group("unit") == "分" and CLOCK_BEFORE.search(text, max(0, m.start("num") - 2), m.start("num"))
        ):
            continue
        q = _quantity(text, m, ex_spans, quotes)
        if q is not None and not _overlaps(taken, q.start):
            out.append(q)
            taken.append((q.start, q.match_end))
    if "\n" in text:
        for m in _table_rows(text):
            q = _table_quantity(text, m)
            if q is not None and not _overlaps(taken, q.start):
                out.append(q)
    zero_re = lex.zero_re
    if zero_re:
        for m in zero_re.finditer(text):
            phrase = m.group(0)
            if quotes.covers(m.start()) and not _quoted_alone(text, m.start(), m.end()):
                continue  # inside a quoted title or slogan; “零败诉” on its own is still a zero
            zi = phrase.find("零")
            s, e = (m.start() + zi, m.start() + zi + 1) if zi >= 0 else m.span()
            hint = lex.zero_wordings[phrase]
            # a wording built on 零 names its noun (零事故, 零纠错) or takes it from before (肇事肇祸零发生):
            # the words after it (零纠错、行政诉讼零败诉) are no list of nouns it is a zero of
            for item in [m.end()] if hint or zi >= 0 else _zero_items(text, m.end()):
                out.append(Quantity(0.0, None, "", "exact", s, e, item, code_hint=hint))
            taken.append(m.span())
    if "无" in text:
        for m in _at_each(ZERO_NONE, text, "无"):
            if not quotes.covers(m.start()) and not _overlaps(taken, m.start()):
                for item in _zero_items(text, m.end()):
                    out.append(Quantity(0.0, None, "", "exact", m.start(), m.end(), item))
    out.sort(key=lambda q: q.start)
    return [_with_context(text, q) for q in out]


def _at_each(rx: re.Pattern[str], text: str, char: str) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)` for a pattern whose match starts with `char`: tried only where `char` stands
    (the same matches; the engine no longer tries the pattern's lookbehinds at every position)."""
    pos = text.find(char)
    while pos >= 0:
        m = rx.match(text, pos)
        if m:
            yield m
        pos = text.find(char, max(pos + 1, m.end() if m else 0))


def _table_rows(text: str) -> Iterator[re.Match[str]]:
    """`TABLE_ROW.finditer(text)`, tried only on lines that end in a digit (a row's figure ends its line):
    the same matches, without trying the lazy label at every line of prose."""
    for end in LINE_ENDS_IN_DIGIT.finditer(text):
        start = text.rfind("\n", 0, end.start()) + 1
        if m := TABLE_ROW.match(text, start):
            yield m


def _zero_items(text: str, pos: int) -> list[int]:
    """Where each noun of the list after a zero wording starts (the first one at `pos`)."""
    end = CLAUSE_BREAK.search(text, pos, pos + 80)
    stop = end.start() if end else min(len(text), pos + 80)
    return [pos] + [m.end() for m in ZERO_ITEM_SEP.finditer(text, pos, stop) if m.end() < stop]


def _table_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    """A table row's figure: the unit comes from its own column or the label's brackets."""
    unit = m.group("unit1") or m.group("unit2")
    if not unit or CHROME_LINE.match(m.group(0)):
        return None
    value = float(m.group("num"))
    if unit == "万元":
        unit, value = "元", value * 10_000
    elif unit == "％":
        unit = "%"
    return Quantity(value, None, unit, "exact", m.start("num"), m.end("num"), m.end("num"))


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """The phrase is all the quote holds: 实现行政诉讼“零败诉”, 肇事肇祸案件“零发生”."""
    if start == 0 or end >= len(text):
        return False
    return text[start - 1] in '“"「‘' and text[end] in '”"」’'


def _overlaps(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def _quantity(text: str, m: re.Match[str], ex_spans: _Spans, quotes: _Spans) -> Quantity | None:
    glued = GLUED_CN.match(m.group("num"))
    if glued:  # 清零15件: the figure starts at the digits
        again = QUANTITY.match(text, m.start("num") + glued.end())
        return _quantity(text, again, ex_spans, quotes) if again else None
    unit = m.group("unit")
    num_s, num2_s = m.group("num"), m.group("num2")
    start = m.start("num")
    end = m.end("num2") if num2_s else m.end("num")
    following = text[m.end() : m.end() + 4]
    if unit in UNIT_BLOCKERS and following.startswith(UNIT_BLOCKERS[unit]) and not m.group("post"):
        return None
    if unit in ("百分点", "个百分点"):
        kind = "change"
    else:
        kind = "level"
    if _excluded(text, start, end, ex_spans, quotes, m.end()):
        return None
    if num_s[0] in CN_SMALL or num_s[0] in CN_BIG:
        if num_s[0] not in "十拾":
            # bare 百/千/万 (千家万户, 百姓) is not a count unless 上百/数百/近万/逾千 or 百余/千多 says so
            if text[start - 1 : start] not in BARE_MAGNITUDE_LEAD and text[end : end + 1] not in ("余", "多"):
                return None
    if len(num_s) > 1 and num_s.isdigit() and num_s[0] == "0" and "." not in num_s:
        return None  # 0571: a phone prefix
    mult = {"万": 10_000.0, "千": 1000.0, "亿": 1e8}.get(m.group("mult") or "", 1.0)
    if unit == "％":
        unit = "%"
    prev1 = text[start - 1 : start]
    high: float | None = None
    prefix_q = _prefix_qualifier(text[max(0, start - 4) : start])
    if num2_s:
        low, hi = parse_numeral(num_s), parse_numeral(num2_s)
        if low is None or hi is None:
            return None
        tail = num2_s[-1]
        if tail in CN_BIG or tail in "千百":  # 3至5万元: the 万 of the upper bound scales both
            scale = parse_numeral("1" + tail) or 1.0
            if low * scale <= hi and low < hi / scale + 1e-9 and not any(c in _CN for c in num_s):
                low *= scale
        if hi <= low:
            return None
        value, high, qual = low * mult, hi * mult, "at_least"
    else:
        rng = numeral_range(num_s)
        if rng is not None:
            value, high, qual = rng[0] * mult, rng[1] * mult, "at_least"
        else:
            # a bare 万/亿 that passed the check above (万余人, 上万人次) is one of it, like 百余条
            v = float(CN_BIG[num_s]) if num_s in CN_BIG else parse_numeral(num_s)
            if v is None:
                return None
            value = v * mult
            if prev1 in RANGE_LEAD and num_s[0] in "十百千万":  # 数十次 -> [10, 100)
                high, qual = value * 10, "at_least"
            elif prev1 in AT_LEAST_LEAD and num_s[0] in "百千万":  # 上百人, 逾万人 -> at least
                qual = "at_least"
            else:
                qual = _qualifier(prefix_q, bool(m.group("more") or m.group("more2")), m.group("post"))
    if high is None and _minus_before(text, start, num_s):
        value, start = -value, start - 1  # kept as stated: the warehouse quarantines it, never drops it
    if len(num_s) >= 5 and num_s.isdigit() and unit not in ("元", "人次", "人", "份", "%"):
        if text[m.end() : m.end() + 2] in ("热线", "电话", "平台"):
            return None
    return Quantity(value, high, unit, qual, start, end, m.end(), kind)


def _minus_before(text: str, start: int, num_s: str) -> bool:
    """A minus sign glued to an Arabic numeral after a word (执法检查-3次); not the dash of a range
    (3-5次 is matched as one) nor one inside a code or phone number (0571-8, A-3)."""
    if start < 1 or text[start - 1] not in MINUS or not num_s[0].isdigit():
        return False
    before = text[start - 2] if start >= 2 else ""
    return not (before in MINUS or (before.isascii() and before.isalnum()) or before.isdigit())


def _is_baseline_word(before: str) -> bool:
    window = before[-14:]
    found = list(BASELINE_BEFORE.finditer(window))
    return bool(found) and not BASELINE_UNDONE.search(window[found[-1].end() :])


# 目标 that names no aim: an aim met (完成目标任务157%, 超额完成年度目标) or an office and its appraisal
# (县委目标绩效办, 纳入目标考核)
AIM_MET = re.compile(r"(?:完成|实现|达成|达到)[^，,。；;]{0,4}$")
AIM_OFFICE = re.compile(r"绩效|考核|管理|责任|办")


def _is_target(before: str) -> bool:
    """A target word stands before the number in its clause, outside quoted names (“企业护航计划”系列
    沙龙 is a name) and not as an aim met or an office (see AIM_MET, AIM_OFFICE)."""
    if "“" in before or "《" in before or '"' in before:
        before = QUOTED.sub(lambda m: "\x00" * len(m.group()), before)
    for m in TARGET_WORDS.finditer(before):
        word = m.group(0)
        if word == "计划" and (
            PLAN_FOLLOWED.search(before, 0, m.start()) or PLAN_NOUN_END.match(before, m.end())
        ):
            continue
        if word == "目标" and (AIM_MET.search(before, 0, m.start()) or AIM_OFFICE.match(before, m.end())):
            continue
        return True
    return False


def _with_context(text: str, q: Quantity) -> Quantity:
    """Kinds and annualisation that depend on the words before the number in its clause."""
    cs = _clause_start(text, q.start)
    before = text[cs : q.start].rstrip(" \u00a0")
    kind, factor, qual = q.kind, 1, q.qualifier
    if kind == "level":
        if CHANGE_VERB.search(before) and (q.unit_raw == "%" or CHANGE_CONTEXT.search(before)):
            kind = "change"
        elif _is_baseline_word(before) or (
            BASELINE_FROM.search(before) and re.search(r"[至到为]", text[q.match_end : q.match_end + 12])
        ):
            kind = "baseline"
        elif _is_target(before):
            kind = "target"
    if kind in ("level", "target") and q.unit_raw in EVENT_UNITS and q.value_high is None:
        window = before[-12:]
        best = -1
        for word, f in FREQUENCY:
            pos = window.rfind(word)
            if pos > best:
                best, factor = pos, f
        if best < 0:
            factor = 1
    if factor != 1:
        return Quantity(
            q.value * factor, None, q.unit_raw, qual, q.start, q.end, q.match_end, kind, factor, q.code_hint
        )
    if kind != q.kind:
        return Quantity(
            q.value, q.value_high, q.unit_raw, qual, q.start, q.end, q.match_end, kind, 1, q.code_hint
        )
    return q
