"""The one form in which kg compares names (DESIGN.md, contract 1).

NFKC (so full- and half-width brackets, letters and digits are one), no
whitespace, ASCII lower-cased. Extraction, resolution, the evaluation, the API
and the viz all compare names this way, so a name that matches in one place
matches in all.
"""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """The comparison form of ``name``."""
    s = unicodedata.normalize("NFKC", name)
    s = "".join(ch for ch in s if not ch.isspace())
    return "".join(ch.lower() if ch.isascii() else ch for ch in s)
