"""Relations: typed facts between a document's entities, with the sentence as evidence."""

from __future__ import annotations

import pytest

from kg.document import PREDICATES
from kg.extract import extract_text


def facts(text: str) -> set[tuple[str, str, str]]:
    doc = extract_text(text)
    _check_evidence(doc)
    return {(r.subject, r.predicate, r.object) for r in doc.relations}


def _check_evidence(doc) -> None:
    names = {n for e in doc.entities for n in e.names}
    for r in doc.relations:
        assert r.predicate in PREDICATES
        assert r.subject in names and r.object in names
        assert 0 <= r.start < r.end <= len(doc.text)
        assert r.evidence and r.evidence in doc.text[r.start : r.end]
        assert 0.0 < r.confidence <= 1.0


def coop(fs: set[tuple[str, str, str]], a: str, b: str) -> bool:
    return (a, "cooperatesWith", b) in fs or (b, "cooperatesWith", a) in fs


# --- locatedIn ------------------------------------------------------------------


def test_located_in_from_luohu_list_each_item() -> None:
    fs = facts("植恩药业、赛诺药业、中国中药等企业落户重庆高新区。")
    for firm in ("植恩药业", "赛诺药业", "中国中药"):
        assert (firm, "locatedIn", "重庆高新区") in fs


def test_located_in_from_ruzhu_with_park_in_front() -> None:
    text = "在西部（重庆）科学城金凤生物医药产业园，植恩药业、赛诺药业、中国中药等优质企业入驻。"
    fs = facts(text)
    for firm in ("植恩药业", "赛诺药业", "中国中药"):
        assert (firm, "locatedIn", "金凤生物医药产业园") in fs


@pytest.mark.parametrize(
    ("text", "firms", "park"),
    [
        (
            "今年，比亚迪股份有限公司、宁德时代新能源科技股份有限公司先后入驻宜宾三江新区。",
            ("比亚迪股份有限公司", "宁德时代新能源科技股份有限公司"),
            "宜宾三江新区",
        ),
        ("科大讯飞股份有限公司入驻合肥高新区。", ("科大讯飞股份有限公司",), "合肥高新区"),
        (
            "苏州工业园区引进信达生物、博瑞医药等创新药企业。",
            ("信达生物", "博瑞医药"),
            "苏州工业园区",
        ),
        ("深圳高新区集聚了腾讯、大疆等企业。", ("腾讯", "大疆"), "深圳高新区"),
    ],
)
def test_located_in_elsewhere(text: str, firms: tuple[str, ...], park: str) -> None:
    fs = facts(text)
    for firm in firms:
        assert (firm, "locatedIn", park) in fs


def test_located_in_park_right_before_firm() -> None:
    fs = facts("威海火炬高新区山东洹球药业有限公司的项目顺利投产。")
    assert ("山东洹球药业有限公司", "locatedIn", "威海火炬高新区") in fs


def test_located_in_direction() -> None:
    fs = facts("植恩药业、赛诺药业落户重庆高新区。")
    assert not any(s == "重庆高新区" and p == "locatedIn" for s, p, _ in fs)


def test_park_body_is_not_located_in_its_park() -> None:
    fs = facts("南宁高新区行政审批局与中国建设银行高新支行举行签约仪式。")
    assert ("南宁高新区行政审批局", "locatedIn", "南宁高新区") not in fs


# --- partOf ---------------------------------------------------------------------


def test_part_of_park_after_zone() -> None:
    fs = facts("西部（重庆）科学城西永微电园集聚了华润微电子、SK海力士等集成电路产业头部企业。")
    assert ("西永微电园", "partOf", "西部（重庆）科学城") in fs
    assert ("西部（重庆）科学城", "partOf", "西永微电园") not in fs


def test_part_of_after_zai() -> None:
    fs = facts("在西部（重庆）科学城西永微电园，一批项目加快建设。")
    assert ("西永微电园", "partOf", "西部（重庆）科学城") in fs


# --- focusesOn ------------------------------------------------------------------


def test_focuses_on_from_park_name() -> None:
    fs = facts("在金凤生物医药产业园建成标准厂房。")
    assert ("金凤生物医药产业园", "focusesOn", "生物医药") in fs


def test_focuses_on_from_zhongdian_fazhan() -> None:
    fs = facts("重庆高新区重点发展集成电路、生物医药、新型智能终端等产业。")
    for ind in ("集成电路", "生物医药", "新型智能终端"):
        assert ("重庆高新区", "focusesOn", ind) in fs


@pytest.mark.parametrize(
    ("text", "park", "industries"),
    [
        (
            "合肥高新区聚焦人工智能、量子信息和集成电路产业。",
            "合肥高新区",
            ("人工智能", "量子信息", "集成电路"),
        ),
        ("中关村科学城聚焦人工智能产业。", "中关村科学城", ("人工智能",)),
        (
            "广州开发区重点发展新能源汽车、新一代信息技术和生物医药产业。",
            "广州开发区",
            ("新能源汽车", "新一代信息技术", "生物医药"),
        ),
        (
            "昆山高新区聚焦新一代电子信息、高端装备制造产业。",
            "昆山高新区",
            ("新一代电子信息", "高端装备制造"),
        ),
    ],
)
def test_focuses_on_elsewhere(text: str, park: str, industries: tuple[str, ...]) -> None:
    fs = facts(text)
    for ind in industries:
        assert (park, "focusesOn", ind) in fs


# --- inIndustry -----------------------------------------------------------------


def test_in_industry_from_head_firms() -> None:
    fs = facts("西部（重庆）科学城西永微电园集聚了华润微电子、SK海力士等集成电路产业头部企业。")
    assert ("华润微电子", "inIndustry", "集成电路") in fs
    assert ("SK海力士", "inIndustry", "集成电路") in fs
    # the firms are also located in the park that gathers them
    assert ("华润微电子", "locatedIn", "西永微电园") in fs
    assert ("SK海力士", "locatedIn", "西永微电园") in fs


def test_in_industry_elsewhere() -> None:
    fs = facts("南京江北新区集聚了台积电、紫光展锐等集成电路企业。")
    assert ("台积电", "inIndustry", "集成电路") in fs
    assert ("紫光展锐", "inIndustry", "集成电路") in fs


def test_in_industry_not_from_a_parks_focus() -> None:
    fs = facts("重庆高新区重点发展集成电路、生物医药、新型智能终端等产业。")
    assert not [f for f in fs if f[1] == "inIndustry"]


# --- cooperatesWith -------------------------------------------------------------


def test_cooperates_with_signing() -> None:
    fs = facts("南宁高新区行政审批局与中国建设银行高新支行举行签约仪式。")
    assert coop(fs, "南宁高新区行政审批局", "中国建设银行高新支行")


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("成都高新区与电子科技大学签署战略合作协议。", "成都高新区", "电子科技大学"),
        (
            "合肥高新区管委会与科大讯飞股份有限公司签署战略合作协议。",
            "合肥高新区管委会",
            "科大讯飞股份有限公司",
        ),
        (
            "重庆高新区管委会与北京大学第三医院签订合作协议。",
            "重庆高新区管委会",
            "北京大学第三医院",
        ),
    ],
)
def test_cooperates_with_elsewhere(text: str, a: str, b: str) -> None:
    assert coop(facts(text), a, b)


def test_cooperates_with_stated_once() -> None:
    doc = extract_text("成都高新区与电子科技大学签署战略合作协议。")
    coops = [r for r in doc.relations if r.predicate == "cooperatesWith"]
    assert len(coops) == 1


def test_cooperates_with_bracketed_brand() -> None:
    fs = facts("植恩生物与Cytiva（思拓凡）签署合作协议。")
    assert coop(fs, "植恩生物", "Cytiva（思拓凡）")


# --- no facts without a statement ----------------------------------------------


def test_no_relations_without_entities() -> None:
    assert facts("园区深入开展党史学习教育。该公司表示，将继续扩大产能。") == set()


def test_evidence_points_into_multi_sentence_text() -> None:
    text = (
        "近日，重庆高新区入选国家外贸转型升级基地。"
        "植恩药业、赛诺药业、中国中药等企业落户重庆高新区。"
        "合肥高新区聚焦人工智能、量子信息和集成电路产业。"
    )
    doc = extract_text(text)
    _check_evidence(doc)
    by_fact = {(r.subject, r.predicate, r.object): r for r in doc.relations}
    r = by_fact[("赛诺药业", "locatedIn", "重庆高新区")]
    assert "落户" in doc.text[r.start : r.end]
    r = by_fact[("合肥高新区", "focusesOn", "量子信息")]
    assert "聚焦" in doc.text[r.start : r.end]
    assert "落户" not in r.evidence
