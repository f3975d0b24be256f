"""Bytes → str for news text of unknown encoding.

Order of attempts (the first that works wins):

1. a byte-order mark (UTF-32 before UTF-16, since the UTF-32-LE mark starts
   with the UTF-16-LE one, and UTF-8 with signature);
2. strict UTF-8, tolerating a file cut in the middle of its last character;
3. UTF-16 without a mark, recognised by its NUL bytes on one parity (ASCII
   digits, spaces and newlines of Chinese news are ``xx 00`` or ``00 xx``);
4. ``charset-normalizer`` (GB18030/GBK/GB2312, Big5, UTF-16, …); GBK and
   GB2312 are decoded as GB18030, their superset;
5. strict GB18030 and Big5 with a cut last character, then UTF-8 with a few
   stray bytes replaced.

Binary junk (NUL-heavy bytes that are not UTF-16/32, or mostly control
characters once decoded) and undecodable input raise :class:`IngestError`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from kg.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# charset-normalizer names → the codec we decode with (supersets first)
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "hz": "gb18030",
    "big5hkscs": "big5hkscs",
    "cp950": "big5",
}

_CJK_FALLBACKS = ("gb18030", "big5")


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text, or raise ``IngestError`` with a short reason."""
    if not data:
        raise IngestError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = _decode_tolerant(body, encoding)
            if text is None:
                raise IngestError(f"cannot decode text (bad {encoding.upper()} after BOM)")
            return _check_text(text)

    text = _decode_tolerant(data, "utf-8")
    if text is not None:
        return _check_text(text)

    utf16 = _guess_utf16(data)
    if utf16 is not None:
        text = _decode_tolerant(data, utf16)
        if text is not None and _plausible(text):
            return _check_text(text)

    if _looks_binary(data):
        raise IngestError("binary file, not text")

    text = _detect(data)
    if text is not None:
        return _check_text(text)
    raise IngestError("cannot decode text")


def _decode_tolerant(data: bytes, encoding: str) -> str | None:
    """Strict decode; a multi-byte character cut at the very end is dropped."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        # "unexpected end of data": only the last (incomplete) character is bad
        if e.end == len(data) and len(data) - e.start <= 4:
            try:
                return data[: e.start].decode(encoding)
            except UnicodeDecodeError:
                return None
        return None
    except LookupError:  # pragma: no cover - unknown codec name
        return None


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: NUL bytes concentrated on even or odd positions."""
    if len(data) < 4:
        return None
    sample = data[: 1 << 16]
    n = len(sample) - (len(sample) % 2)
    even = sum(1 for i in range(0, n, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, n, 2) if sample[i] == 0)
    pairs = n // 2
    if pairs == 0:
        return None
    # ASCII (digits, newlines) gives NULs on one parity; CJK characters whose
    # low byte is 0 (一 U+4E00 is common) a few on the other
    if odd >= max(2, pairs * 0.02) and even <= odd * 0.25:
        return "utf-16-le"
    if even >= max(2, pairs * 0.02) and odd <= even * 0.25:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[: 1 << 16]
    nul = sample.count(0)
    if nul > 0 and nul >= len(sample) * 0.01:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > len(sample) * 0.1


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        best = None
    else:
        try:
            best = from_bytes(data).best()
        except Exception:  # noqa: BLE001 - detection is best effort
            best = None
    if best is not None:
        name = best.encoding.lower().replace("-", "_")
        codec = _ALIASES.get(name, name)
        text = _decode_tolerant(data, codec)
        if text is None and codec != best.encoding:
            text = _decode_tolerant(data, best.encoding)
        if text is not None and _plausible(text):
            return text
    for codec in _CJK_FALLBACKS:
        text = _decode_tolerant(data, codec)
        if text is not None and _plausible(text):
            return text
    # mostly UTF-8 with a few stray bytes (a damaged download)
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(1, len(text) // 1000) and _plausible(text):
        return text
    return None


def _plausible(text: str) -> bool:
    """Most characters are letters, digits, punctuation or spaces."""
    if not text:
        return False
    good = 0
    for ch in text[:20000]:
        cat = unicodedata.category(ch)
        if cat[0] in "LNPZS" or ch in "\n\r\t":
            good += 1
    return good >= 0.9 * min(len(text), 20000)


# characters that are never control, surrogate, private-use or unassigned: printable
# ASCII, the line breaks and tabs allowed, CJK ideographs assigned since Unicode 11
# (U+4E00-U+9FEF) and CJK punctuation and full-width forms (all assigned);
# _check_text looks only at the others, one by one
_PLAIN_TEXT = re.compile("[\x20-\x7e\n\r\t\f\u3000-\u303f\u4e00-\u9fef\uff01-\uff5e]+")


def _check_text(text: str) -> str:
    if not text.strip():
        raise IngestError("empty file")
    sample = text[:20000]
    bad = sum(
        1
        for ch in _PLAIN_TEXT.sub("", sample)
        if (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n\r\t\f")
    )
    if bad > len(sample) * 0.1:
        raise IngestError("binary file, not text")
    return text
