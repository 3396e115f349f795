"""Match quantities to catalogue indicators from their context; label the rest with jieba.

How a quantity gets its code (the words themselves are data: `seeds/indicator_aliases.csv`):
1. Only alias rules whose measure words fit the quantity's unit are tried (76次 never counts people).
2. The noun right after the number wins when it names a code (登记在册的42名精神障碍患者, 5名社区矫正对象,
   18个村的公共法律服务室: the head noun, i.e. the keyword ending last).
3. Otherwise the keyword ending nearest before the number in the same clause (共开展行政执法检查76次).
   Each clause of a shared-verb list finds its own (受理、调解纠纷143起，调解成功138起).
4. A clause with only function words before the number ("，共计5000余份", "其中3件") continues the
   clause before it, so it looks there.
Rules can require context words (执法 for enforcement training) or be vetoed by them (成功 for
disputes taken in). Quantities no rule fits keep `indicator_code=None` and get a jieba label.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from etl.catalogue import AliasRule, Catalogue
from etl.dictionary import segmenter
from etl.numbers import Quantity, find_quantities

SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
CLAUSE_BREAK = re.compile(r"[，,；;：:。！!？?\n]")
AFTER_CUT = re.compile(
    r"[，,。；;、：:！!？?\n（(]|和|及|与|并|等|进行|实施|开展|实行|落实|全部|均|已|得到|纳入|给予|提供|及时|(?<!公)共|"
    r"全面|提高|提升|有效|确保|参加|参与|接受|全年|今年|年内|累计|共计|先后|分别|每年|每月|每季|均已|都|通过|按照|"
    r"配备|配齐|聘请|建立|设立|成立|组建|\d"
)  # the noun a number counts ends where the predicate starts
AFTER_WINDOW = 16
# a short bracket inside a noun (16个村（居）调委会, 村（社区）) belongs to the noun: it does not end it
NOUN_BRACKET = re.compile(r"[（(][^（）()，。\n]{1,3}[）)]")
# 'N名干部参加学法考试': a plain person noun, then what they attended says what was counted
PERSON_NOUN = re.compile(r"^(?:机关|镇村|村|全体|各级|党员)?(?:干部|人员|职工|党员|同志|工作人员)$")
# 'N人全部参加了培训': the number is the whole group (所有人都参加), so words after it do not veto it
DISTRIBUTIVE = re.compile(r"^(?:全部|均|都|全都|悉数)")
# '14个村（社区）均建立人民调解委员会': each place set one up, so the number counts what was set up
EACH_SET_UP = re.compile(r"(?:全部|均|都)(?:已经?)?(?:建立|设立|成立|建成|组建|挂牌|设有|配备)了?")
PLACE_NOUN = re.compile(r"^(?:行政)?(?:村|社区|村居|村委会|居委会|村（社区）|村\(社区\)|村（居）)$")
# a clause with only these words before its number ("，共计5000余份", "其中3件") continues the one before it
CONTINUATION = re.compile(
    r"^(?:共计|合计|总计|累计|共|计|达到|达|约|近|超过|为|有|其中|总数|数量|人数|总量|全年|\s)*$"
)
CHANGE_ONLY = re.compile(r"^[\s]*(?:同比|环比|较上年|较去年|比上年|比去年|较上一年)?[^，,。；;]{0,6}$")
PARTICIPATE = re.compile(r"参加|参与")
PERSON_UNITS = frozenset({"人", "名", "人次"})
# as in etl.pipeline.facts_frame: only these kinds, outside these sections, become facts
FACT_KINDS = ("level", "fraction")
NOT_FACTS = ("plans", "problems")
TOTAL_WORDS = re.compile(r"(?<!公)共|累计|全年|合计|总计|总共|总数|总量|一年来|全镇共|全乡共")
LABEL_STOP = frozenset(
    "共 共计 累计 全年 今年 以来 今年以来 达 达到 为 了 的 等 各类 各种 相关 其中 合计 总计 约 近 超过 有 已 均 全 "
    "年 度 本年度 年度 一年来 和 及 与 对 在 将 并 是 个 名 余 多 以上 左右 同时 进一步 全镇 全乡 我镇 我乡 镇 乡 "
    "今年 本年 去年 截至 目前 已经 共有 总共 其 向 给 把 被 从 由 至 到 次 场 件 起 人 人次 份 条 万 千 百 计 "
    "“ ” 《 》 （ ） ( ) 、 ， 。 ： ； 先后 分别 持续 不断 积极 认真 切实 扎实".split()
)


@dataclass
class Mention:
    indicator_code: str | None  # None: no catalogue code fits; `label` says what was counted
    label: str
    value: float
    value_high: float | None
    unit_raw: str
    qualifier: str
    evidence: str  # the sentence the value came from
    start: int  # offsets of the numeral in the normalised report text
    end: int
    kind: str  # level / change / baseline / target / fraction (see etl.numbers)
    section_type: str  # section the number stands in (achievements, problems, plans, ...)
    # preferred when a report gives several values for a code: 共/累计/全年/总数 before it and not a
    # 其中 part; when no mention of the code has such a word, every mention that is not a part
    is_total: bool


class _Rules:
    """Alias rules indexed by unit, built once per catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.by_unit: dict[str, list[AliasRule]] = {}
        count_rules = []
        for rule in catalogue.rules:
            for unit in rule.units:
                self.by_unit.setdefault(unit, []).append(rule)
            ind = catalogue.indicators.get(rule.code)
            if ind is not None and ind.value_type == "count":
                count_rules.append(rule)
        self.by_unit[""] = count_rules  # zero wordings (零发生) count anything countable
        # one search tells whether any keyword of a rule is present at all: most rules have none, and
        # those can skip their veto/requires checks and the per-keyword scan (speed only)
        self.any_keyword: dict[int, re.Pattern[str] | None] = {
            id(r): None
            if "*" in r.keywords
            else re.compile("|".join(re.escape(k) for k in sorted(r.keywords, key=len, reverse=True)))
            for r in catalogue.rules
        }


_RULES_CACHE: dict[int, tuple[Catalogue, _Rules]] = {}


def _rules_for(catalogue: Catalogue) -> _Rules:
    hit = _RULES_CACHE.get(id(catalogue))
    if hit is None or hit[0] is not catalogue:
        hit = (catalogue, _Rules(catalogue))
        _RULES_CACHE[id(catalogue)] = hit
    return hit[1]


def _clause_start(text: str, pos: int, floor: int) -> int:
    last = floor
    for m in CLAUSE_BREAK.finditer(text, max(floor, pos - 80), pos):
        ch = m.group(0)
        if ch == "," and text[m.start() - 1 : m.start()].isdigit() and text[m.end() : m.end() + 1].isdigit():
            continue
        last = m.end()
    return last


def _clause_end(text: str, pos: int, ceil: int) -> int:
    m = CLAUSE_BREAK.search(text, pos, ceil)
    return m.start() if m else ceil


def _after_window(text: str, pos: int, ceil: int) -> str:
    seg = text[pos : min(ceil, pos + AFTER_WINDOW + 5)]
    if "（" in seg or "(" in seg:
        seg = NOUN_BRACKET.sub("", seg)
    seg = seg[:AFTER_WINDOW]
    m = AFTER_CUT.search(seg)
    return seg[: m.start()] if m else seg


def _has_all(groups: tuple[tuple[str, ...], ...], hay: str) -> bool:
    return all(any(w in hay for w in grp) for grp in groups)


def match_code(
    q: Quantity, before: str, after: str, clause_after: str, sentence: str, rules: _Rules
) -> str | None:
    """The catalogue code a quantity counts, or None. See the module docstring for the order.

    `sentence` is the context for `requires`; a rule whose required words stand in this very clause
    beats one that needs the rest of the sentence.
    """
    if q.code_hint:
        return q.code_hint
    candidates = rules.by_unit.get(q.unit_raw, ())
    if not candidates:
        return None
    local = before + "\x00" + clause_after
    context = sentence + "\x00" + local
    veto_hay = before if DISTRIBUTIVE.match(clause_after) else local
    best_after: tuple[int, int, int, int, str] | None = None
    best_before: tuple[int, int, int, int, str] | None = None
    any_keyword = rules.any_keyword
    for rule in candidates:
        kw_re = any_keyword[id(rule)]
        if kw_re is not None and not kw_re.search(before) and not (after and kw_re.search(after)):
            continue
        if rule.vetoes and any(v in veto_hay for v in rule.vetoes):
            continue
        if rule.requires:
            if not _has_all(rule.requires, context):
                continue
            spec = 2 if _has_all(rule.requires, local) else 0
        else:
            spec = 1
        for kw in rule.keywords:
            if kw == "*":
                key = (-1000, 0, rule.priority, spec, rule.code)
                if best_before is None or key > best_before:
                    best_before = key
                continue
            if rule.position != "after":
                p = before.rfind(kw)
                if p >= 0:
                    key = (p + len(kw), len(kw), rule.priority, spec, rule.code)
                    if best_before is None or key > best_before:
                        best_before = key
            if rule.position != "before" and after:
                p = after.rfind(kw)
                if p >= 0:
                    key = (p + len(kw), len(kw), rule.priority, spec, rule.code)
                    if best_after is None or key > best_after:
                        best_after = key
    if best_after is not None:
        return best_after[4]
    return best_before[4] if best_before is not None else None


# ---- labels for quantities outside the catalogue (jieba, initialised lazily, once per process) ----


def label_for(before: str, after: str, unit: str, dict_path: Path) -> str:
    """A short label for what was counted: the content words just before the number (or after it)."""
    jieba = segmenter(dict_path)
    words = [w for w in jieba.lcut(before[-14:], HMM=False) if _content(w)]
    label = "".join(words[-3:])
    if not label and after:
        label = "".join([w for w in jieba.lcut(after[:10], HMM=False) if _content(w)][:2])
    return (label or unit or "?")[-16:]


def _content(word: str) -> bool:
    w = word.strip()
    return (
        bool(w) and w not in LABEL_STOP and not any(ch.isdigit() for ch in w) and not re.fullmatch(r"\W+", w)
    )


# ---- the extraction ----


def _section_index(sections: list[tuple[int, int, str]] | None) -> tuple[list[int], list[tuple[int, str]]]:
    spans = sorted(sections or [])
    return [s for s, _, _ in spans], [(e, t) for _, e, t in spans]


def extract_mentions(
    text: str, catalogue: Catalogue, sections: list[tuple[int, int, str]] | None = None
) -> list[Mention]:
    """Every quantity in `text` with its code (or label), kind, section and evidence.

    `sections` is [(start, end, section_type), ...] over `text`; numbers outside all are 'other'.
    """
    rules = _rules_for(catalogue)
    sent_spans = [m.span() for m in SENTENCE.finditer(text)]
    sent_starts = [s for s, _ in sent_spans]
    sec_starts, sec_rest = _section_index(sections)
    out: list[Mention] = []
    parts: list[bool] = []
    for q in find_quantities(text, catalogue.lexicon):
        i = bisect.bisect_right(sent_starts, q.start) - 1
        s_start, s_end = sent_spans[i] if i >= 0 else (0, len(text))
        cs = _clause_start(text, q.start, s_start)
        before = text[cs : q.start]
        ce = _clause_end(text, q.match_end, s_end)
        clause_after = text[q.match_end : ce]
        after = _after_window(text, q.match_end, ce)
        if not after and q.unit_raw in PERSON_UNITS and PARTICIPATE.match(text, q.match_end):
            after = _after_window(text, q.match_end + 2, ce)  # 400余人参加学法考试: what they attended
        prev = ""
        if cs > s_start:
            pcs = _clause_start(text, cs - 1, s_start)
            prev = text[pcs : cs - 1]
        code = match_code(q, before, after, clause_after, text[s_start:s_end], rules)
        if after and PLACE_NOUN.match(after):
            plain = NOUN_BRACKET.sub("", clause_after)
            set_up = EACH_SET_UP.match(plain, len(after))
            if set_up is not None:
                what = _after_window(plain, set_up.end(), len(plain))
                code = match_code(q, before, what, clause_after, text[s_start:s_end], rules) or code
        if code is None and after and PERSON_NOUN.match(after):
            tail = q.match_end + len(after)
            if PARTICIPATE.match(text, tail):  # 132名干部参加年度学法考试
                code = match_code(
                    q, before, _after_window(text, tail + 2, ce), clause_after, text[s_start:s_end], rules
                )
        is_part = "其中" in before  # 其中婚姻家庭纠纷41件、邻里纠纷57件: parts of a total
        is_total = bool(TOTAL_WORDS.search(before))
        if code is None and prev and not PLACE_NOUN.match(after) and CONTINUATION.match(before):
            code = match_code(q, prev + before, after, clause_after, text[s_start:s_end], rules)
            is_total = is_total or bool(TOTAL_WORDS.search(prev))
        j = bisect.bisect_right(sec_starts, q.start) - 1
        section_type = sec_rest[j][1] if j >= 0 and q.start < sec_rest[j][0] else "other"
        if code is not None:
            label = catalogue.indicators[code].name_zh
        else:
            label = label_for(before, after, q.unit_raw, catalogue.jieba_dict)
            if q.kind == "change" and prev and CHANGE_ONLY.match(before):
                # 办理依申请公开事项9件，同比下降6个百分点: say what went down
                subject = label_for(prev, "", "", catalogue.jieba_dict)
                label = f"{subject}{label}"[-20:]
        out.append(
            Mention(
                indicator_code=code,
                label=label,
                value=q.value,
                value_high=q.value_high,
                unit_raw=q.unit_raw,
                qualifier=q.qualifier,
                evidence=text[s_start:s_end].strip(),
                start=q.start,
                end=q.end,
                kind=q.kind,
                section_type=section_type,
                is_total=is_total and not is_part,
            )
        )
        parts.append(is_part)
    _prefer_whole_over_parts(out, parts)
    return out


def _prefer_whole_over_parts(mentions: list[Mention], parts: list[bool]) -> None:
    """A code whose figures carry no total word prefers a whole figure to a 其中 part of one."""
    codes_with_total = {
        m.indicator_code
        for m in mentions
        if m.is_total and m.kind in FACT_KINDS and m.section_type not in NOT_FACTS
    }
    codes_with_part = {
        m.indicator_code for m, p in zip(mentions, parts, strict=True) if p and m.indicator_code
    } - codes_with_total
    if not codes_with_part:
        return
    for m, p in zip(mentions, parts, strict=True):
        if m.indicator_code in codes_with_part and not p:
            m.is_total = True
