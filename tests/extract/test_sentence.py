"""SentenceMentions: the token a position falls in, the words and kinds of a sentence."""

from __future__ import annotations

from kg.document import Sentence
from kg.extract import lexicons
from kg.extract.sentence import SentenceMentions


def _sm(text: str) -> SentenceMentions:
    return SentenceMentions(Sentence(0, len(text), text), lexicons.load())


def test_token_at_and_inside_agree_with_a_scan() -> None:
    sm = _sm("某某新材料（江苏）有限公司在2024年投资建设高端装备产业园。")
    for pos in range(len(sm.text) + 2):
        at = next((i for i, t in enumerate(sm.tokens) if t.start <= pos < t.end), None)
        inside = next((t for t in sm.tokens if t.start < pos < t.end), None)
        assert sm.token_at(pos) == at
        assert sm.token_inside(pos) == inside


def test_words_and_kinds() -> None:
    sm = _sm("甲公司（乙）生产ABC芯片，年产3000片")
    assert sm.words == [t.text for t in sm.tokens]
    assert sm.kinds == {t.kind for t in sm.tokens}
    assert {"bracket", "latin", "digit", "punct"} <= sm.kinds
