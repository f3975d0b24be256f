"""POS tags come from jieba's dictionary, through an SQLite cache built once."""

from __future__ import annotations

import random

import pytest

from kg.extract import postags


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """No table loaded in this process, the cache in tmp_path/cache."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    postags.table.cache_clear()
    postags.tag.cache_clear()
    yield tmp_path / "cache"
    postags.table.cache_clear()
    postags.tag.cache_clear()


@pytest.fixture(scope="module")
def jieba_tags() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def _sample(tags: dict[str, str]) -> list[str]:
    words = sorted(tags)
    return random.Random(0).sample(words, 2000) + ["不是一个词语", "园区xyz", ""]


def test_the_first_process_writes_the_cache_the_next_reads_it(fresh, jieba_tags) -> None:
    first = postags.table()
    assert isinstance(first, dict) and first == jieba_tags
    assert [p.suffix for p in fresh.iterdir()] == [".sqlite"]
    postags.table.cache_clear()
    postags.tag.cache_clear()
    cached = postags.table()
    assert not isinstance(cached, dict)
    for w in _sample(jieba_tags):
        assert postags.tag(w) == jieba_tags.get(w), w


def test_an_unwritable_cache_keeps_the_table_in_memory(fresh, jieba_tags) -> None:
    fresh.parent.mkdir(exist_ok=True)
    fresh.write_text("a file where the cache folder should be")
    assert postags.table() == jieba_tags
    assert postags.tag("发展") == jieba_tags["发展"]


def test_a_broken_cache_file_is_ignored(fresh, jieba_tags) -> None:
    postags.table()
    (cached,) = fresh.iterdir()
    cached.write_bytes(b"not a database")
    postags.table.cache_clear()
    assert postags.table() == jieba_tags
