"""Extraction: a Document flows through small stages that each add to it.

ingest (kg.ingest) → sentences → mentions → entities → relations

``extract_file`` and ``extract_text`` are the public entry points used by the
CLI, the graph builder and the notebook.
"""

from __future__ import annotations

from pathlib import Path

from kg.document import Document


def run_pipeline(doc: Document, disable: frozenset[str] = frozenset()) -> Document:
    """Run every extraction stage on an ingested document (in place) and return it.

    ``disable`` names mention signals to switch off (``mentions.SIGNALS``).
    """
    from kg.extract import entities, mentions, relations

    mentions.find_mentions(doc, disable)
    entities.group_entities(doc)
    relations.find_relations(doc)
    return doc


def extract_text(text: str, name: str = "<text>") -> Document:
    """Extract from a string (already decoded)."""
    from kg.ingest import document_from_text

    return run_pipeline(document_from_text(text, name=name))


def extract_file(path: str | Path) -> Document:
    """Read one file and extract from it. Raises ``kg.errors.IngestError``."""
    from kg.ingest import read_document

    return run_pipeline(read_document(path))
