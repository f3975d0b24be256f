"""Canned queries: the ``*.rq`` files of ``kg/ontology/queries/``.

Each starts with a comment saying what it answers; ``# @param NAME  help`` lines
declare its parameters (bound by :mod:`kg.query.binding`). A canned query whose
text ends with ``LIMIT n`` (after its ORDER BY) is paged: it answers its first n
rows and also takes the parameters :data:`PAGE_PARAMS` (see
:func:`kg.query.binding.page_query`).

A canned query that reads the stats graph (counts kg writes with the graph,
:mod:`kg.statsgraph`) has a twin of the same name in ``without-stats/`` that
counts the same rows from the facts, for a store written before kg kept that
graph (its ``fallback``; :func:`kg.query.execution.execute` picks it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.query.errors import QueryError
from kg.query.lexer import mask_comments

QUERIES_DIR = Path(__file__).parent.parent / "ontology" / "queries"
PAGE_PARAMS = ("limit", "offset")  # rows of a page (or all), rows skipped
FALLBACK_DIR = "without-stats"  # the twins of queries that read the stats graph
# the stats graph (kg.statsgraph.STATS_GRAPH; this package reads stores, it imports
# none of the code that writes them) and the question whether a store has it
STATS_GRAPH = "https://w3id.org/kg/graph/stats"
HAS_STATS = f"ASK {{ GRAPH <{STATS_GRAPH}> {{ ?s ?p ?o }} }}"
# the last clause of a paged query (an OFFSET there: not paged)
PAGE_END = re.compile(r"\bLIMIT\s+(\d+)(\s+OFFSET\s+\d+)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    text: str
    description: str  # the leading comment, without '#'
    params: dict[str, str] = field(default_factory=dict)  # name → help
    page: int | None = None  # rows of a page when the query is paged (see page_query)
    # the same query counted from the facts, for a store without a stats graph
    fallback: str | None = None

    @property
    def summary(self) -> str:
        return self.description.split("\n\n")[0].replace("\n", " ").strip()

    def example(self) -> dict[str, str]:
        """Example values from the ``e.g.`` part of each parameter's help."""
        out = {}
        for name, help_ in self.params.items():
            m = re.search(r"e\.g\.\s*(\S+)", help_)
            if m:
                out[name] = m.group(1).rstrip(",.;")
        return out

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "summary": self.summary,
            "description": self.description,
            "params": dict(self.params),
            "example": self.example(),
            "page": self.page,
            "text": self.text,
        }


_PARAM = re.compile(r"^@param\s+(\w+)\s*(.*)$")


def parse_canned(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    lines, params = [], {}
    for raw in text.splitlines():
        s = raw.strip()
        if not s.startswith("#"):
            break
        body = s[1:].strip()
        m = _PARAM.match(body)
        if m:
            params[m.group(1)] = m.group(2).strip()
        else:
            lines.append(body)
    m = PAGE_END.search(mask_comments(text))
    page = int(m.group(1)) if m and not m.group(2) else None
    twin = path.parent / FALLBACK_DIR / path.name
    fallback = twin.read_text(encoding="utf-8") if twin.is_file() else None
    return CannedQuery(path.stem, path, text, "\n".join(lines).strip(), params, page, fallback)


def canned_queries(folder: Path | None = None) -> dict[str, CannedQuery]:
    """The canned queries by name (file stem), sorted."""
    folder = folder or QUERIES_DIR
    return {p.stem: parse_canned(p) for p in sorted(folder.glob("*.rq"))}


def load_query(spec: str) -> tuple[str, CannedQuery | None]:
    """SPARQL text, a path to a ``.rq`` file or a canned query's name → (text, canned)."""
    canned = canned_queries()
    if spec in canned:
        return canned[spec].text, canned[spec]
    if spec.endswith(".rq") or ("\n" not in spec and len(spec) < 4096 and Path(spec).is_file()):
        p = Path(spec)
        if not p.is_file():
            raise QueryError(f"no query file {spec}")
        c = parse_canned(p)
        return c.text, c
    if re.fullmatch(r"[\w.-]+", spec):
        names = ", ".join(canned) or "none"
        raise QueryError(f"no canned query named {spec!r} (canned queries: {names})")
    return spec, None
