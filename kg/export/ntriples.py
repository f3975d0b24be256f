"""Export plugin: N_TRIPLES (`kg export --format nt`)."""

import pyoxigraph as ox

from kg.export._rdf import write_triples

NAME = "nt"
SUFFIX = ".nt"


def export(store, out) -> None:
    write_triples(store, out, ox.RdfFormat.N_TRIPLES)
