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

An entity whose documents the page cut (a view around a focus keeps
:data:`kg.viz.FOCUS_DOCS` of a hub's thousands) has how many there are after them:
``[iri, label, type, [aliases], [doc, ...], n_docs]``.

Above :data:`kg.viz.OVERVIEW_LIMIT` entities the page opens on the overview and
the table is **bounded** (:data:`LIMITS`, :func:`bounded`): every entity (for
search) with how many facts it has per predicate and direction, but of each such
group only the first ``facts`` (the other end's most connected first), the
evidence sentence of the first ``sentences`` of them, an entity's first ``docs``
documents and a park's first ``firms`` organisations (for its drill-down view).
The page says "showing N of M" wherever it cuts and that ``kg serve``'s explorer
has all of it. Extra fields then::

    "ents": [[iri, label, type, [aliases], [doc, ...], n_docs, [group, count, ...]], ...]
    "firms": [[park, n, [firm, ...]], ...]      # group = predicate * 2 + (1 if incoming)
    "limits": {"facts": 10, "sentences": 1, "docs": 10, "firms": 300}

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

_SOME_HEADLINES = (
    "SELECT ?d ?headline WHERE { VALUES ?d { DOCS } ?d <http://schema.org/headline> ?headline }"
)


def headlines(store, names=None) -> dict[str, str]:
    """File name → headline (the article's first line) of the documents of an open
    :class:`kg.store.KgStore` that have one (records with a ``"title"``);
    ``names``: of these documents only (a lookup each)."""
    from kg.graphview import _doc_name

    out: dict[str, str] = {}
    if names is not None:
        from kg.rdf import doc_iri

        iris = {doc_iri(name): name for name in names}
        batch = sorted(iris, key=str)
        for i in range(0, len(batch), 1000):  # a VALUES block: ~2/3 of a lookup each
            values = " ".join(map(str, batch[i : i + 1000]))
            for row in store.query(_SOME_HEADLINES.replace("DOCS", values)):
                if row["headline"].value:
                    out[iris[row["d"]]] = row["headline"].value
        return out
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
        if (d.get("n_docs") or 0) > len(d.get("docs") or []):  # cut (kg.viz.FOCUS_DOCS)
            ents[-1].append(d["n_docs"])
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
        facts.append([index[s], pi, index[o], si, di, d.get("n_evidence", len(evidence))])
    return _tables(ents, preds, sents, docs, heads, facts)


def _tables(ents, preds, sents, docs, heads, facts, **more) -> dict:
    return {
        "ents": ents,
        "preds": list(preds),
        "sents": list(sents),
        "docs": list(docs),
        "heads": [(heads or {}).get(x, "") for x in docs],
        "facts": facts,
        **more,
    }


LIMITS = {"facts": 10, "sentences": 1, "docs": 10, "firms": 300}
ORGS = ("Company", "Institution")


def _ranked(G: nx.MultiDiGraph) -> dict:
    """Node → its rank: most facts first, then label, then IRI (the panel's order)."""
    deg = dict(G.degree())
    order = sorted(G, key=lambda n: (-deg[n], G.nodes[n].get("label", ""), str(n)))
    return {n: i for i, n in enumerate(order)}


def bounded(G: nx.MultiDiGraph, limits: dict | None = None) -> dict:
    """What the bounded table keeps: ``{"facts": {(s, o, key): with_sentence},
    "firms": {park: [firm, ...]}}`` (see the module docstring; ``limits``
    default :data:`LIMITS`). Deterministic: the same graph keeps the same facts."""
    lim = {**LIMITS, **(limits or {})}
    rank = _ranked(G)
    keep: dict[tuple, bool] = {}
    for n in G:
        groups: dict[tuple, list] = {}
        for s, o, k in G.out_edges(n, keys=True):
            groups.setdefault((k, 0), []).append((rank[o], (s, o, k)))
        for s, o, k in G.in_edges(n, keys=True):
            if s != n:
                groups.setdefault((k, 1), []).append((rank[s], (s, o, k)))
        for group in groups.values():
            group.sort()
            for i, (_, e) in enumerate(group[: lim["facts"]]):
                keep[e] = keep.get(e, False) or i < lim["sentences"]
    firms: dict = {}
    for n, d in G.nodes(data=True):
        if d.get("type") == "Park":
            mine = [
                s
                for s, _, k in G.in_edges(n, keys=True)
                if k == "locatedIn" and G.nodes[s].get("type") in ORGS
            ]
            firms[n] = sorted(mine, key=rank.__getitem__)
    for park, mine in firms.items():
        for f in mine[: lim["firms"]]:
            keep.setdefault((f, park, "locatedIn"), False)
    return {"facts": keep, "firms": firms, "limits": lim}


def bounded_table(
    G: nx.MultiDiGraph, heads: dict[str, str] | None = None, plan: dict | None = None
) -> dict:
    """The bounded tables (module docstring) of ``G``: ``plan`` is :func:`bounded`'s
    (made here by default). An edge without ``docs`` (a :func:`kg.graphview.skeleton`'s
    left unread) has no document; one without ``evidence``, no sentence."""
    plan = plan or bounded(G)
    lim = plan["limits"]
    ents: list = []
    index = {n: i for i, n in enumerate(G)}
    docs: dict[str, int] = {}
    preds: dict[str, int] = {}
    for n, d in G.nodes(data=True):
        aliases = [a for a in (d.get("aliases") or []) if a and a != d.get("label")]
        mine = [docs.setdefault(x, len(docs)) for x in (d.get("docs") or [])[: lim["docs"]] if x]
        n_docs = d.get("n_docs", len(d.get("docs") or []))
        counts: dict[int, int] = {}
        for _, _, k in G.out_edges(n, keys=True):
            g = preds.setdefault(k, len(preds)) * 2
            counts[g] = counts.get(g, 0) + 1
        for s, _, k in G.in_edges(n, keys=True):
            if s != n:
                g = preds.setdefault(k, len(preds)) * 2 + 1
                counts[g] = counts.get(g, 0) + 1
        flat = [x for g in sorted(counts) for x in (g, counts[g])]
        ents.append(
            [n, d.get("label", str(n)), d.get("type") or "Entity", aliases, mine, n_docs, flat]
        )
    sents: dict[str, int] = {}
    facts = []
    for (s, o, k), with_sentence in plan["facts"].items():
        d = G.edges[s, o, k]
        pi = preds.setdefault(d.get("predicate", k), len(preds))
        evidence = d.get("evidence") or []
        text = evidence[0].get("text") if evidence and with_sentence else ""
        si = sents.setdefault(text, len(sents)) if text else -1
        doc = (d.get("doc") or "") if text else ""  # the sentence's document
        di = docs.setdefault(doc, len(docs)) if doc else -1
        facts.append([index[s], pi, index[o], si, di, d.get("n_evidence", len(evidence))])
    firms = [
        [index[p], len(mine), [index[f] for f in mine[: lim["firms"]]]]
        for p, mine in plan["firms"].items()
        if mine
    ]
    return _tables(ents, preds, sents, docs, heads, facts, firms=firms, limits=lim)
