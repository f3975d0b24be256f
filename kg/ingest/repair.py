"""Repair OCR'd newspaper text, keeping a map back to the original.

Newspaper columns come out of OCR hard-wrapped in the middle of words, often
with a blank line after every wrapped line::

    西部（重庆）科学城再添国家级新

    名片。

:func:`repair` joins such breaks, keeps real paragraph breaks as one ``"\\n"``,
removes the spaces OCR puts between CJK characters and around numbers, and
strips control characters. It never changes other characters (full-width
punctuation, traditional characters stay as they are).

``repair(text)`` returns ``(fixed, source_map)`` with ``len(source_map) ==
len(fixed)``; ``source_map[i]`` is the offset in ``text`` of ``fixed[i]`` and
the map is strictly increasing. ``text[source_map[i]] == fixed[i]`` except that
a whitespace character may stand for another one (``"\\r"`` → ``"\\n"``, a tab
or a line break between two Latin words → ``" "``).

Paragraph breaks
----------------
A line break (with any blank lines around it) is kept when the line before it

* ends a sentence: its last character is one of ``。！？!?；;…：:`` (or ``.``
  not after a digit), possibly followed by closing quotes/brackets; or
* is a heading: a Markdown heading (``# …``), or a line that starts a
  paragraph, does not end with such punctuation, has no ``，,。；;！？``
  outside quotes (running text has them, titles rarely do), does not end in
  a digit or Latin letter (a number or word cut by the wrap: ``2.74`` +
  ``平方公里``) and is short
  compared with the column it sits in. The column width ``W`` is the 75th
  percentile of the display widths (CJK = 1, ASCII = ½) of the 8 non-blank
  lines after it (the paragraph it would start; earlier lines fill up the
  window at the end of the text), so a narrow column that follows a wide one
  is judged on its own. A line is short when its width is less than
  ``min(0.75·W, W − 3)``; the ``W − 3`` bound keeps the indented first line
  of a paragraph (two characters shorter than the column) from counting as a
  heading in narrow columns. A median would fail on short paragraphs, whose
  last lines pull it down.

Every other break falls inside a sentence and is joined (with a single space
when both sides are Latin letters or digits, e.g. ``Cytiva\\nBioPark``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# characters that end a sentence when they end a line
SENTENCE_END = set("。！？!?；;…⋯：:")
# closing quotes/brackets that may follow the sentence-final punctuation
CLOSERS = set("”’」』）)】》〕〉﹂﹄\"'")
# horizontal whitespace (newlines are handled separately)
_NEWLINES = set("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# invisible characters removed like control characters
_INVISIBLE = set("\ufeff\u200b\u2060\u00ad\ufffe")
# punctuation that typesets full width in Chinese text though Unicode calls it ambiguous
_WIDE_PUNCT = set("“”‘’…⋯—·‧")
# a line with these inside is running text, never a heading
_INNER_PUNCT = set("，,。；;！？!?")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|《[^》]*》")
# a line ending like this was cut inside a number or word ("建设2.74" + "平方公里")
_CUT_END = re.compile(r"[0-9A-Za-z.,\-/%]$")
_MD_HEADING = re.compile(r"#{1,6}(\s|$)")

WINDOW = 8  # lines on each side used to estimate the local column width
HEADING_RATIO = 0.75
HEADING_MARGIN = 3.0


@lru_cache(maxsize=1 << 16)
def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, hangul, full-width forms and CJK punctuation."""
    return unicodedata.east_asian_width(ch) in ("W", "F") or ch in _WIDE_PUNCT


def _is_space(ch: str) -> bool:
    return ch not in _NEWLINES and (ch == "\t" or unicodedata.category(ch) == "Zs")


def _is_word(ch: str) -> bool:
    """A Latin (or other narrow-script) letter or an ASCII digit."""
    return not is_wide(ch) and (ch.isalpha() or ch.isdigit())


def _is_ascii_punct(ch: str) -> bool:
    return ch.isascii() and not ch.isalnum() and ch.isprintable() and ch != " "


def _drop_space(a: str, b: str) -> bool:
    """Whether whitespace between characters ``a`` and ``b`` goes."""
    if is_wide(a) or is_wide(b):
        other = b if is_wide(a) else a
        return is_wide(other) or _is_word(other) or _is_ascii_punct(other)
    return a.isdigit() and b.isdigit() and a.isascii() and b.isascii()


def ends_sentence(chars: str) -> bool:
    """Whether ``chars`` (a line) ends with sentence-final punctuation."""
    i = len(chars) - 1
    while i >= 0 and chars[i] in CLOSERS:
        i -= 1
    if i < 0:
        return False
    ch = chars[i]
    if ch in SENTENCE_END:
        return True
    if ch == "." and i > 0 and not chars[i - 1].isdigit():
        return True
    return False


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    pos = (len(sorted_values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


# every character _normalise treats specially (newlines, invisible characters, tab and
# the Unicode categories Zs, Cc and Cs); all others are copied as they are.
# tests/ingest/test_repair_special.py checks this class against the Unicode database.
_SPECIAL = re.compile(
    "[\x00-\x1f\x20\x7f-\x9f\xa0\xad\u1680\u2000-\u200b\u2028\u2029\u202f\u205f"
    "\u2060\u3000\ud800-\udfff\ufeff\ufffe]"
)


# the special characters that _normalise changes: all but "\n" and " ", which it
# keeps as they are (tests/ingest/test_repair_special.py checks this too)
_CHANGED = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\xa0\xad\u1680\u2000-\u200b\u2028\u2029\u202f\u205f"
    "\u2060\u3000\ud800-\udfff\ufeff\ufffe]"
)


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text with newlines unified and control characters dropped, and the
    offset in ``text`` of each of its characters.

    Runs of characters kept as they are are copied in bulk (slices and ranges);
    only the characters one regex scan finds are looked at one by one.
    """
    parts: list[str] = []
    offsets: list[int] = []
    n = len(text)
    pos = 0
    for m in _CHANGED.finditer(text):
        i = m.start()
        if pos < i:
            parts.append(text[pos:i])
            offsets.extend(range(pos, i))
        ch = text[i]
        pos = i + 1
        if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
            continue  # the "\n" that follows stands for the pair
        if ch in _NEWLINES:
            parts.append("\n")
            offsets.append(i)
        elif ch == "\t":
            parts.append("\t")  # a column break: _clean_line keeps it
            offsets.append(i)
        elif _is_space(ch):
            parts.append(" ")
            offsets.append(i)
        # else: invisible or control characters are dropped
    if pos == 0:
        return text, list(range(n))
    if pos < n:
        parts.append(text[pos:])
        offsets.extend(range(pos, n))
    return "".join(parts), offsets


def _normalise(text: str) -> list[tuple[str, int]]:
    """Characters with their offsets; newlines unified, control chars dropped."""
    chars, offsets = _normalised(text)
    return list(zip(chars, offsets, strict=True))


def _clean_line(line: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Strip the line; drop or collapse the spaces inside it.

    A short line with no sentence punctuation and one space between Chinese
    characters is a headline whose space separates two phrases ("X再发力 Y科学城
    加快…"): that space stays, or the two phrases would glue into one name.
    """
    out: list[tuple[str, int]] = []
    i, n = 0, len(line)
    # a row of a table: two or more tabs between its cells (a lone tab is spacing)
    row = sum(1 for k in range(1, n) if line[k][0] == "\t" and line[k - 1][0] not in " \t") >= 2
    if not row:
        line = [(" " if c == "\t" else c, o) for c, o in line]
    keep_cjk_space = _is_headline(line)
    while i < n:
        ch, off = line[i]
        if ch != " " and ch != "\t":
            out.append((ch, off))
            i += 1
            continue
        j = i
        while j < n and line[j][0] in " \t":
            j += 1
        tab = next((o for c, o in line[i:j] if c == "\t"), None) if row else None
        if tab is not None and out and j < n:
            out.append(("\t", tab))  # a table's columns (企业名称, 所在园区) stay apart
        elif (
            out
            and j < n
            and (
                not _drop_space(out[-1][0], line[j][0])
                or all(c == "#" for c, _ in out)
                or (keep_cjk_space and is_wide(out[-1][0]) and is_wide(line[j][0]))
            )
        ):
            out.append((" ", off))
        i = j
    return out


def _is_headline(line: list[tuple[str, int]]) -> bool:
    """A short line without sentence punctuation and exactly one run of spaces
    between two Chinese characters (letter-spaced OCR has many)."""
    text = "".join(ch for ch, _ in line).strip()
    if not 6 <= len(text) <= 40 or any(c in "，。；！？,;" for c in text) or text[0] == "#":
        return False
    gaps = sum(
        1
        for k in range(1, len(text) - 1)
        if text[k] == " " and text[k - 1] != " " and is_wide(text[k - 1]) and is_wide(text[k + 1])
    )
    return gaps == 1


Line = tuple[str, list[int], int]  # text, offsets of its characters, of its newline


def _split_lines(text: str, offsets: list[int]) -> list[Line]:
    """Non-blank lines of normalised text, cleaned (:func:`_clean_line`), each with
    the offsets of its characters and of the newline that ends it (-1 at the end).
    A line without a space is already clean: it is sliced, not walked."""
    lines: list[Line] = []
    n = len(text)
    a = 0
    while a <= n:
        b = text.find("\n", a)
        if b < 0:
            b = n
        line = text[a:b]
        newline_at = offsets[b] if b < n else -1
        if " " not in line and "\t" not in line:
            if line:
                lines.append((line, offsets[a:b], newline_at))
        else:
            cleaned = _clean_line(list(zip(line, offsets[a:b], strict=True)))
            if cleaned:
                lines.append(("".join(c for c, _ in cleaned), [o for _, o in cleaned], newline_at))
        a = b + 1
    return lines


def _line_width(line: str) -> float:
    """Display width without spaces: CJK = 1, other characters ½."""
    wide = sum(map(is_wide, line))
    return wide + 0.5 * (len(line) - line.count(" ") - wide)


def _local_widths(widths: list[float]) -> list[float]:
    """Column width at each line: 75th percentile of the widths of the lines after it.

    The lines that follow a line are the paragraph it starts (or the text under
    a heading), so a narrow column that begins after a wide one is measured on
    its own lines. Near the end, earlier lines fill the window up.
    """
    n = len(widths)
    out: list[float] = []
    for i in range(n):
        window = widths[i + 1 : i + 1 + WINDOW]
        if len(window) < WINDOW:
            window = window + widths[max(0, i - (WINDOW - len(window))) : i]
        if not window:
            window = [widths[i]]
        out.append(_percentile(sorted(window), 0.75))
    return out


def paragraph_breaks(lines: list[str], widths: list[float] | None = None) -> list[bool]:
    """For each line, whether the break after it is a paragraph break."""
    if widths is None:
        widths = [sum(1.0 if is_wide(c) else 0.5 for c in s if c != " ") for s in lines]
    local = _local_widths(widths)
    keep: list[bool] = []
    starts_paragraph = True
    for s, w, col in zip(lines, widths, local, strict=True):
        if _MD_HEADING.match(s) or "\t" in s:
            brk = True  # (a tab survives cleaning only in a table's row: one row a line)
        elif ends_sentence(s):
            brk = True
        else:
            brk = (
                starts_paragraph
                and not _CUT_END.search(s)
                and w < min(HEADING_RATIO * col, col - HEADING_MARGIN)
                and not any(c in _INNER_PUNCT for c in _QUOTED.sub("", s))
            )
        keep.append(brk)
        starts_paragraph = brk
    return keep


def repair(text: str, join_lines: bool = True) -> tuple[str, list[int]]:
    """Repaired text and its map to offsets in ``text`` (see the module doc).

    With ``join_lines=False`` (formats whose paragraphs are explicit: HTML,
    DOCX) every non-blank line stays a paragraph; only spaces and control
    characters are repaired.
    """
    lines = _split_lines(*_normalised(text))
    if not lines:
        return "", []
    strings = [line for line, _, _ in lines]
    if join_lines:
        keep = paragraph_breaks(strings, [_line_width(line) for line in strings])
    else:
        keep = [True] * len(lines)
    out_chars: list[str] = []
    out_map: list[int] = []
    last = len(lines) - 1
    for idx, (line, offsets, newline_at) in enumerate(lines):
        out_chars.append(line)
        out_map.extend(offsets)
        if idx == last:
            break
        if keep[idx]:
            out_chars.append("\n")
            out_map.append(newline_at)
        else:
            a = line[-1]
            b = lines[idx + 1][0][0]
            if _is_word(a) and _is_word(b) and not (a.isdigit() and b.isdigit()):
                out_chars.append(" ")
                out_map.append(newline_at)
    return "".join(out_chars), out_map
