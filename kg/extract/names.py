"""What can be part of a name: word classes and generic words, shared by the signals."""

from __future__ import annotations

from kg.extract import postags
from kg.extract.tokens import Token

pos_tag = postags.tag  # jieba's dictionary tag of a word; None if not in its dictionary


# dictionary POS tags that end a name when walking left (verbs, adverbs, idioms…)
STOP_TAGS = {
    "v",
    "vd",
    "d",
    "p",
    "c",
    "r",
    "u",
    "ad",
    "t",
    "m",
    "b",
    "i",
    "l",
    "q",
    "uj",
    "ul",
    "z",
    "y",
    "e",
    "o",
}


# dictionary POS tags of words that do not start a name
LEADING_BAD_TAGS = {"v", "vd", "p", "c", "d", "r", "t", "m", "q", "u", "ad", "uj", "ul"}


# verbs that often start organisation names (创新医械产业基金, 联合微电子中心)
NAME_WORDS = {"创新", "联合", "发展", "建设", "协同", "开发"}


def is_generic_core(tokens: list[Token], lex) -> bool:
    words = [t for t in tokens if t.kind != "bracket"]
    return all(t.text in lex.generic or t.text in lex.stop_tokens for t in words)


# one-character prepositions that jieba's HMM glues to an unknown name after them:
# "以埃某特为代表", "由哈某集团牵头", "大所如某某院", "孵化出某光卫星" (a known word
# keeps them: 以岭, 出版)
GLUED_PREPOSITIONS = set("以由如从向对被把将让据经与及或在于为是除出")


def trim_leading(tokens: list[Token], lex) -> list[Token]:
    """Drop words at the left end that cannot start a name (verbs, adverbs…)."""
    if tokens:
        t = tokens[0]
        if (
            t.kind == "word"
            and len(t.text) >= 2
            and (len(t.text) >= 3 or sum(len(u.text) for u in tokens) >= 4)
            and t.text[0] in GLUED_PREPOSITIONS
            and pos_tag(t.text) is None
            and t.text not in lex.places
            and t.text not in lex.generic  # 经开区: a word of its own, no 经 glued on
        ):
            tokens = [Token(t.text[1:], t.start + 1, t.end, t.kind), *tokens[1:]]
    while len(tokens) > 1:
        t = tokens[0]
        if t.kind == "bracket":
            tokens = tokens[1:]
            continue
        tag = pos_tag(t.text)
        if (
            len(t.text) >= 2
            and tag in LEADING_BAD_TAGS
            and t.text not in lex.places
            and t.text not in NAME_WORDS
            and not _brand_before_field(tokens, lex)
        ):
            tokens = tokens[1:]
            continue
        break
    return tokens


def _brand_before_field(tokens: list[Token], lex) -> bool:
    """安踏 + 体育用品 (集团有限公司): a word jieba tags a verb, before a field that
    alone names no firm, is the brand; what a name cannot start with is a stop
    word, which ended the walk before."""
    rest = "".join(u.text for u in tokens[1:])
    return (
        len(tokens[0].text) == 2
        and tokens[0].text not in lex.stop_tokens
        and pos_tag(tokens[0].text) == "v"
        and rest in lex.industries
    )


def city_before(text: str, start: int, places: dict[str, str], levels=("city",)) -> int:
    """Where a name starting at ``start`` starts once the city (or another place of
    ``levels``) written right before it is taken in: 佛山市 + 南海区, 杭州 + 临平区政府."""
    for n in (4, 3, 2):
        if start - n >= 0 and places.get(text[start - n : start]) in levels:
            return start - n
    return start
