"""Export plugin: N_QUADS (`kg export --format nq`)."""

import pyoxigraph as ox

from kg.export._rdf import write_quads

NAME = "nq"
SUFFIX = ".nq"


def export(store, out) -> None:
    write_quads(store, out, ox.RdfFormat.N_QUADS)
