"""Export plugin: GraphML (`kg export --format graphml`), for networkx and Gephi.

Nodes are entities (``label``, ``type``, ``aliases`` joined by ``|``); edges
are facts (``predicate``, ``support`` = number of documents stating it,
``documents``, one ``evidence`` sentence). Node ids are the entity IRIs.
"""

from __future__ import annotations

import networkx as nx

NAME = "graphml"
SUFFIX = ".graphml"

_NODES = """
SELECT ?e ?type ?label (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR="|") AS ?aliases)
WHERE { GRAPH graph:entities { ?e a ?t ; rdfs:label ?label . OPTIONAL { ?e skos:altLabel ?alt } }
        BIND(STRAFTER(STR(?t), STR(kg:)) AS ?type) }
GROUP BY ?e ?type ?label ORDER BY ?e
"""

_EDGES = """
SELECT ?s ?p ?o (COUNT(DISTINCT ?doc) AS ?support)
       (GROUP_CONCAT(DISTINCT STR(?title); SEPARATOR="|") AS ?documents) (SAMPLE(?ev) AS ?evidence)
WHERE { ?st a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
            kg:evidence ?ev ; prov:wasDerivedFrom ?doc .
        ?doc dcterms:title ?title }
GROUP BY ?s ?p ?o ORDER BY ?s ?p ?o
"""


def to_networkx(store) -> nx.MultiDiGraph:
    """The entity graph of a store as a networkx multigraph."""
    g = nx.MultiDiGraph()
    for row in store.query(_NODES):
        g.add_node(
            row["e"].value,
            label=row["label"].value,
            type=row["type"].value,
            aliases=row["aliases"].value if row["aliases"] else "",
        )
    for row in store.query(_EDGES):
        pred = row["p"].value.rsplit("#", 1)[-1]
        g.add_edge(
            row["s"].value,
            row["o"].value,
            key=pred,
            predicate=pred,
            support=int(row["support"].value),
            documents=row["documents"].value,
            evidence=row["evidence"].value,
        )
    return g


def export(store, out) -> None:
    nx.write_graphml(to_networkx(store), out, encoding="utf-8")
