"""Export plugin: TRIG (`kg export --format trig`).

Prefixed names only where the local part needs no escape (see kg.export._rdf).
"""

from kg.export._rdf import write_trig

NAME = "trig"
SUFFIX = ".trig"


def export(store, out) -> None:
    write_trig(store, out)
