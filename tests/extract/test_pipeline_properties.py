"""Properties of the whole extraction pipeline on arbitrary text (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.document import ENTITY_TYPES, PREDICATES
from kg.extract import extract_text

# pieces of real news text, so that generated strings reach the name finders
PIECES = [
    "西部（重庆）科学城",
    "西部(重庆)科学城",
    "重庆高新区",
    "金凤生物医药产业园",
    "重庆植恩药业有限公司",
    "植恩药业",
    "Cytiva（思拓凡）",
    "南宁高新区行政审批局",
    "中国建设银行高新支行",
    "集成电路",
    "生物医药",
    "新型智能终端",
    "吸引",
    "落户",
    "入驻",
    "聚焦",
    "重点发展",
    "与",
    "签约",
    "合作",
    "、",
    "，",
    "。",
    "等企业",
    "等产业",
    "（",
    "）",
    "(",
    ")",
    "\n",
    " ",
    "20",
]

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(max_size=200)
news_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map(
    "".join
)


def check_document(doc) -> None:
    for m in doc.mentions:
        assert 0 <= m.start < m.end <= len(doc.text)
        assert doc.text[m.start : m.end] == m.text
        assert m.type in ENTITY_TYPES
    names = {n for e in doc.entities for n in e.names}
    for e in doc.entities:
        assert e.name
        assert e.type in ENTITY_TYPES
        assert e.name not in e.aliases
    for r in doc.relations:
        assert r.predicate in PREDICATES
        assert r.subject in names
        assert r.object in names
        assert r.evidence in doc.text[r.start : r.end]
    record = doc.to_record()
    again = json.loads(json.dumps(record, ensure_ascii=False))
    assert again == record
    assert set(record) >= {"doc", "entities", "relations"}
    # contract 1: subject and object are canonical names of entities in the record
    canonical = {e["name"] for e in record["entities"]}
    for r in record["relations"]:
        assert r["subject"] in canonical and r["object"] in canonical


@SETTINGS
@given(any_text)
def test_any_unicode_text(text: str) -> None:
    check_document(extract_text(text, name="x.txt"))


@SETTINGS
@given(news_like)
def test_news_like_text(text: str) -> None:
    check_document(extract_text(text, name="x.txt"))


def test_deterministic() -> None:
    text = (
        "植恩药业、赛诺药业、中国中药等企业落户重庆高新区。"
        "合肥高新区聚焦人工智能、量子信息和集成电路产业。"
    )
    assert extract_text(text).to_record() == extract_text(text).to_record()
