"""Signal ``district``: a district presented as a zone (guidelines rule 17).

A county-level 区 (南海区, 柳南区, optionally after its city: 佛山市南海区) is a
Park when the sentence makes it a zone that hosts firms or bets on industries:
the subject of 引进, 集聚, 重点发展… ("长寿区瞄准新材料…"), or the place firms
gather in ("均聚集在柳南区"). A district that is only an address ("位于南海区
丹灶镇") is no entity.
"""

from __future__ import annotations

import re

import ahocorasick

from kg.extract.names import city_before
from kg.extract.sentence import SentenceMentions

# verbs a zone is the subject of, right after the district (a few words may come between)
_ZONE_VERBS = re.compile(
    r"[^，。；,;！？]{0,6}?(?:引进|招引|集聚|聚集|已形成|打造|布局|瞄准|重点发展|聚焦|依托|"
    r"签下|抢先布局|培育|做强|壮大|主导产业|产业体系)"
)
# words before the district that make it the place firms gather in
_GATHER_BEFORE = re.compile(r"(?:聚集在|集聚在|落户于?|入驻|坐落于|扎根)$")


_COUNTIES: dict[int, tuple[object, ahocorasick.Automaton]] = {}


def _counties(lex) -> ahocorasick.Automaton:
    """An automaton of the county-level places named …区: the only places looked at."""
    cached = _COUNTIES.get(id(lex))
    if cached is None or cached[0] is not lex:
        a = ahocorasick.Automaton()
        for word, level in lex.places.items():
            if word.endswith("区") and level == "county":
                a.add_word(word, word)
        if len(a):
            a.make_automaton()
        cached = _COUNTIES[id(lex)] = (lex, a)
    return cached[1]


def find(sm: SentenceMentions) -> None:
    lex = sm.lex
    text = sm.text
    counties = _counties(lex)
    if not len(counties):
        return
    for end, word in counties.iter(text):
        start = end - len(word) + 1
        end += 1
        if end not in sm.token_ends and end != len(text):
            continue
        start = city_before(text, start, lex.places)  # 佛山市南海区, 重庆市长寿区
        if sm.overlaps(start, end):
            continue
        zone_use = _ZONE_VERBS.match(text, end) or _GATHER_BEFORE.search(text[:start])
        if zone_use:
            sm.add(start, end, "Park", "district", 0.5)
