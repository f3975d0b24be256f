"""The segmenter gives jieba's words (rjieba, jieba's dictionary and algorithm in Rust)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.extract import segment

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def jieba_cut():
    import jieba

    return segment.jieba_cut(jieba)


def test_rjieba_is_the_segmenter() -> None:
    import rjieba  # noqa: F401 - a dependency: installed

    assert segment.segmenter()("苏州工业园区") == ["苏州工业园区"]


def test_cuts_like_jieba_with_our_words(jieba_cut) -> None:
    cut = segment.segmenter()
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    assert cut(source) == jieba_cut(source)
    rnd = random.Random(0)
    for _ in range(400):
        i = rnd.randrange(len(source))
        piece = source[i : i + rnd.randint(1, 160)]
        assert cut(piece) == jieba_cut(piece), piece


@pytest.mark.parametrize(
    "text",
    ["电话0851-87995313，网址gxq.guiyang.gov.cn", "AEC-Q100认证", "1-6月增长5.5%", "C++与5G"],
)
def test_runs_of_letters_digits_and_punctuation_split_like_jieba(jieba_cut, text) -> None:
    assert segment.segmenter()(text) == jieba_cut(text)


def test_a_list_closer_is_cut_off_a_made_up_word_but_not_off_dictionary_words() -> None:
    from kg.extract.segment import segmenter

    words = segmenter()("瑞丰碳基等一批项目落地，人人平等。")
    assert "等" in words and "基等" not in words
    assert "人人平等" in words or "平等" in words


def test_a_firms_legal_ending_is_cut_off_the_noun_jieba_glues_to_it() -> None:
    from kg.extract.segment import segmenter

    words = segmenter()("某某生物科技公司章程规定，中国电子科技集团公司董事长出席。")
    assert "公司章程" not in words and "章程" in words
    assert "集团公司" in words  # a suffix of the lexicon stays whole
