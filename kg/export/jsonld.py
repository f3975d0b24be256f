"""Export plugin: JSON_LD (`kg export --format jsonld`)."""

import pyoxigraph as ox

from kg.export._rdf import write_triples

NAME = "jsonld"
SUFFIX = ".jsonld"


def export(store, out) -> None:
    write_triples(store, out, ox.RdfFormat.JSON_LD)
