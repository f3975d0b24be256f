"""The fast path of repair._normalise must see exactly the characters it treats specially."""

from __future__ import annotations

import importlib
import unicodedata

repair = importlib.import_module("kg.ingest.repair")  # the module (kg.ingest exports a function)


def test_special_class_matches_the_unicode_database() -> None:
    singles = set(repair._NEWLINES) | set(repair._INVISIBLE) | {"\t"}
    for cp in range(0x110000):
        ch = chr(cp)
        special = ch in singles or unicodedata.category(ch) in ("Zs", "Cc", "Cs")
        assert bool(repair._SPECIAL.match(ch)) == special, hex(cp)


def test_crlf_controls_and_spaces_are_normalised() -> None:
    text = "a\r\nb\x00c\u3000d\ufeffe\u2028f"
    chars = repair._normalise(text)
    assert "".join(c for c, _ in chars) == "a\nbc de\nf"
    assert all(text[off] == c or c in " \n" for c, off in chars)


def test_the_changed_class_is_the_special_one_less_newline_and_space() -> None:
    """``_normalised`` copies "\\n" and " " in bulk (it keeps them as they are)."""
    for cp in range(0x110000):
        ch = chr(cp)
        want = bool(repair._SPECIAL.match(ch)) and ch not in "\n "
        assert bool(repair._CHANGED.match(ch)) == want, hex(cp)
