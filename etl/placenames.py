"""Place names written with a suffix in running text (张八桥镇, 岩头寨镇) and the prose they hide in.

Why: the national register (etl/register.py) names every registered township, but a report may name
a neighbour the register lacks (renamed, merged, or invented in a generated test corpus), and the
quality flag mentions_other_town must still see it. These word-level tests (jieba's dictionary
tags) tell a place name before 镇/乡 from a verb or preposition ('深化镇党委', '全年对镇').
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from etl.dictionary import short_lookup

CJK = "\u4e00-\u9fff"
ETHNIC = (
    "土家族|蒙古族|布依族|朝鲜族|哈尼族|哈萨克族|傈僳族|仡佬族|东乡族|拉祜族|柯尔克孜族|达斡尔族|仫佬族|毛南族|"
    "撒拉族|锡伯族|普米族|塔吉克族|鄂温克族|鄂伦春族|裕固族|保安族|独龙族|赫哲族|基诺族|景颇族|纳西族|"
    "瑶族|苗族|回族|满族|壮族|侗族|彝族|藏族|白族|畲族|黎族|傣族|水族|羌族|佤族|京族|怒族"
)
# Town suffixes, longest first; 民族乡 may name its peoples (八都瑶族乡, XX苗族土家族乡).
TOWN_SUFFIX = rf"街道办事处|街道办|街道|民族乡|(?:{ETHNIC})+乡|苏木|镇|乡"

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


def short_name(place: str) -> str:
    """'小龙门乡' -> '小龙门', '将乐县' -> '将乐': the form reports use in phrases like 贡献小龙门力量."""
    m = re.match(rf"^(.{{2,}}?)(?:{TOWN_SUFFIX}|自治县|县|区|旗|市|街)$", place)
    return m.group(1) if m else place


def _clean_town(name: str, suffix: str) -> str:
    if suffix in ("街道办事处", "街道办"):
        suffix = "街道"
    return name + suffix


class _Lexicon:
    """jieba's dictionary (word -> frequency, part of speech) for 2-4 character words, with the
    MISTAGGED_VERBS retagged: tells a verb or preposition ('按照县委', '借助县纪委', '突出镇领导')
    from a place name before 县/镇. Looked up word by word (`short_lookup`), never copied."""

    def __init__(self) -> None:
        self._words = short_lookup()
        self._verbs = {w: (self._words.get(w, (1000, "v"))[0], "v") for w in MISTAGGED_VERBS}

    def get(self, word: str, default: tuple[int, str] | None = None) -> tuple[int, str] | None:
        found = self._verbs.get(word)
        return found if found is not None else self._words.get(word, default)

    def __contains__(self, word: str) -> bool:
        return word in self._verbs or word in self._words


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


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


# 镇 followed by a level word is the generic unit, not a name's suffix: 镇村, 镇区, 镇域, 镇级, 镇直,
# 镇属, and levels listed 镇、村、组 / 乡和村.
BODY_TOWN = re.compile(rf"(?:{TOWN_SUFFIX})(?![镇村区域级直属]|[、和与及](?:村|社区|组))")


def town_mentions(text: str) -> Counter[str]:
    """Town names with a suffix the body mentions ('在张八桥镇设立', '作为岩头寨镇开展'), counted."""
    found: Counter[str] = Counter()
    for m in BODY_TOWN.finditer(text):
        name = _name_before(text, m.start())
        if name:
            found[_clean_town(name, m.group(0))] += 1
    return found
