from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import read_document
from kg.ingest.sentences import HARD_MAX, MAX_SENTENCE, split_sentences

SEED_FILES = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_offsets_are_exact_on_seeds(path):
    doc = read_document(path)
    assert len(doc.sentences) > 20
    prev_end = 0
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= prev_end
        assert "\n" not in s.text
        prev_end = s.end


def test_chinese_punctuation_and_quotes():
    text = "重庆高新区入选基地。“这里的环境很好。”黎建波说。真的吗？是的！下一步；继续"
    assert texts(text) == [
        "重庆高新区入选基地。",
        "“这里的环境很好。”",
        "黎建波说。",
        "真的吗？",
        "是的！",
        "下一步；",
        "继续",
    ]


def test_ascii_punctuation_and_paragraphs():
    text = "昆山高新区:党建“链”出产业新画卷\n如何抓好党建?答案是:坚持引领!好的;继续"
    assert texts(text) == [
        "昆山高新区:党建“链”出产业新画卷",
        "如何抓好党建?",
        "答案是:坚持引领!",
        "好的;",
        "继续",
    ]


def test_decimals_and_abbreviations_are_not_split():
    text = "建设2.74平方公里的总部区。Cytiva Co. Ltd. and Dr. J. Smith met e.g. here. Next one."
    assert texts(text) == [
        "建设2.74平方公里的总部区。",
        "Cytiva Co. Ltd. and Dr. J. Smith met e.g. here.",
        "Next one.",
    ]
    assert texts("产值约1.3亿元，增长12.5%。") == ["产值约1.3亿元，增长12.5%。"]


def test_closing_brackets_stay():
    assert texts("（本报记者叶伟。）下一句。") == ["（本报记者叶伟。）", "下一句。"]
    assert texts("他说「好！」』再见。") == ["他说「好！」』", "再见。"]


def test_long_sentence_is_cut_at_commas():
    clause = "西部（重庆）科学城聚焦主导产业发展"  # 17 chars
    text = "，".join([clause] * 40) + "。"
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(s.text.endswith(("，", "。")) for s in sentences)
    assert "".join(s.text for s in sentences) == text


def test_long_sentence_without_commas_is_kept():
    text = "重" * 400
    assert texts(text) == [text]


def test_whitespace_only():
    assert split_sentences("") == []
    assert split_sentences(" \n \n") == []


# ------------------------------------------------------------------ no sentence is unbounded

_ALPHABET = "高新区园科技有限公司产业发展重庆合肥AB12 、：，,\u3000"


def _check_pieces(text: str) -> list:
    sentences = split_sentences(text)
    prev = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text and s.text == s.text.strip()
        assert len(s.text) <= HARD_MAX
        assert s.start >= prev
        assert not text[prev : s.start].strip()  # nothing but space between pieces
        prev = s.end
    assert not text[prev:].strip()
    return sentences


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=HARD_MAX, max_size=6 * HARD_MAX))
def test_any_text_without_terminators_is_cut_into_bounded_pieces(text):
    """Every piece is at most HARD_MAX long, offsets are exact and nothing is lost,
    whatever mix of commas, 、, spaces and none the text has."""
    _check_pieces(text)


def test_text_with_no_punctuation_at_all_is_cut_at_the_hard_limit():
    text = "高新区科技园" * (100_000 // 6)
    sentences = _check_pieces(text)
    assert len(sentences) == -(-len(text) // HARD_MAX)  # pieces are full, not slivers


def test_a_long_list_of_firms_is_cut_between_names():
    names = [f"{a}{b}科技有限公司" for a in "华信达通宏远中创新泰" for b in "安瑞德康源盛兴国华信"]
    text = "园区企业有" + "、".join(names * 20) + "等。"  # 2,000 firms, about 20,000 characters
    sentences = _check_pieces(text)
    assert len(sentences) > len(text) // HARD_MAX
    for s in sentences[:-1]:
        assert s.text.endswith("、")  # never inside a name


def test_extraction_work_grows_linearly_with_unpunctuated_text():
    """The work of the whole extraction (Python lines run in kg/, counted, not
    timed) on text without punctuation: twice the text, about twice the work.
    A sentence of the whole text made it quadratic (20k characters 2.6 s, 80k 57 s)."""
    base = "重庆高新区金凤生物医药产业园吸引了重庆植恩药业有限公司入驻并与西南大学签约合作"
    small = _lines_run((base * 200)[:4000])
    large = _lines_run((base * 400)[:8000])
    assert large / small < 2.5, (small, large)


def _lines_run(text: str) -> int:
    from work_helpers import lines_run

    from kg.extract import run_pipeline
    from kg.ingest import document_from_text

    run_pipeline(document_from_text("合肥高新区聚焦人工智能产业。"))  # lexicons loaded first
    return lines_run(lambda: run_pipeline(document_from_text(text)))
