"""One sentence under extraction: its tokens and the candidate spans found so far.

The mention signals (kg/extract/signals/) all read and add to this object, the
way spaCy pipeline components share a ``Doc``.
"""

from __future__ import annotations

from kg.document import Mention, Sentence
from kg.extract.tokens import tokenize


class SentenceMentions:
    """Collects candidate spans for one sentence (offsets relative to the sentence)."""

    def __init__(self, sent: Sentence, lex):
        self.sent = sent
        self.text = sent.text
        self.lex = lex
        self.tokens = tokenize(sent.text)
        self.token_ends = {t.end: i for i, t in enumerate(self.tokens)}
        self.token_starts = {t.start: i for i, t in enumerate(self.tokens)}
        self.found: list[Mention] = []  # offsets relative to the sentence

    def add(self, start: int, end: int, type_: str, source: str, score: float) -> Mention:
        m = Mention(start, end, self.text[start:end], type_, source, score)
        self.found.append(m)
        return m

    def ends_at(self, pos: int, types=None) -> Mention | None:
        for m in self.found:
            if m.end == pos and (types is None or m.type in types):
                return m
        return None

    def overlaps(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self.found)

    def inside_org(self, start: int, end: int) -> bool:
        return any(
            m.type in ("Company", "Institution") and m.start <= start and end <= m.end
            for m in self.found
        )

    def inside_park(self, start: int, end: int) -> bool:
        return any(m.type == "Park" and m.start <= start and end <= m.end for m in self.found)
