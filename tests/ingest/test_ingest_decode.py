import codecs
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest.decode import decode_bytes

SEED_FILES = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))

ARTICLE = SEED_FILES[0].read_text(encoding="utf-8")[:1500]
TRAD = (
    "貴州科學城\n\n貴陽高新技術產業開發區歡迎您。重慶高新區入選國家外貿轉型升級基地（生物醫藥）。\n"
)


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("gb18030"),
        ARTICLE.encode("gbk"),
        codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("utf-16-le"),
        ARTICLE.encode("utf-16-be"),
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-32"),
    ],
    ids=["gb18030", "gbk", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf8-sig", "utf32"],
)
def test_encodings_decode_to_same_text(data):
    assert decode_bytes(data) == ARTICLE


def test_big5_traditional_text():
    assert decode_bytes((TRAD * 5).encode("big5")) == TRAD * 5


def test_full_seed_in_gb18030():
    text = SEED_FILES[2].read_text(encoding="utf-8")
    assert decode_bytes(text.encode("gb18030")) == text


def test_truncated_utf8_drops_partial_char():
    data = ARTICLE.encode("utf-8")
    cut = data[:-1] if ARTICLE[-1] > "\x7f" else data + "重".encode()[:2]
    text = decode_bytes(cut)
    assert ARTICLE.startswith(text) and len(text) >= len(ARTICLE) - 1
    assert "\ufffd" not in text


def test_truncated_utf8_in_the_middle_of_a_cjk_char():
    data = "重庆高新区入选国家外贸转型升级基地".encode()
    assert decode_bytes(data[:-2]) == "重庆高新区入选国家外贸转型升级基"


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07" * 100, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(400), "binary"),
    ],
)
def test_rejects_junk(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode_bytes(data)


def test_rejects_undecodable():
    # valid in no CJK encoding and not text-like in any single-byte one
    junk = bytes([0x81, 0x30, 0x81, 0x7F, 0xFF, 0xFE, 0x80]) * 50
    with pytest.raises(IngestError):
        decode_bytes(junk)


def test_the_plain_text_class_holds_no_character_the_binary_check_counts():
    """``_check_text`` skips the characters of ``_PLAIN_TEXT`` unread: none of them
    may be one it counts as binary (control, surrogate, private use, unassigned)."""
    import unicodedata

    from kg.ingest.decode import _PLAIN_TEXT

    for cp in range(0x110000):
        ch = chr(cp)
        if _PLAIN_TEXT.fullmatch(ch):
            assert unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn") or ch in "\n\r\t\f"
