"""What a query returned, in the formats people and programs read.

A :class:`Result` is a SELECT table, an ASK boolean or CONSTRUCT/DESCRIBE
triples; it serialises to the SPARQL results formats (JSON, XML, CSV, TSV), to
RDF formats (Turtle, N-Triples, RDF/XML, JSON-LD), to a readable table, to the
explorer's JSON or to plain Python data. :func:`negotiate` picks a format for an
``Accept`` header (SPARQL 1.1 Protocol).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.query.errors import QueryError, display_width

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {
    XSD + t
    for t in (
        "integer long int short byte nonNegativeInteger positiveInteger "
        "nonPositiveInteger negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}


def to_python(term):
    """An RDF term as plain Python: IRIs and strings as str, numbers, booleans."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTS:
                return int(term.value)
            if dt in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if dt == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.Triple):
        return (to_python(term.subject), to_python(term.predicate), to_python(term.object))
    return str(term)


def term_json(term) -> dict:
    """An RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            d["datatype"] = term.datatype.value
        return d
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
FORMAT_ALIASES = {"turtle": "ttl", "ntriples": "nt", "rdfxml": "xml", "json-ld": "jsonld"}
MEDIA_TYPES = {
    ("results", "json"): "application/sparql-results+json",
    ("results", "xml"): "application/sparql-results+xml",
    ("results", "csv"): "text/csv; charset=utf-8",
    ("results", "tsv"): "text/tab-separated-values; charset=utf-8",
    ("graph", "ttl"): "text/turtle; charset=utf-8",
    ("graph", "nt"): "application/n-triples",
    ("graph", "xml"): "application/rdf+xml",
    ("graph", "jsonld"): "application/ld+json",
    ("results", "page"): "application/json",
    ("graph", "page"): "application/json",
}
# Accept media type → format, for each kind of result (SPARQL 1.1 Protocol §2.1.5/6)
ACCEPT = {
    "results": {
        "application/sparql-results+json": "json",
        "application/json": "json",
        "application/sparql-results+xml": "xml",
        "application/xml": "xml",
        "text/xml": "xml",
        "text/csv": "csv",
        "text/tab-separated-values": "tsv",
    },
    "graph": {
        "text/turtle": "ttl",
        "application/x-turtle": "ttl",
        "application/n-triples": "nt",
        "text/plain": "nt",
        "application/rdf+xml": "xml",
        "application/xml": "xml",
        "text/xml": "xml",
        "application/ld+json": "jsonld",
        "application/json": "jsonld",
    },
}
DEFAULT_FORMAT = {"results": "json", "graph": "ttl"}
# prefixes for serialised graphs: the vocabularies (entity IRIs like ent:park/…
# would need escaped slashes in Turtle, so those stay full IRIs)
GRAPH_PREFIXES = {
    "kg": "https://w3id.org/kg/ontology#",
    "ind": "https://w3id.org/kg/industry/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def negotiate(accept: str | None, kind: str) -> str | None:
    """The format for an ``Accept`` header and a result kind ("results" or "graph");
    None when nothing acceptable is available (→ 406)."""
    if not accept or not accept.strip():
        return DEFAULT_FORMAT[kind]
    choices = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt, q = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if mt and q > 0:
            choices.append((-q, i, mt))
    for _, _, mt in sorted(choices):
        if mt in ACCEPT[kind]:
            return ACCEPT[kind][mt]
        if mt in ("*/*", "*") or (
            mt.endswith("/*") and any(k.startswith(mt[:-1]) for k in ACCEPT[kind])
        ):
            if mt in ("*/*", "*"):
                return DEFAULT_FORMAT[kind]
            return next(v for k, v in ACCEPT[kind].items() if k.startswith(mt[:-1]))
    return None


@dataclass
class Result:
    """What a query returned: ``kind`` is "select", "ask" or "graph"."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    truncated: bool = False  # the result cap cut it short
    seconds: float = 0.0

    @property
    def family(self) -> str:
        return "graph" if self.kind == "graph" else "results"

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1

    def to_python(self):
        """SELECT → list of dicts, ASK → bool, CONSTRUCT/DESCRIBE → list of triples."""
        if self.kind == "ask":
            return self.boolean
        if self.kind == "graph":
            return [
                tuple(to_python(x) for x in (t.subject, t.predicate, t.object))
                for t in self.triples
            ]
        return [
            {v: to_python(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def sparql_json(self) -> dict:
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        if self.kind != "select":
            raise QueryError("a CONSTRUCT/DESCRIBE result is a graph, not a results table")
        return {
            "head": {"vars": list(self.variables)},
            "results": {
                "bindings": [
                    {
                        v: term_json(t)
                        for v, t in zip(self.variables, row, strict=True)
                        if t is not None
                    }
                    for row in self.rows
                ]
            },
        }

    def page_json(self) -> dict:
        """What the explorer page shows: SPARQL JSON for SELECT/ASK; for CONSTRUCT/
        DESCRIBE the triples as a subject/predicate/object table (in the same JSON
        shape) and the graph as Turtle, for download."""
        if self.kind != "graph":
            return self.sparql_json()
        names = ("subject", "predicate", "object")
        return {
            "head": {"vars": list(names)},
            "results": {
                "bindings": [
                    {
                        n: term_json(x)
                        for n, x in zip(names, (t.subject, t.predicate, t.object), strict=True)
                    }
                    for t in self.triples
                ]
            },
            "graph": True,
            "turtle": self.serialize("ttl", GRAPH_PREFIXES).decode("utf-8"),
        }

    def serialize(self, fmt: str, prefixes: dict | None = None) -> bytes:
        """Bytes in a SPARQL results format (json xml csv tsv) or, for a graph,
        an RDF format (ttl nt xml jsonld); "page" is :meth:`page_json`."""
        if fmt == "page":
            return json.dumps(self.page_json(), ensure_ascii=False).encode("utf-8")
        fmt = FORMAT_ALIASES.get(fmt, fmt)
        if self.kind == "graph":
            fmt = {"json": "jsonld"}.get(fmt, fmt)
            if fmt not in GRAPH_FORMATS:
                raise QueryError(
                    f"a CONSTRUCT/DESCRIBE result is a graph: use one of {', '.join(GRAPH_FORMATS)}"
                )
            kw = {"prefixes": prefixes} if prefixes and fmt in ("ttl", "xml") else {}
            return ox.serialize(self.triples, format=GRAPH_FORMATS[fmt], **kw)
        if fmt not in RESULT_FORMATS:
            raise QueryError(
                f"a SELECT/ASK result is a table: use one of {', '.join(RESULT_FORMATS)}"
            )
        data = json.dumps(self.sparql_json(), ensure_ascii=False).encode("utf-8")
        if fmt == "json":
            return data
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=RESULT_FORMATS[fmt])

    def table(self, prefixes: dict | None = None) -> str:
        """A readable, aligned table (IRIs shortened with the prefixes)."""
        if self.kind == "ask":
            return "true" if self.boolean else "false"
        if self.kind == "graph":
            return self.serialize("ttl", GRAPH_PREFIXES).decode("utf-8")
        short = sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1]))

        def cell(t) -> str:
            if t is None:
                return ""
            if isinstance(t, ox.NamedNode):
                for p, ns in short:
                    if t.value.startswith(ns) and len(t.value) > len(ns):
                        return f"{p}:{t.value[len(ns) :]}"
                return f"<{t.value}>"
            v = str(to_python(t))
            return v.replace("\n", " ").replace("\t", " ")

        head = list(self.variables)
        body = [[cell(t) for t in row] for row in self.rows]
        widths = [display_width(h) for h in head]
        for r in body:
            widths = [max(w, display_width(c)) for w, c in zip(widths, r, strict=True)]
        lines = ["  ".join(_pad(h, w) for h, w in zip(head, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body
        ]
        n = len(self.rows)
        lines.append(f"({n} row{'s' if n != 1 else ''}{', truncated' if self.truncated else ''})")
        return "\n".join(lines)

    def format(self, fmt: str = "table", prefixes: dict | None = None) -> str:
        if fmt == "table":
            return self.table(prefixes)
        return self.serialize(fmt, GRAPH_PREFIXES).decode("utf-8")


def _pad(s: str, w: int) -> str:
    return s + " " * (w - display_width(s))
