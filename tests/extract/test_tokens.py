"""Tokens: jieba words with exact character offsets, short bracket groups glued."""

from __future__ import annotations

import pytest

from kg.extract.tokens import bracket_inner, is_cjk_numeral, tokenize


def _check_offsets(text: str, tokens) -> None:
    """Tokens tile the text: contiguous, in order, and each one's text is its slice."""
    pos = 0
    for t in tokens:
        assert t.start == pos, (t, pos)
        assert t.end > t.start
        assert text[t.start : t.end] == t.text
        pos = t.end
    assert pos == len(text)


@pytest.mark.parametrize(
    ("text", "bracket"),
    [
        ("西部（重庆）科学城西永微电园", "（重庆）"),
        ("派斯特(山东)环境科技有限公司在这里投资", "(山东)"),
        ("尤尼泰科（重庆）医疗科技有限公司落户", "（重庆）"),
        ("杭州高新区(滨江)集聚了一批企业", "(滨江)"),
    ],
)
def test_bracket_group_is_one_token(text: str, bracket: str) -> None:
    tokens = tokenize(text)
    _check_offsets(text, tokens)
    brackets = [t for t in tokens if t.kind == "bracket"]
    assert [t.text for t in brackets] == [bracket]
    b = brackets[0]
    assert (b.start, b.end) == (text.index(bracket), text.index(bracket) + len(bracket))
    # nothing else is a lone bracket character
    assert not any(t.text in "（()）" for t in tokens)


def test_science_city_tokens_exact() -> None:
    text = "西部（重庆）科学城西永微电园"
    tokens = tokenize(text)
    assert [(t.text, t.start, t.end) for t in tokens][:3] == [
        ("西部", 0, 2),
        ("（重庆）", 2, 6),
        ("科学城", 6, 9),
    ]


def test_long_or_punctuated_bracket_is_not_glued() -> None:
    # a bracketed aside with punctuation inside is not part of a name
    text = "重庆高新区（以下简称“高新区”，位于西部）发布政策"
    tokens = tokenize(text)
    _check_offsets(text, tokens)
    assert not [t for t in tokens if t.kind == "bracket"]
    assert any(t.text == "（" for t in tokens)


def test_unclosed_bracket_stays_punctuation() -> None:
    text = "派斯特(山东环境科技有限公司"
    tokens = tokenize(text)
    _check_offsets(text, tokens)
    assert not [t for t in tokens if t.kind == "bracket"]


def test_token_kinds() -> None:
    text = "今年 4 月，SK海力士投资 16.5 亿元。"
    tokens = tokenize(text)
    _check_offsets(text, tokens)
    kinds = {t.text: t.kind for t in tokens}
    assert kinds["，"] == "punct"
    assert kinds["。"] == "punct"
    assert kinds["4"] == "digit"
    assert kinds[" "] == "space"
    assert all(t.is_break for t in tokens if t.kind in ("punct", "digit", "space"))


def test_offsets_with_mixed_scripts_and_newlines() -> None:
    text = "Cytiva（思拓凡）合作组建重\n庆生物医药技术研究院，建设 Cytiva BioPark。"
    _check_offsets(text, tokenize(text))


def test_empty_text() -> None:
    assert tokenize("") == []


def test_helpers() -> None:
    assert bracket_inner("（重庆）") == "重庆"
    assert bracket_inner("(山东)") == "山东"
    assert bracket_inner("重庆") == "重庆"
    assert is_cjk_numeral("第三")
    assert is_cjk_numeral("二十")
    assert not is_cjk_numeral("三星")
