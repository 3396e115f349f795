"""Scale corpus with known answers: N township reports (towns × years) in varied real styles.

Why: the five seeds cannot show how the warehouse behaves on a province's worth of reports, nor how
accurate extraction is on styles it was not written against. This generator writes reports the way
towns really write them (title and heading variants, section orders, both scripts, several encodings,
web/Word leftovers, distractor numerals, plan targets that are not facts) and writes the ground truth
beside them: `facts.csv` (exactly the gold format) and `reports.csv` (the seed_reports format).

Every report is seeded from (seed, town, year) only, so the same seed gives a byte-identical corpus, and
town i (name, county, style, figures) is the same in every corpus that has it. Phrasings are data (the tables below), not logic.

    python -m bench.generate --n 10000 --out bench/out/corpus_10k --seed 7
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from etl.register import register

GENERATOR_VERSION = "4"  # 2: town_type follows the name suffix; --phrasings heldout. 3: no filler repeats.
# 4: no generated town or county name is a registered one (etl/register.py): the corpus is a fictional
# country, and a fictional 吕桥镇 that the register holds in a real county would, for an identifier that
# knows the register, be that real town (its truth could not be both).
BASE_YEARS = (2022, 2023, 2024)
EARLY_YEAR = 2021  # a fourth year for some towns when N is not a multiple of three
EXTRA_YEAR = 2025  # the "one added report" of the benchmark

FACT_COLUMNS = ["report_file", "indicator_code", "value", "qualifier", "unit_raw", "difficulty", "evidence"]
REPORT_COLUMNS = [
    "report_file",
    "town",
    "town_type",
    "county",
    "report_year",
    "publish_date",
    "script",
    "sections",
    "quality_flags",
]

# ---------------------------------------------------------------------------------------------------
# Names. No character that is also a numeral, qualifier or admin suffix (余 万 千 乡 镇 县 ...), so a
# town name never doubles as a trap for the number or metadata parsers.
# ---------------------------------------------------------------------------------------------------
NAME_FIRST = "大小东西南北上下新老高龙马黄白青红金石柳杨王李张刘陈周吴赵孙田朱胡林罗宋谢唐韩冯邓曹彭曾蔡潘袁董杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范廖方邹熊梅桃"
NAME_MID = "家子头官木水花柏松竹杏枣"
NAME_LAST = "桥河山坪溪岭庄沟湾口塘寨坝集铺营堡台店园关城湖田林泉洲渡港坡峪滩源阳安平宁丰兴隆盛和丘岗埠"
COUNTY_FIRST = (
    "宝辰临泰永长武清汉华云海江淮睢沭沂莒郯滕邹泗宜岳湘资沅澧涟邵武靖通会绥芷溆麻洪新桂灵恭荔蒙昭钟富贺凤"
)
COUNTY_LAST = "丰溪安和阳宁源平城山川江陵乡州德水林谷泉兴化远"
ETHNIC_SUFFIXES = ("瑶族乡", "苗族乡", "回族乡", "土家族乡", "彝族乡", "侗族乡", "满族乡", "蒙古族乡")

# ---------------------------------------------------------------------------------------------------
# Indicators: base range for an average town, unit(s) as written, phrasings ({q} = the quantity with its
# unit and qualifier words), number styles, and how common the indicator is in real reports.
# ---------------------------------------------------------------------------------------------------
SMALL = (("exact", 70), ("cn", 30))
SMALLISH = (("exact", 75), ("cn", 15), ("yishang", 5), ("yu", 5))
BIG = (
    ("exact", 34),
    ("yu", 30),
    ("duo", 6),
    ("cn_yu", 5),
    ("yishang", 7),
    ("jin", 6),
    ("yue", 6),
    ("zuoyou", 3),
    ("chaoguo", 3),
)
RATE = (("exact", 78), ("yishang", 17), ("baifen", 5))
AMOUNT = (("yuan", 45), ("wanyuan", 45), ("wan_yu", 10))
EXACT = (("exact", 100),)


@dataclass(frozen=True)
class Spec:
    lo: float
    hi: float
    units: tuple[str, ...]
    templates: tuple[str, ...]
    styles: tuple[tuple[str, int], ...]
    weight: int = 5  # how often towns report it (relative)
    kind: str = "count"  # count / rate / amount / duration


INDICATORS: dict[str, Spec] = {
    # leadership
    "rule_of_law_briefings": Spec(
        2,
        6,
        ("次",),
        (
            "党委全年听取法治建设工作汇报{q}",
            "每年听取{q}法治建设工作汇报",
            "党委会专题听取法治政府建设工作汇报{q}",
        ),
        SMALL,
        8,
    ),
    "leading_group_meetings": Spec(
        2,
        8,
        ("次",),
        ("召开法治建设领导小组会议{q}", "共召开领导小组会议{q}", "召开依法治理领导小组专题会议{q}"),
        SMALL,
        6,
    ),
    "policy_documents_issued": Spec(
        1,
        8,
        ("份", "个"),
        ("审议通过法治建设相关文件{q}", "制定出台法治建设相关制度文件{q}"),
        SMALL,
        4,
    ),
    "legal_officer_meeting_attendance": Spec(
        4,
        30,
        ("次",),
        ("司法所所长列席党委（扩大）会议{q}", "法律顾问列席政府常务会议{q}"),
        SMALL,
        4,
    ),
    # study
    "leadership_study_sessions": Spec(
        4,
        24,
        ("次",),
        ("组织党委理论学习中心组专题学法{q}", "领导班子集体学法{q}", "开展会前学法{q}"),
        SMALL,
        7,
    ),
    "study_notes_written": Spec(
        5, 60, ("篇",), ("撰写学法心得体会{q}", "班子成员撰写学习心得{q}"), SMALLISH, 3
    ),
    "cadre_training_sessions": Spec(
        2, 12, ("次",), ("组织村干部法治培训{q}", "举办镇村干部法治培训会{q}"), SMALL, 6
    ),
    "enforcement_training_sessions": Spec(
        1, 8, ("期", "次"), ("举办行政执法培训班{q}", "组织执法人员业务培训{q}"), SMALL, 4
    ),
    "enforcement_trainees": Spec(
        20, 300, ("人次",), ("培训执法人员{q}", "累计培训行政执法人员{q}"), SMALLISH, 4
    ),
    "enforcement_certification_rate": Spec(
        95, 100, ("%",), ("执法人员持证上岗率达{q}", "行政执法人员持证上岗率达到{q}"), RATE, 5, "rate"
    ),
    "training_participation_rate": Spec(
        95, 100, ("%",), ("年度法治培训参与率达{q}", "干部法治培训参训率达{q}"), RATE, 3, "rate"
    ),
    "law_exam_pass_rate": Spec(
        95, 100, ("%",), ("学法考试合格率达{q}", "年度学法用法考试合格率{q}"), RATE, 4, "rate"
    ),
    "law_exam_participants": Spec(
        20, 200, ("人", "名"), ("参加年度学法考试{q}", "组织干部职工参加网上学法考试{q}"), SMALLISH, 3
    ),
    # publicity
    "publicity_materials": Spec(
        500,
        25000,
        ("份",),
        ("累计发放普法宣传资料{q}", "发放宣传资料{q}", "发放宣传单{q}", "印发普法宣传册{q}"),
        BIG,
        10,
    ),
    "publicity_books": Spec(100, 5000, ("册",), ("赠送法律书籍{q}", "发放法律读本{q}"), BIG, 4),
    "lectures": Spec(
        3, 40, ("场", "次"), ("举办法治讲座{q}", "开展普法宣讲{q}", "举办法律知识讲座{q}"), SMALLISH, 9
    ),
    "publicity_events": Spec(
        5,
        80,
        ("场", "次", "场次"),
        ("开展各类普法宣传活动{q}", "组织送法下乡活动{q}", "开展法制宣传{q}"),
        SMALLISH,
        8,
    ),
    "banners": Spec(10, 200, ("条",), ("悬挂宣传横幅{q}", "张贴宣传标语{q}"), SMALLISH, 5),
    "people_reached": Spec(
        500, 30000, ("人次", "人"), ("受教育群众达{q}", "受教育人数{q}", "覆盖受教育群众{q}"), BIG, 8
    ),
    "legal_consultations": Spec(
        50, 2000, ("人次", "次"), ("解答法律咨询{q}", "现场解答群众法律咨询{q}"), BIG, 7
    ),
    "publicity_volunteers": Spec(
        10, 200, ("人", "名"), ("发展普法志愿者{q}", "招募普法志愿者{q}"), SMALLISH, 3
    ),
    "legal_literate_villagers": Spec(
        20, 400, ("名", "人"), ("培育“法律明白人”{q}", "培养农村“法律明白人”{q}"), SMALLISH, 5
    ),
    # enforcement
    "enforcement_inspections": Spec(
        20, 400, ("次",), ("开展行政执法检查{q}", "共开展执法检查{q}"), SMALLISH, 7
    ),
    "penalty_cases": Spec(
        5, 300, ("件", "起", "个"), ("办理行政处罚案件{q}", "查处行政处罚案件{q}"), SMALLISH, 7
    ),
    "penalty_amount": Spec(
        2000, 500000, ("元",), ("行政处罚罚没金额{q}", "行政处罚罚没款共计{q}"), AMOUNT, 5, "amount"
    ),
    "case_files_reviewed": Spec(5, 60, ("件",), ("评查行政执法案卷{q}", "开展行政执法案卷评查{q}"), SMALL, 4),
    "enforcement_issues_rectified": Spec(
        2, 20, ("个",), ("发现并整改执法问题{q}", "整改执法不规范问题{q}"), SMALL, 3
    ),
    "enforcement_satisfaction": Spec(
        90, 100, ("%",), ("群众对行政执法满意度达{q}", "执法满意度达到{q}"), RATE, 4, "rate"
    ),
    "enforcement_officers": Spec(
        5, 60, ("人", "名"), ("现有持证执法人员{q}", "全年在岗行政执法人员{q}"), SMALL, 4
    ),
    # transparency
    "info_disclosed": Spec(
        50, 1500, ("条",), ("主动公开政府信息{q}", "通过政务公开栏公开各类信息{q}"), BIG, 8
    ),
    "disclosure_requests": Spec(1, 15, ("件",), ("办理依申请公开事项{q}", "受理依申请公开{q}"), SMALL, 3),
    # decision
    "major_decisions_reviewed": Spec(
        2, 30, ("件",), ("对重大行政决策开展合法性审查{q}", "审查重大行政决策{q}"), SMALL, 6
    ),
    "major_projects_reviewed": Spec(
        2, 30, ("个",), ("审查重大项目{q}", "对重大项目开展法律审查{q}"), SMALL, 4
    ),
    "contracts_reviewed": Spec(10, 200, ("份",), ("审查各类合同{q}", "开展合同合法性审查{q}"), SMALLISH, 6),
    "normative_documents_reviewed": Spec(
        1, 15, ("件",), ("审查规范性文件{q}", "备案审查规范性文件{q}"), SMALL, 4
    ),
    "collective_decision_rate": Spec(
        98, 100, ("%",), ("重大行政决策集体讨论率{q}", "重大事项集体讨论决定率达{q}"), RATE, 4, "rate"
    ),
    "legal_advisor_opinions": Spec(
        5, 80, ("件", "份"), ("法律顾问出具法律意见书{q}", "法律顾问提供书面法律意见{q}"), SMALLISH, 5
    ),
    # litigation
    "admin_reconsiderations": Spec(
        1, 10, ("件", "起"), ("办理行政复议案件{q}", "发生行政复议案件{q}"), SMALL, 3
    ),
    "admin_lawsuits": Spec(1, 12, ("件", "起"), ("共有行政诉讼案件{q}", "办理行政应诉案件{q}"), SMALL, 5),
    "court_appearance_rate": Spec(
        100, 100, ("%",), ("负责人出庭应诉率{q}", "行政机关负责人出庭应诉率达{q}"), RATE, 5, "rate"
    ),
    "lawsuits_lost": Spec(0, 0, ("起", "件"), ("败诉{q}",), EXACT, 3),
    # mediation
    "disputes_mediated": Spec(
        30, 800, ("件", "起"), ("排查调处矛盾纠纷{q}", "受理、调解纠纷{q}", "调解各类矛盾纠纷{q}"), EXACT, 10
    ),
    "disputes_resolved": Spec(0, 0, ("件", "起"), ("调解成功{q}", "成功化解{q}"), EXACT, 6),
    "dispute_resolution_rate": Spec(
        90, 100, ("%",), ("调解成功率达{q}", "矛盾纠纷调处成功率{q}"), EXACT, 5, "rate"
    ),
    "disputes_referred_to_court": Spec(0, 0, ("件", "起"), ("引导走法律途径解决{q}",), EXACT, 3),
    "petitions_handled": Spec(5, 200, ("件",), ("受理信访事项{q}", "办理群众信访件{q}"), SMALLISH, 5),
    "mediation_committees": Spec(
        5, 40, ("个",), ("建立人民调解委员会{q}", "全域建成人民调解委员会{q}"), SMALL, 4
    ),
    "mediators": Spec(20, 300, ("人", "名"), ("配备人民调解员{q}", "现有人民调解员{q}"), SMALLISH, 4),
    # legal service
    "legal_aid_cases": Spec(2, 60, ("件",), ("办理法律援助案件{q}", "受理法律援助案件{q}"), SMALL, 5),
    "legal_service_rooms": Spec(
        5, 40, ("个",), ("建成村（社区）公共法律服务室{q}", "规范运行村级公共法律服务室{q}"), SMALL, 4
    ),
    "enterprises_visited": Spec(5, 120, ("家",), ("走访企业{q}", "上门走访辖区企业{q}"), SMALLISH, 5),
    "village_legal_advisors": Spec(
        5, 40, ("名", "人"), ("聘请村（居）法律顾问{q}", "为各村（社区）配备法律顾问{q}"), SMALL, 4
    ),
    # governance
    "mental_patients_managed": Spec(
        10,
        150,
        ("名", "人"),
        ("对登记在册的{q}严重精神障碍患者实施分类管控", "管控严重精神障碍患者{q}"),
        SMALL,
        5,
    ),
    "released_prisoners_managed": Spec(
        5, 120, ("名", "人"), ("对{q}刑满释放人员开展安置帮教", "帮教刑满释放人员{q}"), SMALL, 5
    ),
    "community_correction_subjects": Spec(
        2, 40, ("名", "人"), ("对{q}社区矫正对象进行动态跟踪管理", "在册社区矫正对象{q}"), SMALL, 5
    ),
    "incidents_by_managed_persons": Spec(0, 0, ("",), ("实现肇事肇祸零发生", "全年肇事肇祸零发生"), EXACT, 4),
    "model_villages": Spec(
        1, 10, ("个",), ("创建民主法治示范村{q}", "成功创建省级民主法治示范村{q}"), SMALL, 4
    ),
    # government service
    "service_items_handled": Spec(
        1000, 60000, ("件",), ("便民服务中心全年办件{q}", "办理政务服务事项{q}"), BIG, 4
    ),
    "approval_time_days": Spec(1, 5, ("个工作日",), ("审批时限压缩至{q}",), EXACT, 3, "duration"),
    # profile (written in the opening paragraph, not in a theme)
    "villages": Spec(5, 40, ("个",), ("{all}辖{q}行政村", "{all}所辖{q}村"), EXACT, 6),
}
NEEDS = {  # an indicator that only makes sense next to another one in the same report
    "disputes_resolved": "disputes_mediated",
    "dispute_resolution_rate": "disputes_mediated",
    "disputes_referred_to_court": "disputes_mediated",
    "lawsuits_lost": "admin_lawsuits",
}
CATEGORY: dict[str, str] = {}  # filled from seeds/indicators.csv order below (code -> category)

# Frequencies: annualised value, phrasing with {n} = 1次 / 一次.
BRIEFING_FREQUENCIES = (
    (4, "党委每季度听取{n}专题汇报"),
    (4, "每季度听取{n}法治建设工作汇报"),
    (2, "每半年听取{n}法治建设工作情况汇报"),
    (12, "党委会每月听取{n}法治工作汇报"),
)
MEETING_FREQUENCIES = ((4, "每季度召开{n}领导小组会议"), (2, "每半年召开{n}法治建设领导小组会议"))
LAWSUIT_WON = ("一审二审政府均胜诉", "所涉案件政府均胜诉")
BEFORE_AFTER = (
    "{svc}的办理，原本需要{a}个工作日，经过流程优化后，现在仅需{q}即可完成",
    "{svc}由原来的{a}个工作日压缩至{q}",
)
SERVICES = ("养老保险", "低保审批", "临时救助审批", "个体工商户登记", "农村建房审批")

# ---------------------------------------------------------------------------------------------------
# Report furniture: titles, section headings, themes, filler and distractors (all free of catalogue
# figures unless the ground truth records them).
# ---------------------------------------------------------------------------------------------------
SECTION_HEADINGS = {
    "achievements": (
        "{Y}年法治政府建设主要举措和成效",
        "推进法治政府建设的主要举措和成效",
        "主要举措与成效",
        "{Y}年工作开展情况",
        "{Y}年度推进法治政府建设的主要举措和成效",
    ),
    "problems": (
        "存在的不足和原因",
        "存在的问题",
        "推进法治政府建设存在的不足、原因和问题整改情况",
        "{Y}年法治政府建设存在的问题",
        "存在的问题与不足",
    ),
    "leader_duty": (
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        "党政责任人履行法治政府建设情况",
    ),
    "plans": (
        "下一步工作打算",
        "{N}年推进法治政府建设的工作打算",
        "下一年度工作安排",
        "{N}年法治政府建设工作计划",
        "推进法治政府建设的初步安排",
    ),
}
SECTION_ORDERS = (
    ("achievements", "problems", "plans"),
    ("leader_duty", "achievements", "problems", "plans"),
    ("achievements", "leader_duty", "problems", "plans"),
    ("achievements", "problems", "leader_duty", "plans"),
    ("achievements", "problems", "plans", "leader_duty"),
)
HEADING_STYLES = (  # (top level, subsection, item)
    ("cn_dun", "cn_paren_full", "yishi"),
    ("cn_dun", "cn_paren_half", "arabic_dot"),
    ("cn_dun", None, "yishi"),
    ("cn_dun", "arabic_dot", "arabic_paren"),
    ("cn_paren_full", "arabic_dot", "arabic_paren"),
    ("cn_dun", "cn_paren_full", "arabic_paren"),
)
TITLE_VARIANTS = (
    "unit_newline",
    "unit_inline",
    "guanyu",
    "guanyu_unit",
    "annual",
    "split",
    "repeated",
    "none",
)
CN_DIGITS = "零一二三四五六七八九"

THEMES = {  # theme -> (categories, subsection titles, closings)
    "leadership": (
        ("leadership", "study"),
        ("加强组织领导，压实工作责任", "强化组织领导，健全工作机制", "坚持党的领导，统筹推进法治建设"),
        ("确保各项任务落地见效", "法治建设责任有效压实", "形成了齐抓共管的工作格局"),
    ),
    "publicity": (
        ("publicity",),
        ("强化法治宣教，提升法治素养", "深化普法宣传，营造法治氛围", "创新普法形式，增强普法实效"),
        ("有效提高了群众的法治意识", "营造了浓厚的法治氛围", "群众尊法学法守法用法意识明显增强"),
    ),
    "enforcement": (
        ("enforcement",),
        ("规范行政执法，提升执法质效", "坚持严格规范公正文明执法", "加强执法监督，规范执法行为"),
        ("有力维护了社会秩序", "执法规范化水平持续提升", "维护了公民、法人和其他组织的合法权益"),
    ),
    "service": (
        ("transparency", "government_service"),
        ("优化政务服务，推进政务公开", "深化放管服改革，优化营商环境", "坚持公开为常态，保障群众知情权"),
        ("群众办事更加便捷高效", "保障了群众的知情权、参与权和监督权", "营商环境持续优化"),
    ),
    "decision": (
        ("decision", "litigation"),
        ("坚持依法决策，防范法律风险", "完善行政决策机制，推进科学民主决策", "规范重大行政决策程序"),
        ("决策科学化、民主化、法治化水平不断提高", "有效防范了决策风险", "依法行政能力进一步增强"),
    ),
    "mediation": (
        ("mediation", "governance"),
        ("化解矛盾纠纷，维护和谐稳定", "加强基层治理，维护平安稳定", "坚持和发展新时代“枫桥经验”"),
        ("为平安建设奠定坚实基础", "实现了小事不出村、大事不出镇", "社会大局持续和谐稳定"),
    ),
    "legal_service": (
        ("legal_service",),
        ("完善公共法律服务体系，满足群众法治需求", "深化公共法律服务，护航经济发展"),
        ("为推动经济社会高质量发展提供有力法治保障", "公共法律服务覆盖面不断扩大"),
    ),
}
THEME_ORDER = ("leadership", "service", "decision", "enforcement", "publicity", "mediation", "legal_service")
EMPTY_THEMES = (  # subsections with no figures, as real reports have
    (
        "强化监督制约，规范权力运行",
        "自觉接受人大监督、政协民主监督和社会舆论监督，健全行政权力运行制约和监督体系，坚持用制度管权管事管人。",
    ),
    (
        "加强队伍建设，夯实法治基础",
        "注重法治工作队伍建设，选优配强司法所工作力量，推动法治工作人员专业化、规范化。",
    ),
    (
        "推进数字法治，提升治理效能",
        "依托综治信息平台和网格化管理系统，推动矛盾纠纷线上排查、线下化解，提升基层治理数字化水平。",
    ),
)
VERB_STARTS = (
    "开展",
    "发放",
    "办理",
    "举办",
    "组织",
    "审查",
    "调解",
    "排查",
    "受理",
    "悬挂",
    "张贴",
    "解答",
    "走访",
    "培训",
    "评查",
    "查处",
    "赠送",
    "印发",
    "召开",
    "审议",
    "撰写",
    "帮教",
    "配备",
    "管控",
    "创建",
    "发展",
    "招募",
)
ITEM_TITLES = ("健全工作机制", "强化工作举措", "狠抓工作落实", "注重示范引领", "加强统筹协调", "突出工作重点")
LEADS = ("今年以来，", "{Y}年，", "全年", "一年来，", "")
FILLER = (
    "将法治政府建设纳入年度工作计划，与经济社会发展工作同部署、同推进、同落实。",
    "坚持党政领导班子带头学、示范学，切实提升领导干部法治思维和依法履职能力。",
    "明确各站办所法治建设职责，确保法治工作有专人抓、专人管。",
    "制定行政执法公示、执法全过程记录、重大执法决定法制审核等制度，保障执法公正透明。",
    "通过政府网站、政务公开栏等渠道，及时、准确地公开政府信息。",
    "深入推进“放管服”改革，完善行政权力清单和责任清单制度。",
    "创新人民调解工作，进一步巩固、健全、发展人民调解组织，不断调整充实人民调解队伍。",
    "组建以教师、民警、法律顾问为成员的普法志愿者队伍，深入开展普法宣传进村庄、进企业、进校园活动。",
    "针对群众多样化、个性化的法律需求，开展“订单式”法律服务。",
    "充分发挥平安建设办公室作用，整合各方资源，开展治安防控、流动人口、人民调解和帮教工作。",
    "坚持依法决策、科学决策、民主决策，严格落实重大行政决策法定程序。",
    "建立营商环境投诉处理机制，及时回应企业诉求，打造公平透明、可预期的法治化营商环境。",
    "充分发挥法律顾问作用，重视听取和吸纳专业法律意见，有效防范决策风险。",
    "通过网格化排查和对重点人员的管控，全年未出现脱管漏管及再次犯罪情况。",
    "把普法教育贯穿于事前、事中、事后全过程，让群众在解决问题中学习法律知识。",
)
DISTRACTORS = (  # numerals that are not facts (number_traps.md 32-44)
    "扎实推进“八五”普法规划实施，确保各项任务按期完成。",
    "严格执行“三重一大”集体决策制度，重大事项一律集体研究决定。",
    "畅通12345政务服务便民热线和12348公共法律服务热线，及时回应群众诉求。",
    "认真学习《中华人民共和国行政处罚法》《法治政府建设实施纲要（2021-2025年）》等法律法规。",
    "于{Y}年3月15日开展“消费者权益保护日”主题普法活动。",
    "于{Y}年12月4日国家宪法日集中开展宪法宣传活动。",
    "深入推进“一村一法律顾问”制度，实现村（社区）法律顾问全覆盖。",
    "全面推行“双随机、一公开”监管，坚持“一件事一次办”。",
    "近三年来，始终把法治建设作为全局性、基础性工作来抓。",
    "深入学习贯彻党的二十届三中全会精神和习近平法治思想。",
    "党政主要负责人切实履行推进法治建设第一责任人职责。",
    "法律援助服务电话0745-6188148全天候畅通。",
)
GROWTH = ("同比增长{p}%", "较上年增长{p}%", "同比下降{p}个百分点")
OPENINGS = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实上级关于法治政府建设的决策部署，扎实推进法治政府建设各项工作",
    "党委政府高度重视法治政府创建工作，围绕法治政府建设工作目标，全面推进依法行政，群众安全感和满意度进一步提升",
    "在县委县政府的坚强领导下，紧紧围绕法治政府建设目标，全面推进依法行政，各项工作取得显著成效",
)
PROBLEMS = (
    (
        "法治意识有待进一步提高",
        "部分领导干部和行政执法人员运用法治思维和法治方式解决问题的能力还不够强，个别群众法治意识淡薄，存在信“访”不信“法”的现象。",
    ),
    (
        "行政执法水平有待提升",
        "行政执法队伍整体素质还需进一步提高，部分执法人员业务知识不够扎实，执法程序不够规范。",
    ),
    (
        "法治宣传教育针对性和实效性有待增强",
        "法治宣传教育方式方法还不够丰富，部分宣传内容与群众实际需求结合不够紧密，宣传效果不够理想。",
    ),
    (
        "矛盾纠纷化解机制还需完善",
        "矛盾纠纷多元化解机制运行还不够顺畅，与上级部门之间协调配合不够紧密，调解人员业务能力有待提高。",
    ),
    (
        "法治建设队伍专业性水平有待提高",
        "基层法治工作人员往往身兼数职，缺乏系统化、专门化的法治学习，法律业务能力有待进一步提高。",
    ),
    (
        "行政决策机制尚需完善",
        "公众参与的深度和广度还存在不足，专家论证的独立性和科学性有待加强，决策风险评估机制不够健全。",
    ),
)
PROBLEM_CAUSES = (
    "究其原因，主要是思想认识还不够到位，工作推进力度有待加强。",
    "主要原因是基层法治工作力量相对薄弱，专业人才较为缺乏。",
    "下一步将针对问题制定整改措施，明确责任人和整改时限，确保整改到位。",
    "",
)
PLANS = (
    (
        "进一步提高依法行政能力",
        "严格落实领导干部学法制度，不断提高领导干部法治素养和法治能力，带头尊法、学法、守法、用法。",
    ),
    (
        "进一步规范行政执法行为",
        "加强行政执法人员培训，加大监督考核力度，推进行政执法信息化建设，健全行政执法监督制度。",
    ),
    (
        "进一步强化法治宣传教育",
        "结合基层工作实际，注重农村普法宣传教育，有针对性、经常性、多渠道加强普法宣传教育工作。",
    ),
    (
        "进一步健全决策机制",
        "推行完善法律顾问工作制度，为重大决策的制定提供法律意见，严格落实重大事项集体决策制度。",
    ),
    (
        "进一步化解矛盾纠纷",
        "坚持和发展新时代“枫桥经验”，健全矛盾纠纷多元化解机制，把矛盾纠纷化解在基层、化解在萌芽状态。",
    ),
)
PLAN_TARGETS = (  # plan targets: figures that are NOT facts of the reported year
    "{N}年力争开展普法宣传活动不少于{a}场，发放宣传资料{b}份以上。",
    "计划全年组织干部法治培训{c}次，确保学法考试合格率达到100%。",
    "力争{N}年调解矛盾纠纷成功率保持在98%以上。",
)
LEADER_ITEMS = (
    (
        "带头学习法治理论",
        "将习近平法治思想纳入党委理论学习中心组学习的重点内容，定期组织班子成员开展专题学习研讨。",
    ),
    (
        "健全法治建设领导体制",
        "成立了以党委书记为组长的法治建设工作领导小组，明确各成员单位的职责分工，形成了党政齐抓共管的工作格局。",
    ),
    (
        "完善法治建设考核机制",
        "将法治建设纳入年度综合目标考核体系，并将考核结果作为领导干部年度考核、评先评优的重要依据。",
    ),
)


# ---------------------------------------------------------------------------------------------------
# HELD-OUT phrasings (`--phrasings heldout`): a second wording per indicator, written from other real
# reports' habits (the count after the noun, 共计/累计 inside the clause, 达到/实现, passive and
# topic-first orders). The extractor's keywords and aliases were never tuned on these, so accuracy on
# a held-out corpus is an honest estimate of unseen wording, unlike the training phrasings above.
# Keep it that way: do not add these wordings to seeds/indicator_aliases.csv to raise the score.
# ---------------------------------------------------------------------------------------------------
HELDOUT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "rule_of_law_briefings": ("党委会议研究法治工作{q}", "专题研究部署法治政府建设工作{q}"),
    "leading_group_meetings": ("依法治镇委员会全体会议召开{q}", "领导小组全年共研究法治工作{q}"),
    "policy_documents_issued": ("印发法治建设工作方案等文件{q}", "出台依法行政制度{q}"),
    "legal_officer_meeting_attendance": ("法律顾问全程参与党委会议{q}", "司法所负责人列席班子会议{q}"),
    "leadership_study_sessions": ("班子成员专题学习法律法规{q}", "党委中心组开展法治专题学习{q}"),
    "study_notes_written": ("形成学法笔记和心得{q}", "班子成员交流研讨发言材料{q}"),
    "cadre_training_sessions": ("对村（社区）“两委”干部开展法律知识培训{q}", "分批次培训基层干部{q}"),
    "enforcement_training_sessions": ("行政执法业务培训共举办{q}", "执法人员集中轮训{q}"),
    "enforcement_trainees": ("参加执法业务培训的人员达{q}", "执法人员参训{q}"),
    "enforcement_certification_rate": ("一线执法人员亮证执法比例达到{q}", "执法证件持有率实现{q}"),
    "training_participation_rate": ("干部参加法治培训的比例达{q}", "法治培训覆盖率达到{q}"),
    "law_exam_pass_rate": ("年度法律知识考试通过率为{q}", "学法用法考试全员过关，合格比例{q}"),
    "law_exam_participants": ("全镇干部职工参加法律知识考试的有{q}", "参考干部{q}"),
    "publicity_materials": ("印制并分发法治宣传单、宣传手册{q}", "宣传册、明白纸共发放{q}"),
    "publicity_books": ("向群众赠阅普法书籍{q}", "送出《民法典》单行本{q}"),
    "lectures": ("邀请律师上法治课{q}", "“法律进校园”授课{q}"),
    "publicity_events": ("利用赶集日开展法治宣传{q}", "集中普法宣传共组织{q}"),
    "banners": ("制作法治宣传标语{q}", "各村挂出普法横幅{q}"),
    "people_reached": ("覆盖干部群众{q}", "群众参与人数累计达{q}"),
    "legal_consultations": ("为群众提供法律咨询服务{q}", "接待来访咨询{q}"),
    "publicity_volunteers": ("组建普法志愿服务队伍，队员{q}", "普法志愿者队伍发展到{q}"),
    "legal_literate_villagers": ("“法律明白人”队伍壮大到{q}", "遴选培养“法律明白人”{q}"),
    "enforcement_inspections": ("联合相关部门开展执法巡查{q}", "组织专项执法行动{q}"),
    "penalty_cases": ("作出行政处罚决定{q}", "依法立案查处违法行为{q}"),
    "penalty_amount": ("收缴罚没款{q}", "全年罚没收入{q}"),
    "case_files_reviewed": ("抽查行政执法案卷{q}", "对执法案卷进行交叉评查，共评查{q}"),
    "enforcement_issues_rectified": ("案卷评查发现的问题已全部整改，共{q}", "纠正执法过错{q}"),
    "enforcement_satisfaction": ("群众对执法工作的满意率为{q}", "执法工作群众满意率{q}"),
    "enforcement_officers": ("取得执法证件的工作人员{q}", "执法队伍现有持证人员{q}"),
    "info_disclosed": ("在政府门户网站发布各类信息{q}", "公开财政预决算等信息{q}"),
    "disclosure_requests": ("收到政府信息公开申请{q}", "答复信息公开申请{q}"),
    "major_decisions_reviewed": ("重大行政决策事项经合法性审查{q}", "提交合法性审查的重大决策{q}"),
    "major_projects_reviewed": ("重点项目经法律顾问审核{q}", "对招商引资项目开展法律风险评估{q}"),
    "contracts_reviewed": ("经法律顾问审核的合同协议{q}", "把关各类经济合同{q}"),
    "normative_documents_reviewed": ("清理规范性文件{q}", "对行政规范性文件进行合法性审核{q}"),
    "collective_decision_rate": ("“三重一大”事项集体决策比例达{q}", "重大事项经集体研究决定的比例为{q}"),
    "legal_advisor_opinions": ("法律顾问提出法律建议{q}", "形成法律审查意见{q}"),
    "admin_reconsiderations": ("被申请行政复议{q}", "涉及本级的行政复议案件{q}"),
    "admin_lawsuits": ("作为被告参与行政诉讼{q}", "行政应诉案件共计{q}"),
    "court_appearance_rate": ("行政负责人出庭率{q}", "主要负责人出庭应诉比例达{q}"),
    "lawsuits_lost": ("判决败诉{q}",),
    "disputes_mediated": ("化解各类矛盾纠纷{q}", "调处各类纠纷共计{q}"),
    "disputes_resolved": ("其中调解成功的有{q}", "达成调解协议{q}"),
    "dispute_resolution_rate": ("纠纷化解率达到{q}", "调解成功比例为{q}"),
    "disputes_referred_to_court": ("引导当事人通过诉讼解决{q}",),
    "petitions_handled": ("接待群众来信来访{q}", "处理信访事项{q}"),
    "mediation_committees": ("各村（社区）人民调解委员会建成{q}", "组建调解组织{q}"),
    "mediators": ("人民调解员队伍有{q}", "选聘专兼职调解员{q}"),
    "legal_aid_cases": ("为困难群众提供法律援助{q}", "指派法律援助案件{q}"),
    "legal_service_rooms": ("村级公共法律服务工作室实现全覆盖，共{q}", "建立法律服务站点{q}"),
    "enterprises_visited": ("深入企业开展法治体检{q}", "为辖区企业提供“法治体检”服务{q}"),
    "village_legal_advisors": ("“一村一法律顾问”覆盖，聘用律师{q}", "村（社区）法律顾问配备{q}"),
    "mental_patients_managed": ("在册严重精神障碍患者{q}全部落实监护", "精神障碍患者纳入管理{q}"),
    "released_prisoners_managed": ("刑满释放人员{q}全部落实帮教措施", "安置帮教对象{q}"),
    "community_correction_subjects": ("社区矫正对象{q}均在管在控", "接收社区矫正人员{q}"),
    "incidents_by_managed_persons": ("未发生肇事肇祸案事件", "肇事肇祸案件为零"),
    "model_villages": ("获评民主法治示范村（社区）{q}", "创成法治示范村{q}"),
    "service_items_handled": ("政务服务中心受理群众办件{q}", "为民代办服务事项{q}"),
    "approval_time_days": ("办理时限缩短到{q}",),
    "villages": ("{all}下辖{q}行政村", "{all}共有行政村{q}"),
}


# ---------------------------------------------------------------------------------------------------
# Deterministic randomness
# ---------------------------------------------------------------------------------------------------
def _u(*key: object) -> float:
    """A uniform number in [0, 1) fixed by its key (no shared RNG state, so towns are independent)."""
    h = hashlib.blake2b(":".join(map(str, key)).encode(), digest_size=8).digest()
    return int.from_bytes(h, "big") / 2**64


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


# ---------------------------------------------------------------------------------------------------
# Towns
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Town:
    index: int
    name: str  # with its suffix: 张桥镇, 河口街道, 石门瑶族乡
    town_type: str  # 镇 / 乡 / 街道
    county: str
    county_mentioned: bool
    size: float
    traditional_site: bool
    repertoire: tuple[str, ...]
    title_variant: str
    heading_style: int
    section_order: int


def _catalogue_codes() -> list[str]:
    """Codes in catalogue order, checked against seeds/indicators.csv so the generator never drifts."""
    path = Path(__file__).resolve().parents[1] / "seeds" / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    missing = [c for c in INDICATORS if c not in {r["code"] for r in rows}]
    if missing:
        raise ValueError(f"generator indicators missing from {path}: {missing}")
    for r in rows:
        CATEGORY[r["code"]] = r["category"]
    return [r["code"] for r in rows if r["code"] in INDICATORS]


def plan_towns(n_towns: int, seed: int) -> list[Town]:
    """Towns in a fixed order; town i depends only on towns before it, so a larger corpus extends a smaller."""
    codes = _catalogue_codes()
    rng = random.Random(f"{seed}:towns")
    registered = register()
    towns: list[Town] = []
    used_names: dict[str, set[str]] = {}  # name -> counties
    counties: list[str] = []
    used_counties: set[str] = set()
    county_left = 0
    for i in range(n_towns):
        if county_left <= 0:
            while True:
                name = rng.choice(COUNTY_FIRST) + rng.choice(COUNTY_LAST) + rng.choice("县县县县县县县县市区")
                if (
                    name not in used_counties
                    and not registered.county(name)
                    and name not in registered.prefectures
                ):
                    break
            used_counties.add(name)
            counties.append(name)
            county_left = rng.randint(8, 20)
        county = counties[-1]
        county_left -= 1
        mentioned = rng.random() < 0.95
        kind = rng.choices(("镇", "乡", "街道", "民族乡"), weights=(60, 22, 12, 6))[0]
        share = mentioned and towns and rng.random() < 0.03  # the same town name in another county
        name = ""
        if share:
            others = [t for t in towns[-200:] if t.county != county and t.county_mentioned]
            if others:
                name = rng.choice(others).name
        while not name or (name in used_names and not share) or registered.township(name):
            stem = rng.choice(NAME_FIRST) + (rng.choice(NAME_MID) if rng.random() < 0.35 else "")
            stem += rng.choice(NAME_LAST)
            suffix = {"镇": "镇", "乡": "乡", "街道": "街道"}.get(kind) or rng.choice(ETHNIC_SUFFIXES)
            name = stem + suffix
            share = False
        if county in used_names.get(name, set()):  # never twice in one county
            name = name[:1] + "新" + name[1:]
        used_names.setdefault(name, set()).add(county)
        # the truth follows the name: a name shared from another county keeps that town's suffix
        town_type = "街道" if name.endswith("街道") else "镇" if name.endswith("镇") else "乡"
        weights = [INDICATORS[c].weight for c in codes]
        if town_type == "街道":  # streets have communities, not administrative villages
            weights[codes.index("villages")] = 0
        size = min(3.5, max(0.3, rng.lognormvariate(0, 0.5)))
        k = rng.randint(16, 34)
        keys = {c: rng.random() ** (1 / w) for c, w in zip(codes, weights, strict=True) if w}
        repertoire = tuple(sorted(keys, key=lambda c: -keys[c])[:k])  # weighted sample, no replacement
        towns.append(
            Town(
                index=i,
                name=name,
                town_type=town_type,
                county=county,
                county_mentioned=bool(mentioned),
                size=size,
                traditional_site=rng.random() < 0.1,
                repertoire=repertoire,
                title_variant=rng.choice(TITLE_VARIANTS),
                heading_style=rng.randrange(len(HEADING_STYLES)),
                section_order=rng.randrange(len(SECTION_ORDERS)),
            )
        )
    # a town whose county is never named must not share its name with any other town
    by_name: dict[str, int] = {}
    for t in towns:
        by_name[t.name] = by_name.get(t.name, 0) + 1
    return [
        t if t.county_mentioned or by_name[t.name] == 1 else _replace(t, county_mentioned=True) for t in towns
    ]


def _replace(town: Town, **changes: object) -> Town:
    from dataclasses import replace  # noqa: PLC0415

    return replace(town, **changes)  # type: ignore[arg-type]


def plan_corpus(n: int, seed: int) -> list[tuple[Town, int]]:
    """(town, year) for N reports: every town has 2022-2024, the first N mod 3 towns also 2021."""
    if n < 1:
        raise ValueError("n must be at least 1")
    n_towns = max(1, n // 3)
    extra = n - 3 * n_towns
    towns = plan_towns(n_towns, seed)
    out: list[tuple[Town, int]] = []
    for t in towns:
        years = (EARLY_YEAR, *BASE_YEARS) if t.index < extra else BASE_YEARS
        if n < 3:
            years = BASE_YEARS[:n]
        out.extend((t, y) for y in years)
    return out


# ---------------------------------------------------------------------------------------------------
# Numbers as written
# ---------------------------------------------------------------------------------------------------
def cn_number(n: int, liang: bool = False) -> str:
    """Chinese numeral for 1..99999 as reports write it (十二, 二十三, 两百, 二千三百, 一万二千)."""
    if n <= 0:
        raise ValueError(n)
    if n < 10:
        return "两" if n == 2 and liang else CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    parts: list[str] = []
    zero = False
    for unit_value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = (n // unit_value) % 10 if unit_value < 10000 else n // 10000
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        digit = "两" if d == 2 and liang and not parts and unit_value >= 100 else CN_DIGITS[d]
        parts.append(digit + unit)
    return "".join(parts)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _round_step(v: int, rng: random.Random) -> int:
    """The rounding reports use before 余/多/近/约: one or two significant digits."""
    if v < 100:
        return 10
    mag = 10 ** (len(str(v)) - 1)
    return mag if rng.random() < 0.5 else mag // 10


def _nice_floor(v: int, rng: random.Random) -> int:
    step = _round_step(v, rng)
    return v // step * step


def _nice_ceil(v: int, rng: random.Random) -> int:
    step = _round_step(v, rng)
    return v if v % step == 0 else (v // step + 1) * step


@dataclass
class Quantity:
    text: str  # as written, with unit and qualifier words
    value: float  # in the catalogue unit
    qualifier: str
    unit_raw: str
    hard: bool = False


def render_count(v: int, unit: str, style: str, rng: random.Random) -> Quantity:
    """A count in one of the ways reports write counts; the value is what the text states."""
    if style == "cn" and 2 <= v <= 99:
        return Quantity(cn_number(v, liang=True) + unit, v, "exact", unit)
    if v < 20 or style in ("exact", "cn"):
        return Quantity(f"{v}{unit}", v, "exact", unit)
    if style == "yishang":
        r = _nice_floor(v, rng)
        return Quantity(f"{r}{unit}以上", r, "at_least", unit)
    if style == "chaoguo":
        r = _nice_floor(v, rng)
        return Quantity(f"超过{r}{unit}", r, "at_least", unit)
    if style == "jin":
        r = _nice_ceil(v, rng)
        return Quantity(f"近{r}{unit}", r, "at_most", unit)
    if style == "yue":
        r = _nice_floor(v, rng)
        return Quantity(f"约{r}{unit}", r, "approx", unit)
    if style == "zuoyou":
        r = _nice_floor(v, rng)
        return Quantity(f"{r}{unit}左右", r, "approx", unit)
    more = "多" if style == "duo" else "余"
    if v >= 10000 and rng.random() < 0.7:
        k = v // 1000
        text = f"{k // 10}万" if k % 10 == 0 else f"{k // 10}.{k % 10}万"
        return Quantity(f"{text}{more}{unit}", k * 1000, "at_least", unit)
    r = _nice_floor(v, rng)
    if style == "cn_yu" and 100 <= r < 10000:
        if r % 1000 == 0 and rng.random() < 0.5:
            return Quantity(f"{r // 1000}千{more}{unit}", r, "at_least", unit)
        return Quantity(f"{cn_number(r, liang=rng.random() < 0.5)}{more}{unit}", r, "at_least", unit, True)
    return Quantity(f"{r}{more}{unit}", r, "at_least", unit)


def render_rate(v: float, style: str) -> Quantity:
    if style == "baifen" and v == 100:
        return Quantity("百分之百", 100, "exact", "%", True)
    if style == "yishang" and v < 100:
        r = 95 if v >= 95 else 90
        return Quantity(f"{r}%以上", r, "at_least", "%")
    return Quantity(f"{_fmt(v)}%", v, "exact", "%")


def render_amount(v: int, style: str) -> Quantity:
    if style == "wanyuan" and v >= 10000:
        w = round(v / 10000, 2)
        return Quantity(f"{w:g}万元", round(w * 10000), "exact", "万元")
    if style == "wan_yu" and v >= 20000:
        k = v // 10000
        return Quantity(f"{k}余万元", k * 10000, "at_least", "万元", True)
    return Quantity(f"{v}元", v, "exact", "元")


# ---------------------------------------------------------------------------------------------------
# One report
# ---------------------------------------------------------------------------------------------------
@dataclass
class Fact:
    code: str
    clause: str  # as written in the report (before noise)
    quantity: Quantity
    hard: bool
    evidence: str = ""


@dataclass
class GeneratedReport:
    file_name: str
    data: bytes
    report_row: dict[str, str]
    fact_rows: list[dict[str, str]] = field(default_factory=list)


def _true_values(town: Town, year: int, codes: list[str], seed: int) -> dict[str, float]:
    """Per town × indicator a base and a trend, per year some noise: realistic year-over-year changes."""
    vals: dict[str, float] = {}
    for c in codes:
        s = INDICATORS[c]
        if s.kind == "rate":
            if c == "dispute_resolution_rate":
                continue
            if _u(seed, "r100", town.index, c) < 0.6 or s.lo == s.hi:
                vals[c] = (
                    100.0
                    if _u(seed, "ry", town.index, c, year) < 0.85
                    else round(97 + 3 * _u(seed, "rv", town.index, c, year), 1)
                )
            else:
                vals[c] = min(99.9, round(s.lo + (s.hi - s.lo) * _u(seed, "rv", town.index, c, year), 1))
            continue
        if s.lo == s.hi == 0:
            continue
        base = s.lo + (s.hi - s.lo) * _u(seed, "base", town.index, c) ** 1.5
        growth = -0.08 + 0.3 * _u(seed, "g", town.index, c)
        noise = 0.85 + 0.3 * _u(seed, "n", town.index, c, year)
        scale = town.size if c not in ("approval_time_days", "villages") else 1.0
        v = base * scale * (1 + growth) ** (year - BASE_YEARS[0]) * noise
        if c == "villages":
            v = base  # a profile figure barely moves
        if c == "approval_time_days":
            v = max(1.0, min(5.0, round(base)))
        vals[c] = float(max(1, round(v)))
        if s.kind == "amount":
            vals[c] = float(max(1000, round(v) // 10 * 10))
    if "disputes_mediated" in vals:
        med = int(vals["disputes_mediated"])
        res = max(1, round(med * (0.9 + 0.1 * _u(seed, "res", town.index, year))))
        vals["disputes_resolved"] = float(res)
        vals["dispute_resolution_rate"] = 100.0 if res == med else round(100 * res / med, 1)
        vals["disputes_referred_to_court"] = float(med - res)
    if "admin_lawsuits" in vals:
        lost = 1 if _u(seed, "lost", town.index, year) < 0.15 and vals["admin_lawsuits"] >= 2 else 0
        vals["lawsuits_lost"] = float(lost)
    return vals


def _choose_codes(town: Town, rng: random.Random) -> list[str]:
    """8-25 indicators from the town's repertoire (so most recur year to year), dependants kept coherent."""
    k = rng.randint(8, 25)
    pool = list(town.repertoire)
    chosen = set(rng.sample(pool, min(k, len(pool))))
    while len(chosen) < 8:  # top up from the catalogue when the repertoire is thin
        chosen.add(rng.choice([c for c in INDICATORS if c not in NEEDS and c != "villages"]))
    for child, parent in NEEDS.items():
        if child in chosen and parent not in chosen:
            chosen.discard(child)
            chosen.add(parent)
    if "disputes_referred_to_court" in chosen and "disputes_resolved" not in chosen:
        chosen.discard("disputes_referred_to_court")  # "referred" reads naturally only after "resolved"
    return [c for c in INDICATORS if c in chosen]


def _render_fact(
    code: str, v: float, rng: random.Random, words: dict[str, str], year: int, phrasings: str = "train"
) -> Fact:
    s = INDICATORS[code]
    if phrasings == "heldout":
        s = replace(s, templates=HELDOUT_TEMPLATES[code])
    unit = rng.choice(s.units)
    if code == "rule_of_law_briefings" and rng.random() < 0.45:
        per_year, tpl = rng.choice(BRIEFING_FREQUENCIES)
        n = rng.choice(("1次", "一次"))
        q = Quantity(n, per_year, "exact", "次", True)
        return Fact(code, tpl.format(n=n), q, True)
    if code == "leading_group_meetings" and rng.random() < 0.25:
        per_year, tpl = rng.choice(MEETING_FREQUENCIES)
        n = rng.choice(("1次", "一次"))
        return Fact(code, tpl.format(n=n), Quantity(n, per_year, "exact", "次", True), True)
    if code == "incidents_by_managed_persons":
        tpl = rng.choice(s.templates)
        return Fact(code, tpl, Quantity("零", 0, "exact", "", True), True)
    if code == "lawsuits_lost" and v == 0:
        return Fact(code, rng.choice(LAWSUIT_WON), Quantity("均胜诉", 0, "exact", "", True), True)
    if code == "approval_time_days" and rng.random() < 0.6:
        q = Quantity(f"{int(v)}个工作日", v, "exact", "个工作日", True)
        before = int(v) + rng.randint(2, 10)
        tpl = rng.choice(BEFORE_AFTER)
        return Fact(code, tpl.format(svc=rng.choice(SERVICES), a=before, q=q.text), q, True)
    if s.kind == "rate":
        q = render_rate(v, _pick(rng, s.styles))
    elif s.kind == "amount":
        q = render_amount(int(v), _pick(rng, s.styles))
    else:
        q = render_count(int(v), unit, _pick(rng, s.styles), rng)
    tpl = rng.choice(s.templates)
    clause = tpl.replace("{all}", words["all"]).replace("{q}", q.text)
    if s.kind == "count" and clause.startswith(VERB_STARTS) and rng.random() < 0.3:
        clause = rng.choice(("共", "累计")) + clause
    return Fact(code, clause, q, q.hard)


class _Counter:
    """Numbering of headings and items in one of the real styles."""

    @staticmethod
    def mark(kind: str, i: int) -> str:
        cn = cn_number(i)
        return {
            "cn_dun": f"{cn}、",
            "cn_paren_full": f"（{cn}）",
            "cn_paren_half": f"({cn})",
            "yishi": f"{cn}是",
            "arabic_dot": f"{i}.",
            "arabic_paren": f"（{i}）",
        }[kind]


def _town_words(town: Town) -> dict[str, str]:
    short = "街道" if town.town_type == "街道" else town.town_type
    return {"all": f"全{short}", "we": "本街道" if short == "街道" else f"我{short}"}


def _unit_name(town: Town, rng: random.Random) -> str:
    if town.town_type == "街道":
        return town.name + "办事处"
    return town.name + rng.choice(("人民政府", "人民政府", "人民政府", "党委"))


def _pub_date(rng: random.Random, year: int) -> tuple[str, str, str]:
    m, d = rng.randint(1, 4), rng.randint(1, 28)
    return (
        f"{year + 1}-{m:02d}-{d:02d}",
        f"{year + 1}年{m}月{d}日",
        f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}",
    )


def render_report(
    town: Town, year: int, seed: int, index: int, other_town: str, phrasings: str = "train"
) -> GeneratedReport:
    """One report: its bytes, its reports.csv row and its facts.csv rows (`phrasings`: see HELDOUT_TEMPLATES)."""
    rng = random.Random(f"{seed}:{town.index}:{year}")
    Y, N = str(year), str(year + 1)
    words = _town_words(town)
    # styles: a town keeps its template most years
    title_variant = town.title_variant if rng.random() < 0.7 else rng.choice(TITLE_VARIANTS)
    top, sub, item = HEADING_STYLES[
        town.heading_style if rng.random() < 0.7 else rng.randrange(len(HEADING_STYLES))
    ]
    order = SECTION_ORDERS[town.section_order if rng.random() < 0.7 else rng.randrange(len(SECTION_ORDERS))]
    traditional = town.traditional_site and rng.random() < 0.9
    unit = _unit_name(town, rng)
    flags: list[str] = []

    codes = _choose_codes(town, rng)
    vals = _true_values(town, year, codes, seed)
    codes = [c for c in codes if vals.get(c, 0) > 0 or c in ("lawsuits_lost", "incidents_by_managed_persons")]
    facts = [_render_fact(c, vals.get(c, 0.0), rng, words, year, phrasings) for c in codes]
    by_code = {f.code: f for f in facts}

    # where the county is named (a town whose county is never named has a unique name)
    county_spots: set[str] = set()
    if town.county_mentioned:
        county_spots = {
            s for s in ("title", "addressee", "chrome", "opening", "signature") if rng.random() < 0.3
        }
        if not county_spots:
            county_spots = {rng.choice(("title", "addressee", "opening", "signature"))}
        if title_variant in ("guanyu", "none") and "title" in county_spots:
            county_spots = (county_spots - {"title"}) | {"opening"}
    cprefix = town.county if "title" in county_spots else ""

    lines: list[str] = []
    # page chrome (web exports)
    chrome = rng.random() < 0.2 or title_variant == "repeated"
    if "chrome" in county_spots:
        chrome = True
    pub_iso, pub_cn, pub_time = _pub_date(rng, year)
    publish_date = ""
    chrome_lines: list[str] = []
    if chrome:
        source = (town.county if "chrome" in county_spots else "") + town.name
        sep = rng.choice((":", "："))
        first = f"发布时间{sep}{pub_iso} {pub_time} 信息来源{sep}{source}"
        if rng.random() < 0.5:
            first += f"  点击数{sep}{rng.randint(20, 3000)}"
        chrome_lines.append(first)
        if rng.random() < 0.3:
            chrome_lines.append(
                f"索引号{sep}11{rng.randint(100000, 999999)}MB{rng.randint(1000, 9999)}/{year + 1}-{rng.randint(1, 999):05d}"
            )
        publish_date = pub_iso

    # title block
    title_lines: list[str]
    inline_title = f"{cprefix}{unit}{Y}年法治政府建设情况报告"
    if title_variant == "unit_newline":
        title_lines = [cprefix + unit, f"{Y}年法治政府建设情况报告"]
    elif title_variant == "unit_inline":
        title_lines = [inline_title]
    elif title_variant == "guanyu":
        title_lines = [f"关于{Y}年度法治政府建设工作情况的报告"]
    elif title_variant == "guanyu_unit":
        title_lines = [f"{cprefix}{unit}关于{Y}年法治政府建设工作情况的报告"]
    elif title_variant == "annual":
        title_lines = [f"{cprefix}{unit}{Y}年法治政府建设年度报告"]
    elif title_variant == "split":
        title_lines = [f"{cprefix}{unit}{Y}年法治政府建设", "", "年度报告"]
    elif title_variant == "repeated":
        title_lines = [inline_title]
    else:
        title_lines = []
    pre_chrome = chrome and title_variant != "repeated" and rng.random() < 0.3
    if pre_chrome:
        lines += chrome_lines + [""]
    lines += [("  " if rng.random() < 0.2 else "") + title_lines[0]] + title_lines[1:] if title_lines else []
    if title_variant == "repeated":
        lines += ["", *chrome_lines, "", inline_title]
    elif chrome and not pre_chrome:
        lines += ["", *chrome_lines]
    if rng.random() < 0.08:
        lines.append("[bookmark: _GoBack]")
    lines.append("")
    if "addressee" in county_spots:
        lines.append(f"中共{town.county}委员会、{town.county}人民政府：")

    # opening paragraph
    lead = f"{Y}年以来" if title_variant == "none" or rng.random() < 0.5 else f"{Y}年"
    town_ref = town.name if title_variant in ("guanyu", "none") or rng.random() < 0.5 else words["we"]
    if "opening" in county_spots:
        town_ref = town.county + town.name
    opening = f"{lead}，{town_ref}{rng.choice(OPENINGS)}。"
    profile = by_code.get("villages")
    if profile:
        opening += profile.clause + rng.choice(("，总面积126平方公里。", "。", "，辖区面积约80平方公里。"))
    opening += f"现将{Y}年法治政府建设情况报告如下："
    lines.append(opening)

    # distribute facts to sections
    leader_codes = {"leadership", "study"}
    has_leader = "leader_duty" in order
    theme_facts: dict[str, list[Fact]] = {t: [] for t in THEME_ORDER}
    leader_facts: list[Fact] = []
    for f in facts:
        if f.code == "villages":
            continue
        cat = CATEGORY[f.code]
        if has_leader and cat in leader_codes:
            leader_facts.append(f)
            continue
        for theme, (cats, _, _) in THEMES.items():
            if cat in cats:
                theme_facts[theme].append(f)
                break

    distractors = [d.replace("{Y}", Y) for d in rng.sample(DISTRACTORS, rng.randint(2, 4))]
    # filler sentences are dealt from a shuffled deck, so no sentence appears twice in one report
    # (a real repeat is what the repeated_paragraph flag is for; it is placed on purpose below)
    filler_deck = rng.sample(FILLER, len(FILLER))
    other_town_at = rng.random() < 0.03 and other_town
    repeat_para = rng.random() < 0.03
    indent = "\u3000\u3000" if rng.random() < 0.3 else ""
    inline_sub = rng.random() < 0.4

    def fact_sentence(group: list[Fact]) -> str:
        parts = []
        for f in group:
            clause = f.clause
            if rng.random() < 0.05 and f.quantity.unit_raw not in ("%", "") and not f.hard:
                clause += "，" + rng.choice(GROWTH).format(p=rng.randint(3, 30))
            parts.append(clause)
        lead_words = rng.choice(LEADS).replace("{Y}", Y)
        return f"{lead_words}{'，'.join(parts)}，"

    def item_paragraphs(groups: list[tuple[str, list[Fact], str]]) -> list[str]:
        paras = []
        for i, (title, group, closing) in enumerate(groups, 1):
            take = rng.randint(1, 3)
            body = "".join(filler_deck[:take])
            del filler_deck[:take]
            if distractors and rng.random() < 0.4:
                body += distractors.pop()
            text = f"{_Counter.mark(item, i)}{title}。{body}"
            if group:
                text += fact_sentence(group) + closing + "。"
            paras.append(text)
        if len(paras) > 1 and item == "yishi" and rng.random() < 0.3:
            return ["".join(paras)]  # 一是…二是… run on in one paragraph
        return paras

    sections_out: list[str] = []
    body_lines: list[str] = []
    for sec_no, sec in enumerate(order, 1):
        heading = rng.choice(SECTION_HEADINGS[sec]).replace("{Y}", Y).replace("{N}", N)
        body_lines.append(f"{_Counter.mark(top, sec_no)}{heading}")
        sections_out.append(sec)
        if sec == "achievements":
            themes = [t for t in THEME_ORDER if theme_facts[t]]
            if rng.random() < 0.3:
                rng.shuffle(themes)
            blocks: list[tuple[str, list[Fact], str]] = []
            for t in themes:
                _, titles, closings = THEMES[t]
                blocks.append((rng.choice(titles), theme_facts[t], rng.choice(closings)))
            if rng.random() < 0.5:
                e_title, e_body = rng.choice(EMPTY_THEMES)
                blocks.insert(rng.randint(0, len(blocks)), (e_title, [], e_body))
            if sub is None:
                groups = [(b[0], b[1], b[2]) for b in blocks]
                paras = item_paragraphs(groups)
                body_lines += [indent + p for p in paras]
            else:
                for j, (b_title, b_facts, b_closing) in enumerate(blocks, 1):
                    head = f"{_Counter.mark(sub, j)}{b_title}"
                    step = rng.randint(2, 5)
                    chunks = [b_facts[k : k + step] for k in range(0, len(b_facts), step)] or [[]]
                    sub_titles = [rng.choice(ITEM_TITLES) for _ in chunks]
                    groups = [(st, ch, b_closing) for st, ch in zip(sub_titles, chunks, strict=True)]
                    paras = item_paragraphs(groups) if b_facts else [b_closing]
                    if inline_sub:
                        paras[0] = f"{head}。{paras[0]}"
                        body_lines += [indent + p for p in paras]
                    else:
                        body_lines.append(head)
                        body_lines += [indent + p for p in paras]
                    if j == 2 and other_town_at:
                        body_lines.append(
                            f"{indent}组织班子成员赴{other_town}学习法治建设先进经验，取长补短、互学互鉴。"
                        )
                        flags.append(f"mentions_other_town:{other_town}")
                        other_town_at = False
            if other_town_at:
                body_lines.append(
                    f"{indent}组织班子成员赴{other_town}学习法治建设先进经验，取长补短、互学互鉴。"
                )
                flags.append(f"mentions_other_town:{other_town}")
            if repeat_para:
                fact_lines = [ln for ln in body_lines if any(f.clause in ln for f in facts)]
                if fact_lines:
                    body_lines.append(rng.choice(fact_lines))
                    flags.append("repeated_paragraph")
        elif sec == "leader_duty":
            items = list(LEADER_ITEMS)
            rng.shuffle(items)
            groups = []
            chunks = [leader_facts[k : k + 3] for k in range(0, len(leader_facts), 3)]
            for k, (t, body) in enumerate(items):
                groups.append((t, chunks[k] if k < len(chunks) else [], body.rstrip("。")))
            for extra in chunks[len(items) :]:
                groups.append(("推进法治建设各项任务落实", extra, "确保各项任务落地见效"))
            body_lines += [indent + p for p in item_paragraphs(groups)]
        elif sec == "problems":
            for k, (t, body) in enumerate(rng.sample(PROBLEMS, rng.randint(2, 4)), 1):
                body_lines.append(f"{indent}{_Counter.mark(item, k)}{t}。{body}{rng.choice(PROBLEM_CAUSES)}")
        else:
            plans = rng.sample(PLANS, rng.randint(3, 5))
            for k, (t, body) in enumerate(plans, 1):
                text = f"{_Counter.mark(item, k)}{t}。{body}"
                if k == 2 and rng.random() < 0.4:
                    text += rng.choice(PLAN_TARGETS).format(
                        N=N, a=rng.randint(10, 60), b=rng.choice((2000, 5000, 10000)), c=rng.randint(2, 12)
                    )
                body_lines.append(indent + text)
        if rng.random() < 0.25:
            body_lines.append("")
    # left-over distractors go at the end of the first section
    if distractors:
        body_lines.insert(min(3, len(body_lines)), indent + "".join(distractors))
    lines += body_lines

    if "signature" in county_spots or rng.random() < 0.35:
        sig_unit = (town.county if "signature" in county_spots else "") + unit
        lines += ["", sig_unit, pub_cn]
        publish_date = publish_date or pub_iso
        if chrome:
            publish_date = pub_iso  # the chrome date and the signature date are the same day here

    text = "\n".join(ln + (" " * rng.randint(1, 12) if rng.random() < 0.03 else "") for ln in lines) + "\n"
    if rng.random() < 0.3:
        text = text.replace("\n\n", "\n\n\n", rng.randint(1, 3))

    # noise that changes bytes but not meaning
    nbsp = rng.random() < 0.15
    if nbsp:  # Word's non-breaking space before a rate: 持证上岗率达 100%
        for f in facts:
            for pre in ("率达", "达到", "率"):
                old = pre + f.quantity.text
                if old in f.clause:
                    text = text.replace(old, pre + "\u00a0" + f.quantity.text)
                    for g in facts:
                        g.clause = g.clause.replace(old, pre + "\u00a0" + f.quantity.text)
                    break
    if traditional:
        text = _opencc("s2t").convert(text)
    if rng.random() < 0.05:
        text = _fullwidth(text)
    if rng.random() < 0.25:
        text = text.replace("\n", "\r\n")

    # evidence: the clause as the normalised text should read it
    for f in facts:
        ev = f.clause.replace("\u00a0", " ")
        if traditional:
            ev = _opencc("t2s").convert(_opencc("s2t").convert(ev))
        f.evidence = ev

    data, _encoding = _encode(text, traditional, rng)
    file_name = f"{index:06d}_{hashlib.sha256(f'{seed}:{town.index}:{year}'.encode()).hexdigest()[:16]}.txt"
    report_row = {
        "report_file": file_name,
        "town": town.name.replace("街道办事处", "街道"),
        "town_type": town.town_type,
        "county": town.county if town.county_mentioned else "",
        "report_year": Y,
        "publish_date": publish_date,
        "script": "traditional" if traditional else "simplified",
        "sections": "|".join(sections_out),
        "quality_flags": ";".join(flags),
    }
    fact_rows = [
        {
            "report_file": file_name,
            "indicator_code": f.code,
            "value": _fmt(f.quantity.value),
            "qualifier": f.quantity.qualifier,
            "unit_raw": f.quantity.unit_raw,
            "difficulty": "hard" if f.hard else "core",
            "evidence": f.evidence,
        }
        for f in facts
    ]
    return GeneratedReport(file_name, data, report_row, fact_rows)


_OPENCC: dict[str, object] = {}


def _opencc(name: str):  # type: ignore[no-untyped-def]
    if name not in _OPENCC:
        from opencc import OpenCC  # noqa: PLC0415

        _OPENCC[name] = OpenCC(name)
    return _OPENCC[name]


_FULLWIDTH = str.maketrans({**{str(i): chr(0xFF10 + i) for i in range(10)}, "%": "％"})


def _fullwidth(text: str) -> str:
    import re  # noqa: PLC0415

    text = re.sub(r"(?<=\d)\.(?=\d)", "．", text)
    return text.translate(_FULLWIDTH)


def _encode(text: str, traditional: bool, rng: random.Random) -> tuple[bytes, str]:
    """Bytes in one of the encodings towns publish in; falls back to UTF-8 when a character does not fit."""
    if traditional:
        enc = rng.choices(("big5", "utf-8", "utf-16"), weights=(60, 30, 10))[0]
    else:
        enc = rng.choices(("utf-8", "utf-8-sig", "gbk", "utf-16"), weights=(60, 12, 20, 8))[0]
    if enc == "big5":
        text = text.replace("\u00a0", "\u3000")  # Big5 has no NBSP; the ideographic space normalises the same
    for candidate in (enc, "gb18030" if enc == "gbk" else "utf-8"):
        try:
            return text.encode(candidate), candidate
        except UnicodeEncodeError:
            continue
    return text.encode("utf-8"), "utf-8"


# ---------------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------------
def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


PHRASINGS = ("train", "heldout")


def generate(n: int, out: Path, seed: int = 7, phrasings: str = "train") -> dict[str, object]:
    """Write N reports under `out/reports/` and the truth as `out/facts.csv` + `out/reports.csv`.

    `phrasings="heldout"` words every fact with HELDOUT_TEMPLATES (same towns, values and styles)."""
    if phrasings not in PHRASINGS:
        raise ValueError(f"phrasings must be one of {PHRASINGS}, not {phrasings!r}")
    out = Path(out)
    reports_dir = out / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    for old in reports_dir.glob("*.txt"):
        old.unlink()
    plan = plan_corpus(n, seed)
    names = sorted({t.name for t, _ in plan})
    fact_rows: list[dict[str, str]] = []
    report_rows: list[dict[str, str]] = []
    total_bytes = 0
    for i, (town, year) in enumerate(plan):
        other = names[int(_u(seed, "other", town.index, year) * len(names))]
        rep = render_report(town, year, seed, i, other if other != town.name else "", phrasings)
        (reports_dir / rep.file_name).write_bytes(rep.data)
        total_bytes += len(rep.data)
        report_rows.append(rep.report_row)
        fact_rows.extend(rep.fact_rows)
    _write_csv(out / "facts.csv", FACT_COLUMNS, fact_rows)
    _write_csv(out / "reports.csv", REPORT_COLUMNS, report_rows)
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "phrasings": phrasings,
        "n_reports": len(report_rows),
        "n_towns": len({t.index for t, _ in plan}),
        "n_facts": len(fact_rows),
        "bytes": total_bytes,
        "years": sorted({y for _, y in plan}),
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def extra_report(out: Path, n: int, seed: int = 7) -> GeneratedReport:
    """One more report for a corpus of N (town 0, year 2025): the benchmark's "add one report" case."""
    town = plan_corpus(n, seed)[0][0]
    rep = render_report(town, EXTRA_YEAR, seed, n, "")
    (Path(out) / "reports" / rep.file_name).write_bytes(rep.data)
    return rep


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, required=True, help="number of reports")
    p.add_argument("--out", required=True, help="output folder (reports/ + facts.csv + reports.csv)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument(
        "--phrasings",
        choices=PHRASINGS,
        default="train",
        help="heldout: a second set of fact wordings the extractor was never tuned on",
    )
    args = p.parse_args(argv)
    started = time.perf_counter()
    m = generate(args.n, Path(args.out), args.seed, args.phrasings)
    print(
        f"wrote {m['n_reports']} reports ({m['n_towns']} towns, {m['n_facts']} facts, "
        f"{int(m['bytes']) / 1e6:.1f} MB) to {args.out} in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
