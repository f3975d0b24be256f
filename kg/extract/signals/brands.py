"""Signal ``brand``: firms named by their brand in running text.

An unknown word followed by a business word (德美医疗, 华润微电子, 金蝶软件; the
words are kg/data/brand_heads.txt) where a name can end, and a Latin brand with
its Chinese name in brackets (Cytiva（思拓凡）).
"""

from __future__ import annotations

import re

from kg.extract import lexicons
from kg.extract.names import (
    pos_tag,
)
from kg.extract.sentence import SentenceMentions
from kg.extract.tokens import Token, bracket_inner

# business words that follow a brand name: 德美医疗, 华润微电子, 金蝶软件
BRAND_HEADS_FILE = "brand_heads.txt"


def find(sm: SentenceMentions) -> None:
    lex = sm.lex
    heads = lexicons.word_set(BRAND_HEADS_FILE)
    toks = sm.tokens
    # a Latin brand with its Chinese name in brackets: Cytiva（思拓凡）
    for i, t in enumerate(toks[:-1] if "bracket" in sm.kinds else ()):
        nxt = toks[i + 1]
        if t.kind == "latin" and len(t.text) >= 3 and nxt.kind == "bracket":
            inner = bracket_inner(nxt.text)
            if 2 <= len(inner) <= 6 and all("\u4e00" <= c <= "\u9fff" for c in inner):
                start = t.start
                k = i - 1
                while k >= 1 and toks[k].kind == "space" and toks[k - 1].kind == "latin":
                    start, k = toks[k - 1].start, k - 2  # Johnson + Controls（江森自控）
                if inner not in lex.places and not sm.overlaps(start, nxt.end):
                    sm.add(start, nxt.end, "Company", "brand", 0.7)
    for i, t in enumerate(toks if not heads.isdisjoint(sm.words) else ()):
        if t.text not in heads or i == 0:
            continue
        b = toks[i - 1]
        if i >= 2 and _coined(toks[i - 2], lex) and _coined(b, lex):
            # 炬 + 芯 + 科技: jieba cut a made-up two-character name into characters
            if i == 2 or toks[i - 3].is_break or toks[i - 3].text in lex.stop_tokens:
                b = Token(toks[i - 2].text + b.text, toks[i - 2].start, b.end, "word")
        if b.kind not in ("word", "latin") or b.text in lex.stop_tokens:
            continue
        if b.text in lex.generic or b.text in lex.industries or b.text in lex.places:
            continue
        tag = pos_tag(b.text)
        # (ns: a place jieba knows that is none of kg's places is a brand word: 中环光伏)
        if b.kind == "word" and tag is not None and tag not in ("nz", "nr", "nrt", "nt", "j", "ns"):
            continue
        if len(b.text) < 2:
            continue
        # the name must end here: the next word is a break, a function word or a verb,
        # not a noun that continues a longer phrase (成渝科技创新走廊, 赛尔新材料项目)
        if i + 1 < len(toks) and not _ends_name(sm, toks[i + 1], lex):
            continue
        if any(m.start <= b.start < m.end or m.start < t.end <= m.end for m in sm.found):
            continue
        start = b.start
        if i >= 2 and lex.places.get(toks[i - 2].text) in ("city", "province"):
            start = toks[i - 2].start  # 昆明 + 某宇 + 制药: the firm's place opens its name
        sm.add(start, t.end, "Company", "brand", 0.55)
    _copula_subject(sm)


# a sentence that says what kind of firm its subject is: "A是X行业的隐形冠军"
_IS_A_FIRM = re.compile(
    r"(?:则|也|还)?(?:是|系)(?:国内|全国|全球|国际|我国|业内)?[^，,。；;！？]{0,24}?"
    r"(?:企业|公司|制造商|供应商|服务商|生产商|隐形冠军|单项冠军|佼佼者|领军者|龙头)"
    r"(?:之一)?[，,。；;]"
)


def _copula_subject(sm: SentenceMentions) -> None:
    """An unknown name that opens a sentence describing it as a firm (南微医学是…
    行业的隐形冠军): the sentence says it is a company though no suffix does."""
    if "是" not in sm.text[:12] and "系" not in sm.text[:12]:
        return  # (the copula follows a name of at most six characters)
    lex = sm.lex
    toks = sm.tokens
    k = 0
    while k < len(toks) and toks[k].kind == "word" and toks[k].end - toks[0].start <= 6:
        if _IS_A_FIRM.match(sm.text, toks[k].end):
            break
        k += 1
    else:
        return
    if k == 0 and len(toks[0].text) < 3:
        return
    span = toks[: k + 1]
    name = "".join(t.text for t in span)
    if not 3 <= len(name) <= 6 or sm.overlaps(span[0].start, span[-1].end):
        return
    if any(
        t.text in lex.stop_tokens
        or t.text in lex.generic
        or t.text in lex.places
        or pos_tag(t.text) in ("v", "r", "p", "c", "d", "m", "t")
        for t in span
    ):
        return  # 该公司是…, 园区是…, 这里是…: no name
    if name in lex.industries or name in lex.places:
        return
    sm.add(span[0].start, span[-1].end, "Company", "brand", 0.55)


def _coined(t: Token, lex) -> bool:
    """A lone character of a made-up name (not a function word or a common noun)."""
    return (
        t.kind == "word"
        and len(t.text) == 1
        and t.text not in lex.stop_tokens
        and t.text not in lex.generic
        and pos_tag(t.text) in (None, "g", "ng", "zg", "nr", "j", "x")
    )


# a lab or centre named after what comes before it ("共建类脑智能联合实验室")
_LAB_AFTER = re.compile(r"(?:联合|重点|工程|技术|创新|研发|协同)*(?:实验室|研究院|研究所|研究中心)")


# verbs that say what a firm does, right after its name
_LINE_OF_BUSINESS = re.compile(r"专注|主营|专业从事|主要从事|从事|深耕|致力")


def _ends_name(sm: SentenceMentions, t: Token, lex) -> bool:
    """Whether a name may end right before token ``t``."""
    if _LAB_AFTER.match(sm.text, t.start):
        return False  # 类脑智能 + 联合实验室: a field naming a lab, not a brand
    if t.is_break or t.kind == "bracket" or t.text in lex.stop_tokens:
        return True
    if _LINE_OF_BUSINESS.match(sm.text, t.start):
        return True  # 某杰半导体 + 主营…: what the firm does follows its name
    return pos_tag(t.text) in {"v", "p", "c", "u", "uj", "ul", "d", "f", "r", "vd", "ad"}
