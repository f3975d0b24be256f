"""Load the lexicons and patterns in ``kg/data`` once per process.

Everything the extractor knows about the world is a data file a user can read
and extend: name suffixes, stop tokens, generic words, the park gazetteer,
administrative places, the industry concept scheme and relation triggers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

DATA = Path(__file__).resolve().parent.parent / "data"
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


def _lines(name: str) -> list[str]:
    path = DATA / name
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line.rstrip("\n"))
    return out


def _words(name: str) -> set[str]:
    return {w for line in _lines(name) for w in line.split()}


@dataclass(frozen=True)
class Suffix:
    text: str
    type: str
    flags: frozenset[str] = frozenset()


@dataclass
class Industry:
    label: str  # preferred Chinese label
    iri: str
    alt_labels: list[str] = field(default_factory=list)


@dataclass
class Lexicons:
    suffixes: dict[str, Suffix]
    stop_tokens: set[str]
    generic: set[str]
    park_names: dict[str, str]  # any surface form → canonical park name
    places: dict[str, str]  # any surface form → level (province/city/county)
    industries: dict[str, Industry]  # any surface form → concept
    triggers: dict[str, list[str]]  # relation cue class → trigger words
    suffix_automaton: ahocorasick.Automaton
    park_automaton: ahocorasick.Automaton
    industry_automaton: ahocorasick.Automaton
    place_automaton: ahocorasick.Automaton


def _automaton(words) -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for w in words:
        if w:
            a.add_word(w, w)
    if len(a):
        a.make_automaton()
    return a


_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _load_industries() -> dict[str, Industry]:
    """Read the SKOS scheme (industries.ttl) into surface form → concept.

    pyoxigraph's Turtle parser, not rdflib's: 10 ms instead of 0.4 s, which is
    most of what ``kg add`` of one document used to spend loading lexicons."""
    import pyoxigraph as ox

    path = ONTOLOGY / "industries.ttl"
    out: dict[str, Industry] = {}
    if path.exists():
        pref: dict[str, str] = {}
        alts: dict[str, list[str]] = {}
        concepts: set[str] = set()
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            p, o = t.predicate.value, t.object
            if p == _SKOS + "prefLabel" and o.language == "zh":
                pref.setdefault(t.subject.value, o.value)
            elif p == _SKOS + "altLabel":
                alts.setdefault(t.subject.value, []).append(o.value)
            elif p == _RDF_TYPE and o.value == _SKOS + "Concept":
                concepts.add(t.subject.value)
        for iri, label in pref.items():
            if iri in concepts:
                ind = Industry(label, iri, alts.get(iri, []))
                out.setdefault(ind.label, ind)
        for ind in list(out.values()):
            for alt in ind.alt_labels:
                out.setdefault(alt, ind)
    for line in _lines("industries_extra.txt"):
        for w in line.split():
            out.setdefault(w, Industry(w, ""))
    return out


@functools.lru_cache(maxsize=1)
def load() -> Lexicons:
    suffixes = {}
    for line in _lines("suffixes.tsv"):
        cols = line.split("\t")
        flags = frozenset(f for f in (cols[2].split(",") if len(cols) > 2 else []) if f)
        suffixes[cols[0]] = Suffix(cols[0], cols[1], flags)
    park_names: dict[str, str] = {}
    for line in _lines("parks_gazetteer.tsv"):
        cols = line.split("\t")
        if not cols or not cols[0]:
            continue
        park_names.setdefault(cols[0], cols[0])
        if len(cols) > 3:
            for alias in cols[3].split("|"):
                if alias:
                    park_names.setdefault(alias, cols[0])
    places: dict[str, str] = {}
    for line in _lines("places.tsv"):
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        places.setdefault(cols[0], cols[1])
        if len(cols) > 3:
            for alias in cols[3].split("|"):
                if len(alias) >= 2:
                    places.setdefault(alias, cols[1])
    triggers: dict[str, list[str]] = {}
    for line in _lines("relation_triggers.tsv"):
        cols = line.split("\t")
        if len(cols) >= 2:
            triggers.setdefault(cols[0], []).extend(cols[1].split())
    industries = _load_industries()
    return Lexicons(
        suffixes=suffixes,
        stop_tokens=_words("stop_tokens.txt"),
        generic=_words("generic_names.txt"),
        park_names=park_names,
        places=places,
        industries=industries,
        triggers=triggers,
        suffix_automaton=_automaton(suffixes),
        park_automaton=_automaton(park_names),
        industry_automaton=_automaton(industries),
        place_automaton=_automaton(places),
    )


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """The words of a whitespace-separated word list in ``kg/data``."""
    return frozenset(_words(name))
