"""Signal ``list``: items of a coordination list ending in a head noun.

"吸引A、B、C等优质企业入驻": A, B and C are companies; the nearest head noun
after 等 decides the type (企业 → Company, 高校 → Institution).
"""

from __future__ import annotations

import re

from kg.extract.names import (
    is_generic_core,
    trim_leading,
)
from kg.extract.sentence import SentenceMentions
from kg.extract.tokens import PUNCT

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
}


def find(sm: SentenceMentions) -> None:
    """Type the items of every "A、B、C等…企业" list by their nearest head noun."""
    text = sm.text
    for m in re.finditer(r"等(?:[0-9一二三四五六七八九十百余多几]+[家个所])?", text):
        tail = text[m.end() : m.end() + 14]
        head_type = None
        best_k = 11
        for head, t in LIST_HEADS.items():
            k = tail.find(head)
            if 0 <= k < best_k and not any(c in PUNCT for c in tail[:k]):
                head_type, best_k = t, k  # the nearest head noun decides
        if head_type is None:
            continue
        _list_items(sm, m.start(), head_type)


def _list_items(sm: SentenceMentions, end: int, head_type: str) -> None:
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
            if t.text in lex.stop_tokens or t.text in ("和", "及", "与"):
                break
            if item_end - t.start > 14:
                break
            if sm.ends_at(t.end, {"Park"}) is not None:
                break  # 杭州高新区(滨江)吉利、海康… : the park is not part of the item
            j -= 1
        start = sm.tokens[j + 1].start if j + 1 <= ti else item_end
        items.append((start, item_end))
        if j >= 0 and sm.tokens[j].text in ("、", "和", "及", "与") and len(items) < 20:
            pos = sm.tokens[j].start
            continue
        break
    for start, item_end in items:
        span_tokens = [t for t in sm.tokens if start <= t.start and t.end <= item_end]
        span_tokens = trim_leading(span_tokens, lex)
        if not span_tokens:
            continue
        start = span_tokens[0].start
        name = sm.text[start:item_end]
        if len(name) < 2 or name in lex.places or name in lex.industries:
            continue
        if is_generic_core(span_tokens, lex):
            continue
        if any(m.start <= start and item_end <= m.end for m in sm.found):
            continue  # already a name (with a suffix)
        if any(c.isdigit() for c in name):
            continue
        sm.add(start, item_end, head_type, "list", 0.7)
