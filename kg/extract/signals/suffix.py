"""Signal ``suffix``: a name suffix and the name's left boundary.

A suffix from kg/data/suffixes.tsv (有限公司, 研究院, 产业园…) ends a name; the
name starts where walking back over jieba tokens meets a stop word, punctuation,
a number, a verb, a neighbouring name or a byline, and is then cut to its first
place word when what precedes that is noise (胡俊超南宁高新区 → 南宁高新区).
Flags in the data file decide when a park prefix belongs to the name
(南宁高新区行政审批局) and which suffixes need a short, specific core.
"""

from __future__ import annotations

import re

from kg.extract.lexicons import word_set
from kg.extract.names import (
    NAME_WORDS,
    STOP_TAGS,
    is_generic_core,
    pos_tag,
    trim_leading,
)
from kg.extract.sentence import SentenceMentions
from kg.extract.signals import known
from kg.extract.tokens import PARTNER_COUNTRIES, Token, bracket_inner, is_cjk_numeral

MAX_LEN = {"Park": 22, "Company": 28, "Institution": 30}


# word classes that occur inside company names (湖南长远锂科, 华润微电子): no stop for them
_COMPANY_NAME_TAGS = {"v", "vn", "a", "b", "d", "ad", "an", "z", "l"}

# a zone's name a sub-park's name may open with, and the endings of such sub-parks
_ZONE_ENDINGS = ("高新区", "经开区", "开发区", "新区", "高新技术产业开发区", "经济技术开发区")
_SUB_PARK_ENDINGS = ("园", "园区", "小镇", "城")

# what a numeral counts: 三家, 两个, 五批 are counts, 九方, 三一 may be brands
_MEASURES = frozenset("家个批项名位种类条座所只台套年月日号届次期大成倍")


def _numeral_brand(word: str) -> bool:
    """A two-character word that opens with a numeral but counts nothing: a brand
    (株洲 + 九方 + 装备股份有限公司), which jieba tags as a number."""
    return (
        len(word) == 2
        and is_cjk_numeral(word[0])
        and not is_cjk_numeral(word[1])
        and word[1] not in _MEASURES
    )


def _date_word(sm: SentenceMentions, j: int) -> bool:
    """A token that dates something (3月, 5日, 去年), never a brand that ends in 日 or
    年 (新日 as 新 + 日, 华日: jieba calls them names or splits them)."""
    t = sm.tokens[j].text
    if not t.endswith(("年", "月", "日")):
        return False
    if len(t) > 1:
        return pos_tag(t) in STOP_TAGS or is_cjk_numeral(t[:-1])
    if j == 0:
        return True
    before = sm.tokens[j - 1]
    return before.is_break or before.kind == "digit" or is_cjk_numeral(before.text)


# the endings of a park's name that say it is a park (洋浦 says it not)
_PARK_TYPE_ENDS = ("区", "园", "城", "谷", "港", "基地", "镇", "岛")


def _place_and_fields(core: list[Token], lex) -> bool:
    """A place, then only industries: 嘉兴 + 化工 + 新材料 (a park named for its fields)."""
    words = [t.text for t in core]
    if not words or words[0] not in lex.places:
        return False  # (生物医药园区 alone: a kind of park, rule 11)
    return len(words) > 1 and all(w in lex.industries for w in words[1:])


def _place_ordinal(sm: SentenceMentions, j: int) -> bool:
    """An ordinal right after a city opens a firm's name: 常州 + 第六 + 元素材料."""
    t = sm.tokens[j].text
    return (
        t.startswith("第")
        and len(t) == 2
        and is_cjk_numeral(t[1])
        and j > 0
        and sm.lex.places.get(sm.tokens[j - 1].text) == "city"
    )


def _place_numeral(sm: SentenceMentions, j: int, core: list[Token], lex) -> bool:
    """A one-digit numeral between a city and a line of business names a state firm
    (齐齐哈尔 + 二 + 机床, 北京 + 一 + 机床): not a count, which a measure word follows."""
    t = sm.tokens[j].text
    return (
        len(t) == 1
        and t in "一二三四五六七八九"
        and bool(core)
        and core[0].text[0] not in _MEASURES
        and j > 0
        and lex.places.get(sm.tokens[j - 1].text) == "city"
    )


def _names_a_field(word: str) -> bool:
    """An attribute (重型, 非织造) or 创新 that opens a centre's field: 重型数控机床
    创新联合体, 创新药物中试中心 (jieba tags them as attribute and verb)."""
    return pos_tag(word) == "b" or word in NAME_WORDS


# words of a fund's purpose: 稀土 + 产业 + 发展 + 基金, 转型升级基金
_FUND_WORDS = frozenset(("产业", "发展", "投资", "专项", "转型", "升级", "引导", "创业", "股权"))


def _known_industry_run(word: str, lex) -> bool:
    """A word that ends in a known industry after a qualifier (磷基新材料)."""
    return any(word[k:] in lex.industries for k in range(1, len(word) - 1))


_LEFT_BREAK_CHARS = {"#", "*", ">", "▶", "■", "●", "◆", "★"}


_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


# 中 and a partner country's character: 中泰, 中新, 中德 (a bilateral park's name)
_BILATERAL = re.compile("中[" + "".join(sorted(PARTNER_COUNTRIES)) + "]")

_NAME_PREFIXES = {
    "国家",
    "国家级",
    "中国",
    "火炬",
    "国家火炬",
    "省级",
    "全国",
    "中",
    "中华",
    "新型",
}


# words jieba tags verbs that name what a park is for (玩具创意产业园, 大学生创业园)
_PARK_NAME_WORDS = {"创意", "创新", "创业", "智造", "文创"} | {
    "回收",
    "利用",
    "加工",
    "循环",
    "再生",
    "废旧",
    "综合",
}  # (and what it does with things: 废旧电池回收利用产业园)
_PARK_NAME_ENDS = tuple(_PARK_NAME_WORDS)

_JOINERS = set("和及与在")

# a count right before a candidate: what follows is a class of things
_COUNTED = re.compile(
    r"(?:(?<![第0-9一二三四五六七八九十两几多])[0-9一二三四五六七八九十两几多]+[个家所座批类]"
    # "全国第二家国家级农业高新区": the n-th of a kind (but 第一批…基地 is a designation)
    r"|(?:第[0-9一二三四五六七八九十]+|首)[个家座])"
    r"(?:省级|国家级|市级|国家|省|市)?$"
)
# numbered layout slogans: 一城多园, 一区多园, 一核两翼
_SLOGAN = re.compile(
    r"[一二三四五六七八九十两多几][一-龥]{1,2}[一二三四五六七八九十两多几][一-龥]{1,2}"
)
# a candidate that opens with a count ("两所大学")

_COUNT_START = re.compile(r"第?(?:[0-9]+|[一二三四五六七八九十两几多]{1,3})[个家所座批类]")

# a park branded as a valley of one trade: 光谷, 声谷, 药谷
_VALLEY = re.compile(r"[\u4e00-\u9fff]谷")

# words before a park-like name that make it an aim, not a place: 打造成为X示范区, 争创X
# "打造面向中亚的区域…中心", "建设成为全国…中心": a centre the place wants to be
_GOAL_CENTRE = re.compile(r"(?:打造|建设成为|建成|成为|争创)(?!了)[^，,。；;了]{0,10}$")

_GOAL = re.compile(
    r"(?:成为|打造成|打造为|建设成|争创|创建|争当|努力建成)(?:全国|全省|国家级|国际|世界级)?"
    r"(?:(?:一流|领先|重要|知名|最大)的)?$"
    # "致力于打造全国重要的X产业基地": a rank before the name makes it an aim
    r"|(?:打造|建设|建成|培育)(?:全国|全省|全球|国家级|国际|世界级)(?:一流|领先|重要|知名)?的?$"
)
# "打造 + 世界级X产业基地": the rank that opens the name, after a verb of aiming
_RANKED_AIM = re.compile(r"(?<=打造|建设|建成|培育)(?:世界级|国家级|全国|全球|国际)")


# a park's own development company: 苏州工业园区开发有限公司
_PARK_COMPANY_WORDS = {
    "开发",
    "建设",
    "投资",
    "发展",
    "管理",
    "运营",
    "服务",
    "控股",
    "实业",
    "集团",
}


_PARENT_ORG = ("科学院", "大学", "研究院", "集团", "公司")


def _looks_like_person(word: str) -> bool:
    """An unknown 2-3 character word starting with a common surname (a byline)."""
    return len(word) in (2, 3) and word[0] in _SURNAMES


# zones named after a place and the policy they try out: 曹妃甸协同发展示范区
_POLICY_ZONE = re.compile(r"示范区|试验区|先行区|合作区|实验区|先导区|创新区")
_POLICY_WORDS = frozenset(
    "协同 发展 创新 开放 融合 改革 综合 转型 合作 一体化 绿色 高质量 协调".split()
)

# a branch's endings: its parent's name comes before its place (某某药业 + 绵阳 + 分公司)
_BRANCH_SUFFIXES = ("分公司", "子公司", "分行", "支行")

# park-type words that, standing alone, mean a zone named elsewhere (rule 11)
_BARE_PARK_WORDS = word_set("bare_park_words.txt")

# words that say what a firm does and stand right before its legal ending, though
# elsewhere they are verbs or generic words that end a name on the left
_BUSINESS_WORDS = frozenset("企业 投资 发展 建设 服务 控股 实业 开发 联合".split())


# verbs of moving into (or building) what a one-character suffix names: 进园, 入园
_INTO = frozenset("进入迁驻建出")

# tags of proper names: a name of its own, no field
_PROPER = frozenset(("ns", "nt", "nr", "nrt", "nz", "j"))

# words that make a base a designated one (a Park): 国家…基地, 省级…基地
_DESIGNATION = re.compile(r"国家|省级|火炬")

_LEGAL_ENDINGS = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司")


def _weak_ending(name: str, lex) -> bool:
    """``name`` ends with a weak suffix of the lexicon (酒庄, 股份, 基金)."""
    ending = next((name[k:] for k in range(len(name)) if name[k:] in lex.suffixes), None)
    return ending is not None and "weak" in lex.suffixes[ending].flags


def _joins_fields(sm: SentenceMentions, j: int, core: list[Token]) -> bool:
    """The conjunction at token ``j`` joins two fields inside a body's name, not two
    bodies: no name ends before it, and the words on both sides are nouns."""
    if j == 0 or not core or sm.ends_at(sm.tokens[j].start, {"Company", "Institution", "Park"}):
        return False
    left, right = sm.tokens[j - 1], core[0]
    if (
        right.text.startswith(("中国", "国家"))
        or left.text in _BARE_PARK_WORDS
        or known.is_known(left.text)
    ):
        return False  # 长虹与中国工程物理研究院, 片区与北部湾大学: two parties
    if (
        left.text in word_set("brand_heads.txt")
        and j >= 2
        and sm.tokens[j - 2].kind == "word"
        and pos_tag(sm.tokens[j - 2].text) is None
    ):
        return False  # 文航 + 半导体 + 与 + …实验室: a firm's brand and trade, then a party
    if any(c.text in sm.lex.places or pos_tag(c.text) in _PROPER for c in (left, *core)):
        return False  # A新材料与中国科学院新疆…研究所: the part after 与 is a name of its own
    if any(pos_tag(c.text) is None and c.text not in sm.lex.industries for c in core):
        return False  # A化工与张江实验室: an unknown word after 与 names a body of its own
    return pos_tag(left.text) not in STOP_TAGS and all(
        w.kind == "word"
        and len(w.text) >= 2
        and w.text not in sm.lex.stop_tokens
        and w.text not in sm.lex.places
        and w.text not in sm.lex.generic
        for w in (left, right)
    )


def _opens_partner(
    sm: SentenceMentions, j: int, core: list[Token], type_: str, end: int = 0
) -> bool:
    """Token ``j``, a verb-like word, opens a partner's name: "A与共享装备股份有限公司"
    (right after 与 a verb would have no subject, so it is a name's first word)."""
    t = sm.tokens[j]
    if type_ == "Park":
        return _opens_listed_park(sm, j, end)
    return (
        type_ == "Company"
        and j > 0
        and sm.tokens[j - 1].text in ("与", "同", "跟")
        and bool(core)
        and core[0].text not in sm.lex.places
        and t.kind == "word"
        and len(t.text) >= 2
        and t.text not in sm.lex.stop_tokens
    )


# what introduces a list of a zone's parts or stands between its items
# what 之 joins inside a firm's name: 美图之家, 天府之星, 江南之窗
_ZHI_HEADS = frozenset("家星光窗翼城都源")


def _name_zhi(sm, j: int, core: list[Token]) -> bool:
    """之 between two words of one name ("美图" + 之 + "家科技有限公司", "优品" +
    之家 + "科技有限公司")."""
    t = sm.tokens[j]
    if len(t.text) == 2 and t.text[0] == "之" and t.text[1] in _ZHI_HEADS:
        head_ok = True
    else:
        head_ok = t.text == "之" and bool(core) and core[0].text in _ZHI_HEADS
    return (
        head_ok
        and j > 0
        and sm.tokens[j - 1].kind == "word"
        and sm.tokens[j - 1].text not in sm.lex.stop_tokens
    )


def _base_after_park(sm, j: int, suffix) -> bool:
    """中关村 + 创新 + 示范基地: a generic word between a park and a base's ending
    belongs to the base named after that park."""
    t = sm.tokens[j]
    return (
        suffix.type == "Park"
        and "基地" in suffix.text
        and t.text in sm.lex.generic
        and j > 0
        and sm.ends_at(sm.tokens[j - 1].end, {"Park"}) is not None
    )


def _glued_joiner(sm, t: Token) -> int | None:
    """Where a conjunction sits inside an unknown word that ends a list's item.

    jieba glues 和 to the names around it ("凯莱" + "英和博腾"); in a list opened by
    、 a few characters before, the 和 is the list's last joint, not a name's part.
    """
    if t.kind != "word" or len(t.text) < 3 or pos_tag(t.text) is not None:
        return None
    k = next((n for n in range(1, len(t.text) - 1) if t.text[n] in "和及与"), None)
    if k is None:
        return None
    lead = sm.text[max(0, t.start - 4) : t.start]
    if "、" not in lead or re.search(r"[，,。；;：:]", lead[lead.rindex("、") :]):
        return None
    item = lead[lead.rindex("、") + 1 :] + t.text[:k]
    if any(item.startswith(p) for p in (item[:2], item[:3]) if p in sm.lex.places):
        return None  # 、包头 + 天和磁材…: a place opens one firm's name
    return k


_LIST_BEFORE = ("、", "和", "及", "下辖", "下设", "管辖", "包括", "涵盖", "包含")
_LIST_AFTER = re.compile(r"[、和及等]|[一二三四五六七八九十两]+[个大]")


def _opens_listed_park(sm: SentenceMentions, j: int, end: int) -> bool:
    """Token ``j``, a verb-like word, opens a park's name that is an item of a list
    ("下辖稀土应用产业园、希望工业园和滨河新区三个片区"): between a list's
    introducer or separator and the next separator, a verb has no subject or object."""
    t = sm.tokens[j]
    if t.kind != "word" or len(t.text) < 2 or _LIST_AFTER.match(sm.text, end) is None:
        return False
    for k in range(j - 1, max(-1, j - 3), -1):  # the item's first word is at most 2 back
        if sm.tokens[k].text in _LIST_BEFORE:
            return True
        if sm.tokens[k].kind != "word" or sm.tokens[k].text in sm.lex.stop_tokens:
            return False
    return False


def _cut_to_place(core: list[Token], lex, type_: str) -> list[Token]:
    """Start the name at its first place word when what precedes it is not a name prefix.

    胡俊超南宁 → 南宁; 领略东莞松山湖 → 东莞松山湖; but 国家火炬丰城 stays, and so
    does a brand before the place of a firm's unit (华为苏州研发中心): for a company
    or institution, dictionary words (not a byline's unknown name) are kept.
    """
    if type_ == "Company":
        # 宁德时代 + 四川时代新能源科技有限公司: a known parent, then a firm named by its place
        for k in range(1, len(core) - 1):
            parent = "".join(t.text for t in core[:k])
            rest = "".join(t.text for t in core[k + 1 :])
            if (
                lex.places.get(core[k].text) in ("province", "city")
                and known.is_known(parent)
                and any(parent[n : n + 2] in rest for n in range(len(parent) - 1))
            ):
                return core[k:]  # (the firm's name repeats the parent's: …时代…; but
                # 中国石化海南炼油化工有限公司 is one registered name)
    for k, t in enumerate(core):
        if k == 0:
            if t.text in lex.places:
                return core
            continue
        if (
            t.kind == "word"
            and t.text in lex.places
            and lex.places[t.text] in ("province", "city", "county")
        ):
            prefix = core[:k]
            if all(p.text in _NAME_PREFIXES for p in prefix) or _BILATERAL.fullmatch(
                "".join(p.text for p in prefix)
            ):
                return core  # 国家…, 中泰 + 崇左产业园 (China and a partner country)
            one = prefix[0].text if len(prefix) == 1 else ""
            if len(one) == 1 and "\u4e00" <= one <= "\u9fff" and pos_tag(one) in ("n", "ng", None):
                return core  # 虎 + 石台片区: one noun character belongs to the name
            head = "".join(p.text for p in prefix)
            if any(head.endswith(sfx) and lex.suffixes[sfx].type != "Park" for sfx in _PARENT_ORG):
                return core  # 中国科学院深圳先进技术研究院: a parent body, not noise
            if type_ in ("Company", "Park") and known.is_known(head):
                return core  # 中车 + 株洲电机有限公司, 京东方 + 绵阳产业园: named by its firm
            if type_ != "Park" and all(
                pos_tag(p.text) is not None and pos_tag(p.text) not in STOP_TAGS for p in prefix
            ):
                return core  # 华为苏州研发中心
            return core[k:]
    return core


def find(sm: SentenceMentions) -> None:
    lex = sm.lex
    matches: dict[int, str] = {}  # end → longest suffix ending there
    for end, word in lex.suffix_automaton.iter(sm.text):
        e = end + 1
        if (
            e not in sm.token_ends
            and e != len(sm.text)
            and not _inside_org_word(sm, e, word)
            and not _title_after(sm, e)
        ):
            continue
        if e not in matches or len(word) > len(matches[e]):
            matches[e] = word
    for e in sorted(matches):
        if lex.suffixes[matches[e]].type != "None":  # a facility, not an entity
            _from_suffix(sm, e, lex.suffixes[matches[e]])


_COUNT_OF_PARKS = re.compile(r"[一二三四五六七八九十两几多]+大")
_COUNTED_ZONES = re.compile(r"[一二三四五六七八九十两多]区")


def _from_suffix(sm: SentenceMentions, end: int, suffix) -> None:
    lex = sm.lex
    type_ = suffix.type
    s_start = end - len(suffix.text)
    # the token containing the suffix start: include its head part
    idx = sm.token_at(s_start)
    if idx is None or sm.tokens[idx].text in lex.stop_tokens:
        return  # 全资子公司, 控股子公司: a word that never names anything
    name_start = sm.tokens[idx].start
    if len(suffix.text) == 1 and sm.tokens[idx].text != suffix.text:
        # 局 in 布局, 园 in 公园: a one-character suffix must end an unknown word
        word = sm.tokens[idx].text
        allowed = (None, "ns", "nt", "nz", "nr", "j") if type_ == "Park" else (None,)
        if pos_tag(word) not in allowed and not (
            # 航天 + 城, 汽车 + 城: a park named for an industry; 海洋发展 + 局: a bureau
            len(word) >= 3
            and (
                (type_ == "Park" and word[:-1] in lex.industries)
                or (type_ == "Institution" and word.endswith(("局", "厅")) and pos_tag(word) == "l")
            )
        ):
            return
        if len(sm.tokens[idx].text) == 2 and sm.tokens[idx].text[0] in _INTO:
            return  # 退城进园, 企业入园: a move into a park, not a park's name
    core: list[Token] = []
    if name_start < s_start:
        head = sm.tokens[idx]
        core.append(Token(sm.text[head.start : s_start], head.start, s_start))
    j = idx - 1
    prefix_park = None
    while j >= 0:
        t = sm.tokens[j]
        if (
            type_ == "Park"
            and t.text in ("与", "和", "及")
            and j > 0
            and core
            and sm.tokens[j - 1].text in lex.industries
            and core[0].text in lex.industries
        ):
            core.insert(0, t)  # 医疗器械与生物医药产业园: one park, two industries
            j -= 1
            continue
        if (
            type_ == "Institution"
            and t.text in ("与", "和", "及")
            and suffix.text != "大学"
            and _joins_fields(sm, j, core)
        ):
            core.insert(0, t)  # 材料科学与工程学院, 海洋与渔业局: two fields, one body
            j -= 1
            continue
        designation = (type_ == "Park" and t.text in ("国家级", "省级") and core) or (
            type_ == "Park" and t.text == "高新技术" and not core  # 某某高新技术 + 产业园区
        )
        # 中 opening a clause starts a name (，中创新航…); after a noun it is "in"
        opens = t.text == "中" and core and (j == 0 or sm.tokens[j - 1].is_break)
        # a line of business right before the legal ending: 某某投资有限公司, 某某企业集团
        # (and a run of them: 产业 + 投资 + 发展 + 集团有限公司)
        glued_firm = all(c.text in _BUSINESS_WORDS for c in core) and (
            (type_ == "Company" and t.text in _BUSINESS_WORDS)
            or (type_ == "Institution" and t.text == "高新技术")  # 某某高新技术研究院
        )
        if (
            t.text in ("和", "中")
            and core
            and core[0].text not in lex.places
            and j > 0
            and sm.tokens[j - 1].text in lex.places
            and (j == 1 or sm.tokens[j - 2].is_break)
        ):
            core.insert(0, t)  # 湖北 + 和 + 远气体…, 南通 + 中 + 集太平洋…: 和远, 中集
            j -= 1
            continue
        if t.text in ("·", "•") and core and j > 0 and sm.tokens[j - 1].text in lex.places:
            core.insert(0, t)  # 南宁 + · + 中关村创新示范基地: a place, then the name
            j -= 1
            continue
        if t.is_break or (
            t.text in lex.stop_tokens
            and not designation
            and not opens
            and not glued_firm
            and not (type_ == "Park" and _opens_listed_park(sm, j, end))
            and not _name_zhi(sm, j, core)
            and not (
                type_ != "Park"
                and t.text in NAME_WORDS
                and core
                and j > 0
                and sm.tokens[j - 1].text in ("中国", "国家")
            )  # 中国 + 联合 + 网络通信有限公司
            and not (
                type_ == "Park"
                and t.text in _PARK_NAME_WORDS
                and j > 0
                and sm.tokens[j - 1].text.endswith(_PARK_NAME_ENDS)
            )  # 动力电池回收 + 利用 + 产业园: what the park does is in its name
        ):
            break
        if (
            type_ == "Park"
            and t.text in lex.suffixes
            and lex.suffixes[t.text].type != type_
            and (j == 0 or _is_left_edge(sm, sm.tokens[j - 1], lex))
        ):
            break  # 建设大学西部科学城: a bare 大学 after a verb is no part of the name
        if t.kind == "digit" or (t.kind == "word" and t.text.isdigit()):
            break
        prev = sm.ends_at(t.end, {"Park"})
        if prev is not None and prev.start < t.end:
            if "prefix-park" in suffix.flags:
                prefix_park = prev
                bank = sm.ends_at(prev.start, {"Company"})
                if bank is not None and bank.text.endswith("银行"):
                    prefix_park = bank  # 中国建设银行广州开发区分行
            elif type_ == "Park" and not core and name_start == s_start:
                prefix_park = prev  # 武汉光谷 + 生物城: one longer park name
            elif (
                type_ == "Park"
                and core
                and prev.text.endswith(_ZONE_ENDINGS)
                and suffix.text.endswith(_SUB_PARK_ENDINGS)
                and all(
                    c.text in lex.industries
                    or c.text in lex.generic
                    or c.text.endswith(_PARK_NAME_ENDS)
                    or (
                        "after-zone" in suffix.flags
                        and len(core) == 1
                        and 2 <= len(c.text) <= 3
                        and pos_tag(c.text) not in STOP_TAGS
                    )  # 深圳高新区 + 光明 + 园区
                    for c in core
                )
            ):
                # 绵阳高新区 + 电子元器件产业园, 重庆高新区 + 直管园: a sub-park that only
                # its zone's name tells apart (not 合肥高新区 + 中安创谷科技园: a name)
                prefix_park = prev
            elif (
                type_ == "Park"
                and core
                and suffix.text.endswith(_SUB_PARK_ENDINGS)
                and not prev.text.endswith(_PARK_TYPE_ENDS)
                and all(c.text in lex.industries or c.text in lex.generic for c in core)
            ):
                prefix_park = prev  # 北京亦庄 + 集成电路装备零部件产业园: a zone's place-like name
            elif (
                type_ == "Park"
                and core
                and "基地" in suffix.text
                and all(c.text in lex.generic for c in core)
            ):
                prefix_park = prev  # 中关村 + 创新 + 示范基地: a base named after the park
            elif type_ == "Company" and all(c.text in _PARK_COMPANY_WORDS for c in core):
                prefix_park = prev  # 上海张江高科技园区开发股份有限公司
            elif type_ == "Company" and core and not prev.text.endswith(_PARK_TYPE_ENDS):
                prefix_park = prev  # 洋浦 + 国际集装箱码头有限公司: a zone named like a place
            break
        if (
            type_ == "Park"
            and core
            and t.text in _BARE_PARK_WORDS
            and (j == 0 or _is_left_edge(sm, sm.tokens[j - 1], lex))
        ):
            break  # "在示范区潇河产业园区": the bare word means a zone named elsewhere
        prev_org = sm.ends_at(t.end, {"Company", "Institution"})
        if prev_org is not None and type_ != "Institution":
            if "prefix-park" in suffix.flags and prev_org.text.endswith("银行"):
                prefix_park = prev_org  # 中国建设银行 + 高新支行
            elif (
                type_ == "Company"
                and not core
                and suffix.text in _LEGAL_ENDINGS
                and (
                    (prev_org.type == "Company" and _weak_ending(prev_org.text, lex))
                    or prev_org.type == "Institution"
                    or (prev_org.text.endswith("银行") and suffix.text.startswith("股份"))
                )  # (浙江某某农村商业银行 + 股份有限公司: a bank's legal name)
            ):
                # 宁夏西鸽酒庄 + 有限公司, 上海化工研究院 + 有限公司: the firm's legal name
                prefix_park = prev_org
            elif (
                suffix.text in ("分公司", "子公司")  # (a bank's are above)
                and prev_org.type == "Company"
                and all(c.text in lex.places for c in core)
            ):
                prefix_park = prev_org  # 某某有限公司 + 新疆 + 分公司: one branch
            elif (
                type_ == "Park"
                and prev_org.type == "Institution"
                and (
                    not core
                    or (words := "".join(c.text for c in core)) in lex.industries
                    or words == "国家大学"  # X大学国家大学科技园
                )
                and not suffix.text.endswith(("高新区", "开发区", "经开区", "新区"))
            ):
                # 岳麓山大学 + 科技城, 贵州大学 + 大数据科技园: a park named after a body
                # (but 某医院 + 天府国际生物城院区: a park with a name of its own after
                # the body is that park)
                prefix_park = prev_org
            elif (
                type_ == "Park"
                and prev_org.type == "Company"
                and prev_org.text.endswith("集团")
                and core
                and not suffix.text.endswith(("高新区", "开发区", "经开区", "新区"))
            ):
                prefix_park = prev_org  # 北京某东集团 + 金桥科技园: a park its developer names
            elif (
                type_ == "Company"
                and prev_org.type == "Company"
                and prev_org.text.endswith("集团")
                and (
                    not core
                    or all(c.text in lex.places for c in core)
                    or "".join(c.text for c in core) in lex.industries
                    # 东方电气集团 + 东方锅炉 + 股份有限公司: a subsidiary with the brand
                    or "".join(c.text for c in core)[:2] == prev_org.text.removeprefix("中国")[:2]
                )
                and "weak" not in suffix.flags
            ):
                # the group's own legal name (云南白药集团 + 股份有限公司) or a
                # subsidiary's: 中国移动通信集团 + 江西 + 有限公司,
                # 徐工集团 + 工程机械 + 股份有限公司
                prefix_park = prev_org
            break
        if (
            t.kind == "word"
            and len(t.text) > 1
            and t.text[-1] in "如即"
            and pos_tag(t.text) is None
        ):
            break  # 大院大所如 + 中国农业科学院: jieba glued 如 to the words before
        if (
            (
                t.text[0] in _JOINERS
                or (  # 湘潭大学 + 同湘钢 + 集团: 同 means "with" right after a name
                    t.text[0] == "同"
                    and j > 0
                    and sm.ends_at(sm.tokens[j - 1].end, {"Company", "Institution"}) is not None
                )
            )
            and len(t.text) > 1
            and pos_tag(t.text) is None
            and t.text not in lex.places
        ):
            # jieba glued a conjunction to an unknown name: 和祺润 → 祺润
            core.insert(0, Token(t.text[1:], t.start + 1, t.end))
            break
        if (
            type_ == "Institution"
            and suffix.text.startswith("联合")
            and (t.text.endswith(_LEGAL_ENDINGS) or t.text.endswith(("大学", "学院")))
        ):
            break  # 某某有限公司 + 稀土功能材料联合实验室: the founder, then the lab
        if (
            core
            and t.kind == "word"
            and len(t.text) >= 2
            and t.text[-1] in "与和及"
            and pos_tag(t.text) is None
            and t.text not in lex.places
        ):
            break  # 商务委 + 与: jieba glued a conjunction to the name before
        inner = _glued_joiner(sm, t) if not suffix.text.endswith("有限公司") else None
        if inner is not None:
            # "、凯莱英和博腾股份": the last two items of a list glued over 和
            core.insert(0, Token(t.text[inner + 1 :], t.start + inner + 1, t.end))
            break
        after_verb = j > 0 and pos_tag(sm.tokens[j - 1].text) == "v"
        if t.text[0] == "出" and len(t.text) > 1 and after_verb:
            # a verb's complement glued to the name: 孵化 + 出奇 + 芯光电 → 奇芯光电
            core.insert(0, Token(t.text[1:], t.start + 1, t.end))
            break
        if end - t.start > MAX_LEN[type_]:
            break
        if (
            is_cjk_numeral(t.text)
            and not t.text.startswith("第")
            and not _place_numeral(sm, j, core, lex)
            and not (j > 0 and sm.tokens[j - 1].text.startswith("第") and type_ == "Institution")
        ):
            break  # (but 第七 + 二五 + 研究所: a numbered institute)
        if len(t.text) == 2 and is_cjk_numeral(t.text[0]) and t.text[1] in "家个批名位":
            break  # 齐齐哈尔 + 三家 + 公司: a count of firms, not a name
        if _COUNT_OF_PARKS.fullmatch(t.text):
            break  # 两大片区, 三大园区: a count of parks, not a name
        if (
            (t.text.endswith("企业") or _date_word(sm, j)) and not glued_firm
        ) or t.text in _LEFT_BREAK_CHARS:
            break
        if (
            (core or type_ == "Park")
            and len(t.text) >= 2
            and pos_tag(t.text) in STOP_TAGS
            and t.text not in lex.industries
            and t.text not in _NAME_PREFIXES
            and not (type_ == "Park" and t.text in _PARK_NAME_WORDS)
            and not (type_ == "Institution" and core and _names_a_field(t.text))
            and not _name_zhi(sm, j, core)
            and not (type_ == "Institution" and t.text.startswith("第") and core)  # 第七 + 二五所
            and not (type_ == "Company" and core and _place_ordinal(sm, j))  # 常州 + 第六 + 元素
            and not (type_ == "Institution" and core and core[0].text in ("部", "局", "厅", "委"))
            and not _base_after_park(sm, j, suffix)
            and lex.places.get(t.text) not in ("province", "city")  # 包头, 保定 (tagged v)
            and (type_ != "Company" or pos_tag(t.text) not in _COMPANY_NAME_TAGS)
            and not (type_ == "Company" and core and _numeral_brand(t.text))
            and "nostop" not in suffix.flags
            and not _opens_partner(sm, j, core, type_, end)
            and not (
                type_ == "Institution"
                and j > 0
                and sm.tokens[j - 1].text in ("与", "和", "及")
                and _joins_fields(sm, j - 1, [t, *core])
            )  # 材料及应用工程技术研究中心: a field after the conjunction
        ):
            break
        if (
            core
            and core[0].text in lex.places
            and t.kind == "word"
            and len(t.text) >= 2
            and pos_tag(t.text) is None
            and t.text not in lex.places
            and t.text not in lex.industries
            and _looks_like_person(t.text)
        ):
            break
        core.insert(0, t)
        j -= 1
    policy_named = False
    if type_ == "Park" and prefix_park is None and _POLICY_ZONE.search(suffix.text):
        # "曹妃甸 + 协同发展 + 示范区": a place and the policy the zone tries out
        k = j
        while k >= 0 and sm.tokens[k].text in _POLICY_WORDS and j - k < 3:
            k -= 1
        if k < j and k >= 0 and lex.places.get(sm.tokens[k].text):
            while k > 0 and lex.places.get(sm.tokens[k - 1].text) in ("province", "city"):
                k -= 1  # 唐山 + 曹妃甸…: the city before the place is part of the name
            core = [*sm.tokens[k : j + 1], *core]
            j = k - 1
            policy_named = True
    # a bracket group cannot start a name
    while core and core[0].kind == "bracket":
        core = core[1:]
    if core and _opens_partner(sm, j + 1, core[1:], type_, end):
        core = [core[0], *trim_leading(core[1:], lex)]
    else:
        core = trim_leading(core, lex)
    if prefix_park is None:
        if suffix.text not in _BRANCH_SUFFIXES:
            core = _cut_to_place(core, lex, type_)  # (a branch's parent precedes its place)
    core_text = "".join(t.text for t in core)
    if prefix_park is not None:
        # a park named right after its zone: 徐州高新区 + 安科园 + 党群服务中心
        outer = sm.ends_at(prefix_park.start, {"Park"})
        while outer is not None and outer.start < prefix_park.start:
            prefix_park = outer
            outer = sm.ends_at(prefix_park.start, {"Park"})
        start = prefix_park.start
        if sm.text[start - 1 : start] in ("·", "•"):
            place = next(
                (start - 1 - n for n in (3, 2) if sm.text[start - 1 - n : start - 1] in lex.places),
                None,
            )
            if place is not None and place >= 0:
                start = place  # 南宁 + · + 中关村创新示范基地
    elif core:
        start = core[0].start
    else:
        start = s_start
    # right extension over a bracket: 国家外贸转型升级基地（生物医药）, 工商联（总商会）
    j = sm.token_starts.get(end)
    if j is not None and sm.tokens[j].kind == "bracket" and type_ != "Company":
        inner = bracket_inner(sm.tokens[j].text)
        if not inner.startswith(("含", "即", "简称", "下称", "以下")):
            end = sm.tokens[j].end
    if prefix_park is None and "after-zone" in suffix.flags and not _place_and_fields(core, lex):
        # 光明 + 园区 names a park only right after its zone (深圳高新区光明园区), or
        # after what it is for (嘉兴 + 化工 + 新材料 + 园区)
        return
    if prefix_park is None:
        if not core_text:
            return
        if core_text in lex.industries and (
            type_ == "Company" or "weak" in suffix.flags or "基地" in suffix.text
        ):
            return  # 生物科技公司, 动力电池生产基地: an industry, not a name
        if suffix.text.endswith("基金") and all(
            c.text in lex.industries
            or c.text in lex.generic
            or c.text in _FUND_WORDS
            or _known_industry_run(c.text, lex)
            for c in core
        ):
            return  # 稀土产业发展基金: a fund named only by what it funds, no name of its own
        if type_ == "Park" and "小镇" in suffix.text and core_text.rstrip("省市") in lex.places:
            return  # 山东省特色小镇: a designation, not a place on the map
        quoted = sm.text[start - 1 : start] == "“" and sm.text[end : end + 1] == "”"
        if suffix.text == "小镇" and quoted:
            return  # 从“码农小镇”到…: a nickname in quotes, not a town's name
        if type_ == "Company" and len(core) == 1 and pos_tag(core_text) in ("v", "vn", "d"):
            return  # 发挥银行
        if (
            type_ == "Institution"
            and len(core) == 1
            and pos_tag(core_text) in ("v", "d")
            and core_text not in lex.places  # (包头 is tagged v)
        ):
            return  # 与企业共建研发中心: a verb, not a name
        if is_generic_core(core, lex) and not (
            (core_text == "中国" and _VALLEY.fullmatch(suffix.text))
            or (core_text in _BARE_PARK_WORDS and suffix.text in ("管委会", "管理委员会"))
            or (
                type_ == "Park"
                and core_text not in lex.generic
                and sm.token_starts.get(core[0].start, 0) > 0
                and _opens_listed_park(sm, sm.token_starts[core[0].start], end)
            )
        ):
            return  # (中国声谷, 中国药谷: a valley's brand names the country)
        if len(core_text) < 2 and type_ != "Park":
            return
        if "weak" in suffix.flags and (len(core_text) > 8 or len(core_text) < 2):
            if not policy_named:
                return
        # a place alone before a weak suffix is not a name (重庆中心)
    if sm.text[start:end] in lex.places:
        return
    if "designated" in suffix.flags and not _DESIGNATION.search(sm.text, start, end):
        return  # 某某生产基地 is a firm's site; 国家远洋渔业基地 a designated base (rule 10)
    if (
        suffix.text == "大学"
        and sm.text.startswith("科技园", end)
        and sm.text.endswith("国家大学", 0, end)
    ):
        return  # X大学国家大学科技园: a designation's words, no second university
    if _COUNTED_ZONES.match(sm.text[start:end]):
        return
    if _SLOGAN.fullmatch(sm.text, start, end):
        return  # "一城多园", "一区多园": a layout slogan, not a park
    if _COUNTED.search(sm.text, max(0, start - 8), start) or _COUNT_START.match(sm.text, start):
        return  # "建设了2个省级工程技术研究中心": a class counted, not one named body
    if type_ == "Park" and (
        _GOAL.search(sm.text, max(0, start - 8), start) or _RANKED_AIM.match(sm.text, start)
    ):
        return  # "打造成为先进氢能社会示范区": a goal, not a park on the map
    if suffix.text == "中心" and _GOAL_CENTRE.search(sm.text, max(0, start - 12), start):
        return  # "打造面向中亚的区域数字经济中心": a goal, not a body
    score = 0.8 if "weak" not in suffix.flags else 0.6
    sm.add(start, end, type_, "suffix", score)


def _is_left_edge(sm: SentenceMentions, t: Token, lex) -> bool:
    """Nothing of a name can stand left of this token (a break, stop word or verb)."""
    return (
        t.is_break
        or t.text in lex.stop_tokens
        or (len(t.text) >= 2 and pos_tag(t.text) in STOP_TAGS)
    )


def _title_after(sm: SentenceMentions, end: int) -> bool:
    """A person's title glued to the name's end (湖南工程学院 + 院长: jieba's 学院院长)."""
    t = sm.token_inside(end)
    return t is not None and sm.text[end : t.end] in known.TITLES


def _inside_org_word(sm: SentenceMentions, end: int, suffix: str) -> bool:
    """A suffix inside a dictionary organisation word: 北京大学 in 北京大学第三医院."""
    if len(suffix) < 2 or sm.lex.suffixes[suffix].type == "Park":
        return False
    t = sm.token_inside(end)
    if t is not None:
        return len(t.text) >= 6 and pos_tag(t.text) == "nt" and end - t.start >= 4
    return False
