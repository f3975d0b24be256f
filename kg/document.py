"""The data that flows through the extraction pipeline.

A :class:`Document` is created by :mod:`kg.ingest` and every later stage adds to
it (sentences, then mentions, then entities, then relations), the way a spaCy
``Doc`` flows through pipeline components. Keeping all intermediate results on
one object lets each stage be tested alone and lets evidence point back into the
original text.

Offsets are character offsets into ``Document.text`` (the repaired text);
``Document.source_offset`` maps them back to the file's original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = ("Park", "Company", "Institution", "Industry")
PREDICATES = ("locatedIn", "partOf", "focusesOn", "inIndustry", "cooperatesWith")


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """One span of text that names an entity."""

    start: int
    end: int
    text: str
    type: str
    source: str = ""  # which signal found it: suffix, gazetteer, list, lexicon…
    score: float = 1.0

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Entity:
    """A distinct entity of one document: its canonical name and other forms."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Relation:
    subject: str  # canonical entity names within the document
    predicate: str
    object: str
    evidence: str
    start: int = 0  # offsets of the evidence sentence in Document.text
    end: int = 0
    confidence: float = 0.5


@dataclass
class Document:
    name: str
    text: str
    source_text: str = ""
    # source_map[i] is the offset in source_text of text[i]
    source_map: list[int] = field(default_factory=list)
    path: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def source_offset(self, i: int) -> int:
        """Offset in the original text of character ``i`` of the repaired text."""
        if not self.source_map:
            return i
        if i >= len(self.source_map):
            return len(self.source_text)
        return self.source_map[i]

    def entity(self, name: str) -> Entity | None:
        for e in self.entities:
            if name == e.name or name in e.aliases:
                return e
        return None

    def title(self, limit: int = 60) -> str:
        """The article's first line (its headline), without Markdown's ``#``; cut at
        ``limit`` characters (with ``…``); "" for a text without one."""
        for line in self.text.splitlines():
            line = line.strip().lstrip("#").strip()
            if line:
                return line if len(line) <= limit else line[: limit - 1] + "…"
        return ""

    def to_record(self) -> dict[str, Any]:
        """The contract-1 record (see DESIGN.md) of this document."""
        record: dict[str, Any] = {"doc": self.name}
        if title := self.title():
            record["title"] = title
        return {
            **record,
            "entities": [
                {"name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in self.entities
            ],
            "relations": [
                {
                    "subject": r.subject,
                    "predicate": r.predicate,
                    "object": r.object,
                    "evidence": r.evidence,
                    "start": r.start,
                    "end": r.end,
                    "confidence": round(r.confidence, 3),
                }
                for r in self.relations
            ],
        }
