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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from etl.catalogue import AliasRule, Catalogue, Family
from etl.dictionary import segmenter, short_lookup
from etl.numbers import CUT_BY, EVENT_UNITS, UNITS, Quantity, find_quantities

SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
CLAUSE_BREAK = re.compile(r"[，,；;：:。！!？?\n]")
AFTER_CUT = re.compile(
    r"[，,。；;、：:！!？?\n（(]|和(?!谐)|(?<![涉惠危普波顾提触])及|与(?!会)|并|等|进行|实施|开展|实行|落实|全部|均|已|得到|纳入|给予|提供|及时|(?<!公)共|"
    r"全面(?!依法治)|提高|提升|有效|确保|参加|参与|接受|完成|全年|今年|年内|累计|共计|先后|分别|每年|每月|每季|均已|都|通过|按照|"
    r"配备|配齐|聘请|建立|设立|成立|组建|广泛|认真|积极(?!分子)|成功(?![案经率])|(?<=.)(?:开设|举办|召开)|\d"
)  # the noun a number counts ends where the predicate starts (or an adverb before it: 5900多名党员广泛开展…);
# a conjunction cuts it, but not the same character inside a word (6件涉及…文件, 惠及, 和谐, 与会人员)
AFTER_WINDOW = 16
# a count of events can name a long course after it, its head noun last (举办2期全市科(局)级领导干部学习贯彻
# 习近平法治思想培训班): its noun is read further (AFTER_CUT still ends it at the first predicate)
EVENT_AFTER_WINDOW = 32
CLAUSE_MAX = 400  # the longest clause read before a number (real clauses with title lists: ~150)
# the longest sentence kept as one (the longest of 2,941 real sentences with a figure: 346 characters);
# beyond it, a figure's sentence (its evidence and context) is the 1,000 characters around it
SENTENCE_MAX = 1000
# a short bracket inside a noun (16个村（居）调委会, 村（社区）) belongs to the noun: it does not end it
NOUN_BRACKET = re.compile(r"[（(][^（）()，。\n]{1,3}[）)]")
# 'N名干部参加学法考试': a person noun, then what they attended says what was counted. The noun may
# carry its qualifiers (15名新提拔处级干部参加…考试, 7名政府组成部门领导干部参加了…): any phrase of at most
# 10 characters more, without a clause break, that ends in a word for people
PERSON_NOUN = re.compile(r"^[^，,。；;、：:！!？?\s]{0,10}?(?:干部|人员|职工|党员|同志|工作人员|队员)$")
# 领导干部及国家工作人员: more people coordinated with the first person noun, before what they attended
MORE_PEOPLE = re.compile(
    r"(?:(?:及|和|与|、|以及)[^，,。；;、\d]{0,10}?(?:干部|人员|职工|党员|同志|工作人员|队员))+"
)
# what people attended may open with its year or edition (121名干部职工参加2025年度全区法治理论知识学习考试,
# 参加第三届…): the noun of what they attended comes after it
ATTENDED_LEAD = re.compile(
    r"(?:(?:19|20)\d{2}\s*年度?|上半年|下半年|年度|第[一二三四五六七八九十\d]{1,3}[届期次轮])+"
)
# 为N名群众提供X: residents served, then what they were given (咨询答疑, 法律援助) says what was counted
PEOPLE_SERVED = re.compile(
    r"^[^，,。；;、：:！!？?\s]{0,6}?(?:群众|居民|村民|市民|当事人|来访群众|来访人员)$"
)
SERVE = re.compile(r"(?:提供|解答|答疑|进行|开展)了?")
# 'N人全部参加了培训': the number is the whole group (所有人都参加), so words after it do not veto it
DISTRIBUTIVE = re.compile(r"^(?:全部|均|都|全都|悉数)")
# '14个村（社区）均建立人民调解委员会': each place set one up, so the number counts what was set up
EACH_SET_UP = re.compile(r"(?:全部|均|都)(?:已经?)?(?:建立|设立|成立|建成|组建|挂牌|设有|配备)了?")
PLACE_NOUN = re.compile(r"^(?:行政)?(?:村|社区|村居|村委会|居委会|村（社区）|村\(社区\)|村（居）)$")
# a clause with only these words before its number ("，共计5000余份", "其中3件") continues the one before it
CONTINUATION = re.compile(
    r"^(?:共计|合计|总计|累计|共|计|达到|达|约|近|超过|为|有|其中|总数|数量|人数|总量|全年|\s)*$"
)
# A clause whose own words name only a generic gathering (定期召开专题会议4次, 全年组织专题学习2次) takes
# its owner from an earlier clause of the sentence that names one (成立…法治政府建设工作领导小组，下设办公室，
# 定期召开专题会议4次; 充分发挥…领导小组牵头抓总作用，共召开专题会议5场). A bare meeting count takes the
# owner's code even when the clause alone fits another; a bare study count only when nothing fits.
# a clause naming its own actor (村(社区)开展学习共38次, 各部门召开会议…) takes no owner from the clause
# before it: the villages' study is not the leadership's
OWN_ACTOR = re.compile(r"(?:各|全[镇乡区县街])?(?:村|社区|村居|部门|单位|站所|科室|学校|企业)(?!委)")
GENERIC_ACTIVITY = re.compile(r"会议|专题会|研讨|学习|学法|座谈")
STUDY_ACTIVITY = re.compile(r"学习|学法|研讨|研学")
MEETING_WORK = re.compile(r"研究|部署|审议")  # LOOKALIKES.md D4: a meeting that plans or deliberates
_MEETING_LEAD = r"(?:全年|今年|年内|定期|不定期|共|累计|先后|及时|积极|主动|牵头|组织|召开|开展|举行|专题)*"
# a generic meeting may name what it studied and planned (成立…领导小组，召开专题会议研究部署法治工作4次): the
# meetings are still the owner's named before (LOOKALIKES.md, D3)
GENERIC_MEETING = re.compile(
    _MEETING_LEAD + r"(?:会议|会)(?:(?:专题)?(?:研究部署|安排部署|研究|部署)[^，,；;。]{0,16})?"
)
GENERIC_MEETING_VERB = re.compile(_MEETING_LEAD)  # the words before a number whose meeting follows it
# a count followed by what it was about, not by a noun (区政府常务会、…领导小组会议5次以法治政府建设…为主题,
# 8次围绕法治建设…): the nouns before the number are still the ones it counts
PURPOSE_AFTER = re.compile(r"以(?![案上下内])|围绕|就(?!业)")
# two coordinated nouns sharing one figure (参考率、合格率均达100%, 重大决策、合同审核39件)
COORDINATED = re.compile(r"、|和|(?<![参给赋])与|以及|(?<![以涉普])及")
CLAUSE_LEAD = re.compile(r"^(?:全年|今年|年内|共|累计|参与|参加|完成|开展|组织|实现|确保)+")
PREDICATE = re.compile(
    r"听取|审议|研究|开展|组织|召开|举办|举行|参加|参与|办理|受理|发放|出具|制定|印发|走访|悬挂|张贴|挂|发布|"
    r"接待|调解|化解|提供|审查|审核|起草|培训|新增|建成|设立|完成"
)
EACH = re.compile(r"均|都|分别|全部")
# a clause after meeting counts that says what they did (…，专题听取法治政府建设工作汇报)
PURPOSE = re.compile(r"\s*(?:专题)?听取")
LEADS_GROUP = re.compile(r"组长|主任|担任|牵头人")  # 由…担任双组长: a clause naming a group's leaders
# a list item that names only a body that meets (区委常委会、区政府常务会集体学法): it shares the activity
# named after the last body, and is no second noun of its own; a body's meeting named as such (区委常委会会议、
# 区政府常务会议专题听取…汇报; 党组会议) is the body too
# the leadership bodies' own meetings (S1's bodies that meet: standing committee, executive, Party committee)
_LEADERSHIP_MEETINGS = "常委会|常务会|党委会|党工委会|党组会"
MEETING_BODY = re.compile(rf"(?:{_LEADERSHIP_MEETINGS}|中心组|班子|办公会)(?:议|会议)?$")
# The actor a sentence opens with, when it is not the town itself: the words of the first clause
# before its first verb (镇、村(社区)法律顾问全年起草… -> 法律顾问); rules can be vetoed by it. Only a
# sentence that opens with another actor (seeds/cue_words.csv, kind actor) has one.
SUBJECT_END = re.compile(
    r"全年|今年|年内|共|累计|先后|积极|主动|组织|开展|召开|举办|参加|参与|列席|起草|审查|出具|办理|受理|"
    r"提供|接待|调解|完成|制定|建立|坚持|落实|严格|认真|深入|扎实|持续|进一步|通过|[，,：:]"
)
BOOK_TITLE = re.compile(r"《[^《》]*》")
# S1 (LOOKALIKES.md): a talk held inside a leadership body is that body's study. A sentence that opens
# with the body's meeting (区政府常务会议坚持开展双月学法,由各部门一把手…开展讲法活动6次) holds its talks
# there, unless the talk's own item names whom it is for or how wide it reaches (举办科级干部法治讲座2次;
# 全区全年开展专题宣讲60余场): those are the body's arrangements for others. An opening clause with a
# figure of its own (县政府常务会开展集体学法4次,举办法治课堂3次) is one item of a list, not the talks' venue
LEADERSHIP_MEETING = re.compile(_LEADERSHIP_MEETINGS)
MEETING_CODES = frozenset({"leading_group_meetings", "rule_of_law_meetings"})
PREVIOUS_ITEM = re.compile(r"^.*\d[^\d、，,]{0,4}、")
# the next item of a list (33次、法治专题讲座培训3场次) is no context for this figure's vetoes
NEXT_ITEM = re.compile(r"、[^、]*\d")
CHANGE_ONLY = re.compile(r"^[\s]*(?:同比|环比|较上年|较去年|比上年|比去年|较上一年)?[^，,。；;]{0,6}$")
# N名干部参加(了)/完成/接受/开展 X: X says what was counted
PARTICIPATE = re.compile(r"(?:参加|参与|完成|进行|接受|开展)了?(?:并(?:通过|完成))?")  # 参加并通过学法考试
# N名干部积极/按时参加 X: after a person noun, adverbs may come first (with the noun before the number,
# '执法人员25人均参加了考试', 均/全部 make the number the whole group: DISTRIBUTIVE)
PARTICIPATE_AFTER_NOUN = re.compile(r"(?:全部|均|都|按时|积极|认真|主动)*" + PARTICIPATE.pattern)
DIGIT = re.compile(r"\d")
ATTENDANCE_BETWEEN = re.compile(r"\d+(?:\.\d+)?[余多]?万?(?:人次|人|名)(?:参加|参与|参训)的")
# a noun that goes on past a keyword to a site (15家企业服务法律联络点, 8个村级调解工作室, 13个法律援助工作站点)
# counts the sites: the keyword only says whose or of what they are
SITE_HEAD = re.compile(r"(?:联络点|联系点|服务点|工作站|服务站|站点|工作室|服务中心|服务驿站|驿站|基地)$")
BARE_VERB = re.compile(r"\s*(?:共|已|又|再|累计|全年)?(?P<verb>[\u4e00-\u9fff]{2,3}?)(?:了|成功)?\s*")
# two kinds of a family named together: a coordinator between them, within a few characters
COORDINATED_KINDS = re.compile(r"、|与|和|及|以及|或")
FAMILY_GAP = 12
PERSON_UNITS = frozenset({"人", "名", "人次"})
# as in etl.pipeline.facts_frame: only these kinds, outside these sections, become facts
FACT_KINDS = ("level", "fraction")
NOT_FACTS = ("plans", "problems")
# an activity and its count (专题培训10场次, 宣讲2场, 讲座15场) in the clauses before person-times
_COUNTED_AFTER = r"[^，,。；;、\d\x00]{0,12}\d+[余多]?"  # the activity word, then its count in the same item
ACTIVITY_COUNT = re.compile(rf"(培训|轮训|宣讲|讲座|讲堂|宣传|普法){_COUNTED_AFTER}(?:场次|场|次|期|堂)")
TRAINING_WORDS = frozenset({"培训", "轮训"})  # the activities whose audience is cadres trained
# study sessions counted (专题研讨与学习交流56场, 集中学法12次) reach cadres too (cadre_trainees' definition:
# reached by study or training); read only where no training, talk or publicity was counted
STUDY_WORDS = frozenset({"学习", "学法", "研讨"})
STUDY_COUNT = re.compile(rf"({'|'.join(sorted(STUDY_WORDS))}){_COUNTED_AFTER}(?:场次|场|次|期)")
# 参与党员干部超过2300人次, 参加群众500余人次: a clause of who took part, naming no activity of its own,
# is the audience of the activity counted before it
TOOK_PART = re.compile(
    r"^(?:全年|共计|共|累计)*(?:参与|参加)(?![^\d]*(?:培训|学习|学法|考试|活动|讲座|宣讲|会议))"
)
AUDIENCE_CODES = frozenset({None, "people_reached", "cadre_trainees"})
# person-times whose own clause names an activity (累计培训…, 参与学习人数) keep the code it gives
OWN_ACTIVITY = re.compile(r"培训|参训|受训|轮训|学习|学法|参学|参加|参与")
# words that make person-times an audience (受众近1000人次, 覆盖…380余人次)
AUDIENCE_WORDS = re.compile(r"受众|覆盖|受益|受教育|听众")
# departments or units counted right after a number (34个区级部门): no code counts them
_ORG_HEAD = "部门|单位|科室|机关"
ORG_NOUN = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{_ORG_HEAD})")
# …and bodies of two kinds joined before the head (信访局等16个党群及市直单位, 7个镇直和驻镇单位): the noun read
# after the number stops at the conjunction, so the whole coordinated noun is matched on the text
ORG_NOUN_JOINED = re.compile(
    rf"[\u4e00-\u9fff]{{1,4}}?(?:以及|及|和|与|、)[\u4e00-\u9fff]{{0,4}}?(?:{_ORG_HEAD})"
)
# …what the departments own is counted after all: 3个部门规范性文件, 12个单位负责人
ORG_OWNED = re.compile(r"规范性文件|规章|文件|负责人|主要负责人|人员|工作人员|干部|职工|事项|信息")
# a figure for each unit (每个自然村…2名, 每村1名): a share, not the town's total
PER_UNIT = re.compile(
    r"每一?个?(?:村|自然村|行政村|村民小组|社区|小区|网格|镇|乡|街道|单位|部门|科室|项目|企业|学校|家|户|人)"
)
# 均 (人均 too) and then no word of a total (共, 累计, 全年 …) before the number: the figure holds for each
# body named before 均 (均衡, 均等 are other words)
EACH_BEFORE = re.compile(r"均(?!衡|等|匀)[^均共计总累全达]*$")
# a training and a lecture counted by one figure: training sessions (_coordinated, and after the number)
LECTURES = "lectures"
LEADERSHIP_STUDY = "leadership_study_sessions"
CADRE_TRAINING = "cadre_training_sessions"
TRAINING_WITH_LECTURES = frozenset({CADRE_TRAINING, LECTURES})
# look-alike pairs where one figure counting both is the kind named first (LOOKALIKES.md, D1 and D7):
# 中心组理论学习和各类法治培训5次 is leadership study, 普法活动、普法课堂7场 publicity events
FIRST_NAMED_DECIDES = (
    frozenset({LEADERSHIP_STUDY, CADRE_TRAINING}),
    frozenset({"publicity_events", LECTURES}),
)
# everything up to the last verb that opens a list item (在宪法宣传周开展了宪法 -> 宪法): what the item
# itself names, for FIRST_NAMED_DECIDES
ITEM_VERB_LEAD = re.compile(r"^.*(?:开展|组织|举办|举行|召开|参加|参与)了?")
# a bound before 的 (10人以上的队伍) sizes a class of noun, it counts nothing
BOUND_BEFORE_DE = ("以上的", "以下的", "以内的")
# a sentence that gives an example (例如，…; 比如：…): its figures are a part of the year's work, never the
# headline figure when another figure of the code stands
EXAMPLE_LEAD = re.compile(r"\s*(?:例如|比如|譬如|如)\s*[，,：:]")
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


# N个方面/领域/环节/阶段/步骤, N项内容 as the noun counted: the parts of a list or procedure
ASPECTS = re.compile(r"(?:大)?(?:方面|领域|环节|阶段|步骤|项?内容)")
ONE_OF = "之一"
OWN_ZERO_NOUN = re.compile(r"(?!发生)[\u4e00-\u9fff]{2,4}")  # 零上访, 零事故 (零发生's noun is before it)
MAJOR = "重大"  # a zero of major ones (未发生重大矛盾纠纷)
GENERIC_HEAD = ("发生", "出现", "情况", "现象", "情形", "事情", "问题")


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
        # a zero wording (未发生, 全年无, 零发生) says something did not befall the body: it is a zero only
        # of the codes that count such things (seeds/zero_codes.csv), never of the body's own work
        # (未发生合同纠纷 is no zero of disputes mediated); without the file, of anything countable
        zero_codes = catalogue.zero_codes
        self.by_unit[""] = [r for r in count_rules if zero_codes is None or r.code in zero_codes]
        self.unit_of = {code: ind.unit for code, ind in catalogue.indicators.items()}
        # the study codes that count sessions (次): law study, which political-theory study is not
        self.study_sessions = frozenset(
            c for c, ind in catalogue.indicators.items() if ind.category == "study" and ind.unit == "次"
        )
        # Political-theory study (“第一议题”学习48次, 传达学习…重要讲话精神60次): no law study, so no study
        # code, unless the same item names law; a study body (中心组) is S1 unless its own item names
        # political content and the sentence no law (seeds/study_words.csv, LOOKALIKES.md S0, D10)
        words = catalogue.study_words
        self.political_study = _words_re(p) if (p := words.get("political")) else None
        self.law_study = _words_re(w) if (w := words.get("law")) else None
        self.study_body = _words_re(b) if (b := words.get("body")) else None
        # whose study, talk or meeting a figure is (seeds/cue_words.csv): the actors other than the town
        # a sentence may open with; the people a study or talk is for; the leadership bodies (S1) and the
        # groups with meetings of their own (领导小组, 委员会), which own a bare meeting count (D3)
        cues = catalogue.cue_words
        audience, bodies, groups = (
            cues.get("audience", ()),
            cues.get("leadership_body", ()),
            cues.get("group", ()),
        )
        self.actor = _cue_re(cues.get("actor", ()))
        self.study_audience = _cue_re(audience + bodies + cues.get("study_audience", ()))
        self.talk_audience = _cue_re(audience + cues.get("talk_scope", ()))
        self.owner = _cue_re(groups + bodies)
        self.own_meetings = _cue_re(groups)
        # Compiled on first use, per rule (speed only): a one-report build meets a few dozen rules,
        # and compiling all of them took 0.1 s of it.
        self.rule_by_id = by_id = {id(r): r for r in catalogue.rules}
        # one search per veto list and per requires group
        self.veto: dict[int, re.Pattern[str] | None] = _OnDemand(
            lambda i: _words_re(by_id[i].vetoes) if by_id[i].vetoes else None
        )
        self.requires: dict[int, tuple[re.Pattern[str], ...]] = _OnDemand(
            lambda i: tuple(_words_re(g) for g in by_id[i].requires)
        )
        # per unit, one pass of an automaton over the words before and after a number finds every
        # keyword present, overlapping ones too: only the rules owning one are looked at (speed only;
        # the same rules a search per rule would keep)
        self.present_rules: dict[str, Any] = _OnDemand(lambda u: _keyword_automaton(self.by_unit.get(u, ())))
        # rules that need no keyword ('*': the unit alone suffices) are looked at whatever the text
        self.star_rules: dict[str, tuple[AliasRule, ...]] = _OnDemand(
            lambda u: tuple(r for r in self.by_unit.get(u, ()) if "*" in r.keywords)
        )
        # every keyword of the rules of a unit: a text without one can have no code of that unit
        self.unit_keywords: dict[str, re.Pattern[str] | None] = {
            u: _words_re(tuple({k for r in rs for k in r.keywords if k != "*"}))
            for u, rs in self.by_unit.items()
            if rs
        }

        # families (seeds/indicator_families.csv): per unit, one search over the keywords of the
        # umbrella and its members, each keyword mapped to its code; a kind is named by its keywords
        # whatever unit the figure has (审查行政决策和重大项目17次: projects are counted in 个 elsewhere)
        self.families: dict[str, list[tuple[Family, re.Pattern[str], re.Pattern[str], dict[str, str]]]] = {}
        for fam in catalogue.families:
            codes = (fam.umbrella, *fam.members)
            units = {u for r in catalogue.rules if r.code in codes for u in r.units}
            for unit in units:
                words: dict[str, str] = {}
                for r in sorted(catalogue.rules, key=lambda r: unit not in r.units):
                    if r.code in codes:
                        for k in r.keywords:
                            if k != "*" and len(k) >= 2:
                                words.setdefault(k, r.code)
                self.families.setdefault(unit, []).append(
                    (fam, _words_re(tuple(words)), _words_re(fam.requires), words)
                )

    def keyword_of(self, unit: str, text: str) -> bool:
        """Some rule of this unit has a keyword in `text` (a cheap test before matching pieces of it)."""
        kw = self.unit_keywords.get(unit)
        return kw is not None and kw.search(text) is not None


def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


NOTHING = re.compile(r"(?!)")


def _cue_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """One search for any of `words`; with none, a search that never matches (no such cue)."""
    return _words_re(words) if words else NOTHING


def _keyword_automaton(rules: Sequence[AliasRule]) -> Any:
    """An Aho-Corasick automaton of the keywords of `rules`, each mapped to the ids of its rules."""
    import ahocorasick  # noqa: PLC0415 (also imported by etl.register; here only when a unit is met)

    owners: dict[str, set[int]] = {}
    for rule in rules:
        for kw in rule.keywords:
            if kw != "*":
                owners.setdefault(kw, set()).add(id(rule))
    if not owners:
        return None
    automaton = ahocorasick.Automaton()
    for kw, ids in owners.items():
        automaton.add_word(kw, frozenset(ids))
    automaton.make_automaton()
    return automaton


def _rules_present(automaton: Any, *texts: str) -> set[int]:
    """Ids of the rules with a keyword in any of `texts`."""
    found: set[int] = set()
    if automaton is None:
        return found
    for text in texts:
        if text:
            for _end, ids in automaton.iter(text):
                found |= ids
    return found


class _OnDemand(dict):  # type: ignore[type-arg]
    """A dict whose missing values are made by `make(key)` on first use and kept."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._make(key)
        return value


_RULES_CACHE: dict[int, tuple[Catalogue, _Rules]] = {}


def _rules_for(catalogue: Catalogue) -> _Rules:
    hit = _RULES_CACHE.get(id(catalogue))
    if hit is None or hit[0] is not catalogue:
        hit = (catalogue, _Rules(catalogue))
        _RULES_CACHE[id(catalogue)] = hit
    return hit[1]


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause of `pos` starts: after the last clause break before it (a thousands comma is
    none). The last 80 characters are looked at first (speed); a clause longer than that (a list of
    book titles: 集中学习《宪法》《民法典》《…》等法律法规10余次) starts at the last break before them,
    never at the sentence start, which would lend it the words of every earlier clause. Text with no
    break for CLAUSE_MAX characters (a flattened table, a page without punctuation) is cut there:
    every figure of it would otherwise carry the whole run as its clause."""
    limit = max(floor, pos - CLAUSE_MAX)
    window = max(limit, pos - 80)
    while True:
        last = -1
        for m in CLAUSE_BREAK.finditer(text, window, pos):
            ch = m.group(0)
            if (
                ch == ","
                and text[m.start() - 1 : m.start()].isdigit()
                and text[m.end() : m.end() + 1].isdigit()
            ):
                continue
            last = m.end()
        if last >= 0 or window == limit:
            return last if last >= 0 else limit
        pos, window = window, max(limit, window - 80)


def _clause_end(text: str, pos: int, ceil: int) -> int:
    m = CLAUSE_BREAK.search(text, pos, ceil)
    return m.start() if m else ceil


def _after_window(text: str, pos: int, ceil: int, window: int = AFTER_WINDOW) -> str:
    seg = text[pos : min(ceil, pos + window + 5)]
    if "（" in seg or "(" in seg:
        seg = NOUN_BRACKET.sub("", seg)
    seg = seg[:window]
    m = AFTER_CUT.search(seg)
    return seg[: m.start()] if m else seg


def _attended(text: str, pos: int, ceil: int) -> str:
    """The noun of what people attended (参加 X), after X's leading year or edition."""
    if lead := ATTENDED_LEAD.match(text, pos, ceil):
        pos = lead.end()
    return _after_window(text, pos, ceil)


def match_code(
    q: Quantity,
    before: str,
    after: str,
    clause_after: str,
    sentence: str,
    rules: _Rules,
    subject: str = "",
) -> str | None:
    """The catalogue code a quantity counts, or None. See the module docstring for the order.

    `sentence` is the context for `requires`; a rule whose required words stand in this very clause
    beats one that needs the rest of the sentence. `subject` (the actor the sentence opens with:
    法律顾问全年起草…, 开展培训会2次) can veto a rule like the clause's own words.
    """
    if q.code_hint:
        return q.code_hint
    # 被评为全国…104个先进典型之一: the size of a list the body is on, not its work
    if ONE_OF in clause_after:
        return None
    # 在加强组织保障、凝聚矛盾纠纷化解合力…等九个方面做了大量工作: the number counts the aspects a list
    # names, not any work of theirs
    if ASPECTS.match(after):
        return None
    candidates = rules.by_unit.get(q.unit_raw, ())
    if not candidates:
        return None
    # the words of this list item alone (中心组学法12次、干部职工学习48次: 干部职工 is the second item's
    # audience, 中心组 the first's): required words count as "in the clause" only there
    item = _own_item(before)
    local = item + "\x00" + clause_after
    context = sentence + "\x00" + before + "\x00" + clause_after
    if "（" in context or "(" in context:  # 村(居)干部 is 村干部 to the required words
        local, context = NOUN_BRACKET.sub("", local), NOUN_BRACKET.sub("", context)
    # 举办讲座4次、发放小册子2000册: an item with a verb of its own is not vetoed by the items before it;
    # one without (挂横幅12条、海报35张) shares the nearest verb before it, but not the other items'
    # nouns (开展讲座3次、宣传活动5次: 讲座 does not veto the publicity events)
    # The clause's actor, the words before its first verb (县委理论学习中心组组织专题学习4次、专题讲座1次), is
    # every item's: it vetoes like the item's own words
    own = item
    if own is not before and not PREDICATE.match(own):
        verbs = [*PREDICATE.finditer(before, 0, len(before) - len(item))]
        own = verbs[-1].group() + "\x00" + item if verbs else before
        if verbs and not DIGIT.search(actor := before[: verbs[0].start()]):
            own = actor + "\x00" + own
    veto_hay = own if DISTRIBUTIVE.match(clause_after) else own + "\x00" + clause_after
    if "《" in veto_hay:  # the words of a book title (《村民委员会组织法》) are not the clause's context
        veto_hay = BOOK_TITLE.sub("《》", veto_hay)
    if subject:
        veto_hay = subject + "\x00" + veto_hay
    # (keyword end, keyword length, required words in this very clause, priority, counted in this
    # unit, spec, code): among keywords ending equally near, a rule whose required words stand in the
    # clause itself beats one that needs the rest of the sentence, whatever their priorities; equal in
    # every other way, a code the catalogue counts in this very unit (项 for listed items, 件 for items
    # handled) beats one that only accepts it
    best_after: tuple[int, int, bool, int, bool, int, str] | None = None
    best_before: tuple[int, int, bool, int, bool, int, str] | None = None
    present = _rules_present(rules.present_rules[q.unit_raw], before, after)
    by_id = rules.rule_by_id
    for rule in (*rules.star_rules[q.unit_raw], *(by_id[i] for i in present)):
        veto_re = rules.veto[id(rule)]
        if veto_re is not None and veto_re.search(veto_hay):
            continue
        requires = rules.requires[id(rule)]
        if requires:
            if not all(r.search(context) for r in requires):
                continue
            spec = 2 if all(r.search(local) for r in requires) else 0
        else:
            spec = 1
        unit_fits = rules.unit_of.get(rule.code) == q.unit_raw
        for kw in rule.keywords:
            if kw == "*":
                key = (-1000, 0, spec == 2, rule.priority, unit_fits, spec, rule.code)
                if best_before is None or key > best_before:
                    best_before = key
                continue
            if rule.position != "after":
                p = before.rfind(kw)
                if p >= 0:
                    key = (p + len(kw), len(kw), spec == 2, rule.priority, unit_fits, spec, rule.code)
                    if best_before is None or key > best_before:
                        best_before = key
            if rule.position != "before" and after:
                p = after.rfind(kw)
                if p >= 0 and not SITE_HEAD.search(after, p + len(kw)):
                    key = (p + len(kw), len(kw), spec == 2, rule.priority, unit_fits, spec, rule.code)
                    if best_after is None or key > best_after:
                        best_after = key
    if best_after is not None:
        return best_after[-1]
    return best_before[-1] if best_before is not None else None


# ---- labels for quantities outside the catalogue (jieba, initialised lazily, once per process) ----

# A label names the noun counted, not the clause: 定期召开专题会议4次 -> 专题会议, 组织200余名工作人员参加…
# -> 工作人员. The predicate verbs that open the object of a clause (召开, 组织, 发放 …) and the scope
# words in front of a noun (全县, 我镇, 全年 …) are cut off; the noun right after the number wins when
# there is one (N名X, N次X会议).
LABEL_OPENERS = frozenset(
    "召开 开展 组织 举办 举行 发放 发布 推动 带动 完成 作出 做出 接受 提供 参加 参与 覆盖 出具 办理 受理 "
    "接待 制定 印发 出台 实现 新增 落实 进行 督促 指导 协助 走进 面向 针对 围绕 推进 引导 邀请 依托 采取 "
    "建立 设立 配备 聘请 共有 累计 共计 合计 总计 积极开展 深入开展 组织开展 扎实开展 持续开展 先后 督办 "
    "召集 主持 审议 研究 解决 帮助 服务 培训 教育 梳理 编制 确认 推出 发出 送达 支付 公布 对 为 向 和 与 及 "
    "以及 并 了 的 在 通过 将 把".split()
)
LABEL_OPENER_ENDS = tuple(LABEL_OPENERS)
LABEL_GLUE = frozenset("对 为 向 和 与 及 以及 并 了 的 在 通过 将 把".split())
LABEL_SCOPE = re.compile(
    r"^(?:[一二三四五六七八九十]是|全县|全镇|全乡|全区|全市|全街道?|全旗|我镇|我乡|我街道?|我县|我区|我旗|本镇|本乡|全年|今年|年度|本年度|"
    r"年内|定期|及时|积极|持续|深入|扎实|认真|切实|进一步|主动|其中|同时|此外|另外|并|还|已|均|共|计|约|近|"
    r"等|各类|各种|相关|全体|各|再|又|也|先后|分别|累计|共计)+"
)
LABEL_TAIL = re.compile(
    r"(?:共计|合计|总计|累计|共|计|达到|达|(?<![行作认成])为|约|近|超过|逾|超|高达|多达|不少于|不足|不到|有|等|均|全部|分别|了|"
    r"各|先后|被|已|维持在|保持在|保持|提升至|提高到|提高至|上升至|下降至|至|在|到|对|的|由|向|将|把|与|和|及)+$"
)
# a list item before this one (调解13次、专题法治学习11次) and dates are no part of the noun
LABEL_PREVIOUS = re.compile(r"^.*\d[^\d、，,]{0,4}、|截至|\d{4}年度?|\d{1,2}月(?:份|底|末)?|\d+日")
# after the number, the noun ends where a predicate starts (3次专题会议解决重点难点问题 -> 专题会议)
LABEL_AFTER_CUT = re.compile(r"解决|涉及|完成|开展|实现|推动|审议|部署|学习贯彻|通过|发放|进行|的|之一")
# a figure right before this one (核查复工人员50批次120人): the noun before it is what both count
ADJACENT_FIGURE = re.compile(rf"\d+(?:\.\d+)?[余多]?(?:{UNITS})$")
LABEL_AFTER_LEAD = re.compile(r"^(?:一起|一件|一例|任何|过)")  # 未发生一起重大安全事故: the noun follows
EVENT_NOUN = re.compile(r"(?:会|会议|活动|培训|讲座|学习|研讨|检查|宣讲|课|班|调研|督查|演练)$")
EVENT_LABEL_UNITS = frozenset({"次", "场", "场次", "期", "轮", "批次"})
AFTER_TITLES = re.compile(r"^(?:等|等等|及|和|、)+")
LABEL_MAX = 16
LABEL_WINDOW = 22  # characters segmented to find the noun (jieba's cost grows with it)


def label_for(before: str, after: str, unit: str, dict_path: Path) -> str:
    """The noun a quantity counts, for an analyst reading unmatched quantities.

    The noun right after the number (200余名工作人员参加…, 8次党政联席会) when there is one, else the
    object of the clause before it with its predicate verb and scope words cut off (定期召开专题会议,
    及时发布与群众息息相关的热点问题、信息 -> 热点问题、信息). A verb is kept when cutting it would leave
    fewer than 3 characters (参与学习, 召开会议).
    """
    if aspects := ASPECTS.match(after.strip()):
        return aspects.group(0)  # 九个方面做了大量工作: the aspects, whatever was done in them
    noun_after = _noun_after(after)
    if noun_after and (unit not in EVENT_LABEL_UNITS or EVENT_NOUN.search(noun_after)):
        return noun_after[:LABEL_MAX]
    noun_before = _noun_before(before, dict_path)
    weak = len(noun_before) < 3 or noun_before.endswith(LABEL_OPENER_ENDS)  # 我镇共召开
    if noun_after and weak:
        return noun_after[:LABEL_MAX]
    return noun_before or noun_after or unit or "?"


def _noun_after(after: str) -> str:
    s = LABEL_AFTER_LEAD.sub("", after.strip()).lstrip("的")  # 90%的区级事项实现…: the noun after 的
    m = LABEL_AFTER_CUT.search(s)
    if m and m.start() >= (2 if m.group() == "的" else 3):  # 16个单位的“三定”规定: 单位
        s = s[: m.start()]
    if org := _departments_counted(s):
        s = org  # 34个区级部门公开政府信息: the departments are the noun
    s = s.strip("，,、 ")
    return s if len(s) >= 2 and s not in LABEL_STOP else ""


@lru_cache(maxsize=8192)
def _segment(window: str, dict_path: Path) -> tuple[str, ...]:
    """jieba's words of a label window, remembered: reports repeat their phrasing (召开专题会议, 开展学习),
    and one segmentation costs ~0.2 ms."""
    return tuple(segmenter(dict_path).lcut(window, HMM=False))


def _noun_before(before: str, dict_path: Path) -> str:
    s = before.strip()
    if s.endswith(("》", "”", '"')):  # a quoted title right before the number is the noun: 发放《…纲要》650本
        q = max(s.rfind("《"), s.rfind("“"), s.rfind('"', 0, len(s) - 1))
        if q >= 0 and len(s) - q >= 4:
            return s[q:][-LABEL_MAX - 2 :]
    s = LABEL_TAIL.sub("", ADJACENT_FIGURE.sub("", LABEL_PREVIOUS.sub("", s)))
    if "》" in s and len(tail := AFTER_TITLES.sub("", s[s.rfind("》") + 1 :])) >= 2:
        s = tail  # 学习《宪法》《民法典》等法律法规: the noun after the titles is what was counted
    if not s:
        return ""
    words = list(_segment(s[-LABEL_WINDOW:], dict_path))
    if len(s) > LABEL_WINDOW and len(words) > 1:
        words = words[1:]  # the window may have cut its first word in two
    depth, cut = 0, 0
    for i, w in enumerate(words):
        depth += w.count("“") + w.count("《") - w.count("”") - w.count("》")
        if depth <= 0 and w in LABEL_OPENERS:
            rest = LABEL_SCOPE.sub("", "".join(words[i + 1 :]))
            if len(rest) >= (2 if w == "的" else 3):
                cut = i + 1
            elif w not in LABEL_GLUE and rest:
                cut = i  # 参与学习, 发布相关文章: the verb stays when the noun alone is too short
    words = words[cut:]
    while words and LABEL_SCOPE.fullmatch(words[0]) and len("".join(words[1:])) >= 2:
        words = words[1:]  # scope words one by one: the regex alone would eat 全体 of 全体会议
    while len("".join(words)) > LABEL_MAX and len(words) > 1:
        words = words[1:]
    label = "".join(words).strip("，,、 ")
    for open_q, close_q in (("“", "”"), ("《", "》")):
        cut_at = label.rfind(close_q)  # the window cut a quote in two: the noun follows its end
        if cut_at >= 0 and open_q not in label[:cut_at] and len(label) - cut_at > 2:
            label = label[cut_at + 1 :]
    return "" if label in LABEL_STOP or not any(_content(w) for w in words) else label


def _is_bare_verb(words: str) -> bool:
    """'取消', '累计办结', '调处' (a verb in jieba's dictionary, tag v): no noun of its own to count."""
    m = BARE_VERB.fullmatch(words)
    entry = short_lookup().get(m.group("verb")) if m else None
    return entry is not None and entry[1] == "v"


def _continued_label(verb: str, noun: str) -> str:
    """取消 + 行政权力事项: what a bare verb's count counts, as an analyst reads it."""
    return (verb.strip() + noun)[-LABEL_MAX:]


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
    contexts: list[tuple[str, str]] = []  # (before, after) of each mention, for labels given later
    topics: dict[int, str] = {}  # sentence start -> the actor it opens with
    continued_nouns: dict[
        int, str
    ] = {}  # mention index -> the noun a clause continuing the one before counts
    for q in find_quantities(text, catalogue.lexicon):
        i = bisect.bisect_right(sent_starts, q.start) - 1
        s_start, s_end = sent_spans[i] if i >= 0 else (0, len(text))
        if s_end - s_start > SENTENCE_MAX:  # no real sentence is this long: a run without punctuation
            s_start, s_end = max(s_start, q.start - SENTENCE_MAX // 2), min(s_end, q.end + SENTENCE_MAX // 2)
        cs = _clause_start(text, q.start, s_start)
        before = text[cs : q.start]
        ce = _clause_end(text, q.match_end, s_end)
        clause_after = text[q.match_end : ce]
        after = _after_window(
            text, q.match_end, ce, EVENT_AFTER_WINDOW if q.unit_raw in EVENT_UNITS else AFTER_WINDOW
        )
        # 11次600多人次参加的…集中培训, 3场200余人参加的法治讲座: the headcount that attended comes between
        # an event count and its noun, which follows it
        if not after and (attended := ATTENDANCE_BETWEEN.match(text, q.match_end, ce)):
            after = _after_window(text, attended.end(), ce, EVENT_AFTER_WINDOW)
            clause_after = text[attended.end() : ce]  # who attended is no veto of the event (参加)
        # a zero's noun is the head after 的 (未出现违规执法的举报: 举报), unless that head is generic
        # (…败诉案件的发生, …的情况): then the words before 的 say what
        if not q.unit_raw and "的" in after and not after[after.rfind("的") + 1 :].startswith(GENERIC_HEAD):
            after = after[after.rfind("的") + 1 :]
        # 零上访, 行政复议零纠错: a zero phrase that names its noun counts that noun; the words before it
        # only say of what, and give no code of their own (零纠错 is no zero of reconsiderations)
        if (
            not q.unit_raw
            and text.startswith("零", q.start)
            and OWN_ZERO_NOUN.fullmatch(text, q.end, q.match_end)
        ):
            before = after = text[q.end : q.match_end]
            clause_after = ""
        attended_before = False  # 召开培训会，…等50余人参加。: what they attended was named before
        if not after and q.unit_raw in PERSON_UNITS and (took := PARTICIPATE.match(text, q.match_end)):
            after = _attended(text, took.end(), ce)  # 400余人参加(了)学法考试: what they attended
            attended_before = not after and cs > s_start
        prev = ""
        if cs > s_start:
            pcs = _clause_start(text, cs - 1, s_start)
            prev = text[pcs : cs - 1]
        if "、" in clause_after and (item := NEXT_ITEM.search(clause_after)):
            clause_after = clause_after[: item.start()]
        sentence = text[s_start:s_end]
        if s_start not in topics:
            topics[s_start] = _subject(text, s_start, s_end, rules)
        subject = topics[s_start] if cs > s_start else ""
        code = match_code(q, before, after, clause_after, sentence, rules, subject)
        # 组建37支10人以上的普法志愿者队伍; 对100万元以上的项目: a bound before 的 sizes the class of the noun
        # after it (teams of ten or more), it counts nothing
        if code is not None and text.startswith(BOUND_BEFORE_DE, q.match_end - 2):
            code = None
        # 公示39个部门21类信息; 推动34个区级部门公开政府信息1200条: the noun right after the number is
        # departments or units, which no code counts (a verb before or after it names what they did)
        joined_bodies = _departments_counted(text[q.match_end : ce], ORG_NOUN_JOINED)
        if code is not None and (_departments_counted(after) or joined_bodies):
            code = None
        # 压缩办理时长24天: the time saved is no processing time (a duration code counts the time taken)
        if code is not None and catalogue.indicators[code].value_type == "duration" and CUT_BY.search(before):
            code = None
        # 每个自然村都培养了2名法律明白人; 平均每镇梳理事项283项: a figure for each village or town is no
        # total of the town's own (the annualised 每月1次 names a time, not a unit)
        if code is not None and "每" in before and PER_UNIT.search(before):
            code = None
        # 全镇23个村均配备2名以上法律明白人; 各村均开展普法宣传活动2次以上: a count after 均, with no word of
        # a total between, holds for each of the bodies named before it, no total of the town's own (a
        # zero of each is a zero of all: 均为0 keeps its code)
        if (
            code is not None
            and "均" in before
            and q.value
            and EACH_BEFORE.search(before)
            and catalogue.indicators[code].value_type == "count"
        ):
            code = None
        if code is None and attended_before:
            code = match_code(q, text[s_start : q.start], "", clause_after, sentence, rules, subject)
        if (
            (code is None and GENERIC_ACTIVITY.search(before))
            or ("会" in before and GENERIC_MEETING.fullmatch(before.strip()))
            # the same with the meeting after the number (成立…领导小组，召开4次专题会议)
            or (after and GENERIC_MEETING.fullmatch(after) and GENERIC_MEETING_VERB.fullmatch(before.strip()))
        ) and not OWN_ACTOR.match(NOUN_BRACKET.sub("", before.strip())):
            owner = _owner_clause(text, s_start, cs, rules)
            if owner:
                code = match_code(q, owner, "", "", sentence, rules, subject) or code
        # 将习近平法治思想纳入镇村干部年度培训计划。全年开展8次集中学习。: a study count whose sentence
        # names no one studying takes them from the sentence before it in the same paragraph, whose words
        # then veto like the figure's own actor: cadres named there rule out the leadership's study
        # (LOOKALIKES.md D11, D1's audience clause). This holds too when the figure's words alone made it
        # the leadership's by default (全年集中学法6次: bare 学法), but not for another study code
        item = _own_item(before)
        carried = ""
        if (
            code in (None, LEADERSHIP_STUDY)
            and i > 0
            and sent_spans[i - 1][1] == s_start
            and STUDY_ACTIVITY.search(item)
            and not MEETING_WORK.search(item)
            and not rules.study_audience.search(text, s_start, s_end)
        ):
            carried = text[sent_spans[i - 1][0] : s_start]
            code = match_code(q, before, after, clause_after, carried + "\x00" + sentence, rules, carried)
        if after and PLACE_NOUN.match(after):
            plain = NOUN_BRACKET.sub("", clause_after)
            set_up = EACH_SET_UP.match(plain, len(after))
            if set_up is not None:
                what = _after_window(plain, set_up.end(), len(plain))
                code = match_code(q, before, what, clause_after, text[s_start:s_end], rules) or code
        if code is None and after and PERSON_NOUN.match(after):
            tail = q.match_end + len(after)
            if more := MORE_PEOPLE.match(text, tail):  # 2800名领导干部及国家工作人员参加…考试
                tail = more.end()
            if took := PARTICIPATE_AFTER_NOUN.match(text, tail):  # 132名干部参加年度学法考试
                what = _attended(text, took.end(), ce)
                # 举办习近平法治思想专题培训班，全区100多名副科以上干部参加: what they attended was named
                # in the clauses before (as for 50余人参加 with no noun)
                lead = before if what or cs == s_start else text[s_start : q.start]
                code = match_code(q, lead, what, clause_after, text[s_start:s_end], rules)
        # 为300余名群众提供咨询答疑: the people served, counted by what they were given
        if code is None and after and PEOPLE_SERVED.match(after):
            if given := SERVE.match(text, q.match_end + len(after)):
                what = _after_window(text, given.end(), ce)
                code = match_code(q, before, what, clause_after, sentence, rules)
        # 8次执法检查和法律咨询: two nouns after the number, of different codes, share one figure: it counts
        # neither alone (as with two nouns before it, _coordinated)
        # (a zero's list, 无行政复议案件和行政诉讼案件, is one zero per noun: _zero_items)
        if (
            code is not None
            and q.unit_raw
            and after
            and (joint := COORDINATED.match(text, q.match_end + len(after)))
        ):
            second = _after_window(text, joint.end(), ce)
            other = match_code(q, before, second, clause_after, sentence, rules, subject) if second else None
            if other is not None and other != code:
                # a training and a lecture together are training sessions, as before the number
                code = CADRE_TRAINING if {code, other} == TRAINING_WITH_LECTURES else None
        # 其中婚姻家庭纠纷41件、邻里纠纷57件: parts of a total; 例如，岩山村…解决纠纷8起: an example, a part too
        is_part = "其中" in before or EXAMPLE_LEAD.match(sentence) is not None
        is_total = bool(TOTAL_WORDS.search(before))
        # a clause continuing the one before takes its noun (开展宣传12次，累计发放…); a zero wording
        # never does: what did not happen is named after it (…5名社区矫正对象，全年未发生脱管漏管)
        if (
            code is None
            and prev
            and q.unit_raw
            and not PLACE_NOUN.match(after)
            and CONTINUATION.match(before)
        ):
            code = match_code(q, prev + before, after, clause_after, text[s_start:s_end], rules)
            is_total = is_total or bool(TOTAL_WORDS.search(prev))
        # 承接下放行政权力事项1项，取消2项; 受理矛盾纠纷12件，调处10件: a clause of a bare verb and a count in
        # the unit the clause before counted in goes on counting that clause's noun
        # (a rate names itself: 完成率100%，优秀率100% is two rates). Its label is the verb and that noun.
        continued = False
        if (
            code is None
            and prev
            and q.unit_raw
            and q.unit_raw != "%"
            and not after
            and q.unit_raw in prev
            and out
            and out[-1].start >= cs - len(prev) - 1
            and _is_bare_verb(before)
        ):
            noun = continued_nouns.get(len(out) - 1) or label_for(
                *contexts[-1], out[-1].unit_raw, catalogue.jieba_dict
            )  # 取消2项，保留20项: the noun the list began with
            if noun and not _is_bare_verb(noun):  # 由9730个工作日压缩到5591个，共压缩4139个: no noun
                code = match_code(q, prev + before, after, clause_after, text[s_start:s_end], rules)
                continued_nouns[len(out)] = noun
                continued = True
        also: tuple[str, ...] = ()  # more codes the same figure counts (参考率、合格率均达100%)
        if (
            code is not None
            and (not after or PURPOSE_AFTER.match(after))
            and COORDINATED.search(before)
            and rules.keyword_of(q.unit_raw, before)
        ):
            code, also = _coordinated(q, before, sentence, rules, subject, code)
        # 专题培训10场次，受众近1000人次; 开展基层宣讲2场，覆盖机关干部…380余人次; 专场讲座15场8600余人次:
        # person-times right after an activity's count are its audience, and the activity says whose (after
        # the coordinated nouns: 覆盖镇村干部、党员群众 are one audience, not two codes sharing a figure)
        if q.unit_raw == "人次" and code in AUDIENCE_CODES:
            code = _audience_of(prev + "\x00" + before, clause_after, code)
        if "听取" in text[ce : ce + 4] or "汇报" in text[ce : ce + 30]:
            code = _purpose(q, before, text, ce, s_end, sentence, rules, subject, code)
        if q.unit_raw in rules.families:
            code = _counted_together(q.unit_raw, item + "\x00" + clause_after, code, rules)
        # (a talk on 全会精神 is a political-theory talk, no law lecture either: 三中全会精神宣讲14场次); the
        # content can be named in another clause of the sentence (围绕学习贯彻…全会精神…,开展宣讲活动30余场),
        # which then names no law at all
        if (code in rules.study_sessions or code == LECTURES) and _political_study(
            item, f"{carried}\x00{sentence}" if carried else sentence, rules
        ):
            code = None
        if code == LECTURES and cs > s_start and not rules.talk_audience.search(item):
            opener, first_clause = _opening(text, s_start, s_end)
            if LEADERSHIP_MEETING.search(opener) and not DIGIT.search(first_clause):
                code = LEADERSHIP_STUDY
        # 未出现…重大矛盾纠纷: no major ones is no zero of them all, unless the code counts major ones
        if (
            code is not None
            and not q.unit_raw
            and after.startswith(MAJOR)
            and MAJOR not in catalogue.indicators[code].name_zh
        ):
            code = None
        j = bisect.bisect_right(sec_starts, q.start) - 1
        section_type = sec_rest[j][1] if j >= 0 and q.start < sec_rest[j][0] else "other"
        if code is not None:
            label = catalogue.indicators[code].name_zh
        elif continued:
            label = _continued_label(before, continued_nouns[len(out)])
        elif joined_bodies:
            label = joined_bodies[:LABEL_MAX]  # 16个党群及市直单位: the bodies, both kinds
        else:
            label = label_for(before, after, q.unit_raw, catalogue.jieba_dict)
            if q.kind == "change" and prev and CHANGE_ONLY.match(before):
                # 办理依申请公开事项9件，同比下降6个百分点: say what went down
                subject = label_for(DIGIT.split(prev, 1)[0], "", "", catalogue.jieba_dict)
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
        contexts.append((before, after))
        for other in also:
            out.append(replace(out[-1], indicator_code=other, label=catalogue.indicators[other].name_zh))
            parts.append(is_part)
            contexts.append((before, after))
    _prefer_whole_over_parts(out, parts)
    _label_other_values(out, contexts, catalogue)
    for i, noun in continued_nouns.items():  # a continued clause's noun, not its bare verb
        m = out[i]
        if m.indicator_code is not None and m.label != catalogue.indicators[m.indicator_code].name_zh:
            m.label = _continued_label(contexts[i][0], noun)
    return out


def _coordinated(
    q: Quantity, before: str, sentence: str, rules: _Rules, subject: str, code: str
) -> tuple[str | None, tuple[str, ...]]:
    """Two coordinated nouns of different codes before one figure.

    With 均/都 the figure holds for each (参考率、合格率均达100%; 办结率和满意度均为100%): both codes get
    it. Without, it is one figure for both together (参与重大决策、合同审核39件), which counts neither
    alone: no code (an unmatched quantity). Items that carry their own number (调解12次、培训3场) are a
    list of figures, and a second predicate (会议审议材料、听取汇报16次) describes the same events: both
    are left alone. A list of three or more with 均 (参考率、合格率、优秀率均达到100%) gives the figure
    to every item that has a code. Two look-alikes are the exception to "no code": a training and a
    lecture together are training, and a pair in FIRST_NAMED_DECIDES takes the kind named first
    (tests/fixtures/real/LOOKALIKES.md, S4, D1 and D7).
    """
    # meetings of several bodies counted by one figure are the first-named body's (LOOKALIKES.md, D12)
    if code in MEETING_CODES and (first := _first_named_meeting(before, rules)):
        return first, ()
    # rates never add up: coordinated rates before one percentage each have it, with or without 均
    # (参考率、合格率持续保持100%; 办结率、满意率100%)
    rate = q.unit_raw == "%"
    items = COORDINATED.split(before)
    each = EACH.search(items[-1])
    if len(items) >= 3 and (each or rate) and not any(DIGIT.search(i) for i in items):
        items[-1] = items[-1][: each.start()] if each else items[-1]
        codes = {match_code(q, i, "", "", sentence, rules, subject) for i in items} - {None, code}
        return code, tuple(sorted(c for c in codes if c))
    m = [*COORDINATED.finditer(before)][-1]
    head, last = before[: m.start()], before[m.end() :]
    if not last or DIGIT.search(last) or PREDICATE.match(last):
        return code, ()
    if "等" in last:  # 讲座、文艺演出等活动20场: the noun after 等 names what the figure counts
        return code, ()
    if match_code(q, last, "", "", sentence, rules, subject) != code:
        return code, ()
    # the items before the last, nearest first (领导班子学法、研讨、主题党课、各类讲座12次: 学法 is an item
    # too, though 主题党课 names no code): the first one with a keyword of this unit decides
    for prev in reversed(head.split("、")):
        if not rules.keyword_of(q.unit_raw, prev):
            continue
        if len(lead_cut := CLAUSE_LEAD.sub("", prev)) >= 2:  # 全年参与重大决策 -> 重大决策, but 参与率 stays
            prev = lead_cut
        # 全区5170名应考学员参考率、通过率100%: a number inside the item counts something else (people) when
        # the words after it still name this unit's kind; the item is those words (办结率98%、满意率: the
        # item ends on its own figure and keeps it)
        if DIGIT.search(prev) and rules.keyword_of(q.unit_raw, tail := DIGIT.split(prev)[-1]):
            prev = tail
        if not prev or DIGIT.search(prev) or MEETING_BODY.search(prev):
            return code, ()  # 区委常委会、区政府常务会集体学法7次: two bodies, one activity
        other = match_code(q, prev, "", "", sentence, rules, subject)
        if other is None or other == code:
            return code, ()
        if EACH.search(last) or rate:
            return code, (other,)
        # 举办领导干部专题法治培训、讲座2期; 全体职工…培训和宪法知识专题讲座共2次: a lecture is one form a
        # cadre training takes, so a training and a lecture counted together are training sessions (a
        # longer list, 学习培训、宣传宣讲、政治轮训100余场次, mixes more than these two)
        if {code, other} == TRAINING_WITH_LECTURES and len(COORDINATED.split(before)) == 2:
            return CADRE_TRAINING, ()
        # the first-named kind decides only when that item, without the verb that opens it, still is
        # of it: 开展了宪法、习近平法治思想宣传宣讲 names two topics of one talk, no publicity event
        if frozenset({code, other}) in FIRST_NAMED_DECIDES:
            named = ITEM_VERB_LEAD.sub("", prev) or prev
            if match_code(q, named, "", "", sentence, rules, subject) == other:
                return other, ()
        return None, ()
    return code, ()


def _first_named_meeting(before: str, rules: _Rules) -> str | None:
    """县委常委会、政府常务会、依法治县委员会…等会议12次 (M3), 县委全面依法治县委员会、法治建设推进会…等会议4次
    (M1): a list of meeting bodies of both kinds, the rule-of-law committee or leading group and the Party
    committee or government, takes the kind of the body named first; None when the list is not one. The
    groups are seeds/cue_words.csv's (kind group), the leadership meetings LEADERSHIP_MEETING's."""
    items = before.split("、")
    if len(items) < 2 or DIGIT.search(before):
        return None
    kinds = [
        "leading_group_meetings" if rules.own_meetings.search(i) else
        "rule_of_law_meetings" if LEADERSHIP_MEETING.search(i) else None
        for i in items
    ]  # fmt: skip
    return kinds[0] if kinds[0] is not None and len(set(kinds) - {None}) == 2 else None


def _audience_of(lead: str, clause_after: str, code: str | None) -> str | None:
    """The code of person-times that follow an activity's count: of a training the cadres trained
    (cadre_trainees), of a lecture or publicity the people reached (people_reached). A figure with no
    code of its own takes one only when the count stands in its own clause (讲座15场8600余人次) or the
    clause says it is an audience (受众, 覆盖); the last activity counted decides."""
    counts = [*ACTIVITY_COUNT.finditer(lead)] or [*STUDY_COUNT.finditer(lead)]
    if not counts:
        return code
    last = counts[-1]
    rest = lead[last.end() :]
    took_part = TOOK_PART.match(rest.rsplit("\x00", 1)[-1]) is not None
    if OWN_ACTIVITY.search(rest) and not took_part:  # 参与学习人数500余人次, 累计培训领导干部860人次
        return code
    if code is None and "\x00" in rest and not took_part and not AUDIENCE_WORDS.search(rest + clause_after):
        return None
    return "cadre_trainees" if last.group(1) in TRAINING_WORDS | STUDY_WORDS else "people_reached"


def _departments_counted(after: str, noun: re.Pattern[str] = ORG_NOUN) -> str:
    """The departments or units a number counts when they are the noun right after it (34个区级部门
    公开…), '' when it counts something else, what they own included (3个部门规范性文件)."""
    org = noun.match(after)
    return org.group() if org and not ORG_OWNED.match(after, org.end()) else ""


def _own_item(before: str) -> str:
    """The words of this list item alone: 中心组学法12次、干部职工学习48次 -> 干部职工学习."""
    return PREVIOUS_ITEM.sub("", before) if "、" in before else before


def _counted_together(unit: str, span: str, code: str | None, rules: _Rules) -> str | None:
    """A figure whose noun coordinates two kinds of one family (审查重大行政决策、重大政府合同等55件;
    31件重大决策与规范性文件法制审核; 审核修改重要合同及法律文件3份) counts them together: the family's
    umbrella code, when the clause says what was done (its `requires`). `span` is the item's words
    before the number, NUL, the clause after it. Any other figure keeps `code`."""
    for fam, words_re, requires_re, words in rules.families[unit]:
        if code is not None and code != fam.umbrella and code not in fam.members:
            continue
        if not requires_re.search(span):
            continue
        # the umbrella's own review words (合法性审查) name what is done, not a kind counted: 对3个重大项目开展
        # 风险评估和合法性审查 counts projects only
        hits = [
            (m.start(), m.end(), words[m.group()])
            for m in words_re.finditer(span)
            if words[m.group()] != fam.umbrella or not requires_re.search(m.group())
        ]
        for (_, e1, c1), (s2, _, c2) in zip(hits, hits[1:], strict=False):
            between = span[e1:s2]
            if (
                c1 != c2
                and len(between) <= FAMILY_GAP
                and COORDINATED_KINDS.search(between)
                and not DIGIT.search(between)
                and "\x00" not in between
            ):
                return fam.umbrella
    return code


def _political_study(item: str, sentence: str, rules: _Rules) -> bool:
    """The study counted is political theory, which the study-session codes (law study) do not count
    (LOOKALIKES.md S0, D10): its item names political content (“第一议题”学习, 传达学习…讲话精神) and no
    law, or the sentence does and the item names neither law nor a study body. A study body's item
    (党委理论学习中心组“第一议题”学习) is political only when the sentence names no law either: the
    centre group studies law in 围绕…法治…开展“第一议题”、中心组理论学习34场次, and its item naming no
    content (理论学习中心组学习14次) is its study whatever else the sentence names."""
    political, law, body = rules.political_study, rules.law_study, rules.study_body
    if political is None:
        return False
    names_law = law.search if law is not None else lambda _: None
    in_body = body is not None and body.search(item) is not None
    if political.search(item):
        return not names_law(item) and not (in_body and names_law(sentence))
    return not in_body and political.search(sentence) is not None and not names_law(sentence)


def _purpose(
    q: Quantity,
    before: str,
    text: str,
    ce: int,
    s_end: int,
    sentence: str,
    rules: _Rules,
    subject: str,
    code: str | None,
) -> str | None:
    """召开常委会4次、党组会5次，专题听取法治政府建设工作汇报: a clause right after the meeting counts that
    says what the meetings did (听取…汇报) decides their code, unless the count's own words already
    name a body with a code of its own (依法治旗委员会会议1次 stays the leading group's). A meeting
    named for rule-of-law work that hears a report is a briefing too (tests/fixtures/real/LOOKALIKES.md,
    M2 before M3)."""
    purpose = text[ce + 1 : _clause_end(text, ce + 1, s_end)]
    if not PURPOSE.match(purpose):
        return code
    # a 听取 clause with a count of its own (安排部署法治建设工作2次，专题听取…汇报2次) is the next item of
    # a list, not what the meetings counted before it did
    if any(f.unit_raw in EVENT_UNITS for f in find_quantities(purpose)):
        return code
    if rules.own_meetings.search(before.rsplit("、", 1)[-1]):
        return code
    return match_code(q, before + "\x00" + purpose, "", "", sentence, rules, subject) or code


def _owner_clause(text: str, s_start: int, cs: int, rules: _Rules) -> str:
    """The nearest earlier clause of the sentence that names an owner body (领导小组, 中心组 …), or ''.
    A clause that says who leads a group (…领导小组，由镇党委、政府主要领导担任双组长，召开专题会议4次)
    names its members, not the meetings' owner: the group named before it is."""
    for found in reversed([*rules.owner.finditer(text, s_start, cs)]):
        clause = text[_clause_start(text, found.start(), s_start) : _clause_end(text, found.end(), cs)]
        if not (LEADS_GROUP.search(clause) and not rules.own_meetings.search(clause)):
            return clause
    return ""


def _opening(text: str, s_start: int, s_end: int) -> tuple[str, str]:
    """The words a sentence opens with up to its first verb, and its whole first clause."""
    end = _clause_end(text, s_start, s_end)
    m = SUBJECT_END.search(text, s_start, end)
    return text[s_start : m.start() if m else end], text[s_start:end]


def _subject(text: str, s_start: int, s_end: int, rules: _Rules) -> str:
    """The actor the sentence opens with: its first clause up to the first verb ('' when it opens
    with one, or with no other actor than the town itself)."""
    subject = _opening(text, s_start, s_end)[0]
    return subject.strip() if rules.actor.search(subject) else ""


def _label_other_values(
    mentions: list[Mention], contexts: list[tuple[str, str]], catalogue: Catalogue
) -> None:
    """A code's figures beyond its headline (专题法治学习11次 beside 中心组专题学习13次) are output as
    unmatched quantities hinted with the code (etl.pipeline.facts_frame), so they need the noun they
    count as label, not the catalogue name. The headline is chosen as facts_frame chooses it: the
    first eligible mention with a total word, else the first eligible one."""
    headline: dict[str, Mention] = {}
    for m in mentions:
        if m.indicator_code and m.kind in FACT_KINDS and m.section_type not in NOT_FACTS:
            h = headline.get(m.indicator_code)
            if h is None or (m.is_total and not h.is_total):
                headline[m.indicator_code] = m
    for m, (before, after) in zip(mentions, contexts, strict=True):
        h = headline.get(m.indicator_code or "")
        if h is not None and m is not h and m.value != h.value:
            m.label = label_for(before, after, m.unit_raw, catalogue.jieba_dict)


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
