"""Find entity mentions in each sentence by combining several signals.

Each signal is a module of kg/extract/signals/ with a ``find(sm)`` function over
one sentence (a :class:`~kg.extract.sentence.SentenceMentions`), all driven by
data files in kg/data:

* ``gazetteer``: known national zones and their short forms (Aho-Corasick);
* ``suffix``: a name suffix (有限公司, 研究院, 产业园…) with the name's left
  boundary found by walking back over jieba tokens;
* ``list``: items of a coordination list that ends in a head noun
  ("A、B、C等优质企业") are names of that head's type;
* ``brand``: an unknown word followed by a business word (德美医疗, 华润微电子);
* ``industry``: industry terms from the SKOS scheme used as industries, and
  unknown list items that end in 产业/领域;
* ``table``: the park and industry cells of a directory of firms
  (:mod:`kg.extract.tables`).

Overlaps are resolved at the end: nested names of other entities are kept
(北京大学 inside 北京大学第三医院), competing spans keep the better signal.
"""

from __future__ import annotations

import os
import re

from kg.document import Document, Mention
from kg.errors import KgError
from kg.extract import lexicons, tables
from kg.extract.segment import segmenter
from kg.extract.sentence import SentenceMentions
from kg.extract.signals import (
    bodies,
    brands,
    districts,
    gazetteer,
    industries,
    known,
    lac,
    lists,
    suffix,
)

# in this order: later signals see what earlier ones found
SIGNALS = (
    "gazetteer",
    "suffix",
    "known",
    "body",
    "district",
    "list",
    "brand",
    "industry",
    "table",
)
# off unless asked for (--signals +lac, KG_SIGNALS=+lac): the cost/F1 table is in bench/RESULTS.md
OPTIONAL_SIGNALS = ("lac",)
_FINDERS = {
    "gazetteer": gazetteer.find,
    "suffix": suffix.find,
    "known": known.find,
    "body": bodies.find,
    "district": districts.find,
    "list": lists.find,
    "brand": brands.find,
    "industry": industries.find,
}
# signals that read the whole document first (one batched model call):
# ``for_document(doc)`` returns the ``find(sm)`` for that document's sentences
_DOCUMENT_FINDERS = {"lac": lac.for_document, "table": tables.cell_finder}


def active_signals(spec: str | None = None) -> tuple[str, ...]:
    """The signals to run, in order: the defaults changed by ``spec`` ("+lac,-brand").

    ``spec`` defaults to ``$KG_SIGNALS``, which ``--signals`` also sets, so that
    the worker processes of a build see the same choice.
    """
    spec = os.environ.get("KG_SIGNALS", "") if spec is None else spec
    on = set(SIGNALS)
    for item in spec.replace(",", " ").split():
        name = item.lstrip("+-")
        if name not in _FINDERS and name not in _DOCUMENT_FINDERS:
            known = ", ".join(SIGNALS + OPTIONAL_SIGNALS)
            raise KgError(f"unknown mention signal {name!r} in {spec!r} (known: {known})")
        (on.discard if item.startswith("-") else on.add)(name)
    if "lac" in on and not lac.available():
        raise KgError(lac.INSTALL_HINT)
    return tuple(n for n in SIGNALS + OPTIONAL_SIGNALS if n in on)


_PARTY = re.compile(r"(党支部|党委|党组织|党工委|党总支)$")


_BRANCH = re.compile(r"(?:分公司|子公司|分行|支行|分院|研究院)$")


def _join_branches(sm: SentenceMentions) -> None:
    """A branch named right after its parent is one name: 科伦药业 + 绵阳分公司.

    The parent may be found by a later signal (a known firm) than the branch's
    ending (the suffix signal), so the two are joined once all have run.
    """
    parents = {m.end: m for m in sm.found if m.type == "Company"}
    for i, m in enumerate(sm.found):
        parent = parents.get(m.start)
        branch = _BRANCH.search(m.text) if parent is not None and m is not parent else None
        if branch is not None and m.text[: branch.start()] in sm.lex.places:
            sm.found[i] = Mention(
                parent.start, m.end, sm.text[parent.start : m.end], m.type, m.source, m.score
            )


def _without_firms_projects(sm: SentenceMentions) -> list[Mention]:
    """The sentence's mentions less the park-type names of one firm's project.

    Rule 10: "京东物流西南智能产业园项目" is a project of 京东 (the firm is the
    entity), not a park: a park-type name followed by 项目 that starts with a
    firm's name or that the firm just before builds ("A与开发区合作建设的X产业园项目").
    """
    firms = [m for m in sm.found if m.type == "Company"]
    return [
        m
        for m in sm.found
        if not (
            m.type == "Park"
            and sm.text.startswith("项目", m.end)
            and any(
                (f.start == m.start and f.end < m.end)
                or (f.end <= m.start and _BUILDS_ITS.fullmatch(sm.text, f.end, m.start))
                for f in firms
            )
        )
    ]


# between a firm and the park-type name of its project: "A投资建设的", "A与开发区合作建设的"
_BUILDS_ITS = re.compile(r"[^，,。；;]{0,12}?(?:投资建设|合作建设|建设|打造|投资)的?")


# what may follow a nested name inside the outer one when both are the same
# organisation: nothing, the outer's bracketed short name, or a legal ending (a
# 研究所 that is now a firm: X研究所有限公司)
_SAME_NAME_REST = re.compile(r"(?:(?:股份)?有限(?:责任)?公司)?(?:[（(][^（()）]*[）)])?")


def _resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the best of crossing spans; keep nested names of other entities.

    A nested span of the same type ending where the outer one ends (before its
    bracketed short name, or before a legal ending) is the same name cut short
    (丰城高新区 in 宜春丰城高新区, X研究所 in X研究所有限公司) and is dropped; so
    is a body named only inside a party branch's name (X局 in X局党支部).
    """
    drop = set()
    for m in found:
        for o in found:
            if (
                o is m
                or not (o.start <= m.start and m.end <= o.end)
                or o.end - o.start <= m.end - m.start
            ):
                continue
            same_kind = m.type == o.type or {m.type, o.type} <= {"Company", "Institution"}
            if same_kind and _SAME_NAME_REST.fullmatch(o.text, m.end - o.start):
                drop.add(id(m))
            if m.type == "Institution" and o.type == "Institution" and _PARTY.search(o.text):
                drop.add(id(m))
    found = [m for m in found if id(m) not in drop]
    order = sorted(found, key=lambda m: (-m.score, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in order:
        clash = False
        for k in kept:
            if m.start == k.start and m.end == k.end:
                clash = True
                break
            crossing = m.start < k.end and k.start < m.end
            nested = (k.start <= m.start and m.end <= k.end) or (
                m.start <= k.start and k.end <= m.end
            )
            if crossing and not nested:
                clash = True
                break
        if not clash:
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def find_mentions(doc: Document, disable: frozenset[str] = frozenset()) -> Document:
    """Add ``doc.mentions`` (offsets into ``doc.text``) for every sentence.

    ``disable`` switches signals off by name (see ``SIGNALS``), for ablations;
    which are on at all is :func:`active_signals` (``$KG_SIGNALS``).
    """
    lex = lexicons.load()
    finders = [
        _DOCUMENT_FINDERS[name](doc) if name in _DOCUMENT_FINDERS else _FINDERS[name]
        for name in active_signals()
        if name not in disable
    ]
    # every sentence's words first: the segmenter's dictionary stays in the CPU's
    # caches through the document, not evicted by the signals between sentences
    # (measured: the segmenter then costs ~60% of what it does sentence by sentence)
    cut = segmenter()
    cuts = [cut(sent.text) for sent in doc.sentences]
    for sent, words in zip(doc.sentences, cuts, strict=True):
        sm = SentenceMentions(sent, lex, words)
        for find in finders:
            find(sm)
        _join_branches(sm)
        for m in _resolve_overlaps(_without_firms_projects(sm)):
            doc.mentions.append(
                Mention(
                    m.start + sent.start,
                    m.end + sent.start,
                    m.text,
                    m.type,
                    m.source,
                    m.score,
                )
            )
    return doc
