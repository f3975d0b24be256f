"""The cheap test for a regex's required words: same results as the regex itself."""

from __future__ import annotations

import re

import pytest

from kg.extract.signals.literals import Prefiltered, required_literals

TEXTS = [
    "甲市重点发展新材料和智能装备两大产业，引进企业二十家",
    "乙区聚焦光电子领域，已形成完整链条",
    "今天天气很好，大家都去公园散步了",
    "丙公司是国内领先的传感器供应商之一",
    "",
    "产业",
]


def _words(pattern: str) -> set[str] | None:
    req = required_literals(re.compile(pattern))
    return None if req is None else set(req.pattern.split("|"))


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"等?(?:优势|主导)?(?:产业|领域)(?!园)", {"产业", "领域"}),
        (r"(?=(重点发展|聚焦))", {"重点发展", "聚焦"}),  # a lookahead reads inside the stretch
        (r"(?<=等)环节", {"环节"}),  # a lookbehind adds nothing
        (r"企业[0-9]+家", {"企业"}),
        (r"[甲乙]区", {"区"}),  # one word is a rarer requirement than two characters
        (r"a?b?", None),  # may match nothing
        (r"(?:x|y?)z", {"z"}),  # a branch that may be empty requires nothing, the z does
        (r"[^，。]+", None),
        (r"(?i:ab)c", {"c"}),  # letters of another case match inside (?i:…)
    ],
)
def test_required_words(pattern: str, words: set[str] | None) -> None:
    assert _words(pattern) == words


def test_ignorecase_pattern_requires_nothing() -> None:
    assert required_literals(re.compile("abc", re.IGNORECASE)) is None


@pytest.mark.parametrize(
    "pattern",
    [
        r"等?(?:[一二三两]+(?:大|个))?(?:优势|主导|重点){0,2}(?:产业链|产业|领域|企业)(?![园城]|基地)",
        r"(?=(重点发展|聚焦|发展))",
        r"(?:是|为)[^，]{0,6}?(?:供应商|企业)(?:之一)?",
        r"[^，。]+",
    ],
)
def test_prefiltered_finds_what_the_pattern_finds(pattern: str) -> None:
    compiled = re.compile(pattern)
    fast = Prefiltered(compiled)
    for text in TEXTS:
        for pos in range(len(text) + 1):
            for endpos in range(pos, len(text) + 1):
                assert [m.span() for m in fast.finditer(text, pos, endpos)] == [
                    m.span() for m in compiled.finditer(text, pos, endpos)
                ]
                got, want = fast.search(text, pos, endpos), compiled.search(text, pos, endpos)
                assert (got and got.span()) == (want and want.span())
        assert [m.span() for m in fast.finditer(text)] == [
            m.span() for m in compiled.finditer(text)
        ]
    # other methods are the pattern's own
    assert [fast.match(t) and fast.match(t).span() for t in TEXTS] == [
        compiled.match(t) and compiled.match(t).span() for t in TEXTS
    ]
