"""A canned query's name parameter never goes unbound, however it is bound.

STRLANG of a language-tagged literal or of a number is an error in SPARQL,
which would leave the name unbound and match every park; the queries apply
STR() first.
"""

from __future__ import annotations

import pyoxigraph as ox
from viz_helpers import seed_store

from kg.query import canned_queries
from kg.store import open_store

PARK = "西部（重庆）科学城"


def _sites(store, value) -> set[str]:
    text = canned_queries()["park-industries"].text
    rows = store.query(text, substitutions={ox.Variable("park"): value})
    return {r["siteLabel"].value for r in rows}


def test_language_tagged_and_numeric_values_bind_as_names() -> None:
    with open_store(seed_store()) as store:
        plain = _sites(store, ox.Literal(PARK))
        assert plain and "常州高新区(新北区)" not in plain
        assert _sites(store, ox.Literal(PARK, language="zh")) == plain
        assert (
            _sites(
                store,
                ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            )
            == set()
        )
