"""One sentence under extraction: its tokens and the candidate spans found so far.

The mention signals (kg/extract/signals/) all read and add to this object, the
way spaCy pipeline components share a ``Doc``.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import count
from operator import attrgetter

from kg.document import Mention, Sentence
from kg.extract.tokens import Token, tokenize

_TEXT, _START, _END, _KIND = (attrgetter(a) for a in ("text", "start", "end", "kind"))


class SentenceMentions:
    """Collects candidate spans for one sentence (offsets relative to the sentence)."""

    def __init__(self, sent: Sentence, lex, words: list[str] | None = None):
        self.sent = sent
        self.text = sent.text
        self.lex = lex
        self.tokens = tokens = tokenize(sent.text, words)
        self.token_ends = dict(zip(map(_END, tokens), count()))
        self.token_starts = dict(zip(map(_START, tokens), count()))
        self.found: list[Mention] = []  # offsets relative to the sentence
        self._starts: list[int] | None = None
        self._words: list[str] | None = None
        self._kinds: set[str] | None = None
        self.memo: dict[str, object] = {}  # what a signal worked out once for the sentence

    def token_at(self, pos: int) -> int | None:
        """The index of the (first) token with ``start <= pos < end``, or None."""
        if self._starts is None:
            self._starts = list(map(_START, self.tokens))
        i = bisect_right(self._starts, pos) - 1
        tokens = self.tokens
        if i >= 0 and tokens[i].start <= pos < tokens[i].end:
            # the tokens tile the sentence: no earlier one holds pos
            return i
        return next((k for k, t in enumerate(tokens) if t.start <= pos < t.end), None)

    def token_inside(self, pos: int) -> Token | None:
        """The (first) token with ``start < pos < end``: the word ``pos`` cuts, or None."""
        i = self.token_at(pos)
        t = self.tokens[i] if i is not None else None
        return t if t is not None and t.start < pos else None

    @property
    def words(self) -> list[str]:
        """The tokens' texts (made once)."""
        if self._words is None:
            self._words = list(map(_TEXT, self.tokens))
        return self._words

    @property
    def kinds(self) -> set[str]:
        """The kinds of token the sentence has (made once)."""
        if self._kinds is None:
            self._kinds = set(map(_KIND, self.tokens))
        return self._kinds

    def add(self, start: int, end: int, type_: str, source: str, score: float) -> Mention:
        m = Mention(start, end, self.text[start:end], type_, source, score)
        self.found.append(m)
        return m

    def ends_at(self, pos: int, types=None) -> Mention | None:
        for m in self.found:
            if m.end == pos and (types is None or m.type in types):
                return m
        return None

    # (loops, not any() over a generator: these are asked thousands of times a document)
    def overlaps(self, start: int, end: int) -> bool:
        for m in self.found:
            if m.start < end and start < m.end:
                return True
        return False

    def inside_org(self, start: int, end: int) -> bool:
        for m in self.found:
            if m.type in ("Company", "Institution") and m.start <= start and end <= m.end:
                return True
        return False

    def inside_park(self, start: int, end: int) -> bool:
        for m in self.found:
            if m.type == "Park" and m.start <= start and end <= m.end:
                return True
        return False
