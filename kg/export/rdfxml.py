"""Export plugin: RDF_XML (`kg export --format xml`)."""

import pyoxigraph as ox

from kg.export._rdf import write_triples

NAME = "xml"
SUFFIX = ".rdf"


def export(store, out) -> None:
    write_triples(store, out, ox.RdfFormat.RDF_XML)
