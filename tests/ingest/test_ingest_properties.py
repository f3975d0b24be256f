"""Property tests: repair and sentence splitting never fail on any text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import document_from_text
from kg.ingest.decode import decode_bytes
from kg.ingest.repair import repair
from kg.ingest.sentences import split_sentences

# text that looks like OCR'd Chinese news: CJK, punctuation, digits, Latin,
# odd whitespace and control characters, plus anything else
news_chars = st.sampled_from(
    list("重庆高新区科学城植恩药业入选国家级新名片年平方公里")
    + list("。！？!?；;…：:，,、“”‘’「」（）()《》.")
    + list("0123456789 AaBbZz")
    + ["\n", "\n\n", "\r\n", "\r", "\t", "\u3000", "\x00", "\x0b", "\ufeff", "#", "## "]
)
texts = st.one_of(
    st.lists(news_chars, max_size=200).map("".join),
    st.text(max_size=200),
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
def test_repair_map_and_sentences(text):
    fixed, source_map = repair(text)
    assert len(source_map) == len(fixed)
    assert all(a <= b for a, b in zip(source_map, source_map[1:], strict=False))
    for i, ch in enumerate(fixed):
        assert 0 <= source_map[i] < len(text)
        src = text[source_map[i]]
        assert src == ch or (src.isspace() and ch.isspace())
    for s in split_sentences(fixed):
        assert 0 <= s.start < s.end <= len(fixed)
        assert fixed[s.start : s.end] == s.text
        assert s.text == s.text.strip()


@FAST
@given(texts)
def test_repair_is_idempotent_on_its_output_lines(text):
    fixed, _ = repair(text, join_lines=False)
    assert repair(fixed, join_lines=False)[0] == fixed


@FAST
@given(texts)
def test_document_from_text_never_raises(text):
    doc = document_from_text(text)
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


@FAST
@given(st.binary(max_size=2000))
def test_decode_raises_only_ingest_error(data):
    try:
        out = decode_bytes(data)
    except IngestError as e:
        assert str(e) and "\n" not in str(e)
    else:
        assert isinstance(out, str) and out.strip()
