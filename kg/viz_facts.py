"""The facts of a graph as compact tables for the viz page's panel, search and drill-down.

A page that lists an entity's facts with their evidence must carry every fact,
but not as one tooltip string per edge (31 MB at 5,000 documents). Here each
entity, predicate, sentence and document is written once and a fact is a row
of small integers, so the page stays a few MB at thousands of documents and
the browser builds its own index (entity → facts) on load.

::

    {"ents": [[iri, label, type, [aliases], [doc, ...]], ...],
     "preds": ["locatedIn", ...],
     "sents": ["某某公司落户某某园。", ...],
     "docs": ["a.txt", ...],
     "heads": ["某某园再添新企业", ...],   # each document's headline, "" when none
     "facts": [[s, p, o, sent, doc, n_evidence], ...]}   # sent/doc: -1 when none

A document is shown by its headline (the article's first line, ``schema:headline``,
see :func:`headlines`) with its file name after it, as the explorer shows it.
"""

from __future__ import annotations

import networkx as nx

_HEADLINES = """
SELECT ?d ?title ?headline WHERE {
  ?d <http://schema.org/headline> ?headline .
  OPTIONAL { ?d <http://purl.org/dc/terms/title> ?title }
}"""


def headlines(store) -> dict[str, str]:
    """File name → headline (the article's first line) of the documents of an open
    :class:`kg.store.KgStore` that have one (records with a ``"title"``)."""
    from kg.graphview import _doc_name

    out: dict[str, str] = {}
    for row in store.query(_HEADLINES):
        title = row["title"].value if row["title"] is not None else None
        name = _doc_name(row["d"].value, title)
        if name and row["headline"].value:
            out[name] = row["headline"].value
    return out


def doc_label(name: str, heads: dict[str, str] | None) -> str:
    """A document as plain text: ``headline · file name``, or the file name alone."""
    head = (heads or {}).get(name)
    return f"{head} · {name}" if head else name


def fact_table(G: nx.MultiDiGraph, heads: dict[str, str] | None = None) -> dict:
    """The compact tables (see the module docstring) of every entity and fact of ``G``.

    A fact keeps its first evidence sentence and document (the panel shows it)
    and how many pieces of evidence it has in all; an entity, the documents that
    mention it. ``heads``: file name → headline (:func:`headlines`).
    """
    ents, index = [], {}
    docs: dict[str, int] = {}
    for n, d in G.nodes(data=True):
        index[n] = len(ents)
        aliases = [a for a in (d.get("aliases") or []) if a and a != d.get("label")]
        mine = [docs.setdefault(x, len(docs)) for x in d.get("docs") or [] if x]
        ents.append([n, d.get("label", str(n)), d.get("type") or "Entity", aliases, mine])
    preds: dict[str, int] = {}
    sents: dict[str, int] = {}
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
        "heads": [(heads or {}).get(x, "") for x in docs],
        "facts": facts,
    }
