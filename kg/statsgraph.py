"""The stats graph: counts written with the graph, so ranking queries read them.

Two canned queries rank entities by an aggregate over the whole graph:
``most-connected`` (how many distinct entities each one is linked to by a fact,
either direction) and ``parks-by-companies`` (the companies located in a park
or any of its sub-parks, and those directly in it). Counted at query time they
read every fact of the graph (~1 s and ~1.3 s at 10,000 documents, most of it
scanning and grouping; bench/RESULTS.md), so every writer keeps the counts in
one named graph instead, and the queries read the top of it (~0.05 s)::

    GRAPH graph:stats {
        graph:stats a kg:Statistics .          # the graph is there (an old store has none)
        ?entity kg:degree ?n .                 # every entity with at least one fact
        ?park kg:companyCount ?n ;             # every park with at least one company
              kg:directCompanyCount ?m .
    }

The counts are defined by the SPARQL aggregates below (:data:`DEGREE_COUNTS`,
:data:`COMPANY_COUNTS`: the queries the canned ones ran before), run by the
writer on the stored graph, so they are what the old queries answered, by
construction, on every backend: a build counts everything once after loading
(:func:`full_counts`); an incremental ``kg add`` counts again only the entities
its changed document graphs name and the parks above them (:class:`Touched`,
:func:`recount`); a remote store counts on the server.

The graph is kg's bookkeeping, derived from the others: it is not part of the
graph's quads (``len()``, exports, ``kg validate`` and ``kg stats`` leave it
out, see :data:`STATS_GRAPH`), but SPARQL sees it by name. A store written
before it existed has none; :func:`has_stats` tells, and the canned queries
then count as before (:mod:`kg.query.execution`).

This module knows SPARQL and the counts, not the store: a ``run`` argument is
any function that answers a SELECT over the union of the graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

from kg.rdf import GRAPH, KG, RDF, SIGNATURES

STATS_GRAPH = ox.NamedNode(GRAPH + "stats")
STATISTICS = ox.NamedNode(KG + "Statistics")
DEGREE = ox.NamedNode(KG + "degree")
COMPANY_COUNT = ox.NamedNode(KG + "companyCount")
DIRECT_COMPANY_COUNT = ox.NamedNode(KG + "directCompanyCount")
_TYPE = ox.NamedNode(RDF + "type")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# the facts a degree counts
FACT_PREDICATES = tuple(ox.NamedNode(KG + p) for p in SIGNATURES)
_LOCATED_IN = ox.NamedNode(KG + "locatedIn")
_PARK = ox.NamedNode(KG + "Park")
_COMPANY = ox.NamedNode(KG + "Company")
_PART_OF = ox.NamedNode(KG + "partOf")

Run = Callable[[str], Iterable]  # SPARQL SELECT over the union of all graphs → solutions

# {values}: empty (every entity), or a VALUES block restricting ?entity / ?park
DEGREE_COUNTS = """
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?entity (COUNT(DISTINCT ?other) AS ?n) WHERE {{
  {values}
  VALUES ?p {{ kg:locatedIn kg:partOf kg:focusesOn kg:inIndustry kg:cooperatesWith }}
  {{ ?entity ?p ?other }} UNION {{ ?other ?p ?entity }}
}} GROUP BY ?entity
"""

COMPANY_COUNTS = """
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?park (COUNT(DISTINCT ?company) AS ?n) (COUNT(DISTINCT ?direct) AS ?m) WHERE {{
  {{ SELECT ?site ?park WHERE {{ {values} ?park a kg:Park . ?site kg:partOf* ?park . }} }}
  ?company kg:locatedIn ?site .
  {companies}
  BIND(IF(sameTerm(?site, ?park), ?company, ?unbound) AS ?direct)
}} GROUP BY ?park
"""
# every company: a hash join with all of them (a lookup each is slower); a few
# parks: a lookup each
_ALL_COMPANIES = "{ SELECT ?company WHERE { ?company a kg:Company } }"
_SOME_COMPANIES = "?company a kg:Company ."

_G = STATS_GRAPH.value
HAS_STATS = f"ASK {{ GRAPH <{_G}> {{ <{_G}> a <{STATISTICS.value}> }} }}"


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in sorted(iris)) + " }"


def _int(n) -> ox.Literal:
    return ox.Literal(str(int(n.value if isinstance(n, ox.Literal) else n)), datatype=_INTEGER)


def marker() -> ox.Quad:
    return ox.Quad(STATS_GRAPH, _TYPE, STATISTICS, STATS_GRAPH)


def degree_quads(run: Run, entities: Iterable[str] | None = None) -> list[ox.Quad]:
    """``?entity kg:degree ?n`` of every entity with a fact (or of ``entities``)."""
    values = "" if entities is None else _values("entity", entities)
    return [
        ox.Quad(r["entity"], DEGREE, _int(r["n"]), STATS_GRAPH)
        for r in run(DEGREE_COUNTS.format(values=values))
    ]


def company_quads(run: Run, parks: Iterable[str] | None = None) -> list[ox.Quad]:
    """``?park kg:companyCount ?n ; kg:directCompanyCount ?m`` of every park with a
    company (or of ``parks``)."""
    values = "" if parks is None else _values("park", parks)
    companies = _ALL_COMPANIES if parks is None else _SOME_COMPANIES
    out = []
    for r in run(COMPANY_COUNTS.format(values=values, companies=companies)):
        out.append(ox.Quad(r["park"], COMPANY_COUNT, _int(r["n"]), STATS_GRAPH))
        out.append(ox.Quad(r["park"], DIRECT_COMPANY_COUNT, _int(r["m"]), STATS_GRAPH))
    return out


def full_counts(run: Run) -> list[ox.Quad]:
    """The whole stats graph of the graph ``run`` reads, counted from scratch."""
    return [marker(), *degree_quads(run), *company_quads(run)]


def has_stats(store) -> bool:
    """True when ``store`` (anything with ``.query``: a kg store, local or remote)
    has a stats graph (kg.query.execution asks the same of a store it reads)."""
    return bool(store.query(HAS_STATS))


def local_run(store: ox.Store) -> Run:
    """``run`` over a pyoxigraph store: the union of its graphs as the default graph."""
    return lambda sparql: store.query(sparql, use_default_graph_as_union=True)


def write_full(store: ox.Store) -> int:
    """Count everything in ``store`` and write its stats graph (replacing any);
    the number of quads written."""
    quads = full_counts(local_run(store))
    store.remove_graph(STATS_GRAPH)
    store.extend(quads)
    return len(quads)


def stored(store: ox.Store) -> bool:
    """True when the pyoxigraph ``store`` has a stats graph (see :func:`has_stats`)."""
    return any(True for _ in store.quads_for_pattern(STATS_GRAPH, _TYPE, STATISTICS, STATS_GRAPH))


def stats_len(store: ox.Store) -> int:
    """The quads of the stats graph of ``store``."""
    return sum(1 for _ in store.quads_for_pattern(None, None, None, STATS_GRAPH))


# ------------------------------------------------------------------ incremental


class Touched:
    """What an incremental write changed, noted before and after it, so
    :func:`recount` counts again only those: the degree of every entity a fact of
    a removed or added document graph names; the company counts of every park
    such an entity is, or is under (kg:partOf*), before or after the change, and
    of the parks above any entity whose description (its type) changed."""

    def __init__(self) -> None:
        self.ends: set[str] = set()  # ends of changed facts: their degrees change
        self.sites: set[str] = set()  # entities whose parks' company counts may change
        self.parks: set[str] = set()  # parks above them, found before the change

    def facts(self, quads: Iterable[ox.Quad]) -> None:
        """Note the facts among ``quads`` (a removed or an added document graph)."""
        for q in quads:
            if q.predicate in FACT_PREDICATES:
                self.ends.add(q.subject.value)
                self.ends.add(q.object.value)

    def graph(self, store: ox.Store, graph: ox.NamedNode) -> None:
        """Note the facts of ``graph`` in ``store`` (before it is removed)."""
        for p in FACT_PREDICATES:
            self.facts(store.quads_for_pattern(None, p, None, graph))

    def described(self, store: ox.Store, iris: Iterable[str]) -> None:
        """Note entities whose description may change: the parks they are located
        in (a company's type counts) and themselves (a park's type counts)."""
        for iri in iris:
            self.sites.add(iri)
            located = store.quads_for_pattern(ox.NamedNode(iri), _LOCATED_IN, None)
            self.sites.update(q.object.value for q in located)

    def before(self, store: ox.Store) -> None:
        """Call once everything removed is noted, before the change: the parks above
        the touched entities now (a removed kg:partOf fact takes them away)."""
        self.parks |= ancestors(store, self.ends | self.sites)


def ancestors(store: ox.Store, iris: set[str]) -> set[str]:
    """``iris`` and every entity above one of them by kg:partOf* (lookups)."""
    found = set(iris)
    todo = [ox.NamedNode(i) for i in iris]
    while todo:
        for q in store.quads_for_pattern(todo.pop(), _PART_OF, None):
            if q.object.value not in found:
                found.add(q.object.value)
                todo.append(q.object)
    return found


# The counts of a few entities, read by lookups (a VALUES block does not reach into
# the aggregates' UNION and property path: 6.4 s and 1.3 s for one document's
# entities at 10,000 documents). The same definitions as DEGREE_COUNTS and
# COMPANY_COUNTS; tests/test_statsgraph.py checks them against those.


def degree_of(store: ox.Store, iri: str) -> int:
    """How many distinct entities a fact links ``iri`` to, either direction."""
    node = ox.NamedNode(iri)
    others = set()
    for p in FACT_PREDICATES:
        others.update(q.object for q in store.quads_for_pattern(node, p, None))
        others.update(q.subject for q in store.quads_for_pattern(None, p, node))
    return len(others)


def companies_of(store: ox.Store, iri: str, is_company) -> tuple[int, int] | None:
    """(companies in the park ``iri`` or a park under it by kg:partOf*, those in it
    directly), or None when it is no park or has no company."""
    park = ox.NamedNode(iri)
    if not any(True for _ in store.quads_for_pattern(park, _TYPE, _PARK)):
        return None
    sites, todo = {park}, [park]
    while todo:
        for q in store.quads_for_pattern(None, _PART_OF, todo.pop()):
            if q.subject not in sites:
                sites.add(q.subject)
                todo.append(q.subject)
    every: set = set()
    direct: set = set()
    for site in sites:
        found = {q.subject for q in store.quads_for_pattern(None, _LOCATED_IN, site)}
        found = {c for c in found if is_company(c)}
        every |= found
        if site == park:
            direct = found
    return (len(every), len(direct)) if every else None


# Above these, an add counts that kind again whole, by the aggregate: a park high
# in the kg:partOf tree rolls up most companies of the graph, and hundreds of such
# parks by lookups cost more than one aggregate (~1.3 s at 10,000 documents)
PARK_LOOKUPS = 25
ENTITY_LOOKUPS = 2000


def _counted(store: ox.Store, predicates, iris) -> set[ox.Quad]:
    """The stored counts (``predicates``) of ``iris`` (None: of every entity)."""
    nodes = [None] if iris is None else [ox.NamedNode(i) for i in iris]
    found = (store.quads_for_pattern(n, p, None, STATS_GRAPH) for n in nodes for p in predicates)
    return {q for quads in found for q in quads}


def recount(store: ox.Store, touched: Touched) -> tuple[int, int]:
    """After the change: count again what ``touched`` names and replace those
    counts in the stats graph of ``store`` (which must have one); (quads removed,
    quads added)."""
    run = local_run(store)
    # the parks the change can touch: above the touched entities before (noted) and now
    parks = touched.parks | ancestors(store, touched.ends | touched.sites)
    ends = touched.ends
    after: set[ox.Quad] = set()
    if len(ends) > ENTITY_LOOKUPS:
        before = _counted(store, (DEGREE,), None)
        after |= set(degree_quads(run))
    else:
        before = _counted(store, (DEGREE,), ends)
        for iri in ends:
            n = degree_of(store, iri)
            if n:
                after.add(ox.Quad(ox.NamedNode(iri), DEGREE, _int(n), STATS_GRAPH))
    if len(parks) > PARK_LOOKUPS:
        before |= _counted(store, (COMPANY_COUNT, DIRECT_COMPANY_COUNT), None)
        after |= set(company_quads(run))
    else:
        before |= _counted(store, (COMPANY_COUNT, DIRECT_COMPANY_COUNT), parks)
        kinds: dict = {}

        def is_company(node) -> bool:
            if node not in kinds:
                kinds[node] = any(True for _ in store.quads_for_pattern(node, _TYPE, _COMPANY))
            return kinds[node]

        for iri in parks:
            counts = companies_of(store, iri, is_company)
            if counts is not None:
                node = ox.NamedNode(iri)
                after.add(ox.Quad(node, COMPANY_COUNT, _int(counts[0]), STATS_GRAPH))
                after.add(ox.Quad(node, DIRECT_COMPANY_COUNT, _int(counts[1]), STATS_GRAPH))
    gone, new = before - after, after - before
    for q in gone:
        store.remove(q)
    store.extend(new)
    return len(gone), len(new)
