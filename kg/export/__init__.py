"""Export plugins: one module per format behind one small interface.

A plugin is a module in this package with ``NAME`` (the ``--format`` value),
``SUFFIX`` (the usual file extension) and ``export(store, out)``, which writes
the graph of an open :class:`kg.store.KgStore` to the binary file ``out``.
Triple formats (ttl, nt, xml, jsonld) get the union of all named graphs;
quad formats (nq, trig) keep the named graphs (one per document).

    from kg.export import export
    export(open_store("kg-store"), "trig", "graph.trig")
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

from kg.errors import KgError

FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "xml", "graphml")
_MODULES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "jsonld",
    "xml": "rdfxml",
    "graphml": "graphml",
}


def exporter(name: str) -> ModuleType:
    """The plugin module for a format name (``ttl``, ``graphml``…)."""
    if name not in _MODULES:
        raise KgError(f"unknown export format {name!r} (choose from {', '.join(FORMATS)})")
    return importlib.import_module(f"kg.export.{_MODULES[name]}")


def export(store, fmt: str, output: str | os.PathLike) -> str:
    """Write the graph of ``store`` to ``output`` in format ``fmt``; returns the path.

    Through :func:`kg.output.open_output`: a regular file is replaced only once
    the export is complete (a failed export leaves the old file), ``-`` is
    standard output, a pipe or device is written into, a symlink's target is
    written, a directory is refused.
    """
    from kg.output import open_output

    plugin = exporter(fmt)
    with open_output(output) as f:
        plugin.export(store, f)
    return os.fspath(output)
