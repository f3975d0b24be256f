"""The one visual language of the graph: colour, shape and bilingual name per type and predicate.

Read from ``kg/data/palette.json`` so that the viz page, the explorer and the
notebook can all draw a Park, a Company or a ``locatedIn`` edge the same way
(the explorer can fetch or inline the same JSON).
"""

from __future__ import annotations

import json
from pathlib import Path

PALETTE_FILE = Path(__file__).parent / "data" / "palette.json"
PALETTE: dict = json.loads(PALETTE_FILE.read_text(encoding="utf-8"))

# type → (colour, vis shape, Chinese name)
TYPES: dict[str, tuple[str, str, str]] = {
    t: (v["color"], v["shape"], v["zh"]) for t, v in PALETTE["types"].items()
}
OTHER_TYPE: tuple[str, str, str] = (
    PALETTE["other"]["color"],
    PALETTE["other"]["shape"],
    PALETTE["other"]["zh"],
)
# predicate → (colour, Chinese label)
PREDICATE_STYLE: dict[str, tuple[str, str]] = {
    p: (v["color"], v["zh"]) for p, v in PALETTE["predicates"].items()
}
COMMUNITY_COLORS: list[str] = list(PALETTE["communities"])


def type_style(t: str | None) -> tuple[str, str, str]:
    """(colour, shape, Chinese name) of a type; unknown types share one grey."""
    return TYPES.get(t or "", OTHER_TYPE)


def predicate_style(p: str) -> tuple[str, str]:
    """(colour, Chinese label) of a predicate; an unknown one is grey and keeps its name."""
    return PREDICATE_STYLE.get(p, (OTHER_TYPE[0], p))
