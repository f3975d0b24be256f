"""Word segmentation: jieba's dictionary and algorithm, with our lexicon words added.

The preferred backend is rjieba, the Python binding of jieba-rs: jieba's
dictionary and DAG + HMM algorithm in Rust, about ten times faster than
jieba_fast and with a quarter of its start-up (the dictionary is compiled in,
no cache file to read). jieba-rs keeps a run such as ``1-6`` or ``a.b.cn`` in
one token where jieba splits it at the punctuation; :func:`_split_non_han`
splits those that are not dictionary words (C++ is one) the way jieba does,
so the words are jieba's (tests/extract/test_segment.py, on the seeds). One
difference is left: the HMM can cut an unknown pair of characters apart where
jieba keeps it (合肥通金生物医药 → 通/金); the records of 1,000 generated
documents were identical either way. jieba_fast, then plain jieba, are the
fallbacks.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable

from kg.extract import lexicons

Cut = Callable[[str], list[str]]

# jieba's finalseg: outside Han runs, letters/digits (with a decimal part and %) are
# words and everything else is one character a word
_HAN = re.compile("[\u4e00-\u9fd5]")
_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_PLAIN = re.compile(r"[a-zA-Z0-9]+(?:\.\d+)?%?")


def _lexicon_words() -> list[tuple[str, int]]:
    """(word, frequency) of every lexicon word the segmenter must keep whole."""
    lex = lexicons.load()
    words: list[tuple[str, int]] = []
    for word in list(lex.suffixes) + list(lex.park_names) + list(lex.industries):
        # (not a Latin word: jieba keeps a Latin run whole, and CMO in its dictionary
        # cut CMOS into CMO + S)
        if len(word) >= 2 and _HAN.search(word):
            words.append((word, 2000))
    words += [(w, 1000) for w in lex.places if len(w) >= 2]
    words += [(w, 5000) for w in lex.stop_tokens if len(w) >= 2]
    return words


def _split_non_han(words: list[str], known: Callable[[str], bool]) -> list[str]:
    out: list[str] = []
    for w in words:
        if len(w) > 1 and not _HAN.search(w) and not _PLAIN.fullmatch(w) and not known(w):
            out.extend(x for x in _SKIP.split(w) if x)
        else:
            out.append(w)
    return out


def _split_glued(words: list[str], known: Callable[[str], bool]) -> list[str]:
    """Cut a list's closer 等 or a copula 是 off a word the HMM made up (东金碳/基等 →
    基, 等; 制造园是 → 园, 是), and a firm's legal ending off the noun glued to it
    (恒某生物科技 + 公司章程 → 公司, 章程).

    Dictionary words that end in 等 (平等, 高等) stay whole.
    """
    out: list[str] = []
    for w in words:
        if len(w) > 1 and w[-1] in "等是" and _HAN.match(w[-2]) and not known(w):
            out += [w[:-1], w[-1]]
        elif len(w) > 2 and w.startswith(_FIRM_ENDINGS) and w not in lexicons.load().suffixes:
            out += [w[:2], w[2:]]
        else:
            out.append(w)
    return out


# a firm's name ends in these; jieba glues them to the next noun (公司章程, 公司董事长)
_FIRM_ENDINGS = ("公司", "集团")


def rjieba_cut() -> Cut:
    import rjieba  # importing it builds its default segmenter (jieba's dictionary)

    # that default is the one this process uses: a second Jieba() would load the
    # dictionary again (80 ms of every `kg add`); kg is its only user in the process
    for word, freq in _lexicon_words():
        rjieba.add_word(word, freq, None)
    cut, known = rjieba.cut, rjieba.has_word
    return _per_word(lambda text: cut(text, True), known)


def _per_word(cut: Cut, known: Callable[[str], bool]) -> Cut:
    """``cut`` then :func:`_split_non_han` and :func:`_split_glued`, which look at one
    word at a time: each distinct word is fixed once and remembered (most words
    of a text are seen before; the dictionary does not change meanwhile)."""
    fixed: dict[str, tuple[str, ...]] = {}
    whole: set[str] = set()  # words the fix-ups leave as they are (most)
    limit = 1 << 18  # distinct words remembered, at most (a few tens of MB)

    def fix(word: str) -> tuple[str, ...]:
        if len(fixed) + len(whole) >= limit:
            fixed.clear()
            whole.clear()
        out = fixed[word] = tuple(_split_glued(_split_non_han([word], known), known))
        if out == (word,):
            whole.add(word)
        return out

    def cut_fixed(text: str) -> list[str]:
        words = cut(text)
        if whole.issuperset(words):
            return words  # (a test in C: most sentences have no word to fix)
        out: list[str] = []
        get = fixed.get
        for w in words:
            out += get(w) or fix(w)
        return out

    return cut_fixed


def jieba_cut(jieba_module) -> Cut:
    """A fresh tokenizer of ``jieba_module`` (jieba or jieba_fast) with our words added."""
    jieba_module.setLogLevel(logging.WARNING)
    tok = jieba_module.Tokenizer()
    tok.initialize()
    for word, freq in _lexicon_words():
        tok.add_word(word, freq=freq)
    return lambda text: _split_glued(tok.lcut(text, HMM=True), tok.FREQ.__contains__)


@functools.lru_cache(maxsize=1)
def segmenter() -> Cut:
    """The process's word segmenter (loaded once): ``cut(text) -> words``."""
    try:
        return rjieba_cut()
    except ImportError:  # pragma: no cover - exercised where rjieba is absent
        pass
    try:
        import jieba_fast as jieba
    except ImportError:  # pragma: no cover
        import jieba
    return jieba_cut(jieba)
