"""A cheap test that a stretch of text holds no match of a regex.

Many rules scan every clause with a regex whose matches all contain one of a
few words (a cue such as 产业, 领域, 企业; a focus verb), most clauses contain
none, and Python's ``re`` tries the whole pattern at every position. The words
every match must contain are read off the pattern itself
(:func:`required_literals`), so the test follows the pattern when its words
change: one search for them, which ``re`` skips through by their first
characters, rules a stretch out.
"""

from __future__ import annotations

import re

try:  # the parser of the re module (sre_parse before 3.11)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEATS = tuple(
    getattr(_c, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_c, name)
)
_MAX_CLASS = 8  # a character class of more characters is no useful requirement


def _alternatives(items) -> set[str] | None:
    """Strings one of which every match of the parsed sequence ``items`` contains
    (whole, in the stretch matched); None when there are none to require."""
    best: set[str] | None = None
    run: list[str] = []  # consecutive literal characters: one string

    def consider(alts: set[str] | None) -> None:
        nonlocal best
        if alts and (best is None or _better(alts, best)):
            best = alts

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider({"".join(run)})
            run = []
        consider(_item(op, av))
    if run:
        consider({"".join(run)})
    return best


def _better(a: set[str], b: set[str]) -> bool:
    """Fewer alternatives, then longer shortest one: a rarer requirement."""
    return (len(a), -min(map(len, a))) < (len(b), -min(map(len, b)))


def _item(op, av) -> set[str] | None:
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # (?i:…): its literals match other cases too
            return None
        return _alternatives(av[-1])
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            alts = _alternatives(branch)
            if not alts:
                return None  # a branch that may match without any: nothing required
            out |= alts
        return out
    if op in _REPEATS and av[0] >= 1:
        return _alternatives(av[2])
    if op is _c.IN:
        chars = [chr(v) for o, v in av if o is _c.LITERAL]
        if len(chars) == len(av) and len(chars) <= _MAX_CLASS:
            return set(chars)
        return None
    if op is _c.ASSERT and av[0] == 1:
        # a lookahead reads the text after the position, inside the stretch searched
        # (``endpos`` ends the string for it); a lookbehind may read before it
        return _alternatives(av[1])
    return None


def required_literals(pattern: re.Pattern) -> re.Pattern | None:
    """A regex of strings one of which every non-empty match of ``pattern`` holds,
    or None when the pattern requires no string (or cannot be read).

    A match of ``pattern`` found by ``pattern.search(text, pos, endpos)`` lies in
    ``text[pos:endpos]`` with what its lookaheads read, so it holds one of them
    there: where ``required.search(text, pos, endpos)`` finds none, it finds none.
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is merely not prefiltered
        return None
    alts = _alternatives(list(parsed))
    if not alts:
        return None
    return re.compile("|".join(map(re.escape, sorted(alts, key=len, reverse=True))))


class Prefiltered:
    """``pattern`` with ``search`` and ``finditer`` that first look for the strings
    every match holds (:func:`required_literals`); the same results, sooner where
    there are none. Other methods are the pattern's own."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.required = required_literals(pattern)
        self._need = self.required.search if self.required is not None else None
        # the last text looked at and whether it holds a required string at all:
        # the clauses of one sentence are searched one after the other
        self._last: tuple[str | None, bool] = (None, True)

    def _may_match(self, text: str, pos: int, endpos: int) -> bool:
        need = self._need
        if need is None:
            return True
        last = self._last
        if last[0] is not text:
            last = self._last = (text, need(text) is not None)  # (one assignment: atomic)
        return last[1] and need(text, pos, endpos) is not None

    def search(self, text: str, pos: int = 0, endpos: int = 1 << 62):
        if not self._may_match(text, pos, endpos):
            return None
        return self.pattern.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 1 << 62):
        if not self._may_match(text, pos, endpos):
            return iter(())
        return self.pattern.finditer(text, pos, endpos)

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)


def prefiltered(pattern: re.Pattern | str) -> Prefiltered:
    return Prefiltered(re.compile(pattern) if isinstance(pattern, str) else pattern)
