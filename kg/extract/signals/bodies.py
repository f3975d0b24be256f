"""Signal ``body``: government and party bodies (GUIDELINES rules 13 and 16).

News names bodies by short forms the ``suffix`` signal cannot see: 省政府, 市委,
省发改委, a bare 管委会, 国务院. They are patterns over the heads in
kg/data/gov_bodies.tsv: a level character and a ``level`` head (省委, 市政府),
a department (``organ``: 发改委, 科技局, 招商局) with an optional level, each
with an optional place before it (黑龙江省委, 西安市人民政府, 中共江苏省委), and
``national`` bodies named on their own (国务院, 工信部). Bodies written together
are separate (省委省政府 → 省委, 省政府); an office named after its parent is one
body and also yields the parent (X市政府新闻办, X省政府驻上海办事处). A body
followed by a person's title names a person's post, not a body here (省委副书记).

:func:`short_form_of` lets entity grouping make a bare 省政府 an alias of the
黑龙江省政府 the article also names.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ahocorasick

from kg.extract import lexicons
from kg.extract.sentence import SentenceMentions

FILE = "gov_bodies.tsv"
LEVELS = "省市区县州旗盟"
SCORE = 0.8
_PARTY_PREFIX = "中共"
_STATION = "驻"
_STATION_HEADS = ("办事处", "联络处", "办")


@dataclass(frozen=True)
class _Patterns:
    kinds: dict[str, str]  # matched word → level | organ | national
    offices: tuple[str, ...]  # longest first
    titles: frozenset[str]
    automaton: ahocorasick.Automaton


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    kinds: dict[str, str] = {}
    offices: list[str] = []
    titles: set[str] = set()
    for line in lexicons._lines(FILE):
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        head, kind = cols[0].strip(), cols[1].strip()
        if kind == "level":
            for lv in LEVELS:
                kinds.setdefault(lv + head, "level")
        elif kind == "organ":
            kinds.setdefault(head, "organ")
            for lv in LEVELS:
                kinds.setdefault(lv + head, "organ")
        elif kind == "national":
            kinds[head] = "national"
        elif kind == "office":
            offices.append(head)
        elif kind == "title":
            titles.add(head)
    automaton = ahocorasick.Automaton()
    for word in kinds:
        automaton.add_word(word, word)
    if len(automaton):
        automaton.make_automaton()
    return _Patterns(
        kinds, tuple(sorted(offices, key=len, reverse=True)), frozenset(titles), automaton
    )


def _place_before(sm: SentenceMentions, start: int, word: str) -> int:
    """Where a place name ending right before ``word`` starts (``start`` if none).

    The place starts a jieba token and may hold the word's level character
    (浦东新区 + 政府).
    """
    text, places = sm.text, sm.lex.places
    for k in range(max(0, start - 10), start):
        if k != 0 and k not in sm.token_starts:
            continue
        if text[k:start] in places and len(text[k:start]) >= 2:
            return k
        if word[0] in LEVELS and text[k : start + 1] in places and start + 1 - k >= 3:
            return k
    return start


def _next_token(sm: SentenceMentions, end: int) -> str:
    j = sm.token_starts.get(end)
    return sm.tokens[j].text if j is not None else ""


def _spans(sm: SentenceMentions) -> list[tuple[int, int]]:
    """Body spans of one sentence, before the offices named after them."""
    pats = _patterns()
    if not len(pats.automaton):
        return []
    text = sm.text
    cands: set[tuple[int, int]] = set()
    for last, word in pats.automaton.iter(text):
        start, end = last - len(word) + 1, last + 1
        kind = pats.kinds[word]
        s = start
        if kind != "national":
            s = _place_before(sm, start, word)
            if s < start and text[:s].endswith(_PARTY_PREFIX):
                s -= len(_PARTY_PREFIX)
        if s != 0 and s not in sm.token_starts:
            continue
        if end != len(text) and end not in sm.token_ends:
            continue  # 市委书记, 区委员会: the head is part of a longer word
        if kind == "organ" and s == start and word[0] not in LEVELS:
            continue  # a bare 管委会, 招商局: measured, more often a generic word than a name
        if any(text.startswith(t, end) and not text.startswith(t + "会", end) for t in pats.titles):
            continue  # 省委副书记: a post, not a body (省委常委会 is a body)
        nxt = _next_token(sm, end)
        suffix = sm.lex.suffixes.get(nxt)
        if suffix is not None and suffix.type == "Company":
            continue  # 招商局集团 is a firm
        cands.add((s, end))
    # drop a body cut short by a longer one ending at the same place
    return sorted((s, e) for s, e in cands if not any(s2 < s and e2 == e for s2, e2 in cands))


def _office_end(sm: SentenceMentions, end: int) -> int | None:
    """The end of an office named right after a body ending at ``end``, if any."""
    text = sm.text
    if text.startswith(_STATION, end):
        k = end + len(_STATION)
        for n in range(min(8, len(text) - k), 1, -1):
            if text[k : k + n] in sm.lex.places:
                for head in _STATION_HEADS:
                    if text.startswith(head, k + n):
                        e = k + n + len(head)
                        if e == len(text) or e in sm.token_ends:
                            return e
                break
        return None
    for head in _patterns().offices:
        if text.startswith(head, end):
            e = end + len(head)
            if e == len(text) or e in sm.token_ends:
                return e
    return None


def find(sm: SentenceMentions) -> None:
    for s, e in _spans(sm):
        for start, end in ((s, e), (s, _office_end(sm, e))):
            if end is None:
                continue
            if any(
                m.start == start and m.end >= end and m.type in ("Company", "Institution")
                for m in sm.found
            ):
                continue  # found already, or the start of a longer name (X工商联（总商会）)
            if any(
                m.start < end and start < m.end and not _nested(m, start, end) for m in sm.found
            ):
                continue  # crossing a name another signal found
            sm.add(start, end, "Institution", "body", SCORE)


def _nested(m, start: int, end: int) -> bool:
    return (m.start <= start and end <= m.end) or (start <= m.start and m.end <= end)


def short_form_of(short: str, long: str) -> bool:
    """Whether ``short`` is a bare body (省政府, 管委会) that ``long`` names in full.

    黑龙江省政府 ends with 省政府 after a place; X高新区管委会 ends with 管委会
    after a park. Used by entity grouping to make the bare form an alias.
    """
    if short not in _patterns().kinds or _patterns().kinds[short] == "national":
        return False
    if len(long) <= len(short) or not long.endswith(short):
        return False
    head = long[: -len(short)]
    if head.startswith(_PARTY_PREFIX):
        head = head[len(_PARTY_PREFIX) :]
    lex = lexicons.load()
    if head in lex.places or (short[0] in LEVELS and head + short[0] in lex.places):
        return True
    if head in lex.park_names:
        return True
    return any(
        head.endswith(sfx) for sfx, v in lex.suffixes.items() if v.type == "Park" and len(sfx) >= 2
    )
