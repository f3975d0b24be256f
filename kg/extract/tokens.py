"""Sentence tokens with offsets: jieba words, with short bracket groups glued.

Names such as 西部（重庆）科学城 or 派斯特(山东)环境科技有限公司 hold a bracket
group; gluing it into one token lets the name finders walk over it like any
other word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import accumulate

from kg.extract.segment import segmenter

OPEN = "（("
CLOSE = "）)"
PUNCT = (
    set("丨｜，,。．.！!？?；;：:、\"'“”‘’「」『』《》〈〉【】[]—-–~～…·•/\\|+＋　 \t\n")
    | set("■□◆◇▲△★☆●○◎▪")  # bullets of a list's entries
    | set(OPEN)
    | set(CLOSE)
)
# one-character names of countries China builds parks with (中德, 中新, 中泰…)
PARTNER_COUNTRIES = frozenset(
    "泰新德马韩日法以俄白欧意英美印瑞荷比奥澳巴埃阿哈乌吉塔土越老柬缅菲蒙"
)
_DASHES = ("—", "－", "-", "–", "——")
_CJK_NUM = re.compile(r"^第?[一二三四五六七八九十百千零〇两]+$")
_DIGITS = re.compile(r"^[0-9０-９.．%％]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9\-&+.]*$")


@dataclass
class Token:
    text: str
    start: int
    end: int
    kind: str = "word"  # word | punct | digit | bracket | latin | space

    @property
    def is_break(self) -> bool:
        return self.kind in ("punct", "digit", "space")


# the words that may be glued to the words after them (see tokenize): a word
# ``in OPEN`` (a substring of it), 中 and 中国
_GLUE_FIRST = frozenset({"", *OPEN, OPEN, "中", "中国"})


@functools.lru_cache(maxsize=65536)
def _kind(w: str) -> str:
    if w.isspace():
        return "space"
    if all(c in PUNCT for c in w):
        return "punct"
    if _DIGITS.match(w):
        return "digit"
    if _LATIN.match(w):
        return "latin"
    return "word"


def is_cjk_numeral(w: str) -> bool:
    return bool(_CJK_NUM.match(w))


def tokenize(text: str, words: list[str] | None = None) -> list[Token]:
    """jieba tokens with character offsets; short bracket groups become one token.

    ``words``: the segmenter's words of ``text``, when they were cut already."""
    if words is None:
        words = segmenter()(text)
    ends = list(accumulate(map(len, words)))
    starts = [0, *ends[:-1]] if ends else []
    raw = list(map(Token, words, starts, ends, map(_kind, words)))
    firsts = [i for i, w in enumerate(words) if w in _GLUE_FIRST]
    if not firsts:
        return raw
    # only a bracket, 中 or 中国 starts a glued token: the words between are copied
    out: list[Token] = []
    i = 0
    for k in firsts:
        if k < i:
            continue  # glued to an earlier one
        out += raw[i:k]
        glued = _glued(text, raw, k)
        if glued is None:
            out.append(raw[k])
            i = k + 1
        else:
            out.append(glued[0])
            i = glued[1]
    out += raw[i:]
    return out


def _glued(text: str, raw: list[Token], i: int) -> tuple[Token, int] | None:
    """The token glued from ``raw[i]`` and the words after it, and the index after
    them; None when ``raw[i]`` stays a token of its own."""
    t = raw[i]
    if t.text in OPEN:
        # find the matching close within a few tokens
        j = i + 1
        while j < len(raw) and j - i <= 6 and raw[j].text not in CLOSE and raw[j].text not in OPEN:
            j += 1
        if j < len(raw) and raw[j].text in CLOSE:
            inner = text[raw[i].end : raw[j].start]
            if 1 <= len(inner) <= 8 and not any(c in PUNCT for c in inner):
                return Token(text[t.start : raw[j].end], t.start, raw[j].end, "bracket"), j + 1
    if t.text == "中" and i + 1 < len(raw) and raw[i + 1].text in PARTNER_COUNTRIES:
        # 中 + 德 + 太仓产业园: China and a partner country, one word of a name
        return Token(text[t.start : raw[i + 1].end], t.start, raw[i + 1].end, "word"), i + 2
    if (
        t.text == "中国"
        and i + 2 < len(raw)
        and raw[i + 1].text in _DASHES
        and raw[i + 2].kind == "word"
    ):
        # 中国—东盟, 中国—白俄罗斯: a partner country joined by a dash names one thing
        return Token(text[t.start : raw[i + 2].end], t.start, raw[i + 2].end, "word"), i + 3
    return None


def bracket_inner(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] in OPEN and text[-1] in CLOSE else text
