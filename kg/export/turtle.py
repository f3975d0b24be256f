"""Export plugin: TURTLE (`kg export --format ttl`)."""

import pyoxigraph as ox

from kg.export._rdf import write_triples

NAME = "ttl"
SUFFIX = ".ttl"


def export(store, out) -> None:
    write_triples(store, out, ox.RdfFormat.TURTLE)
