"""Signal ``industry``: industry terms used as industries.

A term of the SKOS scheme counts only in an industry context: inside a park's
name before its suffix (金凤生物医药产业园), before a cue (产业, 领域, 企业…), in a
list introduced by a focus trigger (重点发展, 聚焦…) or with other industries.
An unknown item counts when it shares a cued list with a known one
(农牧高新, 脑部微创介入).
"""

from __future__ import annotations

import re

from kg.document import Mention
from kg.extract.names import pos_tag
from kg.extract.sentence import SentenceMentions
from kg.extract.signals.literals import Prefiltered
from kg.extract.tokens import bracket_inner, is_cjk_numeral

_PARK_TAIL = re.compile(
    r"(?:特色|生态|科技|创新|先进|工业|高新|高技术|产业|制造|示范|研发及生产){0,3}"
    r"(?:园区|产业园|科技园|园|城|基地|小镇|谷|功能区|产业区)(?:[（(][^（()）]*[）)])?$"
)


_CUE = re.compile(
    r"等?(?:[一二三四五六七八九十两0-9]+(?:大|条|个|类))?(?:优势|主导|重点|新兴|未来|特色|支柱|战略性新兴|优质|高端|现代|关联|相关|龙头|头部|领军|链主|骨干|地标|标志性|先导|千亿级|百亿级|万亿级|(?<=等)关键|(?<=等)核心|(?<=等)前沿){0,2}"
    r"(?:新(?=板块|赛道|领域|业态)|全(?=产业链))?(?:(?:研发)?(?:生产|研制)(?=企业|商))?"
    r"(?:产业集群|产业体系|产业链|产业|领域|行业|企业集群|集群|赛道|板块|方向|门类|(?<=等)环节|(?<=关键)环节|(?<=核心)环节|(?<=等新)业态|(?<=等新兴服务)业态|(?<=等服务)业态|(?<![的新])业务|(?<![新的])高地|类?企业"
    r"|制造商|供应商|服务商|生产商|运营商|提供商|龙头(?!企业))"
    r"(?![园城]|基地|新城)"  # 产业园, 产业基地: a park's name, no cue
)
_CUE = Prefiltered(_CUE)  # searched in every clause: first a test for its heads' words


# what closes a list the clause says a park is mainly about: "以A和B为主"
_AS_MAIN = re.compile(r"为(?:主|主导|重点|核心|特色|支柱)(?!要|体|题|任|导产业)")

# a count of the industries just listed: 三大, 两条, 四个
_COUNT_WORD = re.compile(r"[一二三四五六七八九十两]+(?:大|条|个|类)")

# words that count kinds before a class of products: 各类, 多种, 一系列
KINDS_BEFORE = re.compile(r"(?:各类|各种|多种|多款|多类|一系列|系列|全系列|各型)")

# verbs that name a firm's line of business before an industry term
_BUSINESS_CUE = re.compile(
    r"(?P<verb>专注于?|主营|专业从事|主要从事|从事|深耕|进军|致力于|主要生产|主要建造|主要产品为"
    r"|拓展(?=[^，,。；;]{2,10}?(?:业务|市场)))"
    r"(?:全球|国内|高端)?"
)

# "以芳纶等特种纤维为主业": a firm's main business
MAIN_LINE = re.compile(r"以([^，,。；;以为的]{2,20}?)为(?:主业|主营业务|核心业务)")
# "把X作为首位产业": the industry a park makes its main one
_MADE_MAIN = re.compile(
    r"把([^，,。；;把的]{2,12}?)作为(?:其|全区|园区)?(?:第一|首位|主导|支柱|特色|优势|核心)产业"
)

# "以X为核心，A、B和C协同发展的产业体系": the core and the industries around it
_CORE_AND_SATELLITES = re.compile(
    r"以([^，,。；;以为的]{2,24}?)为(?:核心|主导|龙头|引领|主体|牵引|支撑|基础)[，,、]"
    r"([^，,。；;的]{2,40}?)(?:为配套|为补充|为支撑|(?:协同|配套|融合|联动|集聚|一体化)?发展)的"
    r"(?:现代)?(?:产业体系|产业格局|产业集群|产业链|产业生态)"
)

# "专注于X的“专精特新”企业": a kind of firm after the object, which is whole
_FIRM_KIND = re.compile(r"(?:“[^”]{1,8}”|[^，,。；;的]{0,6})(?:企业|公司|厂商|制造商)")

# verbs of a line of business that parks share: a firm's only right after the firm
_FIRM_FOCUS = re.compile(r"(?P<verb>聚焦于?|主攻|专攻)(?:全球|国内|高端)?")
_FIRM_FOCUS_GAP = re.compile(r"(?:则|也|还|主要|一直|始终|长期)?")


_FIRM_FIELD = re.compile(
    r"在(?:全球|国内|国际|全国)?((?:[^，,。；;在的、和及与]{2,10}?[、和及与]){0,4}"
    r"[^，,。；;在的、和及与]{2,10}?)(?:等)?领域"
)
_SHORT_NAME_OPENS = re.compile(r"[\u4e00-\u9fff]{2,6}")
_FIELD_OF_FIRM_CLASS = re.compile(
    r"(?:是|为|系)(?:国内|全国|全球|省内|当地|我国|国际)?([^，,。；;的是为在]{2,10}?)"
    r"(?:产业|行业|领域)的[^，,。；;的]{0,6}?(?:企业|公司|厂商)"
)
# between the firm and its field: a short name in brackets, adverbs
_FIRM_FIELD_GAP = re.compile(
    r"(?:[（(][^（）()]{1,12}[）)])?(?:则|也|还|主要|一直|始终|长期|已经|已)?$"
)


def _right_after_firm(text: str, at: int, firm_ends: set[int], gap: re.Pattern) -> bool:
    """A firm's name ends at most three characters before ``at``, and only ``gap``
    (an adverb: "A则聚焦…", "A是…") stands between the nearest such end and ``at``."""
    end = next((at - n for n in range(4) if at - n in firm_ends), None)
    return end is not None and gap.fullmatch(text, end, at) is not None


# the industries a park is mainly about: "以X和Y为主导产业"
_MAIN_INDUSTRY = re.compile(
    r"以([^，,。；;以为的]{2,26}?)为(?:主导|首位|支柱|特色|优势|核心|第一)的?"
    r"(?:产业|现代产业体系|产业体系|产业格局)"
)

# fields a verb of research works on: "(联合|重点)攻关X和Y技术"
_TACKLES = re.compile(r"攻关([^，,。；;：:]{2,30}?)(?:等)?(?:关键|核心|共性)?技术")
# fields research is done around: "围绕X和Y开展(联合)攻关"
_AROUND_RESEARCH = re.compile(
    r"围绕([^，,。；;：:]{2,30}?)(?:开展|进行)(?:联合|技术|科研|科技)?(?:攻关|研究|研发|攻坚)"
)

# the end of a business's object that says it is a market: "进军储能市场"
_MARKET_END = re.compile(r"(?:市场|赛道)(?=$|[，,。；;、和及与])")

# heads of a class of products a firm makes: 肿瘤药物, 体外诊断试剂 (rule 14)
_CLASS_HEADS = ("药物", "药品", "制剂", "试剂", "器械", "疫苗", "原料药")


# the making that ends a business's object: "滑雪板研发生产"
_MADE = re.compile(
    r"(?:(?:研发|设计)(?:和|与|及)?)?(?:生产制造|生产|制造|研制|建造|研发|设计)(?:和?销售)?"
    r"(?=$|[，,。；;、])"
)


# endings that leave the field before them: X技术, X业务, X领域
_NOT_MADE_ENDS = ("技术", "业务", "领域", "方向", "行业", "产业", "板块", "赛道")


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _made_class(sm: SentenceMentions, start: int, end: int) -> bool:
    """An unknown item of what a firm makes: a noun phrase of two to eight
    characters that ends in a noun and names no activity (技术创新, 产品研发)."""
    name = sm.text[start:end]
    # (CMOS图像传感器, 碳化硅MOSFET: a Latin word counts as one character)
    if (
        not 2 <= len(_LATIN_WORD.sub("A", name)) <= 8
        or name.endswith(_ACTIVITY_ENDS)
        or name in _BARE_NOUNS
    ):
        return False
    if any(c.isspace() for c in name) or name.endswith(_NOT_MADE_ENDS):
        return False  # 深耕 万木竞秀: a headline's two phrases; X技术研发, X业务: the field is X
    last = sm.token_ends.get(end)
    if last is None or start not in sm.token_starts:
        return False
    word = sm.tokens[last].text
    tag = pos_tag(word)
    # (or a one-character head jieba split off: 高空作业 + 车)
    return tag in (None, "n", "nz", "nr", "eng", "j", "l", "vn") or (
        len(word) == 1 and word not in sm.lex.stop_tokens and tag in ("zg", "ng", "q", "k")
    )


def _product_class(name: str) -> bool:
    """A class of products named by its kind and a modifier (中枢神经系统药物)."""
    return 4 <= len(name) <= 10 and name.endswith(_CLASS_HEADS)


# research on fields: "重点开展X、Y等(共性)技术攻关", "长期从事X和Y技术研发"
RESEARCH_CUE = re.compile(r"开展|从事")
RESEARCH_END = re.compile(
    r"等?(?:的)?(?:共性|关键|核心|前沿)?(?:技术(?:攻关|研发|研究)|攻关|(?<=[^的])(?:研发|研究)(?![院所中室]))"
)

# firms counted after their industry: "企业已超过60家", "企业达300余家"
_FIRMS_COUNTED = re.compile(
    r"(?:产业|行业)?(?:相关)?(?:企业|公司)(?:已|共|累计|数量)?(?:超过|达到|达|近|逾|突破)?"
    r"[0-9一二三四五六七八九十百千]+[余多]?[家个]"
)
# a base of an industry that a park aims to become, and the verbs of aiming
_AIMED_BASE = re.compile(r"(?:产业|制造|生产|研发)?(?:基地|高地|集聚区|之都)(?![\u4e00-\u9fff])")
_AIM_VERB = re.compile(r"(?:打造|建设|建成|培育)[^，,。；;]{0,12}$")

# "X是P的主导产业": what follows an industry that is a park's own (P in the gap)
IS_PARKS_INDUSTRY = re.compile(
    r"(?:产业)?(?:则|也|已|已经)?(?:是|为|成为)([^，,。；;]{2,20}?)的"
    r"(?:第一|首位|主导|支柱|特色|优势|核心|重点|战略性新兴|新兴)(?:产业|行业)"
)

# a firm's own site of a class: "建设 + 储能电池 + 基地"
BUILT_BEFORE = re.compile(r"(?:投资建设|建设|新建|扩建|投建)$")
OWN_SITE = re.compile(r"(?:生产|制造|研发|研发生产)?(?:基地|项目|工厂|产线|生产线)")

# projects counted after a class of products: "智能手机项目16个"
_COUNTED_PROJECTS = re.compile(r"项目[0-9一二三四五六七八九十百千]+余?[个项]")

_CLAUSE = re.compile(r'[^，,。；;：:！!？?“”"（）()《》\n]+')


_SEP = re.compile("[、和及与]")
# where the objects of a business verb end: "…装备的研发制造", a clause break
_BUSINESS_END = re.compile(r"[的，,。；;：:！？（(]|等")


_FOCUS_CACHE: dict[int, Prefiltered] = {}


_COPULA = re.compile(r"(?:起|了|出)?(?:为|是|即|有|包括|包含|涵盖)?")
# heads of phrases that name a capacity, a system or a means, never an industry
_NOT_INDUSTRY_HEADS = (
    "能力",
    "体系",
    "平台",
    "机制",
    "环境",
    "水平",
    "人才",
    "引才",
    "氛围",
    "模式",
    "理念",
    "效率",
    "质量",
    "品牌",
    "政策",
    "土地",
    "资金",
    "要素",
    "载体",
    "工程",
)


def _focus_pattern(lex) -> Prefiltered:
    """One regex over the focus triggers (overlapping, so every trigger end is seen)."""
    key = id(lex)
    if key not in _FOCUS_CACHE:
        words = sorted(set(lex.triggers.get("focus", ())) | {"以", "对"}, key=len, reverse=True)
        pattern = re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")
        _FOCUS_CACHE[key] = Prefiltered(pattern)  # (most clauses hold no trigger)
    return _FOCUS_CACHE[key]


def _term_in_context(sm: SentenceMentions, start: int, end: int) -> float | None:
    """The score of a known term at ``start:end`` that what stands around it makes an
    industry, or None.

    "集成电路是苏州工业园区的主导产业" (a park's own), "量子企业已超过60家" (firms
    counted by it), "打造世界级轨道交通装备产业基地" (a base a park aims at),
    "签下智能手机项目16个", "A、B等动力电池项目" (a class of projects, rule 14) and
    "投资建设储能电池基地" (the class of a firm's own project).
    """
    text = sm.text
    if (IS_PARKS_INDUSTRY.match(text, end) or _FIRMS_COUNTED.match(text, end)) and _left_edge(
        sm, start
    ):
        return 0.7
    if _AIMED_BASE.match(text, end) and _AIM_VERB.search(text, max(0, start - 16), start):
        return 0.65
    if (
        _COUNTED_PROJECTS.match(text, end)
        or (text[start - 1 : start] == "等" and text.startswith("项目", end))
        or (BUILT_BEFORE.search(text, max(0, start - 4), start) and OWN_SITE.match(text, end))
    ) and not sm.inside_org(start, end):
        return 0.6
    return None


def _park_suffixes(lex) -> list[str]:
    cached = _PARK_SUFFIXES.get(id(lex))
    if cached is None or cached[0] is not lex:
        cached = _PARK_SUFFIXES[id(lex)] = (
            lex,
            [k for k, v in lex.suffixes.items() if v.type == "Park" and len(k) >= 2],
        )
    return cached[1]


_PARK_SUFFIXES: dict[int, tuple[object, list[str]]] = {}


def _verb_on_firms(sm: SentenceMentions, start: int, end: int) -> bool:
    """已孵化企业300余家: a verb acting on firms, not the firms' industry."""
    return sm.text.startswith("企业", end) and pos_tag(sm.text[start:end]) in ("v", "vd")


def _known_segment(name: str, lex) -> bool:
    """A known industry and a kind of its products: 风电 + 整机, 光伏 + 组件."""
    return (
        len(name) <= 8
        and name.endswith(_PRODUCT_HEADS)
        and any(name[:n] in lex.industries for n in range(2, len(name) - 1))
    )


def _tail_terms(phrase: str, lex) -> list[str]:
    """Lexicon industries that end ``phrase`` (医疗器械 for 骨科医疗器械)."""
    seen = _TAILS.get(id(lex))
    if seen is None or seen[0] is not lex or len(seen[1]) > 1 << 16:
        seen = _TAILS[id(lex)] = (lex, {})  # (phrases repeat: remembered, at most 64k)
    out = seen[1].get(phrase)
    if out is None:
        out = seen[1][phrase] = [
            phrase[k:] for k in range(len(phrase) - 1) if phrase[k:] in lex.industries
        ]
    return out


_TAILS: dict[int, tuple[object, dict[str, list[str]]]] = {}


def find(sm: SentenceMentions) -> None:
    """Industry terms used as industries: in lists and before 产业/领域/企业 cues.

    A lexicon term counts only in an industry context (教育 in 教育培训 does
    not); an unknown item counts when it shares a list with a known one.
    """
    lex = sm.lex
    text = sm.text
    hits: dict[int, int] = {}
    ends = sm.memo[_TERM_ENDS] = {}  # end → the starts of the terms ending there
    for end, word in lex.industry_automaton.iter(text):
        start = end - len(word) + 1
        ends.setdefault(end + 1, []).append(start)
        if start not in hits or hits[start] < end + 1:
            hits[start] = end + 1
    # inside park names: 金凤生物医药产业园 → 生物医药 (longest term in the park's name)
    for p in [m for m in sm.found if m.type == "Park"]:
        for start, end in _park_name_industries(sm, p, hits):
            sm.add(start, end, "Industry", "park-name", 0.75)
    # a firm's line of business: "专注于新能源汽车电驱动", "进军储能市场" (rules 14, 18);
    # "A聚焦X和Y": a verb a park also takes, a firm's business only right after the firm
    firm_ends = {f.end for f in sm.found if f.type == "Company"}
    firm_starts = {f.start for f in sm.found if f.type == "Company"}
    focused = (
        m
        for m in _FIRM_FOCUS.finditer(text)
        if _right_after_firm(text, m.start(), firm_ends, _FIRM_FOCUS_GAP)
    )
    for m in (*_BUSINESS_CUE.finditer(text), *focused):
        # the object starts after the verb, or after its qualifier (专注于 + 高端…), at
        # a word's start; jieba may glue 于 to the object (专注 + 于高端…)
        obj = next(
            (
                k
                for k in (m.end(), m.end("verb"))
                if k in sm.token_starts or (text[k - 1] == "于" and k - 1 in sm.token_starts)
            ),
            None,
        )
        if obj is None:
            continue
        # "专注于地下工程装备和特种装备的研发", "主要生产锂电池电解液": items ending
        # in a known term
        stop = _BUSINESS_END.search(text, obj)
        span_end = stop.start() if stop else len(text)
        # "进军核药市场": what the business opens is a market, an industry (rule 18)
        market = _MARKET_END.search(text, obj, span_end)
        if market is not None:
            span_end = market.start()
        # "专注于滑雪板研发生产", "专注于X和Y的研发", "主营X和Y。": a whole object the
        # firm makes; its items are classes of products, known or not (rule 14)
        made = _MADE.search(text, obj, span_end)
        whole = (
            made is not None
            or (stop is not None and stop.group() in "，,。；;" or span_end == len(text))
        ) and m.group("verb") != "主要产品为"  # (products, not classes: rule 7)
        if made is not None:
            span_end = made.start()
        elif text.startswith("的", span_end) and (
            _MADE.match(text, span_end + 1)
            or span_end + 1 in firm_starts
            or _FIRM_KIND.match(text, span_end + 1)
        ):
            whole = True  # "…的研发", "专注于X的A公司": the whole object names the firm's line
        if span_end - obj <= 24:
            k = obj
            for piece in re.split("([和、及与])", text[obj:span_end]):
                s0, e0 = k, k + len(piece)
                k = e0
                # "主要生产各类精密轴承": a count of kinds is no part of the class
                kinds = KINDS_BEFORE.match(piece)
                if kinds and len(piece) - kinds.end() >= 2:
                    s0 += kinds.end()
                    piece = piece[kinds.end() :]
                if len(piece) < 2 or piece in "和、及与" or sm.overlaps(s0, e0):
                    continue
                if (
                    piece in lex.industries
                    or (len(piece) <= 8 and _tail_terms(piece, lex))
                    or (market is not None and len(piece) <= 8 and piece not in QUALIFIERS)
                    or _product_class(piece)
                    or (whole and market is None and _made_class(sm, s0, e0))
                ) and _plausible_industry(sm, s0, e0):
                    sm.add(s0, e0, "Industry", "business", 0.55)
        # else the term the verb's object starts with: "专注于新能源汽车电驱动" (and
        # "专注于第三代半导体氮化镓芯片": a long phrase is the industry and its product)
        end = hits.get(obj)
        if end is not None and end in sm.token_ends and not sm.overlaps(obj, end):
            # (ending a word: not CMO of CMOS)
            sm.add(obj, end, "Industry", "business", 0.6)
    # "A在X领域深耕多年": the field a firm works in, right after the firm (rule 7)
    # ("A（a）在X、Y和Z领域积累深厚": the fields of a list, after a short name too)
    for m in _FIRM_FIELD.finditer(text):
        gap = _FIRM_FIELD_GAP.search(text, max(0, m.start() - 16), m.start())
        if gap is None or gap.start() not in firm_ends:
            continue
        k = m.start(1)
        for piece in re.split("([、和及与])", m.group(1)):
            s0, e0 = k, k + len(piece)
            k = e0
            if (
                len(piece) >= 2
                and s0 in sm.token_starts
                and e0 in sm.token_ends
                and not sm.overlaps(s0, e0)
                and _plausible_industry(sm, s0, e0)
            ):
                sm.add(s0, e0, "Industry", "business", 0.55)
    # "A是玉米深加工领域的骨干企业": the field of the firm the copula classes
    # (or a short name opening the sentence, which the document's full names explain)
    for m in _FIELD_OF_FIRM_CLASS.finditer(text):
        s0, e0 = m.span(1)
        if (
            (
                _right_after_firm(text, m.start(), firm_ends, _FIRM_FIELD_GAP)
                or _SHORT_NAME_OPENS.fullmatch(text, 0, m.start())
            )
            and s0 in sm.token_starts
            and e0 in sm.token_ends
            and not sm.overlaps(s0, e0)
            and _plausible_industry(sm, s0, e0)
        ):
            sm.add(s0, e0, "Industry", "business", 0.55)
    # "重点开展盐湖提锂、镁基材料等技术攻关": fields of research (rule 14)
    for m in RESEARCH_CUE.finditer(text):
        stop = _BUSINESS_END.search(text, m.end())
        clause_end = min(stop.start() if stop and stop.group() != "等" else len(text), m.end() + 48)
        tail = RESEARCH_END.search(text, m.end(), clause_end)
        if tail is None:
            continue
        pieces = re.split("([和、及与])", text[m.end() : tail.start()])
        items = [p for p in pieces if p not in "和、及与"]
        if tail.group() in ("研发", "研究") and (
            "等" in text[m.end() : tail.start()]
            or not (
                any(p in lex.industries or _tail_terms(p, lex) for p in pieces)
                or (len(items) >= 2 and all(len(p) >= 4 for p in items))
            )
        ):
            # "开展柑橘、水稻等种质创制研究": a bare 研究 needs known fields, or two or
            # more named at length ("开展蛋白纤维发丝和可降解发丝研发")
            continue
        k = m.end()
        for piece in pieces:
            s0, e0 = k, k + len(piece)
            k = e0
            if piece.endswith("技术") and len(piece) > 4:
                e0 -= 2
            # a field of research is no brand: 超快 + 激光 was guessed a firm's name
            guess = [m for m in sm.found if (m.start, m.end) == (s0, e0) and m.source == "brand"]
            if guess:
                sm.found[:] = [m for m in sm.found if m not in guess]
            if 2 <= e0 - s0 <= 10 and not sm.overlaps(s0, e0) and _plausible_industry(sm, s0, e0):
                sm.add(s0, e0, "Industry", "business", 0.55)
    # "以发制品为主导产业", "以煤制油和煤制气为主导产业": a park's main industries,
    # known or not
    mains = (
        *_MAIN_INDUSTRY.finditer(text),
        *_CORE_AND_SATELLITES.finditer(text),
        *_MADE_MAIN.finditer(text),
        *MAIN_LINE.finditer(text),
    )
    spans = [(mm.start(g), mm.group(g)) for mm in mains for g in range(1, mm.re.groups + 1)]
    for k, items in spans:
        for piece in re.split("([和、及与]|等)", items):
            s0, e0 = k, k + len(piece)
            k = e0
            # (jieba may glue 以 to the industry: 以藤铁 + 工艺)
            starts = s0 in sm.token_starts or s0 - 1 in sm.token_starts
            if (
                2 <= len(piece) <= 8
                and starts
                and _plausible_industry(sm, s0, e0, over_brands=True)
            ):
                # a main industry is no brand: 远洋渔业 + 装备 was guessed a firm
                sm.found[:] = [
                    f
                    for f in sm.found
                    if not (f.source == "brand" and (f.start, f.end) == (s0, e0))
                ]
                if not sm.overlaps(s0, e0):
                    sm.add(s0, e0, "Industry", "industry-list", 0.6)
    # "联合攻关高温材料和燃烧污染物控制技术", "围绕工业酶设计和二氧化碳生物转化开展
    # 攻关": the fields research works on or is done around
    for m in (*_TACKLES.finditer(text), *_AROUND_RESEARCH.finditer(text)):
        k = m.start(1)
        for piece in re.split("([和、及与])", m.group(1)):
            s0, e0 = k, k + len(piece)
            k = e0
            if (
                2 <= len(piece) <= 10
                and piece not in "和、及与"
                and not piece.endswith(_ACTIVITY_ENDS)
                and not sm.overlaps(s0, e0)
                and _plausible_industry(sm, s0, e0)
            ):
                sm.add(s0, e0, "Industry", "business", 0.55)
    # a known term the words around it make an industry (see _term_in_context)
    for start, end in hits.items():
        if start in sm.token_starts and not sm.overlaps(start, end):
            score = _term_in_context(sm, start, end)
            if score is not None:
                sm.add(start, end, "Industry", "lexicon", score)
    # lists of industries and single terms followed by a cue
    for items, cued, triggered in _industry_lists(sm):
        known = [
            it
            for it in items
            if text[it[0] : it[1]] in lex.industries
            or _tail_terms(text[it[0] : it[1]], lex)
            or _known_segment(text[it[0] : it[1]], lex)
        ]
        if (
            not known
            and len(items) >= 2
            and (
                (cued and _FIELDS_CLOSE.match(text, items[-1][1]))
                # "重点引进A、B、C等上游项目": classes of projects a plan names (rule 14)
                or (triggered and len(items) >= 3 and _PROJECTS_CLOSE.match(text, items[-1][1]))
                # "形成了从A、B到C的完整产业链": the segments of a chain (rule 6)
                or any(
                    m.start() <= items[0][0] and items[-1][1] <= m.end()
                    for m in _SPAN_CHAIN.finditer(text)
                )
                # "产业园重点发展木吉他、电吉他和吉他配件": what a park's plan names
                or (triggered and _STRONG_FOCUS.search(text, max(0, items[0][0] - 6), items[0][0]))
            )
        ):
            # "补齐A、B、C等关键器件领域的短板": items the text calls fields are
            # industries even when none is known (rule 6)
            known = [
                it
                for it in items
                if _plausible_industry(sm, *it, over_brands=True)  # (石英 + 材料: no brand)
                and (it[1] - it[0] >= 3 or pos_tag(text[it[0] : it[1]]) in ("n", "nz"))
                and not text.endswith(_ACTIVITY_ENDS, it[0], it[1])  # 材料研发: an activity
            ]
            if len(known) < len(items):
                known = []
        for start, end in items:
            name = text[start:end]
            if (
                cued
                and name not in lex.industries
                and not _plausible_industry(sm, start, end, over_brands=len(known) >= 2)
            ):
                # "风、光资源吸引了众多清洁能源企业": the term that ends the item before the cue
                tails = [w for w in _tail_terms(name, lex) if end - len(w) in sm.token_starts]
                if tails:
                    start = end - len(max(tails, key=len))
                    name = text[start:end]
            elif triggered and name not in lex.industries and "的" in name:
                # "聚焦航空物流和冷链物流的格局": the term before 的 ends the last item
                head = name[: name.index("的")]
                if head in lex.industries:
                    end = start + len(head)
                    name = head
            brand_guess = len(known) >= 2 and any(
                m.source == "brand" and start <= m.start and m.end <= end for m in sm.found
            )
            if (sm.inside_org(start, end) and not brand_guess) or sm.inside_park(start, end):
                continue
            if _verb_on_firms(sm, start, end):
                continue
            if name in lex.industries or (cued and _acronym_product(sm, start, end)):
                exact = [it for it in items if text[it[0] : it[1]] in lex.industries]
                if cued or triggered or len(exact) >= 2:
                    sm.add(start, end, "Industry", "lexicon", 0.75)
            elif (
                known
                and (cued or triggered)
                and _plausible_industry(sm, start, end, over_brands=len(known) >= 2)
            ):
                # 0.6 beats a brand guess on the same span (类脑智能 among two industries);
                # one inside the item is no firm either (智能钻 + 完井装备)
                if len(known) >= 2:
                    sm.found[:] = [
                        f
                        for f in sm.found
                        if not (f.source == "brand" and start <= f.start and f.end <= end)
                    ]
                sm.add(start, end, "Industry", "industry-list", 0.6 if len(known) >= 2 else 0.55)
    _firm_classes(sm)
    _firm_nouns(sm)
    _named_sectors(sm)
    _extend_qualified(sm)


# what a sector word is followed by when it names the sector: "吉他产业产值", "百亿级
# 吉他产业", "吉他产业链" (not 产业园, 产业基地: a park's name)
_SECTOR_AFTER = re.compile(r"产业(?!园|基地|集聚区|新城|小镇|化|工人)")


# word classes no product's name has (jieba tags 吉他 ns and 龙虾 nr: names it knows)
_NOT_A_PRODUCT_TAGS = frozenset(
    ("v", "vn", "vd", "a", "ad", "an", "d", "m", "q", "r", "t", "p", "c", "u", "b", "f", "l", "i")
)


def _after_place(sm: SentenceMentions, ti: int) -> bool:
    return ti > 0 and sm.tokens[ti - 1].text in sm.lex.places  # 盱眙县 + 龙虾产业


def _named_sectors(sm: SentenceMentions) -> None:
    """An unknown noun the text calls a 产业 is an industry (rule 6): "吉他产业",
    "大闸蟹产业"; one word only, a product's name, no generic or place word."""
    text = sm.text
    lex = sm.lex
    for m in _SECTOR_AFTER.finditer(text):
        ti = sm.token_ends.get(m.start())
        if ti is None:
            continue
        t = sm.tokens[ti]
        if len(t.text) == 1 and t.text in lex.industries:
            # 茶产业, 铜产业: a one-character industry the lexicon knows, after a
            # word a name cannot go on from (园区 + 茶产业)
            before = sm.tokens[ti - 1] if ti > 0 else None
            if (
                before is None
                or _left_edge(sm, t.start)
                or before.text in lex.places
                or before.text in lex.generic
            ) and not sm.overlaps(t.start, t.end):
                sm.add(t.start, t.end, "Industry", "sector", 0.6)
            continue
        if (
            t.kind != "word"
            or not 2 <= len(t.text) <= 4
            or pos_tag(t.text) in _NOT_A_PRODUCT_TAGS
            or t.text in lex.industries
            or t.text in lex.generic
            or t.text in lex.places
            or t.text in lex.stop_tokens
            or t.text[-1] in "全级化性值强型"  # 南繁 + 全产业链, 世界级产业, 较强产业
            or t.text[0] in "对较更很最"
            or is_cjk_numeral(t.text[0])  # 四大产业: a count of sectors
            or not (_left_edge(sm, t.start) or _after_place(sm, ti))
            or sm.overlaps(t.start, t.end)
            or sm.inside_org(t.start, m.end())
            or sm.inside_park(t.start, m.end())
        ):
            continue
        if _plausible_industry(sm, t.start, t.end):
            sm.add(t.start, t.end, "Industry", "sector", 0.55)


# "A、B等封装和照明应用企业", "A这样的外延片企业": the class of the firms just named
_FIRM_CLASS = re.compile(
    r"(?:等|这样的|这类|一样的|在内的)(?:一批|多家|[0-9一二三四五六七八九十]+家)?"
    r"(?P<cls>[^，,。；;：:（）()“”的\n]{2,20}?)(?:生产|制造|研发)?(?:企业|厂商|制造商|生产商|供应商)"
)
# what ranks firms rather than classes them: 行业龙头, 细分领域领军
_RANKS = ("行业", "龙头", "头部", "领军", "链主", "骨干", "标杆", "领先", "知名", "优质")


def _firm_classes(sm: SentenceMentions) -> None:
    """The industries that classify the firms a list has just named (rule 7), known
    to the lexicon or not: the frame itself says they are industries."""
    text = sm.text
    for m in _FIRM_CLASS.finditer(text):
        if not any(f.end == m.start() and f.type in ("Company", "Institution") for f in sm.found):
            continue
        k = m.start("cls")
        for piece in re.split("([、和及与])", m.group("cls")):
            s0, e0 = k, k + len(piece)
            k = e0
            if len(piece) < 2 or sm.overlaps(s0, e0) or piece in sm.lex.industries:
                continue
            if piece in _PRODUCT_HEADS or any(w in piece for w in _RANKS):
                continue  # 整机生产企业, 行业龙头企业: a bare kind of product, a rank
            if s0 in sm.token_starts and e0 in sm.token_ends and _plausible_industry(sm, s0, e0):
                sm.add(s0, e0, "Industry", "industry-list", 0.55)


_HAN = re.compile("[\u4e00-\u9fff]")
_COUNTED_FIRMS = re.compile("[一二三四五六七八九十两几多][家个批类]")
# the noun that classes a firm by its industry: "索道企业A", "A是X龙头企业"
_FIRM_HEAD = re.compile(
    r"(?:龙头|领军|骨干|重点|知名|领先|链主|头部)?(?:生产|制造|研发|研发生产)?"
    r"(?:企业|厂商|制造商|供应商|生产商)|龙头(?!企业)"
)
# a copula that says what its subject is: "A是…", "A作为…"
_IS_A = re.compile(r"(?:是|为|系|作为|成为)")
# the parts of speech a class of products or a field is made of
_CLASS_TAGS = (None, "n", "nz", "vn", "eng", "j", "an", "nr", "nrt", "l", "ng")


def _firm_nouns(sm: SentenceMentions) -> None:
    """The industry of a firm the text classes by it, known to the lexicon or not
    (rule 7): "索道企业A", "全球造雪机龙头企业A", "A是国内高精度定位服务龙头企业".

    The class is the run of noun-like words right before the firm noun, after a
    break, 的, a copula or a count; the firm is named right after the noun or is
    the subject of a copula before the class."""
    text = sm.text
    orgs = [m for m in sm.found if m.type in ("Company", "Institution")]
    if not orgs:
        return
    for m in _FIRM_HEAD.finditer(text):
        if sm.inside_org(m.start(), m.end()):
            continue
        named_after = any(o.start == m.end() for o in orgs)
        subject = any(
            o.end <= m.start() and _IS_A.search(text, o.end, m.start())
            and not re.search(r"[，,。；;]", text[o.end : m.start()])
            for o in orgs
        )  # fmt: skip
        if not (named_after or subject):
            continue
        k = sm.token_ends.get(m.start())
        words = []
        while k is not None and k >= 0:
            t = sm.tokens[k]
            tag = pos_tag(t.text)
            if (
                t.kind not in ("word", "latin")
                or (t.kind == "word" and not _HAN.search(t.text))  # ②, ※: no part of it
                or t.text in sm.lex.stop_tokens
                or t.text in sm.lex.places
                or (tag not in _CLASS_TAGS and not (tag == "v" and not words))
                or m.start() - t.start > 8
            ):
                break
            words.insert(0, t)
            k -= 1
        if words and pos_tag(words[0].text) == "v":
            continue  # (a head jieba tags a verb only after a noun: 化纤 + 发丝)
        if words and words[-1].text in sm.lex.generic:
            continue  # 本土企业, 大赛参赛企业: a kind of firm, no class
        if any(_COUNTED_FIRMS.search(t.text) for t in words):
            continue  # 另一家龙头企业: a count of firms
        while words and words[0].text in sm.lex.generic:
            words.pop(0)  # (a generic word before the class is no part of it)
        before = sm.tokens[k] if k is not None and k >= 0 and words else None
        if (
            before is not None
            and before.kind == "word"
            and len(before.text) == 1
            and _HAN.match(before.text)
            and before.text not in "的是为等和与及"
            and before.text not in sm.lex.stop_tokens
        ):
            continue  # 覆 + 铜板: the class would start inside a word jieba split
        start = words[0].start if words else m.start()
        start = _qualifier_start(text, start)  # (深远 + 海养殖装备: 深远海 is one qualifier)
        if m.start() - start < 2 or sm.overlaps(start, m.start()):
            continue
        if _plausible_industry(sm, start, m.start()):
            sm.add(start, m.start(), "Industry", "firm-class", 0.55)


# words that make a qualified industry of their own (rule 6: 高端氢能 beside 氢能)
QUALIFIERS = frozenset(
    "高端 先进 现代 智慧 智能 新型 精细 高性能 硅基 碳基 生物基 清洁 新一代 战略性 "
    "绿色 数字 海洋 农业 纳米 航空 临空 精深 远洋 深海 深远海 功能性 "
    "精密 轻型 重型 工业级 再生 可降解 医用 特种".split()
)


def _qualifier_start(text: str, start: int) -> int:
    """``start``, or the start of a qualifier that jieba split across it (深远 + 海)."""
    for q in QUALIFIERS:
        for k in range(1, len(q)):
            if start - k >= 0 and text.startswith(q, start - k):
                return start - k
    return start


def _extend_qualified(sm: SentenceMentions) -> None:
    """Grow industry mentions over a qualifier or a second industry on their left
    (高端 + 新材料, 新能源 + 新材料) and over 制造业/服务业 on their right.

    A qualified form and a compound without a conjunction are industries of their
    own (guidelines rules 2, 6); the lexicon only knows their parts.
    """
    text = sm.text
    lex = sm.lex
    absorbed: set[int] = set()
    for m in sm.found:
        if m.type != "Industry" or m.source == "park-name" or id(m) in absorbed:
            continue
        start, end = m.start, m.end
        # "深耕集成电路封装测试领域": two terms found apart that touch are one compound
        left = next(
            (
                o
                for o in sm.found
                if o.end == start and o.type == "Industry" and o.source != "park-name"
            ),
            None,
        )
        if (
            left is not None
            and end - left.start <= 12
            and left.start in sm.token_starts
            and _left_edge(sm, left.start)
        ):
            absorbed.add(id(left))
            start = left.start
        for _ in range(2):
            ti = sm.token_ends.get(start)
            if ti is None:
                break
            t = sm.tokens[ti]
            latin = t.kind == "latin" and 2 <= len(t.text) <= 6 and t.text[0].isupper()
            if not latin and (
                t.kind != "word" or not (t.text in QUALIFIERS or t.text in lex.industries)
            ):
                break  # (MEMS + 传感器, AI + 芯片: a Latin term glued on is a qualifier)
            if end - t.start > 12 or sm.overlaps(t.start, start):
                break
            if text[t.start - 1 : t.start] and not _left_edge(sm, t.start):
                break  # 推动高端…: the qualifier must start a word group itself
            start = t.start
        r = re.match(r"(?:制造业|服务业)", text[end : end + 3])
        if r and not sm.overlaps(end, end + 3):
            end += 3
        if (start, end) != (m.start, m.end) and start in sm.token_starts:
            m.start, m.end, m.text = start, end, text[start:end]
    if absorbed:
        sm.found[:] = [m for m in sm.found if id(m) not in absorbed]


# how verbs that put an industry in focus end (大力发展, 加快培育, 着力打造)
_FOCUS_VERB_ENDS = ("发展", "培育", "打造", "布局", "壮大", "聚焦", "做强", "引进")


def _left_edge(sm: SentenceMentions, pos: int) -> bool:
    """A word group may start at ``pos``: after punctuation, a function word or a verb."""
    ti = sm.token_ends.get(pos)
    if ti is None:
        return True
    t = sm.tokens[ti]
    if t.is_break or t.text in sm.lex.stop_tokens or t.text in "、和及与的在为是":
        return True
    if t.text.endswith(_FOCUS_VERB_ENDS):
        return True  # 大力发展 + 海洋化工
    if t.kind == "bracket" and is_cjk_numeral(bracket_inner(t.text)):
        return True  # （三）现代家居产业: a numbered heading
    return pos_tag(t.text) in ("v", "vn", "p", "c", "u", "uj", "d", "f", "m", "q")


_HAN_ONLY = re.compile("[\u4e00-\u9fff]+")
# the ending of a park's name that says the words before it are its industry
_NAMED_INDUSTRY_PARK = re.compile(r"产业(?:园区|园|基地|集聚区|新城|小镇)$")


def _park_name_industries(
    sm: SentenceMentions, p: Mention, hits: dict[int, int]
) -> list[tuple[int, int]]:
    """Industries a park's name holds: the terms right before its suffix.

    金凤生物医药产业园 → 生物医药; 医疗器械与生物医药产业园 → 医疗器械, 生物医药.
    """
    text = sm.text
    out = []
    # 国家外贸转型升级基地（生物医药）: the industry in brackets
    b = re.search(r"[（(]([^（()）]+)[）)]$", p.text)
    if b and (
        b.group(1) in sm.lex.industries
        or (2 <= len(b.group(1)) <= 6 and b.group(1) not in sm.lex.places and "基地" in p.text)
    ):
        out.append((p.end - len(b.group(1)) - 1, p.end - 1))
    m = _PARK_TAIL.search(text, p.start, p.end)
    if not m:
        return out
    named = _NAMED_INDUSTRY_PARK.search(text, p.start, p.end)
    if named is not None and not any(e == m.start() for e in hits.values()):
        # 宝鸡钛材料产业园, 许昌发制品产业园: "X产业园" names its industry X, known or not
        a = p.start
        for inner in sm.found:
            if inner.type == "Park" and inner.start == a and inner.end < named.start():
                a = inner.end  # (after the zone it is named with)
        a += next((n for n in (3, 2) if text[a : a + n] in sm.lex.places), 0)
        name = text[a : named.start()]
        if (
            3 <= len(name) <= 6
            and not any(
                f.type in ("Company", "Institution") and a <= f.start < named.start()
                for f in sm.found
            )  # (长虹智能制造产业园: the firm's park)
            and _HAN_ONLY.fullmatch(name)
            and name not in sm.lex.generic
            and not any(
                name[i : i + n] in sm.lex.places for n in (2, 3) for i in range(len(name) - n + 1)
            )  # (中泰崇左产业园, 贺兰山东麓葡萄产业园区: a place's name, no industry)
            and not name.endswith(_NOT_INDUSTRY_HEADS)
        ):
            out.append((a, named.start()))
            return out
    end = m.start()
    while end > p.start:
        best = None
        for start, e in hits.items():
            if e == end and start >= p.start and (best is None or start < best):
                best = start
        if best is None:
            break
        best = _qualified_start(sm, best, p.start)
        out.append((best, end))
        end = best
        if text[end - 1 : end] in ("与", "和", "及", "、"):
            end -= 1
        else:
            break
    return out


def _qualified_start(sm: SentenceMentions, start: int, floor: int) -> int:
    """Grow a term in a park's name over qualifiers on its left (农业 + 智能装备
    in 杨凌农业智能装备产业园): the park's industry is the qualified form."""
    for _ in range(2):
        ti = sm.token_ends.get(start)
        if ti is None:
            # 远洋渔业 as one word: the qualifier glued to the term
            q = next((q for q in QUALIFIERS if sm.text.endswith(q, floor, start)), None)
            if q is not None and start - len(q) in sm.token_starts:
                start -= len(q)
            break
        t = sm.tokens[ti]
        if t.kind != "word" or t.text not in QUALIFIERS or t.start < floor:
            break
        start = t.start
    return start


# kinds of product that make a known industry a segment of it: 风电 + 整机
_PRODUCT_HEADS = ("整机", "装备", "设备", "零部件", "部件", "组件", "器件", "材料", "制品", "加工")

# nouns that name no field on their own, only with another item's modifier
_BARE_NOUNS = frozenset(("应用", "设备", "装备", "产品", "材料", "器件", "系统", "平台"))


def _plausible_industry(
    sm: SentenceMentions, start: int, end: int, over_brands: bool = False
) -> bool:
    name = sm.text[start:end]
    if not 2 <= len(name) <= 12 or any(c.isdigit() for c in name):
        return False
    if name in sm.lex.generic or name in sm.lex.places or name in sm.lex.stop_tokens:
        return False
    if name.endswith(("集团", "公司", "股份", "大学", "学院", "研究院", "研究所")):
        return False  # 感知集团: a firm in a list of firms, not a field
    if name.startswith(("产业链", "产业")) or "园区" in name:
        return False  # 产业链供应链, 园区循环化改造: the chain or the park, not a field
    if name in _BARE_NOUNS:
        return False  # 卫星及应用, 光伏材料及设备: a bare noun leans on the other item (rule 15)
    if name.endswith(_NOT_INDUSTRY_HEADS):
        return False  # 创新能力, 服务体系, 人才培养平台: capacities and means
    if any(sfx in name for sfx in _park_suffixes(sm.lex)):
        return False  # 高新区大健康: a park word is no part of an industry
    toks = [t for t in sm.tokens if start <= t.start and t.end <= end]
    if any(
        (t.text in sm.lex.stop_tokens and not (t is toks[-1] and t.text == "利用" and k > 0))
        or t.kind == "punct"
        for k, t in enumerate(toks)
    ):
        return False  # (but 梯次 + 利用, 回收 + 利用: a use of things as a line of business)
    if (
        len(toks) >= 2
        and len(toks[0].text) >= 2
        and pos_tag(toks[0].text) == "v"
        and toks[0].text not in sm.lex.industries
        and not name.endswith(_PRODUCT_HEADS)  # (脱硫 + 设备: what the equipment does)
    ):
        return False  # 健全氢能, 集中投向VR: an act on an industry, not an industry
    return not any(
        m.start < end
        and start < m.end
        and m.type != "Industry"
        and not (over_brands and m.source == "brand" and start <= m.start and m.end <= end)
        for m in sm.found
    )


def _industry_lists(sm: SentenceMentions):
    """Yield (items, cued, triggered) for runs of items joined by 、和及与."""
    text = sm.text
    carry = False  # inside "主导产业,即A,B,C": each comma-separated clause is an item
    colon = False  # the clause right after "四个板块：" starts with its first item
    prev = ""
    chain_text = _CHAIN.search(text) is not None
    for m in _CLAUSE.finditer(text):
        clause = m.group()
        if _ENUM_OPEN.match(clause) and (_CUE.search(prev) or _focus_pattern(sm.lex).search(prev)):
            carry = True
        elif m.start() > 0 and text[m.start() - 1] in "：:" and _CUE_BEFORE_COLON.search(prev):
            carry = colon = True  # "主要抓四个板块：A、B、C和D": the items after the colon
        elif carry and (m.start() == 0 or text[m.start() - 1] not in "，,"):
            carry = False  # a full stop or a semicolon ends the enumeration
        start = m.start() + (_ENUM_OPEN.match(clause).end() if _ENUM_OPEN.match(clause) else 0)
        # "产业链条从单晶硅片和电池片起步，延伸至光伏电站": the segments of a chain
        chain = chain_text and _CHAIN_SPAN.search(clause)
        end = m.end()
        acts = _CHAIN_ACTS.search(clause)
        if acts:
            end = m.start() + acts.start()  # "围绕A和B延链补链": the items end before the acts
        if chain:
            start = m.start() + _CHAIN_SPAN.search(clause).end()
            tail = _CHAIN_END.search(clause)
            if tail and m.start() + tail.start() > start:
                end = m.start() + tail.start()
        yield from _lists_in_clause(
            sm, (start, end), "、和及与", carry or bool(chain), exact_start=bool(chain) or colon
        )
        prev = clause
        colon = False
    yield from _class_lists(sm)
    yield from _span_chains(sm)


# "形成了芯片、模块、终端到运营服务的完整链条": segments from the first to the last
_SPAN_CHAIN = re.compile(
    r"(?:形成了?|构建了?|打造了?|覆盖|涵盖|贯通|构建起|补齐|补全|完善|打通|健全|延伸|构筑|搭建"
    r"|建立起?|形成从|覆盖从|涵盖从)从?"
    r"([^，,。；;：:]{2,60}?)(?:到|至)([^，,。；;：:的]{2,20})的"
    r"[^，,。；;：:、的]{0,6}?(?:完整|全|全流程|全产业)?(?:产业链条?|链条|产业体系|产业生态)"
)


def _span_chains(sm: SentenceMentions):
    """The segments of a chain named from its first to its last (rule 6)."""
    text = sm.text
    for m in _SPAN_CHAIN.finditer(text):
        items = []
        for g in (1, 2):
            k = m.start(g)
            for piece in re.split("([、和及与])", m.group(g)):
                if piece and piece not in "、和及与":
                    items.append((k, k + len(piece)))
                k += len(piece)
        if len(items) >= 2:
            yield items, True, False


# what a plan does to a chain, closing a clause: 延链补链, 强链固链
_CHAIN_ACTS = re.compile(r"(?:[延补强固建扩优]链)+$")

# a sentence about an industrial chain, and the words that walk along it
_CHAIN = re.compile(r"产业链|链条")
_CHAIN_SPAN = re.compile(r"(?:从|延伸至|延伸到|拓展至|拓展到|覆盖)")
_CHAIN_END = re.compile(r"(?:起步|开始|出发|为主|为起点|等环节|等领域|等)$")

# what a list's 等 may close with besides an industry: "A等多个类别", "B等诸多方面"
_KINDS_AFTER = re.compile(r"(?:[多诸各众一]+[个种类批项大]?)?(?:类别|方面|门类|业态|品类|细分)")
# "分别聚焦", "分别以": the parks before it have one industry each, listed after it
_RESPECTIVELY = re.compile(r"分别(?:以|聚焦|发展|重点发展|主攻|布局|瞄准|打造)")
# a clause whose cue a colon's enumeration follows: "四个板块：", "重点产业："
_CUE_BEFORE_COLON = re.compile(
    r"(?:[一二三四五六七八九十两0-9]+(?:大|个|条|类))?(?:产业|领域|板块|方向|产业链|赛道|集群)$"
)
# a clause that opens an enumeration of the previous clause's industries
_ENUM_OPEN = re.compile(r"(?:即|包括|分别是|分别为|主要有|主要包括|依次为)[：:]?")


_CLASS_CLOSER = re.compile(r"等(?:一批|多种|各类|一系列|众多)")


def _class_lists(sm: SentenceMentions):
    """ "氧化铝、石墨烯等一批高端新材料": items of a list closed by an industry term."""
    text = sm.text
    lex = sm.lex
    for m in _CLASS_CLOSER.finditer(text):
        p = m.end()
        q = next((p + len(w) for w in QUALIFIERS if text.startswith(w, p)), p)
        end = next(
            (
                q + L
                for L in range(min(10, len(text) - q), 1, -1)
                if text[q : q + L] in lex.industries
            ),
            None,
        )
        if end is None or text.startswith(("企业", "公司", "龙头"), end):
            continue
        cs = max(text.rfind(c, 0, m.start()) for c in "，,。；;：:") + 1
        pieces = []
        k = cs
        for sep in re.finditer("、", text[cs : m.start()]):
            pieces.append((k, cs + sep.start()))
            k = cs + sep.end()
        pieces.append((k, m.start()))
        if len(pieces) < 2:
            continue
        lead, _ = _strip_lead(sm, *pieces[0])
        pieces[0] = (lead, pieces[0][1])
        yield [(a, b) for a, b in pieces if b > a] + [(p, end)], True, False


_EXAMPLE = re.compile(r"以(.{2,10})为例")


def _lists_in_clause(
    sm: SentenceMentions, clause, sep, enumerated: bool = False, exact_start: bool = False
):
    text = sm.text
    lex = sm.lex
    cs, ce = clause
    # candidate item boundaries: lexicon hits and separators
    pieces = []
    start = cs
    for m in _SEP.finditer(text, cs, ce):
        k = m.start()
        if _is_sep(sm, k):
            pieces.append((start, k))
            start = k + 1
    pieces.append((start, ce))
    # "A和B分别聚焦X、Y": the list starts in the piece that holds 分别 and the verb
    resp = _RESPECTIVELY.search(text, pieces[0][1], ce) if len(pieces) > 1 else None
    if resp is not None:
        k = next((n for n, (a, b) in enumerate(pieces) if a <= resp.start() < b), 0)
        if k > 0:
            pieces = pieces[k:]
    # "以骨科医疗器械为例": the example names an industry
    m = _EXAMPLE.fullmatch(text[cs:ce])
    if m and any(m.group(1).endswith(w) for w in _tail_terms(m.group(1), lex)):
        if _plausible_industry(sm, cs + 1, cs + 1 + len(m.group(1))):
            yield [(cs + 1, cs + 1 + len(m.group(1)))], True, False
        return
    # strip the cue from the last piece and the clause's lead-in from the first
    last_s, last_e = pieces[-1]
    core_end, cued = _strip_cue(sm, last_s, last_e)
    if not cued and len(pieces) >= 2 and text.endswith("项目", last_s, core_end):
        # "承接A、B和C项目", "招引A、B类项目": a class of projects (rule 14)
        core_end -= 3 if text.endswith("类项目", last_s, core_end) else 2
    tail = None if cued else _AS_MAIN.search(text, last_s, last_e)
    if tail is not None and tail.start() - last_s >= 2:
        core_end = tail.start()  # "以有色金属和化工为主": the items end before 为主
    pieces[-1] = (last_s, core_end)
    klass = None
    if not cued and tail is None and len(pieces) >= 2:
        # "固态电池、钠离子电池等新型电池": the items end at 等; the class after it is
        # an industry of its own where the lexicon knows its head (rule 14)
        k = text.find("等", last_s, core_end)
        if k > last_s + 1:
            name = text[k + 1 : core_end]
            if 2 <= len(name) <= 10 and (name in lex.industries or _tail_terms(name, lex)):
                if _plausible_industry(sm, k + 1, core_end):
                    klass = (k + 1, core_end)
            if klass or k + 1 == core_end or _KINDS_AFTER.match(text, k + 1, core_end):
                pieces[-1] = (last_s, k)  # (not "A、B等新一代信息技术深度结合": a means)
    if cued:
        # "A、B等集成电路产业头部企业", "包括A、B在内的整机企业": the industry
        # between the list's closer and the cue
        # the first cue outside a name (信息产业 in 曙光信息产业股份有限公司 is none)
        m = next(
            (
                c
                for c in _CUE.finditer(text, last_s, last_e)
                if not sm.inside_org(c.start(), c.end())
            ),
            None,
        ) or _CUE.search(text, last_s, last_e)
        closer = _LIST_CLOSER.search(text, last_s, m.start())
        k = closer.end() if closer else -1
        if k < 0 and any(f.start == m.end() and f.type == "Company" for f in sm.found):
            # "全球领先的医疗器械企业美敦力": a term between 的 and the cue naming a firm
            de = text.rfind("的", last_s, m.start())
            k = de + 1 if de >= 0 else -1
        if k >= 0 and m.start() - k >= 2:
            for L in range(min(10, m.start() - k), 1, -1):
                if text[m.start() - L : m.start()] in lex.industries:
                    yield [(m.start() - L, m.start())], True, False
                    break
            else:
                # "A、B等风电整机企业": a known industry and a kind of product
                if _known_segment(text[k : m.start()], lex) and _plausible_industry(
                    sm, k, m.start()
                ):
                    yield [(k, m.start())], True, False
    first_s, first_e = pieces[0]
    whole = list(pieces)  # before the lead-in is cut off the first
    # a chain's first segment starts right after 从: no lead-in to strip (CPU芯片)
    lead, trig = (
        (first_s, True)
        if exact_start
        else _strip_lead(sm, first_s, first_e, after_verb=len(pieces) >= 3 or cued)
    )
    trig = trig or enumerated
    pieces[0] = (lead, first_e)
    if len(pieces) == 1:
        s, e = pieces[0]
        name = text[s:e]
        if name in lex.industries and (cued or trig):
            yield [(s, e)], cued, trig
        elif enumerated and not cued and _sector_item(sm, first_s, first_e):
            # "主导产业，即…，农产品精深加工业，以及农业科技服务业": a sector of its own
            k = first_s + len(_AND.match(text, first_s, first_e).group())
            sm.add(k, first_e, "Industry", "industry-list", 0.55)
        elif cued:
            # the longest lexicon term that ends right before the cue, else before the
            # first maker past the 的 the piece was cut at ("是全球领先的工程机械制造商")
            maker = next(
                (
                    c.start()
                    for c in _CUE.finditer(text, e, last_e)
                    if c.group().endswith("商") and text[c.start() - 1] != "的"
                ),
                None,
            )
            # (or a focus verb: "打造具有全国影响力的钢铁新材料产业集群")
            copula = text[e : e + 1] == "的" and (
                re.search(r"是|系|作为", text[first_s:e])
                or _focus_pattern(lex).search(text, first_s, e)
            )
            cue = (
                next((c.start() for c in _CUE.finditer(text, e, last_e)), None) if copula else None
            )
            if cue is None and text[e : e + 1] == "的":
                # "同在X的A是全球最大的PVC生产企业": the copula comes after the first 的
                c = next(iter(_CUE.finditer(text, e, last_e)), None)
                de = text.rfind("的", e, c.start()) if c is not None else -1
                if de > e and re.search(r"是|系|作为", text[e:de]):
                    cue = c.start()
            for end in (e, maker, cue):
                # (the last: "是全球领先的动力电池企业", the term right before the cue)
                k = _term_ending_at(sm, s, end) if end is not None else None
                if k is not None:
                    yield [(k, end)], cued, trig
                    break
        elif trig and lead > first_s:
            # "发展数字经济的主战场": the longest term right after the focus verb
            end = next(
                (s + L for L in range(min(10, e - s), 1, -1) if text[s : s + L] in lex.industries),
                None,
            )
            if (
                end is not None
                and (end in sm.token_ends or end == e)
                and text[end : end + 1]
                in (
                    "的",
                    "",
                    "等",
                )
            ):
                yield [(s, end)], cued, trig
        return
    items = [(s, e) for s, e in pieces if e > s]
    if klass is not None and trig:
        # the class is known: its members are industries with it (as in _class_lists)
        yield items + [klass], True, trig
    else:
        yield items, cued, trig
    # "推动医药健康产业产学研资源协同、技术合作": a cue inside an earlier piece
    for s, e in whole[:-1]:
        m = _CUE.search(text, s, e)
        k = _term_ending_at(sm, s, m.start()) if m and m.start() > s else None
        if k is not None:
            yield [(k, m.start())], True, False


def _term_ending_at(sm: SentenceMentions, lo: int, end: int) -> int | None:
    """Where the longest lexicon term (at most 10 characters, starting a word, not
    a verb on firms) that ends at ``end`` and starts at ``lo`` or later begins."""
    for L in range(min(10, end - lo), 1, -1):
        k = end - L
        if (
            (
                sm.text[k:end] in sm.lex.industries
                or _qualified_term(sm.text[k:end], sm.lex)
                or _known_segment(sm.text[k:end], sm.lex)
            )
            and k in sm.token_starts
            and not _verb_on_firms(sm, k, end)
        ):
            return k
    # "柴油发动机制造商", "电力机车研制企业": one word of the segmenter's that ends
    # in a known term is a kind of it (a qualified form, rule 6)
    ti = sm.token_ends.get(end)
    if ti is not None:
        t = sm.tokens[ti]
        if t.start >= lo and _acronym_product(sm, t.start, end):
            return t.start  # "全球最大的PTA生产企业": a product's acronym before its makers
        if (
            t.kind == "word"
            and lo <= t.start
            and 3 <= len(t.text) <= 6
            and _tail_terms(t.text, sm.lex)
            and _plausible_industry(sm, t.start, end)
        ):
            return t.start
    return None


def _qualified_term(name: str, lex) -> bool:
    """A qualifier and a known industry written as one word: 远洋渔业 (jieba's)."""
    return any(name.startswith(q) and name[len(q) :] in lex.industries for q in QUALIFIERS)


def _acronym_product(sm: SentenceMentions, start: int, end: int) -> bool:
    """A product's Latin acronym right before its makers: "PTA生产企业"."""
    ti = sm.token_starts.get(start)
    if ti is None:
        return False
    t = sm.tokens[ti]
    return (
        t.end == end
        and t.kind == "latin"
        and 2 <= len(t.text) <= 6
        and t.text.isupper()
        and _MAKER_AFTER.match(sm.text, end) is not None
    )


# what names an activity, not a field (rule 14: 技术研发试验, 科技推广)
_ACTIVITY_ENDS = (
    "研发",
    "创新",
    "研究",
    "开发",
    "推广",
    "服务",
    "管理",
    "建设",
    "合作",
    "应用",
    "补链",
    "延链",
    "强链",
)
# a list closed as fields: "等关键器件领域", "等领域"
_PROJECTS_CLOSE = re.compile(r"等[^，,。；;、的]{0,4}项目")
_STRONG_FOCUS = re.compile(r"(?:重点发展|主攻|重点培育|重点布局|着力发展|主要发展|重点打造)了?$")
_FIELDS_CLOSE = re.compile(r"等[^，,。；;、的]{0,6}(?:领域|环节|业态|方向|赛道|板块)")

# the makers of a product: "生产企业", "制造商"
_MAKER_AFTER = re.compile(r"(?:研发)?(?:生产|制造|研制)(?:企业|商)|制造商|生产商|供应商")

# what closes a list of firms before the industry they share
_LIST_CLOSER = re.compile(r"在内的|等")


# a conjunction before the last clause of an enumeration
_AND = re.compile(r"(?:以及|及|和|还有)?")
# heads that make an unknown phrase a sector: 加工业, 服务业, 制造业
_SECTOR_HEAD = re.compile(r"[\u4e00-\u9fff]{2,}(?:加工业|服务业|制造业|工业|农业|种业)$")


def _sector_item(sm: SentenceMentions, s: int, e: int) -> bool:
    """An enumerated clause that is one sector named with a sector head."""
    k = s + len(_AND.match(sm.text, s, e).group())
    name = sm.text[k:e]
    return (
        bool(_SECTOR_HEAD.fullmatch(name))
        and k in sm.token_starts
        and _plausible_industry(sm, k, e)
    )


def _is_sep(sm: SentenceMentions, k: int) -> bool:
    ch = sm.text[k]
    if ch == "、":
        return True
    # 和/及/与 only as a token of their own
    return k in sm.token_starts and sm.tokens[sm.token_starts[k]].text == ch


_TERM_ENDS = "industry-term-ends"


def _longest_term_ending(sm: SentenceMentions, lo: int, e: int) -> int | None:
    """Where the longest lexicon industry ``text[k:e]`` with ``lo <= k`` (two characters
    at least) starts: the sentence's terms are found once, by ``find``."""
    ends = sm.memo.get(_TERM_ENDS)
    if ends is None:
        ends = sm.memo[_TERM_ENDS] = {}
        for end, word in sm.lex.industry_automaton.iter(sm.text):
            ends.setdefault(end + 1, []).append(end + 1 - len(word))
    return min((k for k in ends.get(e, ()) if lo <= k <= e - 2), default=None)


def _strip_lead(sm: SentenceMentions, s: int, e: int, after_verb: bool = False) -> tuple[int, bool]:
    """Skip words before the first item; report whether a focus trigger was among them."""
    lex = sm.lex
    text = sm.text
    best = -1
    for m in _focus_pattern(lex).finditer(text, s, e):
        # a trigger that starts or ends a word (大力发展), not 聚集 inside 集聚集成电路
        if m.start(1) in sm.token_starts or m.start(1) == s or m.end(1) in sm.token_ends:
            best = max(best, m.end(1))
    if best >= 0:
        # "主导产业为电子信息和…", "主导产业是…", "主导产业包括…"
        m = _COPULA.match(text, best, e)
        if (
            m
            and m.end() > best
            and any(
                text[best : best + L] in lex.industries for L in range(2, min(12, e - best) + 1)
            )
        ):
            m = None  # "以有色金属…": 有 opens the term, it is no copula
        return (m.end() if m else best), True
    # the first item is the lexicon term that ends the piece
    k = _longest_term_ending(sm, max(s, e - 12), e)
    if k is not None:
        return _word_start(sm, k, max(s, e - 8)), False
    # else, in a list of three or more, what follows the piece's last verb: "加快补齐 +
    # 稀释制冷机" (only the last eight characters can hold it: a longer item is no
    # name of a field)
    for k in range(e - 1, max(s, e - 8) - 1 if after_verb else e - 1, -1):
        ti = sm.token_ends.get(k)
        if ti is None:
            continue
        t = sm.tokens[ti]
        if t.start >= s and len(t.text) >= 2 and pos_tag(t.text) == "v":
            counted = _MORE_OF.match(text, k, e)  # "引来更多 + 电子科技": a count
            k = counted.end() if counted else k
            return (k, False) if e - k >= 3 else (e, False)
    return e, False


# counts before the first item: 更多, 一批, 各类
_MORE_OF = re.compile(r"(?:更多|众多|大量|一批|一些|诸多)|" + KINDS_BEFORE.pattern)


def _word_start(sm: SentenceMentions, k: int, floor: int) -> int:
    """Where the segmenter's word that ``k`` falls inside starts, when that word is
    a noun, not a verb ("引进锂电池材料企业": 锂电池材料, not 电池材料)."""
    if k in sm.token_starts:
        return k
    for j in range(k - 1, floor - 1, -1):
        if j in sm.token_starts:
            t = sm.tokens[sm.token_starts[j]]
            if t.kind == "word" and t.end > k and pos_tag(t.text) not in ("v", "vn", "p", "c"):
                return j
            break
    return k


# the end of "以A为龙头的", "以A、B为核心的": the firms that lead what the cue names
_LED_BY = re.compile(r"为(?:龙头|核心|引领|主体|牵引|链主|代表)的")


# what the listed industries have become: "已成为", "均是"
_BECAME = re.compile(r"(?:已经|已|均|都|正|逐步|日益)(?:成为|是)")

# a copula after a cue: the cue opens the list that follows it
_OPENS_LIST = re.compile(r"(?:主要)?(?:为|是|包括)|[：:]")
_LIST_HEADS = ("主导", "特色", "优势", "支柱", "重点", "首位")


def _strip_cue(sm: SentenceMentions, s: int, e: int) -> tuple[int, bool]:
    """Cut the cue (产业, 领域, 企业…) off the piece; report whether there was one.

    The cue taken is the first one that follows an industry term ("产业园已形成工业
    机器人企业集群": 企业 after 工业机器人, not the 产业 of 产业园), else the first.
    """
    # (not a cue that a copula follows: "主导产业为A", "重点产业包括A和B": it opens the list)
    cues = [
        c
        for c in _CUE.finditer(sm.text, s, e)
        if not (c.group().startswith(_LIST_HEADS) and _OPENS_LIST.match(sm.text, c.end()))
    ]
    m = (
        next((c for c in cues if _tail_terms(sm.text[s : c.start()], sm.lex)), None)
        if cues
        else None
    )
    m = m or (cues[0] if cues else None)
    if m:
        end = m.start()
        led = _LED_BY.search(sm.text, s, end)
        if led:
            s = led.end()  # "以A为龙头的X产业集群": the list starts after the leader
        for stop in ("等", "为", "的"):
            k = sm.text.find(stop, s, end)
            while stop == "为" and k > s and sm.text[k - 1] in "作成认称评列定均皆都亦同":
                k = sm.text.find(stop, k + 1, end)  # 作为, 成为: no list's end
            if k > s:
                end = min(end, k)
        whole = sm.text.find("一体化的", s, end + 1)
        if whole > s + 1:
            end = whole  # "育种、育苗、种植、加工一体化的…产业链": 加工
        count = _COUNT_WORD.search(sm.text, s, end)
        if count is not None and count.start() > s + 1:
            end = count.start()  # "新能源汽车三大动力产业": the count ends the last item
        became = _BECAME.search(sm.text, s, end)
        if (
            became is not None
            and became.start() > s + 1
            and not any(
                sm.text[a:b] in sm.lex.industries
                for a in range(became.end(), m.start())
                for b in range(a + 2, min(a + 11, m.start()) + 1)
            )
        ):
            end = became.start()  # "A、B和C已成为园区三大支柱产业": C ends before 已成为
            # (not "A、B都是国内耐火材料龙头企业": the industry follows the copula)
        return end, True
    return e, False
