"""The facts of a graph as compact tables for the viz page's panel, search and drill-down.

A page that lists an entity's facts with their evidence must carry every fact,
but not as one tooltip string per edge (31 MB at 5,000 documents). Here each
entity, predicate, sentence and document is written once and a fact is a row
of small integers, so the page stays a few MB at thousands of documents and
the browser builds its own index (entity → facts) on load.

::

    {"ents": [[iri, label, type, [aliases]], ...],
     "preds": ["locatedIn", ...],
     "sents": ["某某公司落户某某园。", ...],
     "docs": ["a.txt", ...],
     "facts": [[s, p, o, sent, doc, n_evidence], ...]}   # sent/doc: -1 when none
"""

from __future__ import annotations

import networkx as nx


def fact_table(G: nx.MultiDiGraph) -> dict:
    """The compact tables (see the module docstring) of every entity and fact of ``G``.

    A fact keeps its first evidence sentence and document (the panel shows it)
    and how many pieces of evidence it has in all.
    """
    ents, index = [], {}
    for n, d in G.nodes(data=True):
        index[n] = len(ents)
        aliases = [a for a in (d.get("aliases") or []) if a and a != d.get("label")]
        ents.append([n, d.get("label", str(n)), d.get("type") or "Entity", aliases])
    preds: dict[str, int] = {}
    sents: dict[str, int] = {}
    docs: dict[str, int] = {}
    facts = []
    for s, o, k, d in G.edges(keys=True, data=True):
        p = d.get("predicate", k)
        pi = preds.setdefault(p, len(preds))
        evidence = d.get("evidence") or []
        si = di = -1
        if evidence:
            ev = evidence[0]
            text = ev.get("text") or ""
            if text:
                si = sents.setdefault(text, len(sents))
            doc = ev.get("doc") or ""
            if doc:
                di = docs.setdefault(doc, len(docs))
        facts.append([index[s], pi, index[o], si, di, len(evidence)])
    return {
        "ents": ents,
        "preds": list(preds),
        "sents": list(sents),
        "docs": list(docs),
        "facts": facts,
    }
