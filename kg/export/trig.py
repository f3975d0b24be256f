"""Export plugin: TRIG (`kg export --format trig`)."""

import pyoxigraph as ox

from kg.export._rdf import write_quads

NAME = "trig"
SUFFIX = ".trig"


def export(store, out) -> None:
    write_quads(store, out, ox.RdfFormat.TRIG)
