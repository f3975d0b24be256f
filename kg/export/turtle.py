"""Export plugin: TURTLE (`kg export --format ttl`).

Prefixed names only where the local part needs no escape (see kg.export._rdf).
"""

from kg.export._rdf import write_turtle

NAME = "ttl"
SUFFIX = ".ttl"


def export(store, out) -> None:
    write_turtle(store, out)
