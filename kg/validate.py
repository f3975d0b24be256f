"""SHACL validation of a store against kg/ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from kg.errors import KgError

ONTOLOGY = Path(__file__).resolve().parent / "ontology"
SHAPES = ONTOLOGY / "shapes.ttl"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""


def store_graph(store) -> rdflib.Graph:
    """The union of all named graphs of an open store, as one rdflib Graph."""
    import pyoxigraph as ox

    from kg.export._rdf import union_triples

    data = ox.serialize(union_triples(store), format=ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def validate_graph(data: rdflib.Graph, shapes: str | Path = SHAPES) -> ValidationReport:
    """Validate an rdflib graph against the SHACL shapes."""
    from pyshacl import validate as shacl_validate

    sg = rdflib.Graph().parse(str(shapes), format="turtle")
    conforms, results, text = shacl_validate(
        data, shacl_graph=sg, inference="none", abort_on_first=False, allow_warnings=False
    )
    if not isinstance(results, rdflib.Graph):  # pyshacl could not run the shapes
        raise KgError(f"cannot validate: {text.strip().splitlines()[0] if text else results}")
    violations = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                focus=str(results.value(r, SH.focusNode) or ""),
                path=str(results.value(r, SH.resultPath) or ""),
                message=str(results.value(r, SH.resultMessage) or ""),
                severity=str(results.value(r, SH.resultSeverity) or "").rsplit("#", 1)[-1],
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), violations, text)


def validate(store, shapes: str | Path = SHAPES) -> ValidationReport:
    """Validate the graph of an open store (the union of its named graphs)."""
    return validate_graph(store_graph(store), shapes)
