"""Sentence tokens with offsets: jieba words, with short bracket groups glued.

Names such as 西部（重庆）科学城 or 派斯特(山东)环境科技有限公司 hold a bracket
group; gluing it into one token lets the name finders walk over it like any
other word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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


def tokenize(text: str) -> list[Token]:
    """jieba tokens with character offsets; short bracket groups become one token."""
    raw: list[Token] = []
    pos = 0
    for w in segmenter()(text):
        raw.append(Token(w, pos, pos + len(w), _kind(w)))
        pos += len(w)
    out: list[Token] = []
    i = 0
    while i < len(raw):
        t = raw[i]
        if t.text in OPEN:
            # find the matching close within a few tokens
            j = i + 1
            while (
                j < len(raw) and j - i <= 6 and raw[j].text not in CLOSE and raw[j].text not in OPEN
            ):
                j += 1
            if j < len(raw) and raw[j].text in CLOSE:
                inner = text[raw[i].end : raw[j].start]
                if 1 <= len(inner) <= 8 and not any(c in PUNCT for c in inner):
                    out.append(Token(text[t.start : raw[j].end], t.start, raw[j].end, "bracket"))
                    i = j + 1
                    continue
        if t.text == "中" and i + 1 < len(raw) and raw[i + 1].text in PARTNER_COUNTRIES:
            # 中 + 德 + 太仓产业园: China and a partner country, one word of a name
            out.append(Token(text[t.start : raw[i + 1].end], t.start, raw[i + 1].end, "word"))
            i += 2
            continue
        if (
            t.text == "中国"
            and i + 2 < len(raw)
            and raw[i + 1].text in _DASHES
            and raw[i + 2].kind == "word"
        ):
            # 中国—东盟, 中国—白俄罗斯: a partner country joined by a dash names one thing
            out.append(Token(text[t.start : raw[i + 2].end], t.start, raw[i + 2].end, "word"))
            i += 3
            continue
        out.append(t)
        i += 1
    return out


def bracket_inner(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] in OPEN and text[-1] in CLOSE else text
