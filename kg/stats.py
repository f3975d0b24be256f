"""Basic counts of a store: entities per type, facts per predicate, documents."""

from __future__ import annotations

from dataclasses import dataclass, field

_TYPES = """
SELECT ?t (COUNT(DISTINCT ?e) AS ?n)
WHERE { GRAPH graph:entities { ?e a ?t } FILTER(STRSTARTS(STR(?t), STR(kg:))) }
GROUP BY ?t ORDER BY DESC(?n) ?t
"""

_FACTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?s ?p ?o WHERE {
      ?s ?p ?o .
      VALUES ?p { kg:locatedIn kg:partOf kg:focusesOn kg:inIndustry kg:cooperatesWith } } }
} GROUP BY ?p ORDER BY DESC(?n) ?p
"""

_COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a %s }"


@dataclass
class Stats:
    store: str
    documents: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)
    assertions: int = 0
    quads: int = 0
    network: dict | None = None  # kg.analysis.summary(), when asked for

    def to_dict(self) -> dict:
        return {
            "store": self.store,
            "documents": self.documents,
            "entities": self.entities,
            "facts": self.facts,
            "assertions": self.assertions,
            "quads": self.quads,
            **({"network": self.network} if self.network is not None else {}),
        }


def _local(iri) -> str:
    return iri.value.rsplit("#", 1)[-1]


def stats(store, network: bool = False, top: int = 10) -> Stats:
    """Counts of an open :class:`kg.store.KgStore`.

    With ``network``, also the network analysis of :func:`kg.analysis.summary`
    (top entities by degree and betweenness, communities, cooperation groups,
    parks sharing industries; ``top`` of each).
    """
    out = Stats(str(store.path))
    out.entities = {_local(r["t"]): int(r["n"].value) for r in store.query(_TYPES)}
    out.facts = {_local(r["p"]): int(r["n"].value) for r in store.query(_FACTS)}
    out.documents = int(next(iter(store.query(_COUNT % "kg:Document")))["n"].value)
    out.assertions = int(next(iter(store.query(_COUNT % "kg:Assertion")))["n"].value)
    out.quads = len(store)
    if network:
        from kg.analysis import summary
        from kg.graphview import to_networkx

        out.network = summary(to_networkx(store), top=top)
    return out


def format_stats(s: Stats) -> str:
    lines = [f"store: {s.store}", f"documents: {s.documents}"]
    total = sum(s.entities.values())
    lines.append(f"entities: {total}")
    lines += [f"  {t:<12} {n:>6}" for t, n in s.entities.items()]
    lines.append(f"facts: {sum(s.facts.values())} (stated {s.assertions} times)")
    lines += [f"  {p:<14} {n:>6}" for p, n in s.facts.items()]
    if s.network is not None:
        from kg.analysis import format_summary

        lines.append(format_summary(s.network))
    return "\n".join(lines)
