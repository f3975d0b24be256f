"""How long a text kg extracts (``kg.ingest`` refuses longer ones, a DOCX by its size)."""

from __future__ import annotations

import os

# Extraction takes ~40 µs a character (1 M characters ≈ 40 s, linear), so a
# file far longer than any article (a crawler's concatenated dump, a log) is
# skipped with its reason instead of holding a build for hours. Text and HTML
# files far over it are refused by their size, unread.
MAX_TEXT_CHARS = 1_000_000


def max_text_chars() -> int:
    """The character limit: ``KG_MAX_TEXT_CHARS`` when set to a number, else the default."""
    try:
        return max(1, int(os.environ["KG_MAX_TEXT_CHARS"]))
    except (KeyError, ValueError):
        return MAX_TEXT_CHARS
