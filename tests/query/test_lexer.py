"""The lexer reads every character of the query into exactly one token, so no
part of it escapes the checks that read its tokens."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kg.query.errors import QuerySyntaxError
from kg.query.lexer import mask_comments, tokens, words

# SPARQL's pieces, so that generated texts hold strings, escapes, IRIs and comments
PIECES = [
    "SELECT", "where", "{", "}", "?s", "$o", "<urn:a>", "<", ">", "ex:a", "ex:a\\'b",
    "_:b", '"', "'", '"""', "'''", "\\", "\\u0053", "#", "\n", "\r", " ", "\t",
    "@en", "^^", "1", ".5", "1e3", "0.7SERVICE", "(", ")", ",", ";", ".", "中",
]  # fmt: skip
QUERYISH = st.one_of(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.text())


@given(QUERYISH)
@example('SELECT * WHERE { ?s ?p "a\\"b" } # "')
@example("'''a''\\'b'''")
def test_the_tokens_are_the_text(text):
    """Each token starts where the last ended; together they are the text, up to a
    quote that opens no complete string, which strict reading refuses."""
    try:
        read = list(tokens(text))
    except QuerySyntaxError as e:
        assert "never closed" in str(e)
        read = list(tokens(text, strict=False))
        at = sum(len(t) for _, t, _ in read)
        assert text[at] in "\"'"
    else:
        at = len(text)
    offset = 0
    for _kind, t, pos in read:
        assert t and pos == offset
        offset += len(t)
    assert "".join(t for _, t, _ in read) == text[:at]


@given(QUERYISH)
def test_masking_blanks_the_comments_and_nothing_else(text):
    try:
        read = list(tokens(text))
    except QuerySyntaxError:
        with pytest.raises(QuerySyntaxError):
            mask_comments(text)
        return
    masked = mask_comments(text)
    assert len(masked) == len(text)
    for kind, t, pos in read:
        if kind == "comment":
            assert t.startswith("#") and masked[pos : pos + len(t)] == " " * len(t)
        else:
            assert masked[pos : pos + len(t)] == t


def test_words_are_bare_keywords_only():
    q = 'PREFIX ex: <urn:SELECT> SELECT ?where WHERE { ?s ex:FILTER "ASK" } # DROP'
    assert words(q) == ["PREFIX", "SELECT", "WHERE"]
    assert words("FILTER(0.7SERVICE)") == ["FILTER", "SERVICE"]  # glued to a number
