"""Relations between a document's entities, from trigger words and patterns.

Each rule reads one sentence (with the park the article is currently about,
carried from earlier sentences) and adds typed facts with the sentence as
evidence. The trigger words are data (``kg/data/relation_triggers.tsv``).

* ``partOf``: a park named right after its zone (徐州高新区安科园, 西部（重庆）科学城
  西永微电园), "X的Y园", "在X，Y园…", "X（含Y）".
* ``locatedIn``: a park right before a firm (威海火炬高新区山东洹球药业有限公司,
  西永微电园企业X), or a located trigger (入驻, 落户, 引进…) with a park in the
  sentence or carried from the previous one; coordination lists give one fact per item.
* ``focusesOn``: a park whose name holds an industry; a focus trigger (重点发展,
  聚焦, 主导产业…) with industries in the sentence.
* ``inIndustry``: "X产业头部企业A、B", "IND企业A".
* ``cooperatesWith``: "A与B合作/签约/联合…", "A、B分别与C、D…".
"""

from __future__ import annotations

import bisect
import functools
import re

from kg.document import Document, Entity, Mention, Relation, Sentence
from kg.extract import lexicons, tables
from kg.extract.signals.industries import (
    IS_PARKS_INDUSTRY,
    KINDS_BEFORE,
    MAIN_LINE,
    OWN_SITE,
    RESEARCH_CUE,
    RESEARCH_END,
)
from kg.resolve import park_core

ZONE_WORDS = (
    "高新区",
    "开发区",
    "经开区",
    "科学城",
    "新区",
    "自由贸易试验区",
    "自贸试验区",
    "自贸区",
    "科技城",
    "示范区",
    "保税区",
    "试验区",
    "高新區",
    "開發區",
    "經開區",
    "科學城",
)
ORG = ("Company", "Institution")
# institutions that are bodies of a park itself (X高新区管委会) get no locatedIn
_GOV = re.compile(r"(管委会|管理委员会|党工委|工委|党委|党支部|党组织|工会|局|办公室|委员会)$")


# endings of a park inside a zone (not a designation such as 联动创新区, rule 10)
_SUB_PARK_WORDS = ("园区", "园", "片区", "城", "基地", "谷", "港", "小镇")


def _is_district(name: str) -> bool:
    """A county-level 区, alone or after its city (佛山市南海区)."""
    places = lexicons.load().places
    if not name.endswith("区"):
        return False
    if places.get(name) == "county":
        return True
    for n in (4, 3, 2):
        if places.get(name[:n]) == "city" and places.get(name[n:]) == "county":
            return True
    return False


@functools.lru_cache(maxsize=1 << 14)
def _rank(park: str) -> float:
    """3 for a district presented as a zone, 2 for a zone (高新区, 科学城…), 1.8 for a
    zone's 片区, 1.5 for a multi-site 园区, 1 for a park inside one.

    Only a higher rank can contain a lower one: 中关村科技园区 contains 海淀园.
    """
    core = re.sub(r"[（(][^（()）]*[）)]$", "", park)
    if _is_district(core):
        return 3  # 柳南区 holds 柳州河西高新区 (a district presented as a zone, rule 17)
    if core.endswith(("新片区", "片区")):
        return 1.8  # a zone's sub-area that holds parks of its own (临港新片区)
    if core.endswith(ZONE_WORDS):
        return 2
    return 1.5 if core.endswith(("园区", "園區")) else 1


class _Facts:
    def __init__(self, doc: Document, places: dict[str, str]):
        self.doc = doc
        self.places = places
        self.seen: dict[tuple[str, str, str], Relation] = {}
        self.located: set[str] = set()  # subjects with a locatedIn fact

    def add(self, s: Entity, p: str, o: Entity, sent: Sentence, conf: float) -> None:
        if s is o or s.name == o.name:
            return
        if p == "locatedIn" and (_GOV.search(s.name) or s.name.endswith("政府")):
            return  # a government or party body administers a park; it is not a resident
        if (
            p in ("locatedIn", "partOf")
            and conf < 0.5
            and _different_cities(s.name, o.name, self.places)
        ):
            return  # a weak guess only: 青岛…有限公司 is not in 石嘴山高新区
        a, b = s.name, o.name
        if p == "cooperatesWith" and b < a:
            a, b = b, a
        key = (a, p, b)
        if key in self.seen:
            if conf > self.seen[key].confidence:
                self.seen[key].confidence = conf
            return
        r = Relation(a, p, b, sent.text, sent.start, sent.end, conf)
        self.seen[key] = r
        if p == "locatedIn":
            self.located.add(a)
        self.doc.relations.append(r)


class _Recency:
    """Entities in the order the text last named them: naming one again moves it to
    the end in constant time (a list's remove compared whole entities, field by
    field, with every one named before)."""

    def __init__(self) -> None:
        self._by_id: dict[int, Entity] = {}

    def touch(self, e: Entity) -> None:
        self._by_id.pop(id(e), None)
        self._by_id[id(e)] = e

    def __iter__(self):
        return iter(self._by_id.values())

    def __reversed__(self):
        return reversed(self._by_id.values())


def _has(text: str, words) -> bool:
    return bool(words) and _any_word(tuple(words)).search(text) is not None


@functools.lru_cache(maxsize=256)
def _any_word(words: tuple[str, ...]) -> re.Pattern:
    """One regex finding any of ``words`` (a trigger class searched in every sentence)."""
    return re.compile("|".join(map(re.escape, words)))


def find_relations(doc: Document) -> Document:
    """Add ``doc.relations`` from the document's entities and sentences."""
    lex = lexicons.load()
    trig = {k: sorted(v, key=len, reverse=True) for k, v in lex.triggers.items()}
    ent_of: dict[tuple[int, int], Entity] = {}
    for e in doc.entities:
        for m in e.mentions:
            ent_of[(m.start, m.end)] = e
    facts = _Facts(doc, lex.places)
    # industries a park gathers are ones it bets on: 集聚, 扎根, 落户 count as focus cues
    focus_or_gather = (*trig.get("focus", ()), "扎根", "落户", "集聚", "聚集", "入驻", "引进")
    focus_words = trig.get("focus", ())
    part_of: dict[str, dict[str, None]] = {}  # park → zones, in the order stated
    topic: Entity | None = None
    last_org: Entity | None = None
    topic_zone: Entity | None = None  # the zone the passage is about
    topic_age = 0  # sentences since it was last named

    mentions_in = _mentions_by_sentence(doc)
    paragraph_of = _paragraphs(doc.text)
    main_park = _main_park(doc)
    para, para_park = -1, None  # the park the current paragraph is about
    last_firm: Entity | None = None  # the firm 该公司 means in this paragraph
    named_parks = _Recency()  # parks in the order the text last named them
    named_orgs = _Recency()  # firms and bodies in the order the text last named them
    entries_in: Entity | None = None  # the park whose firms the next paragraphs list
    prev_firms: list[Entity] = []  # the firms of the sentence before
    colon_site: Entity | None = None  # "扎根P：A…；B…": the park its entries are in
    for sent in doc.sentences:
        new_para = paragraph_of(sent.start) != para
        if new_para:
            para, para_park, last_firm = paragraph_of(sent.start), None, None
            para_site = None  # "在X，…" opening the paragraph: where its firms are
            # (a paragraph may open on the firms the last one ended with: "这些企业…")
            prev_firms = prev_firms if _THESE_FIRMS.match(doc.text, sent.start) else []
        ms = mentions_in(sent)
        if new_para and entries_in is not None:
            # "主要包括：" then one paragraph a firm: "A（a）：国内X领域的龙头企业…",
            # "——A：X企业…", "1. A：…"
            lead = _ENTRY_LEAD.match(doc.text, sent.start).end()
            first = next((m for m in ms if m.type in ORG and m.start == lead), None)
            described = _DESCRIBED.match(doc.text, first.end) if first is not None else None
            if described is not None:
                e = ent_of[(first.start, first.end)]
                if not _GOV.search(e.name):
                    facts.add(e, "locatedIn", entries_in, sent, 0.6)
                    # "A：兽用生物制品龙头企业，…": the class the entry opens with
                    i = next(
                        (m for m in ms if m.type == "Industry" and m.start >= described.end()),
                        None,
                    )
                    if (
                        i is not None
                        and re.fullmatch(r"[^，,。；;]{0,8}", doc.text[described.end() : i.start])
                        and _FIRM_NOUN.match(doc.text, i.end)
                    ):
                        facts.add(e, "inIndustry", ent_of[(i.start, i.end)], sent, 0.6)
                    # "A：…，主营X和Y": what the entry's firm makes, in a clause of its own
                    for i in ms:
                        if i.type != "Industry" or i.start < described.end():
                            continue
                        cs = _clause_start(doc.text, sent, i.start)
                        if _ENTRY_MAKES.fullmatch(doc.text, cs, i.start) and not any(
                            o.type in ORG and cs <= o.start < i.start for o in ms
                        ):
                            facts.add(e, "inIndustry", ent_of[(i.start, i.end)], sent, 0.6)
                    # "…，总部位于X", "2019年落户X": the entry's firm is the subject
                    for p in ms:
                        if p.type == "Park" and _ENTRY_SITE.search(
                            doc.text, max(described.end(), p.start - 12), p.start
                        ):
                            facts.add(e, "locatedIn", ent_of[(p.start, p.end)], sent, 0.6)
            elif not _ENTRIES_OPEN.search(doc.text, sent.start, sent.end):
                entries_in = None
        if not ms:
            if _ENTRIES_OPEN.search(doc.text, sent.start, sent.end):
                entries_in = para_park or topic or main_park  # "部分重点企业如下："
            continue
        if new_para and _HEADING.fullmatch(doc.text, sent.start, sent.end):
            # "（二）澄海玩具创意产业园" then one paragraph a firm: a heading's park
            heading_parks = [m for m in ms if m.type == "Park"]
            if heading_parks:
                entries_in = ent_of[(heading_parks[-1].start, heading_parks[-1].end)]
        top = [
            m
            for m in ms
            if not any(
                o is not m
                and o.start <= m.start
                and m.end <= o.end
                and (o.end - o.start) > (m.end - m.start)
                for o in ms
            )
        ]
        text = doc.text
        E = lambda m: ent_of[(m.start, m.end)]  # noqa: E731

        parks = [m for m in top if m.type == "Park"]
        all_parks = [m for m in ms if m.type == "Park"]
        # parks not nested in a longer park name (武汉光谷 inside 武汉光谷生物城)
        outer_parks = [
            p
            for p in all_parks
            if not any(q is not p and q.start <= p.start and p.end <= q.end for q in all_parks)
        ]
        orgs = [m for m in top if m.type in ORG and not _is_park_body(E(m).name, all_parks, ms)]
        inds = [m for m in ms if m.type == "Industry"]
        # firms in a list: "A、B等企业", "其中A、B…"
        listed = [
            o for o in orgs if _in_firm_list(text, o, sent) and not _TOPIC_EXCLUDE.search(E(o).name)
        ]

        # sentence subject: a park in the first characters of the sentence, or of
        # the words reported after a speaker's title ("X区党工委书记Y介绍，生物城…")
        head = sent.start
        said = _REPORTED.match(text, sent.start, sent.end)
        if said and any(said.start() <= m.start < said.end() for m in ms if m.type == "Park"):
            head = said.end()
        subject = None
        for m in parks:
            if 0 <= m.start - head <= 6:
                subject = E(m)
                break
        if subject is None:
            # "新区加快推进…": a bare park word opening the sentence is its subject
            lead = _OPENING_REF.match(text, head, sent.end) or _OPENING_SUBJECT.match(
                text, head, sent.end
            )
            if lead is not None and not _named_over(text, lead.start(1), lead.end(1), ms):
                opener = _referent(lead.group(1), named_parks, para_park, main_park)
            else:
                opener = None
        else:
            opener = subject
        # (not a title the sentence says a place won: "被认定为国家X基地")
        titled = [
            m for m in parks if not _TITLE_WON.search(text, max(sent.start, m.start - 6), m.start)
        ]
        current = opener or (E(titled[0]) if titled else None)
        if (
            current is None
            and not _OTHER_SUBJECT.match(text, head, sent.end)
            and not _city_subject(text, head, sent.end, lex.places)
        ):
            current = topic  # (not when the sentence is about something else: 这些机构…)
        # with no park named: the paragraph's park, else the article's, else the last named
        ctx_park = opener or para_park or main_park or topic
        if _ENTRIES_OPEN.search(text, sent.start, sent.end):
            entries_in = current or ctx_park
        in_city = _in_named_place(text, sent, ms, lex.places)

        # --- partOf: nesting and adjacency -----------------------------------
        for a in all_parks:
            for b in all_parks:
                if a is b:
                    continue
                gap = text[a.end : b.start]
                if (
                    b.start >= a.end
                    and (gap in ("", "的", "内", "，") or _SIDE_OF.fullmatch(gap))
                    and _rank(E(a).name) > _rank(E(b).name)
                ):
                    if gap == "，" and not text[sent.start : a.start].endswith("在"):
                        continue
                    facts.add(E(b), "partOf", E(a), sent, 0.85)
                    part_of.setdefault(E(b).name, {})[E(a).name] = None
                if re.match(r"[（(]含$", text[a.end : b.start]) and b.end <= sent.end:
                    facts.add(E(b), "partOf", E(a), sent, 0.8)
                # a park whose name is its zone's and a park word: 兰州新区 + 化工园区
                tail = text[a.end : b.end]
                if (
                    b.start == a.start
                    and len(tail) >= 2
                    and tail[0] not in "（("
                    and tail.endswith(_SUB_PARK_WORDS)
                    and E(a) is not E(b)
                    and _rank(E(a).name) > _rank(tail)
                    and not _DESIGNATION_NAME.search(E(b).name)
                ):
                    facts.add(E(b), "partOf", E(a), sent, 0.8)
                    part_of.setdefault(E(b).name, {})[E(a).name] = None
        # "B所属的A", "园区下辖的A": A is part of B (or of the park the bare word means)
        for a in outer_parks:
            own = _BELONGS_TO.search(text, max(sent.start, a.start - 12), a.start)
            if own is None:
                continue
            b = next((q for q in outer_parks if q.end == own.start()), None)
            if b is not None:
                whole = E(b)
            elif own.group(1):
                whole = _referent(own.group(1), named_parks, para_park, main_park)
            else:
                continue
            if whole is not None and whole is not E(a):
                facts.add(E(a), "partOf", whole, sent, 0.7)
                part_of.setdefault(E(a).name, {})[whole.name] = None
        # "A位于B东部", "A坐落在B内": a park placed inside another (not a lower rank)
        for a in outer_parks:
            for b in outer_parks:
                if (
                    b.start > a.end
                    and E(a) is not E(b)
                    and _LIES_IN.fullmatch(text, a.end, b.start)
                    and _INSIDE_PART.match(text, b.end)
                    and _rank(E(b).name) >= _rank(E(a).name)
                ):
                    facts.add(E(a), "partOf", E(b), sent, 0.7)
                    part_of.setdefault(E(a).name, {})[E(b).name] = None
        # "作为B的核心区，A…": the park the opening clause describes is part of B
        for b in outer_parks:
            noun = _PART_NOUN.match(text, b.end)
            if not (noun and noun.end() > b.end and text.startswith("作为", b.start - 2)):
                continue
            if b.start - 2 > sent.start and text[b.start - 3] not in "，,":
                continue
            after = noun.end()
            if text[after : after + 1] not in ("，", ","):
                continue
            a = next((p for p in outer_parks if p.start == after + 1), None)
            if a is not None and E(a) is not E(b):
                facts.add(E(a), "partOf", E(b), sent, 0.8)
                part_of.setdefault(E(a).name, {})[E(b).name] = None
        # "A园是B开发区的重要组成部分", "A隶属于B", "A、B是科技城的主要承载区":
        # said in so many words (the whole may be a bare word for a zone named before)
        stated: set[str] = set()  # parks this sentence says are part of another
        # "片区内的宝鸡钛材料产业园": a park inside the one the bare word means
        for a in outer_parks:
            inside = _PARK_INSIDE_BEFORE.search(text, max(sent.start, a.start - 6), a.start)
            if inside is None or any(
                p.end > inside.start() and p.start < a.start for p in outer_parks
            ):
                continue
            kind = inside.group(1)
            here = [E(p) for p in outer_parks if p.end <= inside.start() and _of_kind(E(p), kind)]
            whole = here[-1] if here else _referent(kind, named_parks, para_park, main_park)
            if whole is not None and whole is not E(a) and _rank(whole.name) >= _rank(E(a).name):
                facts.add(E(a), "partOf", whole, sent, 0.65)
                part_of.setdefault(E(a).name, {})[whole.name] = None
                stated.add(E(a).name)
        # "在高新西区内规划建设了A园": a park built inside another (or inside the one
        # a bare word means)
        for a in outer_parks:
            built = _BUILT_INSIDE.search(text, max(sent.start, a.start - 10), a.start)
            if built is None:
                continue
            b = next((q for q in outer_parks if q.end == built.start()), None)
            bare = _IN_BARE.search(text, max(sent.start, built.start() - 5), built.start())
            if b is not None and text[b.start - 1 : b.start] == "在":
                whole = E(b)
            elif bare is not None and not _named_over(text, bare.start(1), bare.end(1), ms):
                whole = _referent(bare.group(1), named_parks, para_park, main_park)
            else:
                continue
            if whole is not None and whole is not E(a) and _rank(whole.name) >= _rank(E(a).name):
                facts.add(E(a), "partOf", whole, sent, 0.65)
                part_of.setdefault(E(a).name, {})[whole.name] = None
                stated.add(E(a).name)
        for k, a in enumerate(outer_parks):
            whole = None
            if re.search(r"(?:是|为|系)$", text[max(sent.start, a.start - 1) : a.start]):
                continue  # "S…，是国家X基地，也是B的组成部分": a title of S, not a part
            for b in outer_parks:
                if (
                    b.start > a.end
                    and E(a) is not E(b)
                    and _PART_VERB.fullmatch(text, a.end, b.start)
                    and (_PART_NOUN.match(text, b.end) or text[b.start - 3 : b.start] == "隶属于")
                ):
                    whole = E(b)
            bare = _PART_OF_BARE.match(text, a.end, sent.end)
            if whole is None and bare is not None:
                whole = _referent(bare.group(1), named_parks, para_park, main_park)
            if whole is None or whole is E(a):
                continue
            # the earlier items of a list the park closes: "A、B和C是…"
            items = [a]
            for p in reversed(outer_parks[:k]):
                if not re.fullmatch(r"[、和及]", text[p.end : items[0].start]):
                    break
                items.insert(0, p)
            for p in items:
                if E(p) is not whole:
                    facts.add(E(p), "partOf", whole, sent, 0.8)
                    part_of.setdefault(E(p).name, {})[whole.name] = None
                    stated.add(E(p).name)
        # "在X内规划建设Y园": a park built inside another (not "在X建设Y园": a firm's)
        for a in outer_parks:
            if not text[max(sent.start, a.start - 2) : a.start].endswith("在"):
                continue
            for b in outer_parks:
                if (
                    b.start > a.end
                    and E(b) is not E(a)
                    and _BUILT_INSIDE.fullmatch(text, a.end, b.start)
                    and _rank(E(b).name) <= _rank(E(a).name)
                ):
                    facts.add(E(b), "partOf", E(a), sent, 0.75)
                    part_of.setdefault(E(b).name, {})[E(a).name] = None
        # "X是…新区，下辖A、B和C等功能区", "X涵盖A、B等功能区": the parks a zone holds
        for under in _HOLDS.finditer(text, sent.start, sent.end):
            k = under.end()
            before = [p for p in outer_parks if p.end <= k - len(under.group())]
            after = [p for p in outer_parks if p.start >= k]
            whole = subject or (E(before[-1]) if before else None)
            bare = _BARE_HOLDER.search(text, max(sent.start, under.start() - 8), under.start())
            if bare is not None and not before:
                # "高新区下辖A、B和C三个片区": the zone the bare word means
                whole = _referent(bare.group(1), named_parks, para_park, main_park)
            if whole is None or not after or after[0].start != k:
                continue
            parts = rights_list(after, text)
            if any(E(p) is whole for p in parts):
                continue
            closed = _PARTS_CLOSER.match(text, parts[-1].end)
            if not under.group().startswith(("下辖", "下设")) and not closed:
                continue  # "包括A、B在内的…": only a closing 功能区/园区 says they are parts
            for p in parts:
                if E(p) is not whole:
                    facts.add(E(p), "partOf", whole, sent, 0.8)
                    stated.add(E(p).name)

        # "A位于B C片区": A lies in the part C of B (C is part of B by adjacency)
        for a in outer_parks:
            lies = _LIES_IN.match(text, a.end)
            b = next((q for q in outer_parks if lies and q.start == lies.end()), None)
            c = next((q for q in outer_parks if b is not None and q.start == b.end), None)
            if c is not None and E(c) is not E(a) and _rank(E(b).name) > _rank(E(c).name):
                facts.add(E(a), "partOf", E(c), sent, 0.7)
                part_of.setdefault(E(a).name, {})[E(c).name] = None
                stated.add(E(a).name)
        # a park mentioned with a zone subject and a locating trigger: 在X的Y园
        if subject is not None and _rank(subject.name) >= 2:
            for m in parks:
                e = E(m)
                if (
                    e is not subject
                    and _rank(e.name) == 1
                    and _has(
                        text[sent.start : m.start][-8:], ("在", "的", "引进", "已引进", "建设")
                    )
                    and not text.startswith("项目", m.end)  # a project, not a park (rule 10)
                ):
                    facts.add(e, "partOf", subject, sent, 0.6)
                    part_of.setdefault(e.name, {})[subject.name] = None

        # a small park in a sentence about a zone is part of it
        zones_here = [E(m) for m in parks if _rank(E(m).name) >= 2]
        zone_from_topic = False
        if subject is not None and _rank(subject.name) >= 2:
            zone = subject
        elif zones_here:
            zone = zones_here[0]
        else:
            zone, zone_from_topic = topic_zone, True
        if zone is not None:
            zone_mentions = [m for m in parks if E(m) is zone]
            for m in parks:
                e = E(m)
                if (
                    e is not zone
                    and _rank(e.name) == 1
                    and zone.name not in stated
                    and e.name not in stated
                    and not (zone_from_topic and _OPENS_AT.fullmatch(text, head, m.start))
                    and not _side_by_side(text, m, zone_mentions)
                    and not _DESIGNATED.search(text, max(sent.start, m.start - 16), m.start)
                    and not _DESIGNATION_NAME.search(e.name)
                    and not text.startswith("项目", m.end)
                    and not any(o.start <= m.start and m.end <= o.end for o in ms if o.type in ORG)
                ):
                    facts.add(e, "partOf", zone, sent, 0.6)
                    part_of.setdefault(e.name, {})[zone.name] = None

        # --- focusesOn from the park's own name ------------------------------
        for p in all_parks:
            for i in inds:
                if p.start <= i.start and i.end <= p.end:
                    facts.add(E(p), "focusesOn", E(i), sent, 0.9)

        # --- locatedIn --------------------------------------------------------
        for o in orgs:
            # a park right before the firm: 威海火炬高新区山东洹球药业有限公司, X园企业Y
            before = [p for p in outer_parks if p.end <= o.start]
            near = before[-1] if before else None
            if near is not None and any(
                q.type in ORG and q.start <= near.start and near.end < q.end for q in ms
            ):
                near = None  # X开发区管理委员会、A: the park names a body, no place of A
            if near is not None:
                gap = text[near.end : o.start]
                if re.fullmatch(
                    r"(?:[（(](?:以下)?简称[^（）()]{1,12}[）)]|[”\"’']?[）)])?"
                    r"(的|企业|内|内的|区内|园区企业|)",
                    gap,
                ) or _in_list_after(text, near.end, o.start):
                    facts.add(E(o), "locatedIn", E(near), sent, 0.85)
                    continue
            # "A在P投资10亿元实施…": the firm acts in the park (rule 4)
            at = _ACTS_IN.match(text, o.end)
            if at is not None:
                p = next((q for q in outer_parks if q.start == at.end()), None)
                if p is not None and _ACT_AFTER_PARK.match(text, p.end):
                    facts.add(E(o), "locatedIn", E(p), sent, 0.7)
                bare = _BARE_REF.match(text, at.end()) if p is None else None
                if (
                    bare is not None
                    and not any(q.start <= bare.start() < q.end for q in ms)
                    and _ACT_AFTER_PARK.match(text, bare.end())
                ):
                    # "宝鸡文理学院在高新区设立了检测中心": the park the bare word means
                    park = _referent(bare.group(1), named_parks, para_park, main_park)
                    if park is not None and not _GOV.search(E(o).name):
                        facts.add(E(o), "locatedIn", park, sent, 0.6)
            # "A…，其年产5万吨项目落户P": the firm's own project placed in the park
            its = _ITS_PROJECT.match(text, o.end)
            if its is not None and o.type == "Company":
                p = next((q for q in outer_parks if q.start == its.end()), None)
                if p is not None:
                    facts.add(E(o), "locatedIn", E(p), sent, 0.65)
            # "A（a）总部就在P": where the firm has its head office
            hq = _HQ_IN.match(text, o.end)
            if hq is not None:
                p = next((q for q in outer_parks if q.start == hq.end()), None)
                if p is not None:
                    facts.add(E(o), "locatedIn", E(p), sent, 0.7)
            # "开发区内的长信科技", "园区里的A": a bare park word right before the firm
            inside = _INSIDE_BEFORE.search(
                text, max(sent.start, o.start - 8), o.start
            ) or _SAME_PLACE_BEFORE.search(text, max(sent.start, o.start - 10), o.start)
            if inside and o.type == "Company" and not any(p.end > inside.start() for p in before):
                park = _referent(inside.group(1), named_parks, para_park, main_park)
                if park is not None:
                    facts.add(E(o), "locatedIn", park, sent, 0.6)
        # "…；该公司今年在P开工建设了X基地": the firm the paragraph is about (rule 4)
        if last_firm is not None or orgs:
            for th in _THAT_FIRM_ACTS_IN.finditer(text, sent.start, sent.end):
                if any(o.start <= th.start() < o.end for o in ms):
                    continue  # (公司在 ending a firm's own name: that firm's rule, above)
                firm = next(
                    (E(o) for o in reversed(orgs) if o.type == "Company" and o.end <= th.start()),
                    last_firm,
                )
                p = next((q for q in outer_parks if q.start == th.end()), None)
                if firm is not None and p is not None and _ACT_AFTER_PARK.match(text, p.end):
                    facts.add(firm, "locatedIn", E(p), sent, 0.6)
        sent_text = text[sent.start : sent.end]
        if _has(sent_text, trig.get("located", ())) and orgs:
            for o in orgs:
                gp = _governing_park(o, outer_parks, text, sent, head)
                span = (
                    text[max(sent.start, min(gp.start, o.start) - 4) : max(gp.end, o.end)]
                    if gp
                    else ""
                )
                if not _has(_clause_of(text, o, sent) + span, trig.get("located", ())):
                    continue
                if _partner(text, o, orgs, sent) and _has(sent_text, trig.get("cooperate", ())):
                    continue  # "片区与A集团合作建设码头": a partner, not a tenant
                gp = _governing_park(o, outer_parks, text, sent, head)
                e = E(o)
                if gp is not None or parks:
                    target = E(gp) if gp is not None else current
                elif _TOPIC_EXCLUDE.search(_BRACKET_END.sub("", e.name)) or in_city:
                    continue  # no park named: not a body, and not placed in a city
                else:
                    # "A、B等企业已落户科创城": the park the bare word after the firm means
                    stop = _clause_end(text, o.end, sent.end)
                    ref = _bare_park_ref(text, Sentence(o.end, stop, ""), ms)
                    target = _referent(ref, named_parks, para_park, main_park) if ref else None
                    target = target or ctx_park
                if target is None:
                    continue
                if _GOV.search(e.name) or _SCHOOL_OR_BANK.search(e.name):
                    continue
                facts.add(e, "locatedIn", target, sent, 0.7)

        # "P内，A公司的厂房里…": the sentence opens inside the park
        inside_m = next(
            (m for m in parks if m.start - head <= 6 and _INSIDE_OPENING.match(text, m.end)), None
        ) or next(
            # "在X东区的P，A的研发人员…": the sentence opens in the park
            (
                m
                for m in parks
                if _AT_OPENING.fullmatch(text, head, m.start) and text[m.end : m.end + 1] in "，,"
            ),
            None,
        )
        inside = E(inside_m) if inside_m is not None else None
        walk_in = _WALK_IN.match(text, head, sent.end)
        if inside is None and walk_in is not None:
            inside = _referent(walk_in.group(1), named_parks, para_park, main_park)
        if inside is not None:
            start_after = inside_m.end if inside_m is not None else walk_in.end()
            for o in orgs:
                if o.type != "Company" or o.start < start_after or _partner(text, o, orgs, sent):
                    continue
                facts.add(E(o), "locatedIn", inside, sent, 0.65)

        # "P本次签约项目中的A公司X项目": a firm whose project the park signed (rule 4)
        for o in orgs:
            if o.type == "Company" and _SIGNED_PROJECTS.search(
                text, max(sent.start, o.start - 12), o.start
            ):
                gp = _governing_park(o, outer_parks, text, sent, head) if outer_parks else None
                if gp is not None:
                    facts.add(E(o), "locatedIn", E(gp), sent, 0.65)

        # "A公司则计划在园区布局…生产线": the firm builds in the zone a bare word means
        for o in orgs:
            there = _BUILDS_IN_BARE.match(text, o.end, sent.end)
            if o.type == "Company" and there is not None:
                park = _referent(there.group(1), named_parks, para_park, main_park)
                if park is not None:
                    facts.add(E(o), "locatedIn", park, sent, 0.65)

        # "P以X为主，A、B等在此布局": 在此 is the park the sentence is about
        here = _HERE.search(sent_text)
        if here is not None and subject is not None:
            for o in orgs:
                if o.end <= sent.start + here.start() and o.type == "Company":
                    facts.add(E(o), "locatedIn", subject, sent, 0.65)

        # "P由A、B和C组成": the parks a zone is made of
        made = _MADE_OF.search(sent_text)
        if made is not None:
            named = [E(p) for p in outer_parks if p.end == sent.start + made.start()]
            # "整个园区由A与B两大板块组成": the whole is the zone a bare word means
            bare = _BARE_BEFORE.search(text, sent.start, sent.start + made.start())
            whole = (
                named[0]
                if named
                else (_referent(bare.group(1), named_parks, para_park, main_park) if bare else None)
            )
            for p in outer_parks:
                if whole and sent.start + made.start(1) <= p.start < sent.start + made.end(1):
                    if E(p) is not whole:
                        facts.add(E(p), "partOf", whole, sent, 0.8)

        # "Y区是X开发区的所在地": the park lies in the district
        seat = _SEAT_OF.search(sent_text)
        if seat is not None:
            host_name = text[head : sent.start + seat.start()]
            host = next(
                (E(p) for p in outer_parks if p.end == sent.start + seat.start()),
                next((e for e in named_parks if host_name in (e.name, *e.aliases)), None),
            )
            inside_p = [p for p in outer_parks if p.end == sent.start + seat.start(1)]
            if host is not None and inside_p and host is not E(inside_p[0]):
                facts.add(E(inside_p[0]), "partOf", host, sent, 0.75)

        # "A、B都在P", "A和B均位于P": a list of firms placed together
        for p in outer_parks:
            at = _ALL_IN.search(text, max(sent.start, p.start - 16), p.start)
            if at is None:
                continue
            k = at.start()
            for o in reversed(orgs):
                if o.end != k or o.type != "Company":
                    break
                facts.add(E(o), "locatedIn", E(p), sent, 0.75)
                k = o.start - 1
                if text[k : k + 1] not in ("、", "和", "及"):
                    break

        # "A已敲定投资700亿元，在P建设X": the sentence's firm builds in the park (rule 4)
        if orgs and orgs[0].start - sent.start <= 4 and orgs[0].type == "Company":
            for p in outer_parks:
                if (
                    p.start > orgs[0].end
                    and _BUILDS_IN.search(text, max(sent.start, p.start - 6), p.start)
                    and _BUILDS.match(text, p.end)
                ):
                    facts.add(E(orgs[0]), "locatedIn", E(p), sent, 0.65)
                    break

        # "P将由A兴建", "P由该公司在X投资建设": the builder is in the park (rule 18)
        for p in outer_parks:
            m = _BUILT_BY.match(text, p.end, sent.end)
            if m is None:
                continue
            builder = next((o for o in orgs if o.start == m.end()), None)
            firm = E(builder) if builder is not None else None
            if firm is None and text.startswith(("该公司", "该企业", "公司"), m.end()):
                # (a firm nested in a body's name counts: A公司党委书记…介绍)
                earlier = [o for o in ms if o.type == "Company" and o.end <= p.start]
                firm = E(earlier[-1]) if earlier else last_firm
            verb = _BUILDS.search(text, m.end(), min(sent.end, m.end() + 30))
            if (
                firm is not None
                and verb
                and not re.search("[，,。；]", text[m.end() : verb.start()])
            ):
                facts.add(firm, "locatedIn", E(p), sent, 0.65)

        # a sentence about a park that lists firms ("X高新区…A、B等企业…")
        if subject is not None:
            for o in orgs:
                e = E(o)
                if _GOV.search(e.name) or _SCHOOL_OR_BANK.search(e.name):
                    continue
                if _partner(text, o, orgs, sent) and _has(sent_text, trig.get("cooperate", ())):
                    continue  # "已与A、B等知名龙头企业携手合作": partners, not tenants
                if re.match(
                    r"(、[^，。；、]{1,20})*等[0-9一二三四五六七八九十百多余家个]*[^，。；]{0,8}(企业|公司)",
                    text[o.end : sent.end],
                ):
                    facts.add(e, "locatedIn", subject, sent, 0.6)

        # "入驻国家生物产业园后，公司…": the firm of the previous sentence moved in
        if not orgs and last_org is not None:
            for p in parks:
                if re.search(
                    r"(入驻|落户|扎根|搬迁至|迁入)$", text[max(sent.start, p.start - 3) : p.start]
                ):
                    facts.add(last_org, "locatedIn", E(p), sent, 0.5)

        # --- focusesOn from triggers -------------------------------------------
        # "A、B分别以X和Y为主导产业": each park its own industry, in order
        respective = _respective(text, outer_parks, inds)
        for p, i in respective:
            facts.add(E(p), "focusesOn", E(i), sent, 0.75)
        subject_fields = _fields_of_subject(text, sent, inds, orgs)
        later_business = _later_business(text, sent, orgs, inds, E)
        firms_lines = {id(i) for _, i in later_business}
        for i in inds:
            if id(i) in subject_fields:
                facts.add(E(subject_fields[id(i)]), "inIndustry", E(i), sent, 0.6)
        if inds and current is not None and _has(sent_text, focus_or_gather) and not respective:
            firms_own = None  # the last industry a firm's business named ("专注于X和Y")
            main_lines = [m.span() for m in MAIN_LINE.finditer(text, sent.start, sent.end)]
            for i in inds:
                if id(i) in subject_fields or id(i) in firms_lines:
                    continue  # the firm's field, not the park's focus
                if any(a <= i.start and i.end <= b for a, b in main_lines):
                    continue  # "A，以X为主业": a firm's main business, not the park's
                if _researched(text, sent, i):
                    continue  # "中心重点围绕X、Y开展攻关": a body's research, no park's focus
                if any(p.start <= i.start and i.end <= p.end for p in all_parks):
                    continue
                if any(o.start <= i.start and i.end <= o.end for o in ms if o.type in ORG):
                    continue
                if (
                    _firm_industry(text, i, orgs)
                    or any(
                        o.end <= i.start and _BUSINESS.fullmatch(text, o.end, i.start) for o in orgs
                    )
                    or (firms_own is not None and text[firms_own.end : i.start] in "和、及与")
                ):
                    firms_own = i
                    continue  # "A专注于X": the firm's line of business, not the park's
                facts.add(
                    _clause_park(text, i, sent, outer_parks, E, focus_words) or current,
                    "focusesOn",
                    E(i),
                    sent,
                    0.7,
                )
        # "南海新区坚持把海洋装备作为首位产业": the park that makes X its main industry
        for i in inds:
            if not (text.endswith("把", 0, i.start) and _AS_MAIN_INDUSTRY.match(text, i.end)):
                continue
            cs = _clause_start(text, sent, i.start)
            park = next((p for p in reversed(outer_parks) if cs <= p.start < i.start), None)
            if park is not None:
                facts.add(E(park), "focusesOn", E(i), sent, 0.7)
        # "集成电路是苏州工业园区的主导产业": the park in the gap has the industry
        for i in inds:
            own = IS_PARKS_INDUSTRY.match(text, i.end)
            if own is None:
                continue
            park = next(
                (p for p in outer_parks if own.start(1) <= p.start and p.end <= own.end(1)), None
            )
            if park is not None:
                facts.add(E(park), "focusesOn", E(i), sent, 0.7)
        # "X开发区引进了纺纱、织布等企业": kinds of firms a park gathers
        if parks and current is not None:
            for i in inds:
                if i.source == "list" and _has(sent_text, trig.get("located", ())):
                    facts.add(current, "focusesOn", E(i), sent, 0.6)

        # "A公司是B高新区的重点企业": a firm said to be one of the park's firms
        for o in orgs:
            m = re.match(r"(是|为|系)", text[o.end : o.end + 1])
            if not m:
                continue
            for p in outer_parks:
                if p.start == o.end + 1 and re.match(
                    r"(的)?[^，。；]{0,8}(企业|公司|成员)", text[p.end : p.end + 12]
                ):
                    facts.add(E(o), "locatedIn", E(p), sent, 0.7)

        # --- inIndustry -------------------------------------------------------
        # a clause opening on an industry: "医疗器械产业，…引进A", "以X为例，…A、B等企业";
        # the firms up to the next clause that opens on another industry are in it
        leads = [
            i
            for i in inds
            if (
                (
                    _LEAD_BEFORE.search(text[max(sent.start, i.start - 2) : i.start])
                    or i.start == sent.start
                )
                and _LEAD_AFTER.match(text, i.end, min(sent.end, i.end + 8))
            )
            or _LEAD_STRONG.match(text, i.end, min(sent.end, i.end + 16))
        ]
        for k, i in enumerate(leads):
            stop = leads[k + 1].start if k + 1 < len(leads) else sent.end
            for o in orgs:
                e = E(o)
                if (
                    i.end <= o.start < stop
                    and not _GOV.search(e.name)
                    and not e.name.endswith(("大学", "学院"))
                ):
                    facts.add(e, "inIndustry", E(i), sent, 0.6)
        # "依托比亚迪、天合光能等链主企业" after "新能源产业集群" in the same sentence
        for o in orgs:
            tail = text[o.end : sent.end]
            if re.match(
                r"(、[^，。；、]{1,20})*等[^，。；]{0,4}(龙头|链主|头部|领军|骨干)企业", tail
            ):
                before = {E(i).name: E(i) for i in inds if i.end <= o.start}
                if len(before) == 1 and not _GOV.search(E(o).name):
                    # only when the sentence names one industry: a list of a park's
                    # industries says nothing about which one each firm is in
                    facts.add(E(o), "inIndustry", next(iter(before.values())), sent, 0.55)
        # "清安储能是西部(重庆)科学城绿色低碳产业…的缩影"
        for k, o in enumerate(orgs):
            clause = _clause_of(text, o, sent)
            m = _COPULA_AFTER.match(text, o.end) or (
                _DESCRIBED.match(text, o.end) if text[o.start - 1 : o.start] in "\n" else None
            )  # "A（a）：国内X领域的龙头企业": a list entry that describes its firm
            members = [o]
            if m is None:
                # "A、B都是国内X龙头企业": the items of a list its copula follows
                run = [o]
                for q in orgs[k + 1 :]:
                    if not re.fullmatch(r"[、和及与]", text[run[-1].end : q.start]):
                        break
                    run.append(q)
                if len(run) >= 2:
                    m = re.match(
                        r"(?:都|均|皆|也都|则都)(?:是|为|系)", text[run[-1].end : run[-1].end + 4]
                    )
                    if m is not None:
                        clause = _clause_of(text, run[-1], sent)
                        members = run
            if m is None and k == 0 and o.start - sent.start <= 4 and o.type == "Company":
                # "A总部位于X，是全球领先的工程机械制造商": the subject's later clause
                later = _LATER_IS.search(text, o.end, sent.end)
                if later is not None:
                    m = later
                    clause = text[later.end() : _clause_end(text, later.end(), sent.end)]
            if m:
                for i in inds:
                    if o.end < i.start and (
                        re.match(
                            r"(?:研发)?(?:生产|制造|研制)?(?:龙头|领军|骨干|头部)?(?:产业|企业|行业|领域)|龙头"
                            # "是国内X领域的领先企业", "是X的头部企业"
                            r"|(?:产业|行业|领域|市场)?的[^，,。；;的]{0,5}?(?:企业|厂商|公司)",
                            text[i.end : i.end + 14],
                        )
                        or _MAKER.match(text, i.end)  # "是全球领先的工程机械制造商"
                    ):
                        if text[i.start : i.end] in clause:
                            for member in members:
                                facts.add(E(member), "inIndustry", E(i), sent, 0.6)
                            break
        for i in inds:
            for k, o in enumerate(orgs):
                if _industry_of_firm(text, i, o, trig.get("firm_head", ())):
                    facts.add(E(o), "inIndustry", E(i), sent, 0.75)
                    if i.start > o.end:
                        # "A、B、C这三家X企业": the firms listed before the last one
                        for q in _list_ending_with(orgs[: k + 1], text)[:-1]:
                            facts.add(E(q), "inIndustry", E(i), sent, 0.7)
                    if o.start > i.end:
                        # "生物医药企业A、B和C": the firms listed with the first
                        for q in rights_list(orgs[k:], text, "、和及与")[1:]:
                            facts.add(E(q), "inIndustry", E(i), sent, 0.7)
        for i in inds:
            # "作为一家X企业，A…": the firm the opening clause describes
            if _AS_A_FIRM_OF.fullmatch(text, sent.start, i.start) and _FIRM_NOUN.match(text, i.end):
                after = [o for o in orgs if o.start > i.end and o.type == "Company"]
                if after and re.fullmatch(r"[^，,。；;]*[，,]", text[i.end : after[0].start]):
                    facts.add(E(after[0]), "inIndustry", E(i), sent, 0.65)
            # "从事X的A", "专注于X的A": the firm right after the clause about its business
            if _BUSINESS_CUE_BEFORE.search(text, max(sent.start, i.start - 5), i.start):
                for o in orgs:
                    if o.start > i.end and re.fullmatch(
                        r"[^，,。；;]{0,8}的", text[i.end : o.start]
                    ):
                        facts.add(E(o), "inIndustry", E(i), sent, 0.65)
                        break
        # "以A、B等龙头企业为引领，…已形成X企业集群": the firms of the cluster
        clusters = [i for i in inds if _CLUSTER.match(text, i.end, sent.end)]
        if len({E(i).name for i in clusters}) == 1:
            for o in listed:
                if not _GOV.search(E(o).name) and o.type == "Company":
                    facts.add(E(o), "inIndustry", E(clusters[0]), sent, 0.6)
        # "该公司在全球X领域…", "A在X领域处于领先": the firm of the clause works in X
        for n, i in enumerate(inds):
            if not _FIELD_AFTER.match(text, i.end):
                continue
            # "在X、Y和Z领域": the fields listed before the last one
            first = n
            while first > 0 and re.fullmatch(
                "[、和及与]", text[inds[first - 1].end : inds[first].start]
            ):
                first -= 1
            clause_start = max(text.rfind(c, sent.start, i.start) for c in "，,；;。") + 1
            lead = text[max(clause_start, sent.start) : inds[first].start]
            m = _FIELD_BEFORE.search(lead)
            if m is None:
                continue
            firm = None
            own = [o for o in orgs if o.type == "Company" and o.end <= i.start]
            if own and own[-1].start >= max(clause_start, sent.start):
                firm = E(own[-1])
            elif re.match(r"(?:该公司|公司|该企业|企业)", lead):
                firm = last_firm  # the firm the paragraph is about
            if firm is not None:
                for j in inds[first : n + 1]:
                    facts.add(firm, "inIndustry", E(j), sent, 0.6)
        # "A专注于X", "A主营X", "A进军X市场": a firm's line of business (rules 7, 14, 18)
        # and "中心重点开展X、Y技术攻关": a body's field of research (rule 14)
        for k, o in enumerate(orgs):
            if o.type != "Company" and (o.type != "Institution" or _GOV.search(E(o).name)):
                continue
            # "A、B等企业专注于X": the firms listed before the one the verb follows
            firms = [E(q) for q in _list_ending_with(orgs[: k + 1], text) if q.type == o.type]
            tied = None
            for i in inds:
                if tied is not None and text[tied.end : i.start] in ("和", "、", "及", "与"):
                    for f in firms:
                        facts.add(f, "inIndustry", E(i), sent, 0.6)  # "专注于X和Y"
                    tied = i
                elif (
                    i.start > o.end
                    and _BUSINESS.fullmatch(text, o.end, i.start)
                    and (o.type == "Company" or RESEARCH_CUE.search(text, o.end, i.start))
                    and (o.type == "Company" or _RESEARCH_OF.match(text, i.end))
                ):
                    for f in firms:
                        facts.add(f, "inIndustry", E(i), sent, 0.65)
                    tied = i
                else:
                    tied = None

        # "A是当地最大的X企业，主营Y和Z": a later clause of a sentence a firm opens
        for firm, i in later_business:
            facts.add(firm, "inIndustry", E(i), sent, 0.55)
        # "A以X和Y为主业", "A（a）：…，以X为主业": the firm's main business
        for mb in MAIN_LINE.finditer(text, sent.start, sent.end):
            firm = next(
                (
                    o
                    for o in reversed(orgs)
                    if o.type == "Company"
                    and o.end <= mb.start()
                    and (
                        o.end == mb.start()
                        or (text[o.start - 1 : o.start] in "\n" and _DESCRIBED.match(text, o.end))
                        # "同在P的A，以X为主业": the clause right after the firm
                        or (text[o.end : mb.start()] in ("，", ",") and o is orgs[-1])
                    )
                ),
                None,
            )
            if firm is not None:
                for i in inds:
                    if mb.start() < i.start and i.end <= mb.end():
                        facts.add(E(firm), "inIndustry", E(i), sent, 0.6)

        # "A与P签署协议，将投资50亿元建设…": a firm that signs to build in the park (rule 4)
        for o in orgs:
            if o.type != "Company":
                continue
            p = next((q for q in outer_parks if q.start == o.end + 1), None)
            if (
                p is not None
                and text[o.end] in "与和同"
                and _SIGNS.match(text, p.end)
                and _WILL_BUILD.search(text, p.end, sent.end)
            ):
                facts.add(E(o), "locatedIn", E(p), sent, 0.6)
        # "项目涉及X、Y等领域，投资方包括A、B等企业": the investors are in X and Y
        inv = _INVESTORS.search(text, sent.start, sent.end)
        if inv is not None:
            fields = [i for i in inds if i.end <= inv.start()]
            for o in orgs:
                if o.start >= inv.end() and o.type == "Company":
                    for i in fields:
                        facts.add(E(o), "inIndustry", E(i), sent, 0.55)
        # "A在P投资建设储能电池基地": the class of the firm's own project (rule 7)
        for i in inds:
            if not OWN_SITE.match(text, i.end):
                continue
            cs = _clause_start(text, sent, i.start)
            firm = next(
                (o for o in reversed(orgs) if o.type == "Company" and cs <= o.start < i.start),
                None,
            )
            if firm is not None and _BUILDS_OWN.search(text, firm.end, i.start):
                facts.add(E(firm), "inIndustry", E(i), sent, 0.55)

        # "该中心重点开展X、Y技术攻关", "研究院长期从事X研发": the body the bare word
        # means (the last one named with that ending) works in X (rule 14)
        for i in inds:
            cs = max(text.rfind(c, sent.start, i.start) for c in "，,；;。") + 1
            ref = _BARE_ORG_DOES.fullmatch(text, max(cs, sent.start), i.start)
            if ref is None and cs > sent.start and _GOES_ON_DOING.fullmatch(text, cs, i.start):
                # "中心将落户X，重点开展Y研发": the clause before opened with the body
                ref = _BARE_ORG_OPENS.match(text, _clause_start(text, sent, cs - 1))
            tackles = text.startswith("攻关", i.start - 2)  # "攻关X和Y技术"
            if ref is None or not (
                _RESEARCH_OF.match(text, i.end) or (tackles and _TECH_OF.match(text, i.end))
            ):
                continue
            seen = [*named_orgs, *(E(o) for o in orgs if o.end <= i.start)]
            body = next((e for e in reversed(seen) if e.name.endswith(ref.group(1))), None)
            if body is not None:
                facts.add(body, "inIndustry", E(i), sent, 0.55)
                for j in inds:  # and the fields listed with X
                    if (
                        j.start > i.end
                        and (
                            _RESEARCH_OF.match(text, j.end)
                            or (tackles and _TECH_OF.match(text, j.end))
                        )
                        and re.fullmatch(
                            r"(?:[、和及与][^，,。；;]{0,14}?)*[、和及与]", text[i.end : j.start]
                        )
                    ):
                        facts.add(body, "inIndustry", E(j), sent, 0.55)

        # "三方联合开展X和Y攻关", "两家机构围绕X开展攻关", "A与B合作开展X研发": every
        # party of the joint research works in its fields (rules 9, 14)
        for g in _JOINT_RESEARCH.finditer(text, sent.start, sent.end):
            cs = _clause_start(text, sent, g.start())
            ce = _clause_end(text, g.end(), sent.end)
            if not _RESEARCH_WORD.search(text, g.end(), ce):
                continue
            if g.group("group"):
                members = [o for o in orgs if o.end <= g.start()]
            else:
                before = [o for o in orgs if cs <= o.start and o.end <= g.start()]
                if not before or before[-1].end != g.start():
                    continue
                members = _list_ending_with(before, text, "、和及与同")
                if len(members) < 2:
                    continue
            fields = [i for i in inds if g.end() <= i.start and i.end <= ce]
            for o in members:
                if not _GOV.search(E(o).name):
                    for i in fields:
                        facts.add(E(o), "inIndustry", E(i), sent, 0.55)

        # --- cooperatesWith ---------------------------------------------------
        parties = [m for m in top if m.type in ORG or m.type == "Park"]
        # (not the short name a party defines in a bracket: "B（以下简称“b”）和C")
        parties = [
            m
            for k, m in enumerate(parties)
            if not (
                k > 0
                and _DEFINES_OPEN.fullmatch(text, parties[k - 1].end, m.start)
                and (E(parties[k - 1]) is E(m) or "称" in text[parties[k - 1].end : m.start])
            )
        ]
        if _has(sent_text, trig.get("cooperate", ())) and len(parties) >= 1:
            _cooperation(
                text,
                sent,
                parties,
                E,
                facts,
                subject or topic,
                functools.partial(
                    _referent, named=list(named_parks), para_park=para_park, main=main_park
                ),
                lex.places,
                functools.partial(_named_parties, named=[*named_orgs]),
            )
        # "X区已签下…项目，包括A、B在内的企业先后签约": the park signs with the firms
        sign = _SIGNS.search(sent_text)
        if sign is not None:
            before = [p for p in outer_parks if p.end <= sent.start + sign.start()]
            signer = E(before[-1]) if before else (subject or opener)
            for o in listed:
                if signer is None or o.type != "Company" or E(o) is signer:
                    continue
                if re.search(r"[与同跟]", text[sent.start : sent.start + sign.start()]):
                    break  # "A分别与B签订…": the parties are named (see _cooperation)
                facts.add(signer, "cooperatesWith", E(o), sent, 0.55)
        # "拜访了A、B，同两家集团深化合作": the firms just named are the partners
        back = _WITH_THOSE.search(sent_text)
        party = subject or current
        if back is not None and party is not None and _has(sent_text, trig.get("cooperate", ())):
            named = [o for o in orgs if o.end <= sent.start + back.start()]
            if named:
                for o in _list_ending_with(named, text):
                    if E(o) is not party:
                        facts.add(party, "cooperatesWith", E(o), sent, 0.55)

        # "由A、B、C等领衔，…协同共进": members of a group said to work together (rule 18)
        together = _TOGETHER.search(sent_text) is not None
        for group in _coordinated(orgs, text):
            # "A、B和C联合组建了…": the subjects of one joint act (rule 9)
            if together or _JOINT_ACT.match(text, group[-1].end):
                for k, a in enumerate(group):
                    for b in group[k + 1 :]:
                        facts.add(E(a), "cooperatesWith", E(b), sent, 0.5)

        # firms listed in a sentence about a park, or in a paragraph that one introduces:
        # "园区集聚企业80余家，其中A、B…", "A、B等项目已建成投产", "科技城引进A、B等企业"
        if listed and not _in_named_place(text, sent, ms, lex.places):
            ref = _bare_park_ref(text, sent, ms)
            for o in listed:
                if _partner(text, o, orgs, sent) and _has(sent_text, trig.get("cooperate", ())):
                    continue  # "管委会分别与A、B、C签署协议": partners, not tenants
                gp = _governing_park(o, outer_parks, text, sent, head) if outer_parks else None
                # "A、B、C产业园等项目": a park listed with the firms is no site of theirs
                listed_with = {
                    id(E(p))
                    for p in outer_parks
                    if p.start >= o.end and _same_list(text, o.end, p.start)
                }
                heard = [
                    p
                    for p in _heard(outer_parks, o, head)
                    if id(E(p)) not in listed_with
                    and not _MEANS_BEFORE.search(text, max(0, p.start - 3), p.start)
                ]
                if gp is not None:
                    target, conf = E(gp), 0.6
                elif heard:
                    target, conf = E(heard[0]), 0.55
                elif ref is not None:
                    target = _referent(ref, named_parks, para_park, main_park)
                    conf = 0.55
                else:
                    target, conf = para_park, 0.5
                if target is not None and id(target) not in listed_with:
                    facts.add(E(o), "locatedIn", target, sent, conf)

        # "A专注于…；B主营…。这些企业都位于X": the firms the sentence before named
        these = _THESE_FIRMS.match(text, sent.start)
        if these is not None:
            p = next((q for q in outer_parks if q.start == these.end()), None)
            if p is not None:
                if text.startswith("的", p.end):  # 湘潭高新区 + 的 + 湘潭某某产业园
                    p = next((q for q in outer_parks if q.start == p.end + 1), p)
                for e in prev_firms:
                    facts.add(e, "locatedIn", E(p), sent, 0.55)
        # "一批企业相继扎根P：A…；B…；C…。": the entries after the colon, one a clause
        after_semicolon = sent.start > 0 and text[sent.start - 1] in "；;"
        if colon_site is not None and after_semicolon and orgs and orgs[0].start == sent.start:
            e = E(orgs[0])
            if orgs[0].type == "Company" and e.name not in facts.located:
                facts.add(e, "locatedIn", colon_site, sent, 0.55)
        elif not after_semicolon:
            colon_site = None
        colon = _SITE_COLON.search(text, sent.start, sent.end)
        if colon is not None:
            p = next((q for q in outer_parks if q.end == colon.start()), None)
            colon_site = E(p) if p is not None else colon_site
        # (a sentence that a semicolon ended goes on in the next: "A…；B…。")
        carried = prev_firms if sent.start and text[sent.start - 1] in "；;" else []
        prev_firms = [*carried, *(E(o) for o in orgs if o.type == "Company")]
        # "在板仓工业园，记者看到…。A的生产线上…": a paragraph that opens in a park
        # places the firms its sentences are about there (rule 8)
        if new_para:
            opens_in = _SITE_OPENS.match(text, sent.start)
            site = next((p for p in outer_parks if opens_in and p.start == opens_in.end()), None)
            if site is not None and text.startswith(("，", ","), site.end):
                para_site = E(site)
                first = next((o for o in orgs if o.start == site.end + 1), None)
                if (
                    first is not None
                    and first.type == "Company"
                    and E(first).name not in facts.located
                ):
                    # "走进X园，A的车间里…": the firm the sentence goes on with
                    facts.add(E(first), "locatedIn", para_site, sent, 0.5)
        elif para_site is not None and orgs and orgs[0].start - sent.start <= 2:
            e = E(orgs[0])
            if not _GOV.search(e.name) and e.name not in facts.located:
                facts.add(e, "locatedIn", para_site, sent, 0.5)
        last_org = E(orgs[-1]) if orgs else None
        for o in orgs:
            named_orgs.touch(E(o))
        firms_here = [E(o) for o in orgs if o.type == "Company"]
        if firms_here:
            last_firm = firms_here[-1]
        if outer_parks:
            para_park = subject or E(outer_parks[0])
            for m in outer_parks:
                e = E(m)
                named_parks.touch(e)
        # firms in a passage about a zone, with no park of their own: in the zone
        if (
            not all_parks
            and topic_zone is not None
            and topic_age <= TOPIC_REACH
            and not _in_named_place(text, sent, ms, lex.places)
        ):
            for o in orgs:
                e = E(o)
                if _TOPIC_EXCLUDE.search(e.name) or o.source == "brand" or o.type != "Company":
                    continue  # an institution named near a zone is as often a visitor
                if _partner(text, o, orgs, sent) and _has(sent_text, trig.get("cooperate", ())):
                    continue  # "A还与华为技术有限公司合作": a partner, from anywhere
                facts.add(e, "locatedIn", topic_zone, sent, 0.45)

        if subject is not None:
            topic = subject
        elif parks:
            topic = E(parks[-1])
        if zone is not None and (zones_here or subject is not None):
            topic_zone, topic_age = zone, 0
        else:
            topic_age += 1

    # the rows of a directory of firms (kg.extract.tables): the firm, its park and
    # its industry in one row
    starts = [sent.start for sent in doc.sentences]
    for firm, pred, other in tables.row_facts(doc):
        sent = doc.sentences[bisect.bisect_right(starts, firm.start) - 1]
        facts.add(ent_of[(firm.start, firm.end)], pred, ent_of[(other.start, other.end)], sent, 0.7)

    # a firm in a park inside a zone is in the zone too
    located = [r for r in doc.relations if r.predicate == "locatedIn"]
    by_name = {e.name: e for e in doc.entities}
    for r in located if TRANSITIVE else []:
        for zone in part_of.get(r.object, ()):
            s, z = by_name.get(r.subject), by_name.get(zone)
            if s and z:
                sent = Sentence(r.start, r.end, r.evidence)
                facts.add(s, "locatedIn", z, sent, 0.6)
    return doc


def _paragraphs(text: str):
    """A function giving the paragraph number of an offset (paragraphs end at line breaks)."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    return lambda pos: bisect.bisect_left(breaks, pos)


def _in_named_place(text: str, sent: Sentence, ms: list[Mention], places) -> bool:
    """The sentence puts its firms in a city or county ("A、B等企业在鄂州设立…")."""
    for m in re.finditer(r"[在到于落户入驻]", text[sent.start : sent.end]):
        pos = sent.start + m.end()
        if any(o.start <= pos < o.end for o in ms):
            continue  # 在重庆某某有限公司: the place begins a name
        for n in (4, 3, 2):
            if text[pos : pos + n] in places:
                return True
    return False


def _main_park(doc: Document) -> Entity | None:
    """The park the article is about: the one it names most often (the first on a tie)."""
    spans = sorted((m.start, m.end) for e in doc.entities if e.type == "Park" for m in e.mentions)

    def nested(m: Mention) -> bool:  # 兰州新区 inside 兰州新区化工园区 names the other park
        k = bisect.bisect_right(spans, (m.start, m.end))
        return any(
            a <= m.start and m.end <= b and (a, b) != (m.start, m.end)
            for a, b in spans[max(0, k - 3) : k + 1]
        )

    best, count = None, 0
    for e in doc.entities:
        if e.type != "Park":
            continue
        n = sum(1 for m in e.mentions if not nested(m))
        if n > count:
            best, count = e, n
    return best


# "A大学—B公司某某联合实验室": what a dash between two founders is followed by
_JOINT_LAB = re.compile(r"[^，,。；;]{0,12}联合(?:实验室|研究|研发|创新|技术|工程)")

# "A是B的一部分": the words between two parks and after the second that make A part of B
_PART_VERB = re.compile(
    r"(?:[^，,。；;]{0,14}[，,]){0,2}(?:也|则|现)?(?:是|为|属于|隶属于|系|作为)"
)
_PART_NOUN = re.compile(
    r"(?:“[^”]{1,8}”)?的?(?:重要|核心|主要)?(?:产业)?"
    r"(?:一部分|组成部分|核心区|主体区|分园|园中园|重要板块|先行区|先导区|承载区)"
)

# universities and banks are a park's partners and lenders more often than its tenants
# (an academy of sciences, 科学院, is no school: 中国农业科学院 进驻科技城)
_SCHOOL_OR_BANK = re.compile(r"(?:大学|(?<!科)学院|银行|支行|分行)$")

# a sentence about something other than a park: "这些机构聚焦…", "该公司…", "重庆市提出…"
_OTHER_SUBJECT = re.compile(
    r"(?:[^，,。；;]{0,8}[，,])?(?:"
    r"(?:这些|该|此|这一|这个|其)(?!区|园|园区|新区|开发区|高新区|片区|城)"
    r"|(?:联盟|协会|学会|商会|公司|集团|高校|研究院|基金)(?:将|已|正|还|也|则|主要|重点|计划)"
    r"|(?:全市|全省|全县|我市|我省|我县|全国|全州|全盟|[\u4e00-\u9fff]{2,4}[市省])(?:上下)?"
    r"(?:已|已经|正|将|共|累计|初步|要)?(?:着力|全力|加快|大力|努力)?"
    r"(?:形成|建成|打造|拥有|集聚|培育)"  # 全市已形成…产业链: the city's, not a park's
    r")"
)

# what a city that opens a sentence does for itself: "鄂尔多斯已形成…产业链"
_CITY_DOES = re.compile(
    r"(?:已|已经|正|将|共|累计|初步)?(?:着力|全力|加快|大力|努力)?(?:形成|建成|打造|拥有|集聚|培育)"
)


def _city_subject(text: str, start: int, end: int, places: dict[str, str]) -> bool:
    """A sentence whose subject is a city or province named without 市/省 (after an
    opening clause such as 据了解，): what it has is the city's, not a park's."""
    k = start
    opening = re.match(r"[^，,。；;]{0,8}[，,]", text[start:end])
    if opening is not None:
        k += opening.end()
    return any(
        places.get(text[k : k + n]) in ("city", "province") and _CITY_DOES.match(text, k + n)
        for n in (2, 3, 4)
    )


# a park-type word standing for a park named elsewhere (rule 11): 该园区, 科技城, 区内
_BARE_REF = re.compile(
    r"(?:该|本|全)?("
    + "|".join(sorted(lexicons.word_set("bare_park_words.txt"), key=len, reverse=True))
    + r"|区内|园内|城内|该区)"
)


# "在P内规划建设了A": the act of building a park inside P (named or a bare word)
_BUILT_INSIDE = re.compile(r"(?:内|里)?(?:规划|新)?(?:建设|建成|打造|设立|布局|启动建设)了?$")
_IN_BARE = re.compile(
    r"在(?:该|本)?(园区|高新[东西南北]?区|开发区|经开区|新区|片区|示范区|科技城|科学城)$"
)

# "把X作为首位产业": X made a park's main industry
_AS_MAIN_INDUSTRY = re.compile(
    r"(?:和[^，,。；;]{2,10}?)?作为(?:其|全区|园区)?(?:第一|首位|主导|支柱|特色|优势|核心)产业"
)

# a park whose entries follow a colon: "一批配套企业相继扎根P："
_SITE_COLON = re.compile(r"[：:](?=[^：:]*$)")

# a title a place wins, right before its name: "被科技部认定为", "入选"
_TITLE_WON = re.compile(r"(?:认定为|评为|命名为|授予|获批|批准为|入选|列为)$")

# a paragraph that opens in a park: "在板仓工业园，", "走进茶加工园，"
_SITE_OPENS = re.compile(r"在|走进|来到|步入|走在")

# "A位于B东部": what lies between the part and the whole, and what follows the whole
_LIES_IN = re.compile(r"(?:[（(][^（）()]{1,12}[）)])?(?:地处|位于|坐落于|坐落在|地处于)")
_INSIDE_PART = re.compile(
    r"的?(?:[东西南北中]|东北|东南|西北|西南)(?:部|侧|端)|内|境内|腹地|核心区|中心区"
)
# "高新区所属的A", "B下辖的A": the whole before, the part after
_BELONGS_TO = re.compile(r"(?:" + _BARE_REF.pattern + r")?(?:所属的|下辖的|下设的|管辖的)$")

# "A是科技城的主要承载区": the whole is a bare park word (rule 11)
_PART_OF_BARE = re.compile(_PART_VERB.pattern + _BARE_REF.pattern + _PART_NOUN.pattern)

# a bare park word that places the firm right after it: "开发区内的A"
# a bare park word right before a park it holds: "片区内的X园"
_PARK_INSIDE_BEFORE = re.compile(
    r"(?:该|本)?(园区|高新区|开发区|经开区|新区|科技城|科学城|示范区|片区)(?:内|里)的?$"
)
_INSIDE_BEFORE = re.compile(
    r"(?:该|本)?(园区|产业园|科技园|工业园|高新区|开发区|经开区|新区|科技城|科学城|示范区|片区)"
    r"(?:(?:内|里)的?|(?:内|里)?的?(?:重点|骨干|龙头)?企业)$"
)

# "A也在P投资…": a firm, where it acts, and what it does there
_ACTS_IN = re.compile(
    r"(?:[（(][^（）()]{1,12}[）)])?"
    # (after what it invests: "A投资8亿元，在P建设…")
    r"(?:(?:计划|拟|将)?(?:总)?投资[0-9.]+[万亿]*(?:元|美元)[，,])?"
    r"(?:今年|去年|近日|日前|目前|近年来)?(?:也|还|将|已|正|拟|则|计划|先后)?(?:在|于)"
)
# "该公司今年在P开工建设了…": the firm the paragraph is about acts in the park
_THAT_FIRM_ACTS_IN = re.compile(r"(?:该公司|该企业|这家企业|这家公司|公司)" + _ACTS_IN.pattern)
_ITS_PROJECT = re.compile(
    r"[^。；;]{0,24}?[，,]其[^，,。；;]{0,16}?项目(?:将|已|也)?(?:落户|落地|建在|选址)(?:于|在)?"
)
_HQ_IN = re.compile(
    r"(?:[（(][^（）()]{1,12}[）)])?(?:的)?总部(?:就|也|还|均|都)?(?:设|位|坐落)?(?:在|于)"
)
_ACT_AFTER_PARK = re.compile(
    r"内?(?:投资|追加投资|扩建|新建|实施|设立|建立|布局|投建|建设|开工建设|启动建设)"
)

# "同在功能区的A", "也在园区的A": the firm is in the park the bare word means
_SAME_PLACE_BEFORE = re.compile(r"(?:同在|也在|同样位于|同处)" + _BARE_REF.pattern + r"的$")

# a speaker introduced by a title, then what they said: "X区管委会副主任张某表示，"
_REPORTED = re.compile(r"[^。；;！？]{2,40}?(?:表示|介绍|指出|透露|说)[，,：:]")

# a bare park word as the sentence's subject: "新区加快…", "产业培育上，新区…"
# a bare park word as the subject after an opening clause ("依托…资源，高新区以…")
_OPENING_SUBJECT = re.compile(r"[^，,。；]{11,24}[，,]" + _BARE_REF.pattern)
_OPENING_REF = re.compile(r"(?:[^，,。；]{0,10}[，,])?[^，,。；]{0,3}?" + _BARE_REF.pattern)


def _named_over(text: str, start: int, end: int, ms: list[Mention]) -> bool:
    """Whether a bare park word is part of a name, not a word for a park named
    elsewhere (示范区管委会 is the committee of the zone the bare word means)."""
    return any(
        o.start <= start < o.end and not (o.start == start and text[end : o.end] == "管委会")
        for o in ms
    )


def _bare_park_ref(text: str, sent: Sentence, ms: list[Mention]) -> str | None:
    """The first park-type word of the sentence that is not part of a name."""
    for m in _BARE_REF.finditer(text, sent.start, sent.end):
        if _named_over(text, m.start(), m.end(), ms):
            continue
        if re.search(
            r"(多家|多个|一批|等|[0-9一二三四五六七八九十]+[个家])[^，。；]{0,4}$",
            text[max(sent.start, m.start() - 6) : m.start()],
        ):
            continue  # "另有多家科技产业园": parks counted, not one park meant
        return m.group(1)
    return None


def _referent(word: str, named, para_park: Entity | None, main: Entity | None):
    """The park a bare park word means: the paragraph's or the article's main park
    when it is of that kind, else the last named park of that kind (``named``: the
    parks, last named last), else the paragraph's park, else the main park."""
    kind = word.removeprefix("该").removesuffix("内")
    for e in (para_park, main):
        if e is not None and kind and _of_kind(e, kind):
            return e
    for e in reversed(named):
        if kind and len(kind) >= 2 and _of_kind(e, kind):
            return e
    if para_park is not None and _DESIGNATION_BASE.search(para_park.name):
        # "园区入选国家X示范基地。A在园区设立…": the park, not the title it won
        return next((e for e in reversed(named) if not _DESIGNATION_BASE.search(e.name)), main)
    return para_park or main


# a designation a park receives (rule 10), which a bare 园区 does not mean
_DESIGNATION_BASE = re.compile(r"^(?:国家|省级|全国|中国).*(?:示范基地|产业基地|示范区)$")


def _of_kind(e: Entity, kind: str) -> bool:
    """The park is a ``kind`` (高新区) by its name, an alias or the short form of its
    name's ending (…高新技术产业开发区 is a 高新区)."""
    return any(n.endswith(kind) or _short_ending(n).endswith(kind) for n in (e.name, *e.aliases))


@functools.lru_cache(maxsize=65536)
def _short_ending(name: str) -> str:
    """A park's name with its ending in short form (…高新技术产业开发区 → …高新区)."""
    return park_core(name) or ""


# a list of firms: "A、B等重点企业", "A、B等一批项目"; or one introduced by 其中/包括/如
_LIST_TAIL = re.compile(
    r"(?:[、和及][^，。；、,;]{1,20})*(?:等|在内的)[^，。；,;]{0,16}?(?:企业|公司|项目|龙头|厂商|机构|院所|高校)"
)
_LIST_LEAD = re.compile(
    r"(?:其中|包括|如|既有|涵盖|例如|比如|引进了?|引进|落户了?|集聚了?|聚集了?|有)"
    r"[：:“”\"]?(?:[^，。；、,;：:]{1,25}[、和及])*$"
)


def _in_firm_list(text: str, o: Mention, sent: Sentence) -> bool:
    """The firm is an item of a list of firms (closed by 等…企业 or opened by 其中…),
    or the subject of a clause after 其中 ("…，其中，A的注射剂…，B的…")."""
    if _LIST_TAIL.match(text, o.end, sent.end):
        return True
    if text[o.start - 1 : o.start] in "，," and o.start > sent.start:
        k = text.rfind("其中", sent.start, o.start)
        if k >= 0 and not re.search(r"[。；;]", text[k : o.start]):
            return True
    lo = max(sent.start, o.start - 120)
    return (
        bool(_LIST_LEAD.search(text[lo : o.start]))
        and re.match(r"[、和及]", text[o.end : o.end + 1]) is not None
        or bool(
            re.search(r"[、和及]$", text[lo : o.start]) and _LIST_LEAD.search(text[lo : o.start])
        )
    )


def _leading_place(name: str, places: dict[str, str]) -> tuple[str, str] | None:
    for n in range(min(5, len(name) - 1), 1, -1):
        level = places.get(name[:n])
        if level is not None:
            return name[:n].rstrip("市"), level
    return None


def _different_cities(a: str, b: str, places: dict[str, str]) -> bool:
    """Both names start with a city-level place, and not the same one."""
    pa, pb = _leading_place(a, places), _leading_place(b, places)
    if not pa or not pb or pa[1] != "city" or pb[1] != "city":
        return False
    return not (pa[0].startswith(pb[0]) or pb[0].startswith(pa[0]))


TOPIC_REACH = 3
TRANSITIVE = True  # a firm in a park inside a zone is in the zone too
# bodies that are not "in" the zone an article is about: governments, universities, banks
_TOPIC_EXCLUDE = re.compile(
    r"(厅|局|委|部|政府|大学|(?<!科)学院|银行|支行|分行|协会|联盟|学会|商会|工商联|办公室|办事处|工会|党委|党支部)$"
)


_BRACKET_END = re.compile(r"[（(][^（()）]*[）)]$")


def _clause_of(text: str, m: Mention, sent: Sentence) -> str:
    """The comma-delimited clause around a mention (with its list, if any)."""
    s = max(text.rfind(c, sent.start, m.start) for c in "，,；;：:")
    return text[max(s + 1, sent.start) : _clause_end(text, m.end, sent.end)]


def _clause_end(text: str, pos: int, end: int) -> int:
    """Where the clause going on at ``pos`` ends: the next comma, semicolon or full
    stop before ``end`` (the sentence's end), else ``end``."""
    found = [x for x in (text.find(c, pos, end) for c in "，,；;。") if x >= 0]
    return min(found, default=end)


def _is_park_body(name: str, parks: list[Mention], ms) -> bool:
    """X高新区管委会, X高新区党工委: a body of the park itself."""
    return bool(_GOV.search(name)) and any(name.startswith(p.text) for p in parks)


def _mentions_by_sentence(doc: Document):
    """A function giving the mentions inside a sentence, in ``doc.mentions`` order.

    A bisection over the mentions sorted by start, so a long document costs
    O(n log n), not one scan of all mentions per sentence.
    """
    mentions = doc.mentions
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]

    def inside(sent: Sentence) -> list[Mention]:
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end)
        picked = sorted(i for i in order[lo:hi] if mentions[i].end <= sent.end)
        return [mentions[i] for i in picked]

    return inside


# words before a title a zone receives (rule 10: a designation, not a part of it)
# a designation a park receives, not a site inside it (rule 10): 国家外贸转型升级基地（生物
# 医药）, 山东省生物医药产业特色小镇, 国家火炬某某特色产业基地
_DESIGNATION_NAME = re.compile(r"特色小镇|转型升级基地|特色产业基地")

_DESIGNATED = re.compile(
    r"(?:作为|获批|获评|获得|被评为|评为|被认定为|认定为|授予|挂牌|荣获|入选|列为|命名为)"
    r"[^，,。；;]*$"
)


def _side_by_side(text: str, m: Mention, others: list[Mention]) -> bool:
    """``m`` and one of ``others`` are items of one list ("赴A、B考察"): listed, not nested."""
    for o in others:
        a, b = (o, m) if o.end <= m.start else (m, o)
        if a.end <= b.start and _LIST_GAP.fullmatch(text, a.end, b.start):
            return True
    return False


# between two items of one list: separators and the items between them
_LIST_GAP = re.compile(r"(?:[、和及与][^，,。；;、和及与]{2,20})*[、和及与]")


def _heard(parks: list[Mention], o: Mention, head: int) -> list[Mention]:
    """The parks that can govern ``o``: a park in a speaker's title (before ``head``)
    governs only what stands in the title too."""
    return [p for p in parks if o.start < head or p.start >= head]


def _same_list(text: str, pos: int, start: int) -> bool:
    """The park ending at ``pos`` and the firm at ``start`` are items of one list."""
    gap = text[pos:start]
    return gap.startswith("、") and len(gap) <= 40 and not re.search(r"[，。；！？,;]", gap)


def _in_list_after(text: str, pos: int, start: int) -> bool:
    """The firm is a later item of a list that starts right after the park."""
    gap = text[pos:start]
    if gap.startswith("、") or re.search("[与和同跟及对向在]", gap):
        return False  # the park is itself an item, or the firms are its partners
    if re.search(r"拜访|走访|考察|调研|参观|会见|前往", gap):
        return False  # "X高新区一行拜访了A、B": the firms are visited, not in the park
    return bool(gap) and len(gap) <= 40 and bool(re.fullmatch(r"[^，。；！？,;]*、", gap))


_MEANS_BEFORE = re.compile(r"(?:依托|借助|依靠|背靠)$")


# a firm's own clause placing it in the park right after: "则扎根", "也落户在"
_OWN_SITE_GAP = re.compile(
    r"(?:[（(][^（）()]{1,12}[）)])?(?:则|也|还|已|均|都|目前|现)?"
    r"(?:位于|扎根于?|落户于?|落户在|入驻|坐落于|坐落在|落地于?)"
)
# between a zone and the park inside it: "和林格尔新区的盛乐园区", "X下辖的Y"
_INNER_GAP = re.compile(r"(?:下辖|所属|内)?的")


def _governing_park(
    o: Mention, parks: list[Mention], text: str, sent: Sentence, head: int = 0
) -> Mention | None:
    """The park a located trigger refers to for firm ``o`` (nearest park before it).

    A park before ``head`` (in a speaker's title: "X区管委会副主任张某介绍，…")
    governs nothing said after it.
    """
    # "A位于P，B则扎根Q的R": the park the firm's own clause places it in comes first
    # (the innermost of "Q的R", "Q下辖的R")
    after = [p for p in parks if p.start >= o.end]
    if after:
        gap = text[o.end : after[0].start]
        if _OWN_SITE_GAP.fullmatch(gap):
            p = after[0]
            inner = next((q for q in after[1:] if _INNER_GAP.fullmatch(text, p.end, q.start)), None)
            return inner or p
    before = [p for p in _heard(parks, o, head) if p.end <= o.start]
    # "园区依托国家X示范区，培育了A": a park the clause leans on is a means, not
    # where the firms are
    before = [p for p in before if not _MEANS_BEFORE.search(text, max(0, p.start - 3), p.start)]
    # skip parks that are items of the same list as the firm (入驻A园、B公司…)
    while len(before) > 1 and _same_list(text, before[-1].end, o.start):
        before.pop()
    if before:
        return before[-1]
    after = [p for p in parks if p.start >= o.end]
    if after:
        gap = text[o.end : after[0].start]
        if re.search(r"(落户|入驻|位于|扎根|在|落地于|选择)", gap) and len(gap) <= 10:
            return after[0]
    return None


# an industry opening a clause that then names firms: "在X领域，…", "X产业方面，…"
_LEAD_BEFORE = re.compile(r"(?:^|[：:；;。，,])(?:在|从|就|以)?$|与$")
# "X领域，", "X产业方面，", "X产业体系，其中，", "与X相关的"
_LEAD_AFTER = re.compile(r"(?:产业|行业|领域|板块)?(?:优势)?(?:上|方面|中)?[，,]|为例")
# an industry that introduces the firms after it wherever it stands:
# "…大健康产业体系，其中，A…", "与X相关的有65个，既有A、B"
_LEAD_STRONG = re.compile(
    r"(?:产业|行业)?(?:体系|集群)?[，,]其中|(?:产业|行业)?相关的"
    # "集聚集成电路企业500余家，包括A、B…": the firms counted are of that industry
    r"|(?:产业|行业)?(?:相关)?(?:企业|公司|项目)(?:已|共|累计)?(?:超过|达到|达|近|逾|共|突破)?"
    r"[0-9一二三四五六七八九十百千万余多]+[家个项]"
    r"[，,](?:其中|包括|如|[^，,。；;]{0,4}(?:有|包括))?"
)
# "X企业集群", "X产业集群" right after the industry
_CLUSTER = re.compile(r"(?:产业)?(?:企业|产业)集群")
# a firm's line of business: "A专注于X", "A主要从事X", "A进军X市场"
# a sentence that opens a list of entries, one a paragraph: "主要包括：", "名单如下："
_ENTRIES_OPEN = re.compile(r"(?:包括|有|如下|分别是|分别为)[：:]\s*$")
# a signing, and what the signer will build: "签署协议，将投资50亿元建设"
_SIGNS = re.compile(r"(?:正式|成功)?(?:签署|签订|签约)")
_WILL_BUILD = re.compile(r"[，,]?(?:双方)?将[^。；;]{0,12}?(?:投资|建设|落户|投产|布局|设立|新建)")
# the investors of the projects a sentence classifies: "投资方包括A、B"
_INVESTORS = re.compile(r"(?:投资方|投资主体|签约企业|签约方)(?:主要)?(?:包括|有|为|是)[：:]?")
# the verb before a firm's own project of a class (OWN_SITE): "投资建设储能电池基地"
_BUILDS_OWN = re.compile(r"(?:投资建设|建设|新建|扩建|投建|布局)[^，,。；;]{0,16}$")
# a list entry's firm and the colon its description follows: "A（a）："
_DESCRIBED = re.compile(r"(?:[（(][^（）()\n]{1,12}[）)])?(?:[：:]|——|—|--)")
# a clause of an entry about what its firm makes: "主营X和Y", "专注于X、Y"
_ENTRY_MAKES = re.compile(
    r"(?:并|还|也|目前|主要)?(?:主营|专注于?|主要生产|主要从事|从事|主要建造|建造|生产)"
    r"(?:[^，,。；;：:]{1,16}?[和、及与])*"
)
# a verb that places an entry's firm (the subject left out) in the park after it
_ENTRY_SITE = re.compile(r"(?:位于|落户于?|迁入|入驻|扎根|坐落于|选址|在)$")
# the copula after a firm, past the short name it defines: "A（以下简称“a”）是"
_COPULA_AFTER = re.compile(r"(?:[（(][^（）()\n]{1,16}[）)])?(?:则|也|还|更|已)?(是|作为|系)")
# the firms just named, as a subject placed in a park: "这些企业都位于"
_THESE_FIRMS = re.compile(
    r"(?:这些|上述|以上|前述)(?:企业|公司)(?:均|都|全部|也|目前|大多|大都|主要|基本)?"
    r"(?:位于|落户于?|入驻|集中在|坐落在|扎根|分布在|聚集在)"
)
# a heading: a short line of its own with no sentence punctuation
_HEADING = re.compile(r"[^，,。；;！？!?\n]{2,30}\n?")
# what may stand before an entry's firm: a dash, a bullet, a number
_ENTRY_LEAD = re.compile(
    r"(?:——|—|-|·|•|●|▪|■|□|◆|◇|▲|★|☆|○|◎|\*|[0-9]{1,2}[.、．]|[（(][0-9一二三四五六七八九十]{1,2}[）)]"
    r"|[一二三四五六七八九十]{1,2}、)?\s*"
)
_BUSINESS = re.compile(
    r"(?:[（(][^（）()\n]{1,12}[）)])?(?:等(?:企业|公司))?"
    r"(?:(?:[，,：:]|——|—)?(?:则|也|还|更|并|主要)?)?(?:公司|集团)?(?:是|为)?(?:一家)?"
    r"(?:近年来|近年|目前)?(?:积极|不断|持续|加快|大力)?"
    r"(?:国内|全国|省内|业内)?(?:较早|最早|率先)?"
    r"(?:主要|长期|专业|专门|一直|始终|已经|已|将|正|还|重点)?"
    r"(?:专注于?|主营|从事|深耕|进军|参与|致力于|聚焦于?|生产|研发|布局|开展|拓展)"
    r"(?:全球|国内|国际|高端|的)?"
    rf"(?:{KINDS_BEFORE.pattern})?"
)


# "在Y，…" opening a sentence: Y is the new topic, not a part of the last zone
_OPENS_AT = re.compile(r"(?:[^，,。；;]{0,6}[，,])?在")

# the bare park word right before 由…组成: "整个园区由…"
_BARE_BEFORE = re.compile(r"(?:整个|全)?" + _BARE_REF.pattern + r"$")
# "Y是X的所在地": X lies in Y
_SEAT_OF = re.compile(r"(?:是|为)(?:[^，,。；;]{2,30}?)()的?所在地")

# between "在X" and the park built inside it: "内规划建设", "先后建成了"
_BUILT_INSIDE = re.compile(
    r"(?:(?:内|里|中)(?:规划|先后|已经|已|还|又|再|正在|正|将)*"
    r"(?:建设|建成|打造|设立|布局|规划建设|启动建设|筹建|兴建)"
    r"|(?:规划建设|规划布局|启动建设|筹建))了?(?:一个|一座|一批)?"
    r"(?:[0-9.一二三四五六七八九十百千万]+(?:平方公里|亩|万平方米)的)?"  # "3平方公里的"
)
# a bare park word right before what a zone holds: "高新区下辖…", "园区目前涵盖…"
_BARE_HOLDER = re.compile(_BARE_REF.pattern + r"(?:还|也|已|目前|现|共)?$")
# a zone and the parks it holds: "下辖A、B", "涵盖A、B等功能区"
_HOLDS = re.compile(r"(?:下辖|下设|管辖|涵盖|包括|包含)(?:的|有|了)?")
_PARTS_CLOSER = re.compile(
    r"等?(?:[0-9一二三四五六七八九十两]+[个大])?(?:功能区|园区|片区|板块|组团)"
)

# "签约项目中的A": the firm of one of the projects a park signed or received
_SIGNED_PROJECTS = re.compile(
    r"(?:签约|落地|引进|落户|投产|开工)(?:的)?(?:重点|重大)?项目(?:中|里)的$"
)

# "则计划在园区布局", "将在高新区投资建设": a firm's works in a zone named elsewhere
_BUILDS_IN_BARE = re.compile(
    r"(?:则|也|还|将|拟|计划|正|已|先后){0,3}在"
    + _BARE_REF.pattern
    + r"内?(?:投资)?(?:建设|布局|设立|新建|落户|建厂|投产)"
)

# "作为(国内领先的)一家X企业，A…"
_AS_A_FIRM_OF = re.compile(
    r"(?:[^，,。；;]{0,6}[，,])?作为(?:一家|国内|全国|全球|我国)?[^，,。；;]{0,8}?"
)
_FIRM_NOUN = re.compile(
    r"(?:产业|行业|领域)?的?(?:(?:龙头|领军|骨干|重点|知名|领先)?(?:生产|制造)?"
    r"(?:企业|公司|制造商|供应商)|龙头|领军者)"
)
# research done together: by a group the sentence has named ("三方联合开展", "两家机构
# 围绕"), or by parties joined right before ("A与B合作开展")
_JOINT_RESEARCH = re.compile(
    r"(?:(?P<group>双方|三方|四方|多方|各方|[两三四五]家(?:机构|单位|企业|高校))"
    r"(?:将|还|已|正|均)?(?:联合|共同|合作|携手)?|(?:联合|共同|合作|携手))(?:开展|围绕|聚焦)"
)
_RESEARCH_WORD = re.compile(r"攻关|研发|研究|攻坚")
# a bare body word as a clause's subject doing research: "该中心重点开展", "研究院长期从事"
_BARE_BODY = r"(?:该|这个|这家|此)?(中心|研究院|研究所|实验室|联合体"
_BARE_ORG_DOES = re.compile(
    _BARE_BODY + r"|公司|集团)(?:则|还|也|将|已|主要|重点|长期|正在|正)*(?:开展|从事|攻关)"
)
# a clause that goes on doing research with the subject of the clause before
_GOES_ON_DOING = re.compile(r"(?:并|还|也|将|主要|重点|长期)*(?:开展|从事|攻关)")
# a clause that opens with a bare body word: "中心将落户…"
_BARE_ORG_OPENS = re.compile(_BARE_BODY + ")")
# the fields a verb of research works on end in 技术: "攻关X和Y技术"
_TECH_OF = re.compile(r"(?:[、和及与][^，,。；;]{2,14}?)*(?:等)?(?:关键|核心|共性)?技术")
# a body's research: "开展/从事" before the fields, "…技术攻关/研发" after them
_RESEARCH_OF = re.compile(r"(?:[、和及与][^，,。；;]{2,14}?)*" + RESEARCH_END.pattern)
# "从事X的A": a business verb just before the industry
_BUSINESS_CUE_BEFORE = re.compile(r"(?:从事|专注于?|主营|深耕|致力于)$")

# a joint act of all the parties named: "共建", "共同设立", "三方签署"
_JOINT = re.compile(r"共建|共同|组建|联合(?:建设|成立|组建|设立|发起)|[三四五]方")
# a bare park word opening a clause, with the adverbs before 与: "开发区还与…"
_OPENING_PARTY = re.compile(
    _OPENING_REF.pattern + r"(?:还|也|已|将|正|则|均|都|先后|共同|分别|再次)*"
)

# "P内，…": a sentence that opens inside a park
# "航天基地东区的北斗产业园": a side of the zone, then the park in it
_SIDE_OF = re.compile(r"(?:[东西南北中]|东北|东南|西北|西南)(?:区|部|片)的")
_AT_OPENING = re.compile(r"在(?:[^，,。；;]{1,10}的)?")
_INSIDE_OPENING = re.compile(r"(?:内|里|园区内|厂区内)[，,]")
# "走进园区，…": the reporter walks into the park a bare word means
_WALK_IN = re.compile(r"(?:走进|来到|步入|走入)" + _BARE_REF.pattern + r"[内里]?[，,]")

# "A、B等在此布局": firms placed in the park the sentence is about
_HERE = re.compile(
    r"(?:也|均|都|已|纷纷|相继)?(?:在此|于此|在这里)(?:布局|落户|投资|建厂|设厂|集聚|扎根)"
)
# "P由A、B和C组成": right after the zone, then the parts up to the verb
_MADE_OF = re.compile(
    r"由((?:[^，,。；;、和及与]{2,30}[、和及与])+[^，,。；;、和及与]{2,30}?)等?"
    r"(?:[0-9一二三四五六七八九十两]+[个大]?(?:园区|片区|板块|部分)?)?(?:组成|构成)"
)

# what joins a list of firms to the park they are all in: "A、B都在P", "均位于P"
_ALL_IN = re.compile(
    r"(?:[一二三四五六七八九十两]+大[^，,。；;]{0,6}?)?(?:都|均|皆|全部|同时)(?:集中)?"
    r"(?:在|位于|坐落于|设在|落户于?|落户在|扎根于?)$"
)

# "，(将)在P建设…": a clause that places the sentence's firm's works in park P
_BUILDS_IN = re.compile(r"[，,](?:并|还|将|拟|计划|正|已)?在$")
_BUILDS = re.compile(r"(?:投资)?(?:建设|新建|兴建|建成|打造|布局|落地)")

# "P将由…": the builder of park P follows
_BUILT_BY = re.compile(r"(?:将|已|拟|正)?由")

# a later clause of a sentence whose subject is a firm, saying what it is
_LATER_IS = re.compile(r"[，,](?:也|还|更)?(?:是|作为)")

# a firm's trade named after an industry: 工程机械 + 制造商
_MAKER = re.compile(r"(?:制造商|供应商|服务商|生产商|运营商|提供商|开发商|厂商)")

# a park signing firms' projects
_SIGNS = re.compile(r"签下|签约(?!落户|入驻|落地|项目|企业)|签订|签署")
# "同两家集团", "与上述企业": partners named earlier in the sentence
_WITH_THOSE = re.compile(
    r"[与同](?:两|三|四|几|这|上述|以上|该)[家所个些]?(?:企业|集团|公司|机构|高校|单位)"
)

# a joint act right after a list of parties: "A、B和C(三方)联合组建…"
_JOINT_ACT = re.compile(
    r"(?:等)?(?:[两三四五六七八九十]+[家所个方])?(?:将|已|还|也|正)?"
    r"(?:联合|共同|携手|合作)(?:组建|成立|设立|建设|打造|发起|申报|承担|研发|攻关|开展|实施|签署|建立)"
)
# a group of named members said to work together
_TOGETHER = re.compile(
    r"协同共进|协同创新|协同发展|携手共进|抱团|联合攻关|共同发起"
    r"|联合[^，,。；;]{2,60}共同(?:实施|推进|建设|打造|开展|承担)"  # 联合A、B等机构共同实施
)


# "在(全球)X领域/行业/市场": a field a firm works in
_FIELD_BEFORE = re.compile(r"在(?:全球|国内|国际|全国|全省)?[^，。；]{0,2}$")
_FIELD_AFTER = re.compile(r"(?:产业)?(?:领域|行业|市场|赛道)")


def _respective(text: str, parks: list[Mention], inds: list[Mention]):
    """(park, industry) pairs of "A、B分别以X和Y为主导产业", "A和B分别聚焦X、Y": as many
    parks listed right before 分别 as industries listed after it, paired in order."""
    for k in range(len(parks)):
        at = text.find("分别", parks[k].end, parks[k].end + 3)
        if at < 0:
            continue
        run = [parks[k]]
        for p in reversed(parks[:k]):
            if not re.fullmatch(r"[、和及与]", text[p.end : run[0].start]):
                break
            run.insert(0, p)
        after = [i for i in inds if i.start > at]
        items = after[:1]
        for i in after[1:]:
            if not re.fullmatch(r"[、和及与]", text[items[-1].end : i.start]):
                break
            items.append(i)
        if len(run) >= 2 and len(run) == len(items) and items[0].start - at <= 12:
            return list(zip(run, items, strict=True))
    return []


# verbs that build a park: the focus in the clause after it is that park's
_PARK_BUILT = re.compile(r"(?:规划建设|建设|打造|布局|建成|启动建设|筹建)")


# what may stand between a park just built and the clause about its focus: its short
# name in brackets, then clauses of its size or cost
_BUILT_THEN = re.compile(
    r"(?:[（(][^（）()]{1,20}[）)])?(?:[，,](?:占地|总占地|规划面积|面积|总投资|投资)[^，,。；;]{1,16})*[，,]"
)


def _clause_park(text: str, i: Mention, sent: Sentence, parks: list[Mention], E, verbs):
    """The park named before ``i`` in its own comma clause, if any ("…，初步形成了A区
    重点聚焦X和Y，B市以…": X is A区's focus, not the sentence subject's)."""
    cs = max(text.rfind(c, sent.start, i.start) for c in "，,；;") + 1
    cs = max(cs, sent.start)
    before = [p for p in parks if cs <= p.start and p.end <= i.start]
    if not before:
        # "…规划建设3平方公里的X产业园，重点承接A、B项目": the park just built
        # ("…建设X产业园（以下简称“X园”），占地1200亩，重点发展…": after its bracket
        # and a clause about its size, with no other park between)
        earlier = [p for p in parks if sent.start <= p.start and p.end < cs]
        built = earlier[-1] if earlier else None
        if built is not None and len(earlier) >= 2:
            # (the short name it defines in brackets is no park of its own)
            opened = text.rfind("（", earlier[-2].end, built.start)
            if opened == earlier[-2].end:
                built = earlier[-2]
        if built is not None and not _BUILT_THEN.fullmatch(text, built.end, cs):
            built = None
        if built is not None and _PARK_BUILT.search(
            text, max(sent.start, built.start - 16), built.start
        ):
            return E(built)
        return None
    gap = text[before[-1].end : i.start]
    if not _has(gap, verbs) and not re.fullmatch(r"(?:则|也|还|主要|将|已)*以", gap):
        return None  # the park must be the one the focus verb (or 以…为主) follows
    return E(before[-1])


def _coordinated(orgs: list[Mention], text: str) -> list[list[Mention]]:
    """Runs of organisations joined by 、和及 ("A、B和C")."""
    groups: list[list[Mention]] = []
    for o in orgs:
        if groups and re.fullmatch(r"[、和及与]", text[groups[-1][-1].end : o.start]):
            groups[-1].append(o)
        else:
            groups.append([o])
    return [g for g in groups if len(g) >= 2]


# the opening of a later clause that goes on about the sentence's subject: "今年在"
_LATER_FIELD = re.compile(
    r"(?:今年|近年来|近年|目前|同时|此外|去年|当前|未来|并|还)?"
    r"(?:还|也|正|已|将|持续|重点|主要|积极)*在(?:全球|国内|国际|全国)?"
)


def _researched(text: str, sent: Sentence, i: Mention) -> bool:
    """The industry is a field of research in its clause ("开展X、Y等技术研究",
    "围绕X开展攻关"): what a body works on, not what a park focuses on."""
    cs = _clause_start(text, sent, i.start)
    ce = _clause_end(text, i.end, sent.end)
    return bool(
        re.search(r"开展|围绕|从事", text[cs : i.start]) and RESEARCH_END.search(text, i.end, ce)
    )


def _fields_of_subject(
    text: str, sent: Sentence, inds: list[Mention], orgs: list[Mention]
) -> dict[int, Mention]:
    """The fields a later clause says the sentence's subject firm works in, by the
    id of each field: "A是…企业，今年在X和Y领域持续发力" (A in X and Y), not the
    focus of a park the sentence also names."""
    if not orgs or orgs[0].type != "Company" or orgs[0].start - sent.start > 4:
        return {}
    firm = orgs[0]
    out: dict[int, Mention] = {}
    for k, i in enumerate(inds):
        if i.start < firm.end or not _FIELD_AFTER.match(text, i.end):
            continue
        run = [i]
        for j in reversed(inds[:k]):
            if re.fullmatch(r"[、和及与]", text[j.end : run[0].start]):
                run.insert(0, j)
            else:
                break
        cs = max(text.rfind(c, sent.start, run[0].start) for c in "，,；;") + 1
        if cs > firm.end and _LATER_FIELD.fullmatch(text, cs, run[0].start):
            if not any(cs <= o.start < run[0].start for o in orgs):
                out.update((id(x), firm) for x in run)
    return out


def _firm_industry(text: str, i: Mention, orgs: list[Mention]) -> bool:
    """The industry describes a firm (…集成电路产业头部企业), not the park's focus."""
    after = text[i.end : i.end + 8]
    return bool(re.match(r"(产业)?(的)?(头部|龙头|领军|骨干|链主|重点)?企业", after)) and bool(orgs)


# "A、B等一批X企业", "A、B等新能源和X领域的上市公司", "A这样的X企业": between
# the list and X …
_FIRMS_OF_INDUSTRY_GAP = re.compile(
    r"(?:等|在内的|这样的|这类|一样的|这(?=[0-9一二三四五六七八九十两几]+家))"
    r"(?:[0-9一二三四五六七八九十两几多余]+[家个]|一批|一大批|一系列|众多|诸多|多家)?"
    r"(?:[^，,。；;、]{2,8}[和及、])?$"
)
# … and after X
_FIRMS_OF_INDUSTRY_AFTER = re.compile(
    r"(?:[和及、][^，,。；;]{2,8}?)?(?:产业|行业|领域|类)?(的)?(?:(头部|龙头|领军|骨干|链主|重点|优质)?"
    r"(?:上市)?(?:企业|公司|项目)|龙头|领军者)"
)


# between a leading firm (and the firms listed after it) and the industry they lead
_LED_BY_FIRMS = re.compile(
    r"(?:[、和及][^，,。；;、]{1,20})*为(?:龙头|核心|引领|主体|链主|代表)的?"
)


def _industry_of_firm(text: str, i: Mention, o: Mention, heads) -> bool:
    # "A、B等集成电路产业头部企业", "落地A、B等动力电池项目" (rule 7): industry after
    # the list of firms
    if i.start > o.end:
        gap = text[o.end : i.start]
        if (
            len(gap) <= 40
            and _FIRMS_OF_INDUSTRY_GAP.search(gap)
            and _FIRMS_OF_INDUSTRY_AFTER.match(text, i.end)
        ):
            return True
    # "以威海集团为龙头的医疗产业集群", "以A、B为核心的X产业集群"
    if i.start > o.end and _LED_BY_FIRMS.fullmatch(text, o.end, i.start):
        return True
    # "生物医药企业X", "新能源龙头X"
    if o.start > i.end:
        gap = text[i.end : o.start]
        if (
            re.fullmatch(
                r"(产业|行业)?(的)?(头部|龙头|领军|骨干|链主|重点)?(企业)?"
                r"(?:(?<=企业)(?:有|包括|如)[：:]?|(?<=[头军干主点]企业)的)?",
                gap,
            )
            and gap
        ):
            return True
    return False


# the opening of a bracket that defines a short name, up to the name
_DEFINES_OPEN = re.compile(r"[（(][^（）()]{0,12}")
# the short name a party defines, between it and the joiner: "A（以下简称“a”）、B"
_DEFINED_BEFORE = re.compile(r"[（(][^（）()\n]{1,24}[）)]")


def _undefined(gap: str) -> str:
    """The words after a name less the short name it defines at their start."""
    defined = _DEFINED_BEFORE.match(gap)
    return gap[defined.end() :] if defined is not None else gap


def _joined(gap: str, joiners: str) -> bool:
    """Two listed names: one joiner between them, after the short name the first
    defines, if any."""
    gap = _undefined(gap)
    return len(gap) == 1 and gap in joiners


def rights_list(right: list[Mention], text: str, joiners: str = "、和及") -> list[Mention]:
    """The first party after the trigger and the ones listed with it (joined by one
    of ``joiners``)."""
    out = [right[0]]
    for m in right[1:]:
        if _joined(text[out[-1].end : m.start], joiners):
            out.append(m)
        else:
            break
    return out


# verbs of building something together: what follows is the product, not a party
_BUILT = re.compile(r"共建|共同建设|合作建设|联合建设|共同打造|联合打造|共同组建|联合组建")
# the hosts of an event: "由A和B共同主办", "A与B联合举办"
_HOSTS = re.compile(r"(?:[（(][^（）()]{1,12}[）)])?(?:共同|联合)?(?:主办|承办|协办|举办)")

# "携手组建了": what follows a joint verb is what the parties make, not a party
_MADE_BY_THEM = re.compile(r"(?:共同|联合)?(?:组建|成立|建设|打造|设立|发起|创建|共建|筹建)(?:了)?")
# words between the first party and 与
_BEFORE_WITH = ("", "将", "已", "还", "也", "分别", "正", "则", "均", "都", "先后", "曾", "共同")


def _innermost(m: Mention, ms: list[Mention]) -> Mention:
    """The park named right after park ``m`` inside it ("与深圳高新区坪山园区签约": the
    party is 坪山园区, the zone only says where it lies)."""
    while m.type == "Park":
        inner = next((o for o in ms if o.start == m.end and o.type == "Park"), None)
        if inner is None:
            break
        m = inner
    return m


def _among(rights, text: str, pos: int, sent: Sentence, E, facts) -> None:
    """Rule 9: the parties listed after 与 in a joint act (共建, 共同, 三方签署) are
    partners of each other too, not only of the party before 与."""
    if len(rights) < 2 or "分别" in text[max(sent.start, pos - 6) : pos + 1]:
        return  # "管委会分别与A、B签署协议": one signing each, not among them
    if not _JOINT.search(text, pos, _clause_end(text, pos, sent.end)) and not re.search(
        r"[三四五六]方|签署|签订", text[pos : sent.end]
    ):
        return  # (a joint act in its clause, or 三方…, a signing anywhere after it)
    for k, a in enumerate(rights):
        for b in rights[k + 1 :]:
            facts.add(E(a), "cooperatesWith", E(b), sent, 0.55)


def _place_before(text: str, start: int, pos: int, places: dict[str, str]) -> bool:
    """A place name (鄂尔多斯市, 江苏省) ends the words before ``pos`` in its clause."""
    head = text[start:pos].rstrip("将已还也正则均都共同分别")
    for n in range(min(6, len(head)), 1, -1):
        word = head[-n:]
        if word in places or (word[-1] in "市省县州" and word[:-1] in places):
            return True
    return False


def _list_ending_with(left: list[Mention], text: str, joiners: str = "、和及") -> list[Mention]:
    """The last mention of ``left`` and the ones listed with it right before (A、B和C),
    joined by one of ``joiners``."""
    out = [left[-1]]
    for m in reversed(left[:-1]):
        if _joined(text[m.end : out[0].start], joiners):
            out.insert(0, m)
        else:
            break
    return out


def _partner(text: str, o: Mention, orgs: list[Mention], sent: Sentence) -> bool:
    """The firm is named after 与/同/跟/联合/携手, alone or in the list that follows it."""
    first = o
    for m in reversed([m for m in orgs if m.end <= o.start]):
        # (a name cut short leaves its tail in the gap: 上汽 + 红岩、三一重工)
        if re.fullmatch(r"[^，,。；;、]{0,3}[、和及]", text[m.end : first.start]):
            first = m
        else:
            break
    # (a few characters of a name the extractor cut may stand between: 与中国联合+网络…)
    before = text[max(sent.start, first.start - 6) : first.start]
    if re.search(r"(?:与|同|跟|联合|携手)[^，,。；;、]{0,4}$", before):
        return True
    # "由A、B等46家单位共同发起": founders of one body together
    return before.endswith("由") and bool(
        re.search(r"共同|联合", text[o.end : _clause_end(text, o.end, sent.end)])
    )


def _later_business(text: str, sent: Sentence, orgs: list[Mention], inds: list[Mention], E):
    """(firm, industry) pairs of "A是当地最大的X企业，主营Y和Z": a later clause about
    the business of the firm that opens the sentence, with no other party between."""
    subj = orgs[0] if orgs and orgs[0].type == "Company" else None
    if subj is None or not _OPENING.fullmatch(text, sent.start, subj.start):
        return []
    others = [o for o in orgs if E(o) is not E(subj)]
    out, tied = [], None
    for i in inds:
        cs = _clause_start(text, sent, i.start)
        if tied is not None and text[tied.end : i.start] in ("和", "、", "及", "与"):
            out.append((E(subj), i))
            tied = i
        elif (
            cs > subj.end
            and _LATER_BUSINESS.fullmatch(text, cs, i.start)
            and not any(subj.end < o.start < i.start for o in others)
        ):
            out.append((E(subj), i))
            tied = i
        else:
            tied = None
    return out


# what may open a sentence before its subject: a time or a short clause
_OPENING = re.compile(r"(?:[^，,。；;]{0,10}[，,])?(?:目前|如今|其中|同时|此外|另外)?")

# a later clause about the subject's business: "…，主营X", "…，并专注于X"
_LATER_BUSINESS = re.compile(
    r"(?:并|还|也|则|同时|目前)?(?:主要|长期|专门|一直)?"
    r"(?:主营|专注于?|从事|深耕|致力于|聚焦于?|主攻|生产|研发)(?:各类|多种)?"
)


def _clause_start(text: str, sent: Sentence, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last comma before it)."""
    k = max(text.rfind(c, sent.start, pos) for c in "，,；;：:")
    return k + 1 if k >= 0 else sent.start


# a clause that goes on with the subject of an earlier one: "…，(并)与A签约"
_GOES_ON = re.compile(r"(?:并|还|也|同时|随后|又|将|已|正|再)*")


def _clause_subject(text: str, sent: Sentence, left: list[Mention]) -> Mention | None:
    """The organisation that opens the sentence (after adverbs and a time phrase
    ending in a comma at most), the subject its later clauses go on with."""
    for m in left:
        if m.type in ORG and re.fullmatch(
            r"(?:[^，,。；;]{0,12}[，,])?(?:同时|此外|另外|目前|近日|近年来|今年)?由?",
            text[sent.start : m.start],
        ):
            return m
    return None


# a clause's subject that names no one: "该研究院", "这家公司", "两家企业", "双方"
_BARE_PARTY = re.compile(
    r"(?:[^，,。；;]{0,10}[，,])?(?:(?:该|这家|这所|此)(研究院|研究所|中心|实验室|公司|企业|集团|大学|学院)"
    r"|([两三四五])家(企业|公司))(?:还|也|已|将|正|则|均|都|先后|共同|分别|再次)*"
)
_COUNT = {"两": 2, "三": 3, "四": 4, "五": 5}


def _named_parties(bare: re.Match, named: list[Entity]) -> list[Entity]:
    """The organisations a bare subject means: the last one named with its ending
    ("该研究院"; any firm for 该公司), or the last N firms named ("两家企业")."""
    firms = [e for e in named if e.type == "Company"]
    if bare.group(2):
        n = _COUNT[bare.group(2)]
        return firms[-n:] if len(firms) >= n else []
    word = bare.group(1)
    if word in ("公司", "企业"):
        return firms[-1:]
    last = next((e for e in reversed(named) if e.name.endswith(word)), None)
    return [last] if last is not None else []


def _cooperation(
    text, sent, parties, E, facts, current, refer=None, places=None, refer_org=None
) -> None:
    s = text[sent.start : sent.end]
    resume = 0  # where the clause of the last cooperation found ends
    said = None  # the zone a bare word named as a party earlier in the sentence
    for mt in re.finditer(r"(会同|与|同|和|携手|牵手|联合|协同|—|－)", s):
        pos = sent.start + mt.start()
        if pos < resume:
            continue
        left = [m for m in parties if m.end <= pos]
        right = [m for m in parties if m.start >= pos + len(mt.group())]
        upto = right[0].start if right else _clause_end(text, pos, sent.end)
        built = _BUILT.search(text, pos + len(mt.group()), upto)
        if built and mt.group() in ("与", "同", "会同"):
            # "A也与高新区共建了B学院": B is what they build; the partner is the park
            # the bare word means, or nobody named
            ref = _BARE_REF.search(text, pos + len(mt.group()), built.start())
            park = refer(ref.group(1)) if ref and refer else None
            if park is not None and left and text[left[-1].end : pos] in _BEFORE_WITH:
                for lm in _list_ending_with(left, text):
                    facts.add(E(lm), "cooperatesWith", park, sent, 0.6)
            break
        bare = (
            _BARE_REF.match(text, pos + len(mt.group()))
            if mt.group() in ("与", "同", "会同")
            else None
        )
        if bare is not None and (
            bare.group(1) in ("区内", "园内", "城内")
            or re.match(r"内?的?(?:企业|公司|单位|机构|高校)", text[bare.end() : bare.end() + 4])
        ):
            bare = None  # "与区内企业合作", "与园区企业签约": the firms of the zone, not the zone
        if (
            bare is not None
            and refer is not None
            and left
            and text[left[-1].end : pos] in _BEFORE_WITH
            and re.search(
                r"签订|签署|签约|合作|协议", text[bare.end() : _clause_end(text, pos, sent.end)]
            )
        ):
            # "A与园区签订了战略合作协议": the zone the bare word means is the partner
            park = refer(bare.group(1))
            if park is not None:
                for lm in _list_ending_with(left, text):
                    facts.add(E(lm), "cooperatesWith", park, sent, 0.6)
                resume = _clause_end(text, pos, sent.end)
                continue
        if (
            not right
            or re.search(r"[，,；;：:、]", text[pos + len(mt.group()) : right[0].start])
            or right[0].start - (pos + len(mt.group())) > 16
        ):
            continue  # "平台与窗口，…规划建设了A园": no party after 与 in its clause
        after = text[pos + 1 : sent.end]
        if mt.group() == "协同" and current is not None:
            for r in rights_list(right, text):
                facts.add(current, "cooperatesWith", E(r), sent, 0.6)
            break
        if mt.group() in ("—", "－") and not (
            left
            and left[-1].end == pos
            and right[0].start == pos + 1
            and _JOINT_LAB.match(text, right[0].end)
        ):
            continue  # "A大学—B公司某某联合实验室": a joint lab names its two founders
        if mt.group() not in ("携手", "牵手", "联合", "会同") and not re.search(
            r"(合作|签约|签订|签署|共建|共同|组建|成立|联合|携手|协议|互聘|战略|—|－)", after
        ):
            continue
        if mt.group() == "和" and not re.search(r"(签订|签署|签约|合作|共建|共同)", after):
            continue
        if mt.group() in ("携手", "牵手", "联合") and _MADE_BY_THEM.fullmatch(
            text, pos + len(mt.group()), right[0].start
        ):
            continue  # "A、B和C携手组建了X中心": X is what they build, no party (rule 9)
        # right-hand parties: the first one and the list continuing it
        rights = [_innermost(r, right) for r in rights_list(right, text)]
        if _HOSTS.match(text, rights[-1].end):
            continue  # "大会由A和B共同主办": hosts of one event, no cooperation (rule 9)
        if (
            mt.group() in ("携手", "牵手", "联合")
            and len(text[rights[-1].end : sent.end].strip("。！？；，,.!?; ")) < 2
        ):
            continue  # "…创新中心联合微电子中心。": part of a name, not an act
        if left and _undefined(text[left[-1].end : pos]) in _BEFORE_WITH:
            lefts = _list_ending_with(left, text)
        elif left and text[left[-1].end : pos].startswith(("将", "已")):
            lefts = [left[-1]]
        elif (
            left
            and left[-1].type in ORG
            and re.search(
                r"(该公司|公司|该企业|企业|该院|该校|双方)[将已还也]?$", text[left[-1].end : pos]
            )
        ):
            lefts = [left[-1]]  # "植恩生物举行发布会，公司将与Cytiva合作": 公司 is 植恩生物
        elif (
            refer is not None
            and mt.group() in ("与", "同", "会同", "联合", "携手", "牵手")
            and (ref := _OPENING_PARTY.fullmatch(text, _clause_start(text, sent, pos), pos))
            and refer(ref.group(1)) is not None
        ):
            # "此外，片区与A大学签署协议", "开发区还与A、B共建了X": the zone the bare
            # word means is the party
            said = refer(ref.group(1))
            for r in rights:
                facts.add(said, "cooperatesWith", E(r), sent, 0.6)
            _among(rights, text, pos, sent, E, facts)
            continue
        elif said is not None and re.fullmatch(
            r"(?:并|还|也|同时|另外|此外)*", text[_clause_start(text, sent, pos) : pos]
        ):
            # "…，并与蔚来共同设立了基金": the clause goes on with the same party
            for r in rights:
                facts.add(said, "cooperatesWith", E(r), sent, 0.6)
            continue
        elif (
            refer_org is not None
            and not left
            and mt.group() in ("与", "同", "会同", "联合", "携手", "牵手")
            and (bare := _BARE_PARTY.fullmatch(text, _clause_start(text, sent, pos), pos))
            and (meant := refer_org(bare))
        ):
            # "该研究院联合A、B共同承担…", "两家企业联合A、B组建了…": the bodies the
            # bare subject means, with the parties after the verb (rule 9)
            for a in meant:
                for r in rights:
                    facts.add(a, "cooperatesWith", E(r), sent, 0.55)
            for k, a in enumerate(meant):
                for b in meant[k + 1 :]:
                    facts.add(a, "cooperatesWith", b, sent, 0.55)
            _among(rights, text, pos, sent, E, facts)
            continue
        elif places and _place_before(text, _clause_start(text, sent, pos), pos, places):
            continue  # "鄂尔多斯市与A、B合作推广": a city is the party, and no entity
        elif (
            _GOES_ON.fullmatch(text, _clause_start(text, sent, pos), pos)
            and (subject := _clause_subject(text, sent, left)) is not None
        ):
            # "X研究院落户赣州，与A签订了协议": the subject of the sentence's first clause
            # (and the ones listed with it: "A、B等高校在…设立了研究院，与C联合…")
            lefts = rights_list(left[left.index(subject) :], text, "、和及与")
        elif current is not None and mt.group() in ("与", "同", "会同"):
            lefts = []
            for lm in left:
                if E(lm) is current:
                    lefts = [lm]
            if not lefts:
                for r in rights:
                    facts.add(current, "cooperatesWith", E(r), sent, 0.55)
                _among(rights, text, pos, sent, E, facts)  # "我们将与A、B共建…" (rule 9)
                continue
        else:
            continue
        if "分别" in text[lefts[-1].end : pos + 1] and len(lefts) == len(rights):
            for a, b in zip(lefts, rights, strict=True):
                facts.add(E(a), "cooperatesWith", E(b), sent, 0.7)
        else:
            for a in lefts:
                for b in rights:
                    facts.add(E(a), "cooperatesWith", E(b), sent, 0.65)
            _among(rights, text, pos, sent, E, facts)
            _among(lefts, text, pos, sent, E, facts)  # "A、B与C签署协议，三方共建…"
        # the next clause may state another cooperation: "A与B共建了X，C与D联合成立了Y"
        resume = _clause_end(text, rights[-1].end, sent.end)
