"""Group a document's mentions into entities, with aliases.

One entity per real-world thing within the document: the same surface form
(brackets of either width), a short form of a full company name
(重庆植恩药业有限公司 / 植恩药业 / 植恩生物), a bracketed translation
(Cytiva（思拓凡） → Cytiva, 思拓凡), a park name with its district in brackets
(常州高新区(新北区) / 常州高新区), and a one-character typo of a park name.
The canonical name is the fullest form the article uses.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict

import ahocorasick

from kg.document import Document, Entity, Mention
from kg.extract import lexicons
from kg.extract.names import pos_tag
from kg.extract.signals import bodies, known
from kg.normalize import normalize
from kg.resolve import firm_brand, firm_core

_LEGAL = re.compile(
    r"(股份有限公司|有限责任公司|集团有限公司|集团公司|有限公司|控股集团|集团|股份|公司)$"
)
_BRACKET = re.compile(r"[（(][^（()）]{1,10}[）)]")
# a bracket that ends a name: 武汉东湖新技术开发区（中国光谷）
_BRACKET_END = re.compile(r"[（(][^（()）]*[）)]$")


norm = normalize  # bracket widths unified, no spaces, ASCII lower-case


@functools.lru_cache(maxsize=65536)
def brand_core(name: str) -> str:
    """The brand of a company name (:func:`kg.resolve.firm_brand`, the one
    definition): 重庆植恩药业有限公司 → 植恩; 清安储能技术(重庆)有限公司 → 清安."""
    return firm_brand(name)


def _one_char_typo(a: str, b: str) -> bool:
    return len(a) == len(b) and len(a) >= 5 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def find_short_forms(doc: Document) -> list[Mention]:
    """Mentions of a firm by its short form elsewhere in the document.

    A full name found by its legal suffix (长鑫存储技术有限公司) gives its brand core
    (长鑫); where the core recurs outside any mention, followed by a business word
    (长鑫存储) or where a name can end, that is the firm again. Only cores that
    are no dictionary word, place, industry or generic word are looked for.
    """
    lex = lexicons.load()
    heads = sorted(lexicons.word_set("brand_heads.txt"), key=len, reverse=True)
    taken = _covered(doc)  # characters already inside a mention
    found: list[Mention] = []
    cores = set()
    words = set()  # cores that are dictionary words: 吉利 of 吉利控股集团
    named = set()  # a core with the business word the full name gives it: 绿叶 + 制药
    placed = set()  # a place that is the brand, with its business word: 荣昌 + 生物
    for m in doc.mentions:
        if m.type == "Company" and m.source == "suffix" and _LEGAL.search(m.text):
            for core in _brands(m.text):
                _add_core(core, lex, cores, words)
                named.update(core + h for h in heads if core + h in m.text)
            led = _place_led(m.text, lex, heads)
            if led:
                placed.add(led)
    text = doc.text
    hits = _occurrences(text, cores | words | placed)
    for form in sorted(placed):
        for start in hits.get(form, ()):
            end = start + len(form)
            # (not where a longer name or phrase goes on: 荣昌生物医药产业)
            if not any(taken[start:end]) and not (
                _LONGER_NAME.match(text, end)
                or text.startswith(_GOES_ON, end)
                or any(text.startswith(h, end) for h in heads)
            ):
                taken[start:end] = b"\x01" * (end - start)
                found.append(Mention(start, end, form, "Company", "short-form", 0.6))
    for core in sorted(cores | words):
        for start in hits.get(core, ()):
            end = start + len(core)
            listed = (
                text[start - 1 : start] == "、"
                and (text[end : end + 1] in ("、", "等", "和", "与") or _ENDS_NAME.match(text, end))
            ) or (
                # "联合台铃、金宇电机共同…", "，蒙牛、赛科星与…": the list's first item
                text[end : end + 1] == "、"
                and (
                    text[start - 1 : start] in "，。；：\n" or text.endswith(_JOINS_WITH, 0, start)
                )
            )
            # a dictionary word followed by its firm's own business word is the firm
            # (绿叶 + 制药 of 绿叶制药集团有限公司), else only where firms act
            own = core in words and any(
                text.startswith(h, end) and core + h in named for h in heads
            )
            if (core in words and not own) or (
                len(core) < 3 and (_ACTS.match(text, end) or listed)
            ):
                # a word or a two-character core is the firm as the subject of what
                # firms do ("吉利将在前湾新区建设…"), opening a clause, or as an item
                # of a list of firms ("天和磁材、韵升等企业")
                if (
                    (
                        start == 0
                        or text[start - 1] in _OPENS_NAME
                        or text.endswith(_JOINS_WITH, 0, start)
                    )
                    and (_ACTS.match(text, end) or listed)
                    and not any(taken[start:end])
                ):
                    taken[start:end] = b"\x01" * (end - start)
                    found.append(Mention(start, end, core, "Company", "short-form", 0.6))
                continue
            for h in heads:
                if text.startswith(h, end):
                    end += len(h)
                    break
            else:
                h = ""
            if h and len(core) < 3 and not (_ENDS_NAME.match(text, end) or _ACTS.match(text, end)):
                continue  # 纳米 + 科技 + 领军人才计划: a two-character core in a longer phrase
            if not h:
                if len(core) < 3 or not _ENDS_NAME.match(text, end):
                    continue  # a short bare core is too easily part of another word
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Mention(start, end, text[start:end], "Company", "short-form", 0.6))
    return found


# what continues a place-led short form into another phrase
_GOES_ON = ("产业", "行业", "园", "城", "基地", "区", "市", "县")


def _place_led(name: str, lex, heads: list[str]) -> str | None:
    """The short form of a firm whose brand is the place its name opens with (荣昌生物
    of 荣昌生物制药（烟台）股份有限公司), where the rest of its core is only business
    words: the place and the first of them."""
    core = brand_core(name)
    if core not in lex.industries and core not in lex.generic:
        return None
    for n in (3, 2):
        head = next((h for h in heads if name.startswith(h, n)), None)
        if head and name[:n] in lex.places:
            return name[:n] + head
    return None


def _brands(name: str) -> list[str]:
    """The brands a firm's full name may be short for: its brand core, and for a
    中国… firm the brand of the rest (中国光大环境（集团）有限公司 → 光大)."""
    out = [brand_core(name)]
    if name.startswith("中国") and len(name) > 6:
        out.append(brand_core(name[2:]))
    return out


def _add_core(core: str, lex, cores: set[str], words: set[str]) -> None:
    """File a brand core under the cores to look for, or under dictionary words
    (looked for in stricter places), with its first word when it has four characters."""
    if not 2 <= len(core) <= 4 or core in lex.generic or core in lex.industries:
        return
    if core not in lex.places and pos_tag(core) in (None, "nz", "nr", "nrt", "nt", "j"):
        cores.add(core)
    else:
        words.add(core)  # 吉利 (also a place), 美的
    head = core[:2]  # 韵升 of 韵升强磁: a four-character brand's first word
    if (
        len(core) == 4
        and head not in lex.places
        and head not in lex.generic
        and head not in lex.industries
        and pos_tag(head) in (None, "nz", "nr", "nrt", "nt", "j")
    ):
        cores.add(head)


def _abbreviates(short: str, name: str) -> bool:
    """湘电股份 of 湘潭电机股份有限公司: the short form's characters in order in the
    name, from its first one (a short form made of the name's characters)."""
    if not short or short[0] != name[:1]:
        return False
    k = 0
    for c in short:
        k = name.find(c, k) + 1
        if k == 0:
            return False
    return True


def find_defined(doc: Document) -> list[Mention]:
    """Occurrences of a short name the article defines: "X（以下简称“Y”）" makes every
    later Y a mention of X's type (not a bare park word: rule 11)."""
    lex = lexicons.load()
    bare = lexicons.word_set("bare_park_words.txt")
    taken = _covered(doc)
    defined: dict[str, str] = {}
    for m in doc.mentions:
        d = _DEFINES.match(doc.text, m.end) if m.type != "Industry" else None
        if d and d.group(1) not in bare and d.group(1) not in lex.generic:
            defined.setdefault(d.group(1), m.type)
    found: list[Mention] = []
    for name, starts in _occurrences(doc.text, set(defined)).items():
        for start in starts:
            end = start + len(name)
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Mention(start, end, name, defined[name], "defined", 0.7))
    return found


def find_repeats(doc: Document) -> list[Mention]:
    """Other occurrences of a firm's, body's or park's name found once in the document.

    One name, one sense in an article: "炬芯科技" found in a list ("A、炬芯科技等企业")
    is the same firm where a later sentence names it in a way no signal reads
    (jieba cut it into characters). Only names of four or more characters (three
    where a name can start: after a break or a conjunction), at places no
    mention covers.
    """
    lex = lexicons.load()
    taken = _covered(doc)
    names = {
        m.text: m
        for m in doc.mentions
        if (m.type in ("Company", "Institution") or (m.type == "Park" and len(m.text) >= 5))
        and len(m.text) >= 3
        and m.text not in lex.places
        and m.text not in lex.industries
        and m.text not in lex.generic
    }
    found: list[Mention] = []
    for name, starts in _occurrences(doc.text, set(names)).items():
        proto = names[name]
        for start in starts:
            end = start + len(name)
            if any(taken[start:end]) or _LONGER_NAME.match(doc.text, end):
                continue
            if len(name) == 3 and not (start == 0 or doc.text[start - 1] in _OPENS_NAME):
                continue  # a three-character name only where a name can start
            taken[start:end] = b"\x01" * (end - start)
            found.append(Mention(start, end, name, proto.type, "repeat", 0.5))
    return found


# what a firm named by a dictionary word does right after its name
_ACTS = re.compile(
    r"(?:将|已|还|也|正|则|拟|计划|随后|先后|在|于|投资|落户|宣布|表示|方面|旗下|总部|集团"
    r"|联合|携手|共同|签约|签署)"
)

# what may stand right before a name: a break, a conjunction, a preposition
_OPENS_NAME = frozenset('，。、；：！？,.;:!?（(“”"\n 与和及同跟在由对向')

# what continues a name into a longer one ("…科技" + "有限公司"): no repeat there
_LONGER_NAME = re.compile(r"有限|股份|集团|公司|分公司|研究院|研究所|大学|学院|中心")


def _covered(doc: Document) -> bytearray:
    """One byte per character of the text: 1 where a mention covers it."""
    taken = bytearray(len(doc.text))
    for m in doc.mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return taken


def _occurrences(text: str, words: set[str]) -> dict[str, list[int]]:
    """Where each word occurs in ``text``, as ``re.finditer`` finds it (left to
    right, not overlapping itself): one pass over the text for all the words,
    not one per word (a list of thousands of firms is thousands of cores)."""
    if not words:
        return {}
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, w)
    auto.make_automaton()
    out: dict[str, list[int]] = defaultdict(list)
    free: dict[str, int] = {}  # where a word's next occurrence may start
    for last, w in auto.iter(text):  # by end, so each word's by start
        start = last - len(w) + 1
        if start >= free.get(w, 0):
            out[w].append(start)
            free[w] = last + 1
    return out


# a bracket of a few words right after a name
_BRACKET_SHORT = re.compile(r"[（(]([^（）()，,、\n]{2,10})[）)]")
# a short name the article defines right after a full one: （以下简称“盐湖股份”）
_DEFINES = re.compile(
    r"[（(](?:以下)?(?:简称为?|下称|称)[：:]?[“\"‘']?([^”\"’'）)，,]{2,16})[”\"’']?[）)]"
)

# what may follow a firm's name: punctuation, a particle, a verb-like word
_ENDS_NAME = re.compile(r"[，。、；：！？,.;:!?）)“”的是等在和与将已也还正作为则]|共同|联合|签|$")
# a verb that takes partners right before a list of them
_JOINS_WITH = ("联合", "携手", "会同", "协同")


def group_entities(doc: Document) -> Document:
    """Set ``doc.entities`` from ``doc.mentions`` (adding firms' short forms first)."""
    lex = lexicons.load()
    doc.mentions.extend(find_defined(doc))
    doc.mentions.extend(find_short_forms(doc))
    doc.mentions.extend(find_repeats(doc))
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    by_form: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    type_votes: dict[str, Counter] = defaultdict(Counter)
    for m in doc.mentions:
        type_votes[norm(m.text)][m.type] += m.score
    for m in doc.mentions:
        t = type_votes[norm(m.text)].most_common(1)[0][0]
        by_form[(norm(m.text), t)].append(m)

    groups: list[dict] = []
    for (key, type_), ms in by_form.items():
        groups.append({"key": key, "type": type_, "mentions": ms, "forms": {key}})

    # merge short forms into long forms of the same type
    def merge(into: dict, other: dict) -> None:
        into["mentions"].extend(other["mentions"])
        into["forms"] |= other["forms"]
        other["merged"] = True

    groups.sort(key=lambda g: -len(g["key"]))
    # each group against the shorter ones after it that can be its alias (the
    # candidates of _alias_candidates, in the same order as all of them would be)
    candidates = _alias_candidates(groups, lex)
    for i, long in enumerate(groups):
        if long.get("merged"):
            continue
        for j in candidates(i):
            short = groups[j]
            if short.get("merged"):
                continue
            if _is_alias(short["key"], long["key"], long["type"], lex):
                merge(long, short)

    # "X（以下简称“Y”）": the article defines Y as X's short name
    by_key = {(g["key"], g["type"]): g for g in groups if not g.get("merged")}
    for g in [g for g in groups if not g.get("merged")]:
        for m in g["mentions"]:
            d = _DEFINES.match(doc.text, m.end)
            other = by_key.get((norm(d.group(1)), g["type"])) if d else None
            if other is not None and other is not g and not other.get("merged"):
                merge(g, other)

    # "山东国瓷功能材料股份有限公司（国瓷材料）": a bracket right after a name that
    # holds a form opening with the name's own words is its short name
    for g in [g for g in groups if not g.get("merged") and g["type"] in ("Company", "Institution")]:
        for m in g["mentions"]:
            b = _BRACKET_SHORT.match(doc.text, m.end)
            other = by_key.get((norm(b.group(1)), g["type"])) if b else None
            if (
                other is not None
                and other is not g
                and not other.get("merged")
                and (b.group(1)[:2] in m.text or _abbreviates(b.group(1), m.text))
            ):
                merge(g, other)

    # park typos: keep the more frequent spelling
    parks = [g for g in groups if not g.get("merged") and g["type"] == "Park"]
    sentence_starts = [sent.start for sent in doc.sentences]
    for ia, b_of in enumerate(_typo_candidates([g["key"] for g in parks])):
        a = parks[ia]
        for ib in b_of:
            b = parks[ib]
            if a.get("merged") or b.get("merged"):
                continue
            if (
                _one_char_typo(a["key"], b["key"])
                and len(a["mentions"]) >= len(b["mentions"])
                and not _side_by_side(a["mentions"], b["mentions"], sentence_starts)
            ):
                merge(a, b)

    # a park's body by any of the park's names: 莫干山高新区管委会 and
    # 湖州莫干山高新技术产业开发区管理委员会 are one committee
    park_of = {f: id(g) for g in groups if g["type"] == "Park" and not g.get("merged")
               for f in g["forms"]}  # fmt: skip
    bodies: dict[tuple[int, str], dict] = {}
    for g in groups:
        if g["type"] != "Institution" or g.get("merged"):
            continue
        ending = next((e for e in _PARK_BODY_ENDS if g["key"].endswith(e)), None)
        park = park_of.get(g["key"][: -len(ending)]) if ending else None
        if park is None:
            continue
        key = (park, _PARK_BODY_ENDS[ending])
        if key in bodies:
            merge(bodies[key], g)
        else:
            bodies[key] = g

    entities = []
    for g in groups:
        if g.get("merged"):
            continue
        surface = Counter(m.text for m in g["mentions"])
        # canonical: a gazetteer form for a park, else the longest form (its most frequent
        # spelling): the fullest name the article uses
        known = [m.text for m in g["mentions"] if m.source == "gazetteer"]
        pool = Counter(known) if known and g["type"] == "Park" else surface
        best_len = max(len(norm(s)) for s in pool)
        name = max((s for s in pool if len(norm(s)) == best_len), key=lambda s: pool[s])
        aliases = []
        seen = {norm(name)}
        for s, _ in surface.most_common():
            if norm(s) not in seen:
                seen.add(norm(s))
                aliases.append(s)
        for extra in [*_bracket_aliases(name, g["type"], lex), *_zone_part_alias(name, g["type"])]:
            if norm(extra) not in seen:
                seen.add(norm(extra))
                aliases.append(extra)
        mentions = sorted(g["mentions"], key=lambda m: m.start)
        entities.append(Entity(name, g["type"], aliases, mentions))
    entities.sort(key=lambda e: e.mentions[0].start)
    doc.entities = _unambiguous(entities)
    return doc


# the bodies that run a park, by their endings (long and short form: one body)
_PARK_BODY_ENDS = {
    "管理委员会": "管委会",
    "管委会": "管委会",
    "党工委": "党工委",
    "党工作委员会": "党工委",
}


def _side_by_side(a: list[Mention], b: list[Mention], starts: list[int]) -> bool:
    """Two names in one sentence are two things, however alike (东川工业园区、南川工业园区);
    ``starts`` are the document's sentence starts, in order."""
    where = {bisect.bisect_right(starts, m.start) for m in a}
    return any(bisect.bisect_right(starts, m.start) in where for m in b)


def _unambiguous(entities: list[Entity]) -> list[Entity]:
    """Drop aliases that would name two entities of the document.

    X数据中心(A园) and X数据中心(B园) both yield the bracket alias X数据中心; a
    name must point at one node, so a form claimed twice is nobody's alias (and
    an entity whose own name another one claims keeps its name).
    """
    claims = Counter()
    for e in entities:
        for n in {norm(e.name), *(norm(a) for a in e.aliases)}:
            claims[n] += 1
    if all(c == 1 for c in claims.values()):
        return entities
    names = {norm(e.name) for e in entities}
    for e in entities:
        e.aliases = [a for a in e.aliases if claims[norm(a)] == 1 and norm(a) not in names]
    # two entities with one name (different types): keep the one mentioned first
    seen: set[str] = set()
    out = []
    for e in entities:
        if norm(e.name) in seen:
            continue
        seen.add(norm(e.name))
        out.append(e)
    return out


# a sub-park named after its zone: 深圳高新区 + 坪山园区, 杭州高新区 + 滨江园区
_ZONE_PART = re.compile(
    r"^.{2,8}?(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|新区)"
    r"(?P<part>[^（()）]{2,6}(?:园区|片区|分园))$"
)


def _zone_part_alias(name: str, type_: str) -> list[str]:
    """深圳高新区坪山园区 → 坪山园区: the part's own name, which the text may use alone."""
    m = _ZONE_PART.match(name) if type_ == "Park" else None
    return [m.group("part")] if m else []


def _bracket_aliases(name: str, type_: str, lex) -> list[str]:
    """Cytiva（思拓凡） → Cytiva, 思拓凡 (not for place brackets such as 西部（重庆）科学城)."""
    m = re.fullmatch(r"(.+?)[（(]([^（()）]+)[）)]", name)
    if not m or type_ == "Industry":
        return []
    outer, inner = m.group(1), m.group(2)
    if inner in lex.places or inner.rstrip("区县市") in lex.places:
        # 常州高新区(新北区) → 常州高新区
        return [outer] if type_ == "Park" else []
    if type_ == "Park":
        # 武汉东湖高新区（中国光谷） → 武汉东湖高新区, 中国光谷 (not 基地（生物医药）)
        if len(inner) >= 3 and inner not in lex.industries and inner not in lex.generic:
            return [outer, inner]
        return []
    if type_ in ("Company", "Institution") and len(outer) >= 2:
        return [outer, inner]
    return []


def _alias_candidates(groups: list[dict], lex):
    """``candidates(i)``: the positions ``j > i`` of the groups of ``groups[i]``'s
    type for which :func:`_is_alias` (``groups[j]`` short, ``groups[i]`` long)
    can be true, in increasing order: every one it can be true for, so merging
    over them gives what comparing all pairs gives, in time near-linear in the
    number of groups instead of quadratic (2,000 firms of one list: 5 s).

    Each way _is_alias can say yes is a key the two share or a form of the long
    name the short one is: the short name is the long one, a prefix or suffix of
    it, or it without brackets; both name one known organisation; (firms) the
    short one's brand core is a prefix of the long one's; (parks) the same
    park key or a suffix of the long one's (of the long name or of it without
    中国(…)), gazetteer zone, or name without brackets, also of the name before
    a bracketed alias.
    """
    index: dict[tuple, list[int]] = defaultdict(list)

    def keys(g: dict):
        key, type_ = g["key"], g["type"]
        yield ("k", type_, key)
        for org in known._orgs(key):
            yield ("o", type_, org)
        if type_ == "Company":
            core = brand_core(key)
            if len(core) >= 2 and core not in lex.generic:
                yield ("c", type_, core)
        elif type_ == "Park":
            yield ("pk", type_, _park_key(key))
            yield ("b", type_, _BRACKET.sub("", key))
            zone = _gazetteer_park(key, lex)
            if zone:
                yield ("g", type_, zone)

    def probes(g: dict):
        key, type_ = g["key"], g["type"]
        for n in range(1, len(key) + 1):
            yield ("k", type_, key[:n])  # itself and its prefixes
            yield ("k", type_, key[n - 1 :])  # its suffixes
        if type_ == "Industry":
            for cut in _two_word_cuts(key):
                yield ("k", type_, cut)  # 海底电缆 ~ 海缆
        yield ("k", type_, _BRACKET.sub("", key))
        for org in known._orgs(key):
            yield ("o", type_, org)
        if type_ == "Institution":
            for plain in {bodies.shortened(key), key.replace("管理委员会", "管委会")} - {key}:
                for n in range(1, len(plain) + 1):
                    yield ("k", type_, plain[n - 1 :])  # 宜春市人民政府 ~ 市政府
        if type_ == "Company":
            core = brand_core(key)
            for n in range(2, len(core) + 1):
                yield ("c", type_, core[:n])
            if key.startswith("中国") and len(key) > 6:
                yield ("c", type_, brand_core(key[2:]))  # 北方稀土 of 中国北方稀土…
        elif type_ == "Park":
            pk = _park_key(key)
            for n in range(1, len(pk) + 1):
                yield ("pk", type_, pk[n - 1 :])  # the key and its suffixes (武进高新区)
            unwrapped = re.sub(r"^中国[（(]([^（()）]+)[）)]", r"\1", key)
            if unwrapped != key:
                yield ("pk", type_, _park_key(unwrapped))
            yield ("b", type_, _BRACKET.sub("", key))
            yield ("k", type_, key.replace("国际", "", 1))  # 文昌国际航天城 ~ 文昌航天城
            zone = _gazetteer_park(key, lex)
            if zone:
                yield ("g", type_, zone)
            outer = _BRACKET_END.sub("", key)
            if outer != key:  # the name before an alias in brackets (see _is_alias)
                yield from probes({"key": outer, "type": type_})

    for j, g in enumerate(groups):
        for k in set(keys(g)):
            index[k].append(j)

    def candidates(i: int) -> list[int]:
        found: set[int] = set()
        for k in set(probes(groups[i])):
            for j in index.get(k, ()):
                if j > i:
                    found.add(j)
        return sorted(found)

    return candidates


def _typo_candidates(keys: list[str]) -> list[list[int]]:
    """For each key, the others (positions, increasing) of the same length that
    differ from it in one character, the pairs :func:`_one_char_typo` can accept:
    found by the key without each of its characters, not by comparing all pairs."""
    by_gap: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if len(k) >= 5:
            for p in range(len(k)):
                by_gap[(p, k[:p] + k[p + 1 :])].append(i)
    out = []
    for i, k in enumerate(keys):
        found: set[int] = set()
        if len(k) >= 5:
            for p in range(len(k)):
                found.update(by_gap[(p, k[:p] + k[p + 1 :])])
        found.discard(i)
        out.append(sorted(found))
    return out


# the ending of a firm's full legal name
_FULL_LEGAL = re.compile(r"有限(?:责任)?公司$")


def _is_alias(short: str, long: str, type_: str, lex) -> bool:
    if short == long:
        return True
    # 哈工大 ~ 哈尔滨工业大学, not 中国电子 ~ 中国电子科技集团 (signals/known.py);
    # 省政府 ~ 黑龙江省政府 (signals/bodies.py)
    same = known.same_organisation(short, long)
    if same is not None:
        return same
    if type_ == "Institution" and bodies.short_form_of(short, long):
        return True
    if type_ == "Park" and long.endswith(("）", ")")):
        # 东湖高新区 ~ 武汉东湖新技术开发区（中国光谷）: an alias of the name before the bracket
        outer = _BRACKET_END.sub("", long)
        if outer not in (long, short) and _is_alias(short, outer, type_, lex):
            return True
    if type_ == "Park" and _places_differ(short, long, lex):
        return False  # 西部（成都）科学城 is not 西部（重庆）科学城
    if type_ == "Park" and _park_key(short) == _park_key(long):
        return True
    if (
        type_ == "Park"
        and _gazetteer_park(short, lex)
        and (_gazetteer_park(short, lex) == _gazetteer_park(long, lex))
    ):
        return True  # 麓谷 ~ 长沙高新区: two names of one national zone
    # bracket variants: 常州高新区 ~ 常州高新区(新北区)
    if _BRACKET.sub("", long) == short:
        return True
    if type_ == "Company":
        if long.endswith(("支行", "分行", "分公司", "子公司")):
            return False  # a branch is not its parent (中国建设银行高新支行 / 中国建设银行)
        core_l, core_s = brand_core(long), brand_core(short)
        if core_s in lex.generic or core_l in lex.generic:
            return False
        if _FULL_LEGAL.search(short) and _FULL_LEGAL.search(long):
            # two full legal names are two firms unless their cores agree: a parent
            # and its subsidiary share a brand (上海振华重工（集团）股份有限公司 and
            # 振华重工（启东）海洋工程股份有限公司)
            return firm_core(short) == firm_core(long)
        if (
            known.is_known(short)
            and _BRACKET.sub("", short) not in long
            and not (core_s == core_l and short.startswith(core_s) and short[len(core_s) :] in long)
        ):
            # 宁德时代 (known) is not 青海时代新能源科技有限公司: cores only alike (but
            # 伊利集团 is 内蒙古伊利实业集团股份有限公司: one brand)
            return False
        if len(core_s) >= 2 and len(core_l) >= 2:
            if core_s == core_l:
                return True
            # 金桥公司 ~ 重庆金桥机器制造有限责任公司
            if core_l.startswith(core_s) and _LEGAL.search(short):
                return True
            # 海康 ~ 海康威视, 吉利 ~ 吉利集团 (the short form starts the long one)
            if long.startswith(short) and short[:2] not in lex.places and len(short) >= 2:
                return core_l.startswith(core_s)
            # 韵升 ~ 包头韵升强磁材料有限公司, 北方稀土 ~ 中国北方稀土(集团)高科技…: a bare
            # short form that starts the full name's brand (after 中国)
            whole = firm_core(long)
            national = whole[2:] if whole.startswith("中国") else whole
            if _LEGAL.search(long) and not _LEGAL.search(short):
                if short == core_s and core_l.startswith(core_s):
                    return True
                return national == short or (len(short) >= 4 and national.startswith(short))
        return False
    if type_ == "Institution":
        # 种质创制大科学中心 ~ 西部(重庆)科学城种质创制大科学中心
        return long.endswith(short) and len(short) >= 6
    if type_ == "Industry":
        # 量子 ~ 量子科技, 纳米 ~ 纳米技术: forms that differ by a generic head (rule 14)
        return (len(short) >= 2 and long in (short + "科技", short + "技术")) or (
            short in _two_word_cuts(long)  # 海缆 ~ 海底电缆
        )
    if type_ == "Park":
        if long.replace("国际", "", 1) == short and len(short) >= 4:
            return True  # 文昌航天城 ~ 文昌国际航天城: the name without its 国际
        # 杭州高新区(滨江) ~ 杭州高新区(滨江区); 中国(重庆)自由贸易试验区 ~ 重庆自由贸易试验区
        if _BRACKET.sub("", long) == _BRACKET.sub("", short) and len(short) >= 4:
            return True
        unwrapped = re.sub(r"^中国[（(]([^（()）]+)[）)]", r"\1", long)
        if unwrapped != long and _park_key(unwrapped) == _park_key(short):
            return True
        # 生命科学产业园 ~ Cytiva（思拓凡）生命科学产业园 (a named park cut short)
        if not long.endswith(short) and _park_key(long).endswith(_park_key(short)):
            long, short = _park_key(long), _park_key(short)  # 常州武进国家高新区 ~ 武进高新区
        head = long[: len(long) - len(short)]
        return (
            long.endswith(short)
            and (len(short) >= 5 or (len(short) >= 4 and head in lex.places))  # 宜宾+三江新区
            and short not in lex.suffixes
            and not head.endswith(("的", "和", "及", "与"))
            and _rank_word(short) == _rank_word(long)
        )
    return False


def _two_word_cuts(name: str) -> tuple[str, ...]:
    """A four-character name of two words cut to a character of each (海底电缆 → 海电,
    海缆): the short forms an industry is written in."""
    return (name[0] + name[2], name[0] + name[3]) if len(name) == 4 else ()


def _gazetteer_park(name: str, lex) -> str | None:
    """The gazetteer's canonical name for a park name (either bracket width)."""
    return (
        lex.park_names.get(name)
        or lex.park_names.get(name.replace("(", "（").replace(")", "）"))
        or lex.park_names.get(name.replace("（", "(").replace("）", ")"))
    )


def _rank_word(name: str) -> bool:
    return bool(re.search(r"(高新区|开发区|经开区|科学城|新区|自贸区|试验区)$", name))


def _bracket_places(name: str, lex) -> set[str]:
    """The places a park's name holds in brackets: 西部（重庆）科学城 → 重庆."""
    parts = set()
    for inner in re.findall(r"[（(]([^（()）]+)[）)]", name):
        if inner in lex.places or inner.rstrip("区县市") in lex.places:
            parts.add(inner.rstrip("区县市省"))
    return parts


def _leading_place(name: str, lex) -> str:
    for n in (4, 3, 2):
        if name[:n] in lex.places:
            return name[:n]
    return ""


def _places_differ(a: str, b: str, lex) -> bool:
    """The two names differ in their place part: in brackets (西部（成都）科学城 /
    西部（重庆）科学城) or at the start of otherwise equal names (绵阳高新区 / 德阳高新区)."""
    pa, pb = _bracket_places(a, lex), _bracket_places(b, lex)
    if pa and pb and not any(x.startswith(y) or y.startswith(x) for x in pa for y in pb):
        return True
    la, lb = _leading_place(a, lex), _leading_place(b, lex)
    if la and lb and a[len(la) :] == b[len(lb) :]:
        ka, kb = la.rstrip("市省"), lb.rstrip("市省")
        return not (ka.startswith(kb) or kb.startswith(ka))
    return False


def _park_key(name: str) -> str:
    """Short forms of park suffixes, so 重庆自贸试验区 ~ 重庆自由贸易试验区."""
    s = norm(name)
    for long_form, short_form in _PARK_ABBREV:
        s = s.replace(long_form, short_form)
    # 宁波市国家高新区 ~ 宁波高新区: the city's 市 and a 国家(级) before the zone word
    s = re.sub(r"国家级?(?=(?:高新区|经开区|开发区|自贸区)$)", "", s)
    m = re.match(r"(.{2,4}?)市", s)
    if m and lexicons.load().places.get(m.group(1) + "市") == "city":
        s = m.group(1) + s[m.end() :]
    return s


_PARK_ABBREV = [
    ("高新技术产业开发区", "高新区"),
    ("高新技术产业示范区", "高新区"),  # 农业高新技术产业示范区 ~ 农业高新区
    ("经济技术开发区", "经开区"),
    ("自由贸易试验区", "自贸区"),
    ("自贸试验区", "自贸区"),
]
