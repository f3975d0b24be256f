"""Signal ``body``: government and party bodies (GUIDELINES rules 13 and 16).

News names bodies by short forms the ``suffix`` signal cannot see: 省政府, 市委,
省发改委, a bare 管委会, 国务院. They are patterns over the heads in
kg/data/gov_bodies.tsv: a level character and a ``level`` head (省委, 市政府),
a department (``organ``: 发改委, 科技局, 招商局) with an optional level, each
with an optional place before it (黑龙江省委, 西安市人民政府, 中共江苏省委), and
``national`` bodies named on their own (国务院, 工信部). Bodies written together
are separate (省委省政府 → 省委, 省政府); an office named after its parent is one
body and also yields the parent (X市政府新闻办, X省政府驻上海办事处, X市委宣传部,
X科技厅高新处).

:func:`short_form_of` lets entity grouping make a bare 省政府 an alias of the
黑龙江省政府 the article also names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick

from kg.extract import lexicons
from kg.extract.names import city_before
from kg.extract.sentence import SentenceMentions

FILE = "gov_bodies.tsv"
LEVELS = "省市区县州旗盟"
SCORE = 0.8
_PARTY_PREFIX = "中共"
_STATION = "驻"
_STATION_HEADS = ("办事处", "联络处", "办")
# a division named with its bureau: X科技厅 + 高新处 (rule 13)
_DIVISION_PARENTS = set("局厅委部办")
_DIVISION = re.compile(r"[\u4e00-\u9fff]{1,6}?处")
# a person's post right after a bare department makes it a name ("党工委书记、管委会主任")
_POST = re.compile(r"(?:常务)?(?:副)?(?:主任|局长|书记|主席|秘书长)")


@dataclass(frozen=True)
class _Patterns:
    kinds: dict[str, str]  # matched word → level | organ | national
    offices: tuple[str, ...]  # what may follow a body as its office or department, longest first
    automaton: ahocorasick.Automaton


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    kinds: dict[str, str] = {}
    offices: list[str] = []
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
    automaton = ahocorasick.Automaton()
    for word in kinds:
        automaton.add_word(word, word)
    if len(automaton):
        automaton.make_automaton()
    offices += [h for h, kind in kinds.items() if kind == "organ" and h[0] not in LEVELS]
    return _Patterns(kinds, tuple(sorted(set(offices), key=len, reverse=True)), automaton)


def _place_before(sm: SentenceMentions, start: int, word: str) -> int:
    """Where a place name ending right before ``word`` starts (``start`` if none).

    The place starts a jieba token and may hold the word's level character
    (浦东新区 + 政府).
    """
    text, places = sm.text, sm.lex.places
    for k in range(max(0, start - 10), start):
        if k != 0 and k not in sm.token_starts:
            continue
        if (
            (
                text[k:start] in places
                and len(text[k:start]) >= 2
                and text[k:start] not in sm.lex.stop_tokens  # 会同 + 市科技局: "together with"
            )
            or (word[0] in LEVELS and text[k : start + 1] in places and start + 1 - k >= 3)
        ):
            return city_before(text, k, places, ("city", "province"))  # 杭州 + 临平区政府
    return start


def _next_token(sm: SentenceMentions, end: int) -> str:
    j = sm.token_starts.get(end)
    return sm.tokens[j].text if j is not None else ""


def _spans(sm: SentenceMentions) -> list[tuple[int, int]]:
    """Body spans of one sentence (heads matched, places added), not yet checked on the right."""
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
        if kind == "organ" and s == start and word[0] not in LEVELS:
            park = next((m for m in sm.found if m.type == "Park" and m.end == start), None)
            if park is not None:
                s = park.start  # 阿克苏纺织工业城开发区 + 招商局: the park's own bureau
            elif not _POST.match(text, end):
                continue  # a bare 管委会, 招商局: measured, more often a generic word than a name
        cands.add((s, end))
    # drop a body cut short by a longer one ending at the same place
    return sorted((s, e) for s, e in cands if not any(s2 < s and e2 == e for s2, e2 in cands))


def _ends_body(sm: SentenceMentions, end: int) -> bool:
    """A body's name may end here: a token ends, and no firm word follows.

    A person's title after it does not matter: 省委副书记 still names 省委 (measured
    on dev, dropping such bodies lost more gold bodies than false ones).
    """
    text = sm.text
    if (
        end != len(text)
        and end not in sm.token_ends
        and not (text[end] in "与和及" and end + 1 in sm.token_ends)  # 委 + 与: jieba's 委与
    ):
        return False  # 市委书记, 社区委员会: the head is part of a longer word
    nxt = _next_token(sm, end)
    suffix = sm.lex.suffixes.get(nxt)
    return suffix is None or suffix.type != "Company"  # 招商局集团 is a firm


def _office_end(sm: SentenceMentions, end: int) -> int | None:
    """The end of an office named right after a body ending at ``end``, if any.

    X省政府 + 驻上海办事处, X市政府 + 新闻办, X市委 + 宣传部, X省政府 + 国资委,
    X科技厅 + 高新处 (rule 16: the office is one body and yields its parent).
    """
    text, pats = sm.text, _patterns()
    if text.startswith(_STATION, end):
        k = end + len(_STATION)
        for n in range(min(8, len(text) - k), 1, -1):
            if text[k : k + n] in sm.lex.places:
                for head in _STATION_HEADS:
                    e = k + n + len(head)
                    if text.startswith(head, k + n) and _ends_body(sm, e):
                        return e
                break
        return None
    for head in pats.offices:
        e = end + len(head)
        if text.startswith(head, end) and _ends_body(sm, e):
            return e
    if text[end - 1 : end] in _DIVISION_PARENTS:
        m = _DIVISION.match(text, end)
        if m and not m.group().endswith("办事处") and _ends_body(sm, m.end()):
            return m.end()
    return None


def find(sm: SentenceMentions) -> None:
    for s, e in _spans(sm):
        office = _office_end(sm, e)
        for start, end in ((s, office), (s, e)):
            if end is None or (end == e and office is None and not _ends_body(sm, e)):
                continue
            if any(
                m.start == start and m.end >= end and m.type in ("Company", "Institution")
                for m in sm.found
                if not (m.source == "body")
            ):
                continue  # found already, or the start of a longer name (X工商联（总商会）)
            if any(
                m.start < end and start < m.end and not _nested(m, start, end) for m in sm.found
            ):
                continue  # crossing a name another signal found
            sm.add(start, end, "Institution", "body", SCORE)


def _nested(m, start: int, end: int) -> bool:
    return (m.start <= start and end <= m.end) or (start <= m.start and m.end <= end)


@functools.lru_cache(maxsize=1)
def _park_suffixes() -> tuple[str, ...]:
    lex = lexicons.load()
    return tuple(s for s, v in lex.suffixes.items() if v.type == "Park" and len(s) >= 2)


# how a body's full name shortens: its bare form takes the short words
_ABBREVIATIONS = (
    ("人民政府", "政府"),  # 市政府 ~ 宜春市人民政府: one government
    ("管理委员会", "管委会"),
    ("高新技术产业开发区", "高新区"),
    ("经济技术开发区", "经开区"),
)


def shortened(name: str) -> str:
    """A body's full name in the short words its bare forms use (宜昌高新技术产业开发区
    管理委员会 → 宜昌高新区管委会), so that a bare form is one of its endings."""
    for full, abbrev in _ABBREVIATIONS:
        name = name.replace(full, abbrev)
    return name


def short_form_of(short: str, long: str) -> bool:
    """Whether ``short`` is a bare body (省政府, 管委会) that ``long`` names in full.

    黑龙江省政府 ends with 省政府 after a place; X高新区管委会 ends with 管委会
    after a park. Used by entity grouping to make the bare form an alias.
    """
    if short.endswith("管委会") and short[:-3] in lexicons.word_set("bare_park_words.txt"):
        # 园区管委会 ~ 宁夏某某产业园区管理委员会, 开发区管委会 ~ 北京经济技术开发区
        # 管理委员会: the committee of the zone just named, in either spelling
        forms = (long.replace("管理委员会", "管委会"), shortened(long))
        return any(len(f) > len(short) and f.endswith(short) for f in forms)
    long = shortened(long)
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
    return head.endswith(_park_suffixes())
