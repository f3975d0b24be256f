from pathlib import Path

import pytest

from kg.ingest import read_document
from kg.ingest.sentences import MAX_SENTENCE, split_sentences

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
