"""Signal ``list``: items of a coordination list ending in a head noun.

"吸引A、B、C等优质企业入驻": A, B and C are companies; the nearest head noun
after 等 decides the type (企业 → Company, 高校 → Institution).
"""

from __future__ import annotations

import re

from kg.extract import lexicons
from kg.extract.names import (
    is_generic_core,
    pos_tag,
    trim_leading,
)
from kg.extract.sentence import SentenceMentions
from kg.extract.tokens import PUNCT, Token

LIST_HEADS = {
    "企业": "Company",
    "公司": "Company",
    "龙头": "Company",
    "厂商": "Company",
    "高校": "Institution",
    "院校": "Institution",
    "大学": "Institution",
    "院所": "Institution",
    "科研院所": "Institution",
    "机构": "Institution",
    "单位": "Institution",
    # "A、B等重点项目": firms named by their projects (checked to look like names)
    "项目": "Company",
}

# words between 等 and the head that say how many or which kind ("等一批关联度高、
# 带动能力强的龙头企业"): with one of them the head may stand further off
_COUNT = re.compile(r"(?:[0-9一二三四五六七八九十百余多几]+[家个所批]|一大批|一批|多家|众多|诸多)")


# what closes a list before its head noun: 等, 在内的, or a count ("A、B、C四大龙头企业")
_CLOSER = re.compile(
    r"(?:等|在内的)(?:[0-9一二三四五六七八九十百余多几]+[家个所])?"
    r"|(?=[一二三四五六七八九十两]+大(?:龙头|骨干|重点|头部)?(?:企业|公司|高校|院所))"
)


def find(sm: SentenceMentions) -> None:
    """Type the items of every "A、B、C等…企业" list by their nearest head noun."""
    text = sm.text
    for m in _CLOSER.finditer(text):
        counted = _COUNT.match(text, m.end())
        reach = 24 if counted else 11
        tail = text[m.end() : m.end() + reach + 3]
        head_type = None
        best_k = reach
        for head, t in LIST_HEADS.items():
            k = tail.find(head)
            gap = tail[:k]
            if counted:
                gap = gap.replace("、", "")  # 关联度高、带动能力强的: qualifiers, not items
            if 0 <= k < best_k and not any(c in PUNCT for c in gap):
                head_type, best_k = t, k  # the nearest head noun decides
        if head_type is None:
            continue
        project = tail[best_k : best_k + 2] == "项目"
        _list_items(sm, m.start(), head_type, project)
    _led_lists(sm)
    _propagate(sm)


# a head noun then the list it introduces: "入驻企业包括A、B、C等", "合作高校有A和B"
_LEAD = re.compile(
    r"(企业|公司|龙头|高校|院校|院所|科研院所|机构)"
    # "…企业已超过60家，包括A、B等": the firms counted, then the list
    r"(?:[^，,。；;]{0,8}?[0-9一二三四五六七八九十百千余多]+[家个所][，,](?:其中)?)?"
    r"(?:主要)?(?:包括|有(?!限)|涵盖|包含)[：:]?"
)


def _led_lists(sm: SentenceMentions) -> None:
    """Type the items of a list that a head noun introduces (the head comes first)."""
    text = sm.text
    for m in _LEAD.finditer(text):
        stop = re.compile(r"等|[，,。；;！!？?]|$").search(text, m.end())
        end = stop.start()
        if "、" not in text[m.end() : end] or end - m.end() > 120:
            continue  # one item is no list; a long run is prose, not names
        lead = m.end()
        # a word glued across the lead ("有银鹰" in 企业有银鹰纺织) is cut at it
        sm.found = [f for f in sm.found if not f.start < lead < f.end]
        _list_items(sm, end, LIST_HEADS[m.group(1)], lead=lead)


_LIST_CLAUSE = re.compile(r"[^，,。；;：:！!？?（）()“”\"]+")
_LIST_END = re.compile(r"(?:等|在内)")


def _propagate(sm: SentenceMentions) -> None:
    """Items of a 、 list whose other items are firms are firms too.

    "既有先正达、德国某某、荷兰某某公司等": one item has a legal ending, one is a
    known name; the unknown item between them is a firm of the same list.
    """
    text = sm.text
    lex = sm.lex
    for clause in _LIST_CLAUSE.finditer(text):
        cs, ce = clause.span()
        if text.count("、", cs, ce) < 1:
            continue
        seps = [cs + m.start() for m in re.finditer("、", text[cs:ce])]
        starts = [cs] + [k + 1 for k in seps]
        ends = [*seps, ce]
        items = [[a, b] for a, b in zip(starts, ends, strict=True)]
        # the last item ends at 等 / 在内 / a break word
        last = items[-1]
        m = _LIST_END.search(text[last[0] : last[1]])
        if m:
            last[1] = last[0] + m.start()
        firms = [
            it
            for it in items
            if any(f.type == "Company" and f.end == it[1] and f.start >= it[0] for f in sm.found)
        ]
        if not firms or 2 * len(firms) < len(items):
            continue
        for start, end in items:
            if any(f.start < end and start < f.end for f in sm.found):
                continue
            toks = [t for t in sm.tokens if start <= t.start and t.end <= end]
            if text[start - 1 : start] != "、":
                toks = trim_leading(toks, lex)
            if not toks:
                continue
            start = toks[0].start
            name = text[start:end]
            if not 2 <= len(name) <= 8 or name in lex.places or name in lex.industries:
                continue
            if any(t.text in lex.stop_tokens or t.is_break for t in toks):
                continue
            last = toks[-1].text
            if is_generic_core(toks, lex) or (
                len(last) >= 2 and pos_tag(last) in ("v", "vn", "m", "q")
            ):
                continue
            if len(toks) > 1 and (last in lex.industries or last in lex.generic):
                continue  # 天然气制乙炔, 新材料: a product or an industry, not a firm
            sm.add(start, end, "Company", "list", 0.5)


def _list_items(
    sm: SentenceMentions, end: int, head_type: str, project: bool = False, lead: int = 0
) -> None:
    """Type the items that end at ``end`` and go left, none before ``lead``."""
    lex = sm.lex
    # walk left over items separated by 、 (and 和/及 before the last one)
    items: list[tuple[int, int]] = []
    pos = end
    while True:
        item_end = pos
        ti = sm.token_ends.get(item_end)
        if ti is None:
            return
        j = ti
        while j >= 0:
            t = sm.tokens[j]
            if t.is_break and t.kind != "bracket":
                break
            glued = t.text in ("和", "及", "与") and t.end == item_end and j == ti
            if (t.text in lex.stop_tokens or t.text in ("和", "及", "与")) and not glued:
                break  # (a 和 right before 、 or 等 ends a name: 德建聪和、…)
            if item_end - t.start > 14:
                break
            if t.start < lead:
                break  # the list's lead: the first item starts after it (even in a word)
            if sm.ends_at(t.end, {"Park"}) is not None:
                break  # 杭州高新区(滨江)吉利、海康… : the park is not part of the item
            j -= 1
        start = sm.tokens[j + 1].start if j + 1 <= ti else item_end
        if j >= 0 and sm.tokens[j].start < lead < sm.tokens[j].end:
            start = lead
        items.append((start, item_end))
        if j >= 0 and sm.tokens[j].text in ("、", "和", "及", "与") and len(items) < 20:
            pos = sm.tokens[j].start
            continue
        break
    if head_type == "Company" and not project and _kinds_of_business(sm, items):
        head_type = "Industry"  # "引进了纺纱、织布和服装加工等企业": kinds of firms
    for start, item_end in items:
        span_tokens = [t for t in sm.tokens if start <= t.start and t.end <= item_end]
        if lead and start == lead and (not span_tokens or span_tokens[0].start > lead):
            cut = next(t for t in sm.tokens if t.start < lead < t.end)
            span_tokens.insert(0, Token(sm.text[lead : cut.end], lead, cut.end, cut.kind))
        if sm.text[start - 1 : start] != "、":
            trimmed = trim_leading(span_tokens, lex)  # only the first item follows a verb
            if not (
                len(span_tokens) == 2
                and len(trimmed) == 1
                and trimmed[0].text in lex.suffixes
                and len(span_tokens[0].text) == 2
            ):
                span_tokens = trimmed  # (but "培育了感知集团": a verb-like word and 集团)
        if not span_tokens:
            continue
        start = span_tokens[0].start
        name = sm.text[start:item_end]
        if head_type == "Industry":
            if 2 <= len(name) <= 10 and not sm.overlaps(start, item_end):
                sm.add(start, item_end, "Industry", "list", 0.6)
            continue
        if len(name) < 2 or name in lex.places or name in lex.industries or name in lex.suffixes:
            continue  # (有限公司 alone: the rest of the name was not found)
        if is_generic_core(span_tokens, lex):
            continue
        if any(m.start <= start and item_end <= m.end for m in sm.found):
            continue  # already a name (with a suffix)
        if any(
            m.source == "suffix" and m.end == item_end and start < m.start <= start + 1
            for m in sm.found
        ):
            continue  # the legal name's own left edge: 孵化出 + 奇芯光电…有限公司
        if any(c.isdigit() for c in name):
            continue
        if project and not _firm_like(span_tokens, lex):
            continue  # "光伏电站、储能电站等项目": projects, not firms
        sm.add(start, item_end, _own_type(name, lex) or head_type, "list", 0.7)


def _own_type(name: str, lex) -> str | None:
    """The type an item's own ending gives ("…海洋研究所", "…大学西海岸校区" in a list
    of "企业和科研院所"): an institution's ending beats the list's nearest head."""
    if name.endswith(("校区", "分校")):
        return "Institution"
    for k in range(max(0, len(name) - 6), len(name) - 1):
        sfx = lex.suffixes.get(name[k:])
        if sfx is not None and sfx.type == "Institution" and "weak" not in sfx.flags:
            return "Institution"
    return None


def _kinds_of_business(sm: SentenceMentions, items: list[tuple[int, int]]) -> bool:
    """Most items name activities or industries, not firms: 纺纱、织布和服装加工等企业.

    An item counts when it is an industry term or ends in a dictionary verb or
    verbal noun (加工, 制造, 印染); firms' names end in names or business words.
    """
    if len(items) < 2:
        return False
    lex = sm.lex
    kinds = 0
    for start, end in items:
        name = sm.text[start:end]
        toks = [t for t in sm.tokens if start <= t.start and t.end <= end]
        if not toks or sm.inside_org(start, end):
            return False
        if name in lex.industries or all(pos_tag(t.text) in _COMMON_TAGS for t in toks):
            kinds += 1  # (叶片, 井下工具, 油田专用车辆: dictionary words, no name among them)
        elif (
            pos_tag(toks[-1].text) in ("v", "vn")
            or toks[-1].text in lex.industries
            or (toks[-1].text in _KIND_HEADS and toks[0].text in lex.industries)
        ):  # (航天 + 材料: a known field and a kind of product)
            # 服装加工 is a kind of business; 秦川储能 (a name word first) is a firm
            named = any(
                t.kind == "latin" or pos_tag(t.text) is None or pos_tag(t.text) in _NAME_TAGS
                for t in toks[:-1]
            )
            kinds += not named
    return 2 * kinds > len(items)


# word classes of common words, none of a name: an item made only of them names a kind
_COMMON_TAGS = frozenset(("n", "vn", "v", "b", "s", "a", "ng", "an", "f"))

# nouns that make a field into a kind of product: 航天材料, 医疗设备
_KIND_HEADS = frozenset(("材料", "设备", "装备", "部件", "零部件", "器件", "元件", "产品"))

# dictionary tags of words a firm's name is made of (names, places, brands)
_NAME_TAGS = {"nr", "nrt", "nrfg", "nz", "nt", "ns", "x"}


def _firm_like(tokens, lex) -> bool:
    """An item of a project list that names a firm: a name word, not a thing built.

    "三江化学、某某硅业等项目" name firms (a name word and a business word, or a
    short unknown word); "光伏电站、输变电工程等项目" name works.
    """
    words = [t for t in tokens if t.kind != "bracket"]
    text = "".join(t.text for t in words)
    if not words or len(text) > 10 or text in lex.suffixes:
        return False
    last = words[-1].text

    def name_word(t) -> bool:
        return t.kind == "latin" or (
            t.text not in lex.suffixes
            and t.text not in lex.industries
            and (pos_tag(t.text) is None or pos_tag(t.text) in _NAME_TAGS)
        )

    if len(words) > 1 and last in lexicons.word_set("brand_heads.txt"):
        prefix = "".join(t.text for t in words[:-1])
        # a made-up name before the business word: 某微, 臻格 (no dictionary word as a whole)
        coined = len(prefix) <= 3 and pos_tag(prefix) is None and prefix not in lex.places
        return coined or any(name_word(t) for t in words[:-1])
    if last in lex.industries or last in lex.generic or pos_tag(last) in ("v", "vn"):
        return False
    return len(text) <= 4 and any(name_word(t) for t in words)
