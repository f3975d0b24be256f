"""Split repaired text into sentences with exact character offsets.

A sentence ends

* after ``。！？!?；;`` (a run of them counts as one: ``？！``, ``!!``), together
  with the closing quotes and brackets that follow (``”’」』）)》】``), so
  ``“……发展环境。”`` stays whole;
* after an ASCII ``.`` that is followed by whitespace, a CJK character or the
  end of the text, unless it belongs to a number (``2.74``) or a Latin
  abbreviation (``Co.``, ``Ltd.``, ``e.g.``, ``U.S.``, single initials);
* at a paragraph break (``"\\n"``).

Each :class:`~kg.document.Sentence` satisfies ``text[s.start:s.end] == s.text``
and has no surrounding whitespace. A sentence longer than ``MAX_SENTENCE``
characters is cut after its last ``，``/``,`` that keeps the piece within the
limit, else after the first comma past it. No piece is longer than
``HARD_MAX``: without a comma there, it is cut after the last soft break
(``、：:`` or a space) within ``HARD_MAX``, and text with none (a list of 2,000
firms joined by 、 is cut at a 、; 100,000 characters without punctuation) is
cut at ``HARD_MAX``. Every per-sentence step of extraction (some quadratic in
the sentence) is then bounded, so extraction is linear in the text's length.
"""

from __future__ import annotations

import re

from kg.document import Sentence

TERMINATORS = set("。！？!?；;｡")
CLOSERS = set("”’」』）)】》〕〉﹂﹄\"'")
MAX_SENTENCE = 300
HARD_MAX = 600
COMMAS = set("，,")
SOFT_BREAKS = set("、：:;； \t\u3000")

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "co",
    "corp",
    "inc",
    "ltd",
    "llc",
    "plc",
    "dept",
    "univ",
    "no",
    "nos",
    "vol",
    "fig",
    "vs",
    "etc",
    "al",
    "approx",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "e.g",
    "i.e",
}


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _period_ends_sentence(text: str, i: int) -> bool:
    """Whether the ASCII ``.`` at ``i`` ends a sentence."""
    n = len(text)
    nxt = text[i + 1] if i + 1 < n else ""
    prev = text[i - 1] if i > 0 else ""
    if nxt and not (_is_space(nxt) or _is_cjk(nxt) or nxt in CLOSERS):
        return False  # 2.74, example.com, U.S.A
    if prev.isdigit() and nxt.isdigit():
        return False
    if nxt == "." or prev == ".":
        return False  # "..." handled as an ellipsis, no split
    # the word before the period
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == ".") and not _is_cjk(text[j - 1]):
        j -= 1
    word = text[j:i].lower()
    if not word:
        return not prev.isdigit() or not nxt or _is_space(nxt)
    if word in ABBREVIATIONS or "." in word:
        return False
    if len(word) == 1 and text[i - 1].isupper():
        return False  # an initial: J. Smith
    return True


_CANDIDATE = re.compile("[\n." + re.escape("".join(sorted(TERMINATORS))) + "]")


def _boundaries(text: str) -> list[int]:
    """End offsets (exclusive) of the raw sentence pieces.

    One regex scan finds the candidate breaks (newlines, terminators, periods);
    only periods need a closer look.
    """
    ends: list[int] = []
    n = len(text)
    i = 0
    for m in _CANDIDATE.finditer(text):
        k = m.start()
        if k < i:
            continue  # inside a run already consumed
        ch = text[k]
        if ch == "\n":
            ends.append(k)
            i = k + 1
            continue
        if ch == "." and not _period_ends_sentence(text, k):
            continue
        j = k + 1
        while j < n and (text[j] in TERMINATORS or text[j] in CLOSERS):
            j += 1
        ends.append(j)
        i = j
    ends.append(n)
    return ends


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return start, end


def _last_in(text: str, chars: set[str], lo: int, hi: int) -> int:
    """The offset just after the last of ``chars`` in ``text[lo:hi]``, or -1."""
    for k in range(hi - 1, lo - 1, -1):
        if text[k] in chars:
            return k + 1
    return -1


def _first_in(text: str, chars: set[str], lo: int, hi: int) -> int:
    for k in range(lo, hi):
        if text[k] in chars:
            return k + 1
    return -1


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of a sentence over ``MAX_SENTENCE`` (see the module doc); each
    step looks at most ``HARD_MAX`` characters, so this is linear too."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        cut = _last_in(text, COMMAS, start + 1, start + MAX_SENTENCE)
        if cut == -1:  # no comma within the limit: the first one after it
            cut = _first_in(text, COMMAS, start + MAX_SENTENCE, min(end - 1, start + HARD_MAX))
        if cut == -1 and end - start > HARD_MAX:
            cut = _last_in(text, SOFT_BREAKS, start + 1, start + HARD_MAX)
            if cut == -1:
                cut = start + HARD_MAX
        if cut == -1:
            break
        pieces.append((start, cut))
        start, _ = _strip(text, cut, end)
    pieces.append((start, end))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets into it (see the module doc)."""
    out: list[Sentence] = []
    start = 0
    for end in _boundaries(text):
        s, e = _strip(text, start, end)
        start = end
        if s >= e:
            continue
        for a, b in _cut_long(text, s, e):
            a, b = _strip(text, a, b)
            if a < b:
                out.append(Sentence(start=a, end=b, text=text[a:b]))
    return out
