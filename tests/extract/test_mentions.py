"""Mentions: spans of text that name a Park, Company, Institution or Industry.

Fixtures are single sentences from the seed articles or realistic news
sentences about other zones (to check that the rules generalise).
"""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def mentions(text: str, type_: str | None = None) -> set[str]:
    doc = extract_text(text)
    return {m.text for m in doc.mentions if type_ is None or m.type == type_}


# --- left boundaries ------------------------------------------------------------


def test_park_after_preposition() -> None:
    text = "近年来，西部（重庆）科学城在金凤生物医药产业园建成标准厂房20万平方米。"
    parks = mentions(text, "Park")
    assert "金凤生物医药产业园" in parks
    assert not any(p.startswith("在") for p in parks)
    assert not any("在金凤" in m for m in mentions(text))


def test_list_items_after_verb() -> None:
    text = "吸引植恩药业、赛诺药业、中国中药等优质企业入驻。"
    companies = mentions(text, "Company")
    assert {"植恩药业", "赛诺药业", "中国中药"} <= companies
    assert "吸引植恩药业" not in mentions(text)
    assert not any(m.startswith("吸引") for m in mentions(text))


def test_park_directly_before_company_is_split() -> None:
    text = "威海火炬高新区山东洹球药业有限公司的项目顺利投产。"
    assert "威海火炬高新区" in mentions(text, "Park")
    assert "山东洹球药业有限公司" in mentions(text, "Company")
    assert "威海火炬高新区山东洹球药业有限公司" not in mentions(text)


def test_company_with_bracketed_place() -> None:
    text = "尤尼泰科（重庆）医疗科技有限公司、露卡（重庆）医疗设备有限公司相继落户。"
    companies = mentions(text, "Company")
    assert "尤尼泰科（重庆）医疗科技有限公司" in companies
    assert "露卡（重庆）医疗设备有限公司" in companies


def test_company_with_half_width_bracketed_place() -> None:
    text = "派斯特(山东)环境科技有限公司落户淄博高新区。"
    assert "派斯特(山东)环境科技有限公司" in mentions(text, "Company")


def test_institution_with_park_prefix() -> None:
    text = "南宁高新区行政审批局与中国建设银行高新支行举行签约仪式。"
    found = mentions(text)
    assert "南宁高新区行政审批局" in mentions(text, "Institution")
    assert "中国建设银行高新支行" in mentions(text, "Company")
    assert "南宁高新区" in mentions(text, "Park")
    # the verb phrase between the two bodies is not part of either name
    assert not any("举行" in m or "签约" in m for m in found)


def test_government_body_of_a_park() -> None:
    text = "合肥高新区管委会与科大讯飞股份有限公司签署战略合作协议。"
    assert "合肥高新区管委会" in mentions(text, "Institution")
    assert "科大讯飞股份有限公司" in mentions(text, "Company")


def test_institution_with_parent_academy_prefix() -> None:
    text = "中国科学院深圳先进技术研究院落户深圳高新区。"
    assert "中国科学院深圳先进技术研究院" in mentions(text, "Institution")


# --- industries -----------------------------------------------------------------


def test_industries_from_focus_list() -> None:
    text = "重庆高新区重点发展集成电路、生物医药、新型智能终端等产业。"
    inds = mentions(text, "Industry")
    assert {"集成电路", "生物医药", "新型智能终端"} <= inds
    # the trailing 产业 is never part of an industry name
    assert not any(i.endswith("产业") for i in inds)


def test_industries_joined_by_he() -> None:
    text = "合肥高新区聚焦人工智能、量子信息和集成电路产业。"
    assert {"人工智能", "量子信息", "集成电路"} <= mentions(text, "Industry")
    assert "合肥高新区" in mentions(text, "Park")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "广州开发区重点发展新能源汽车、新一代信息技术和生物医药产业。",
            {"新能源汽车", "新一代信息技术", "生物医药"},
        ),
        ("贵阳高新区重点发展大数据、电子信息产业。", {"大数据", "电子信息"}),
        ("宁波国家高新区聚焦新材料、智能制造等领域。", {"新材料", "智能制造"}),
        (
            "长春新区重点发展光电信息、生物医药和新能源汽车产业。",
            {"光电信息", "生物医药", "新能源汽车"},
        ),
    ],
)
def test_industries_other_provinces(text: str, expected: set[str]) -> None:
    assert expected <= mentions(text, "Industry")


def test_unknown_industries_in_focus_list() -> None:
    text = "武汉东湖高新区重点发展光电子信息、生物健康产业。"
    assert {"光电子信息", "生物健康"} <= mentions(text, "Industry")


def test_industry_in_park_name() -> None:
    text = "在金凤生物医药产业园建成标准厂房。"
    assert "生物医药" in mentions(text, "Industry")


def test_no_industry_from_non_industry_use() -> None:
    text = "围绕党章党规、伟大建党精神、党史学习教育等内容，采取辅导讲座的形式开展培训。"
    assert "教育" not in mentions(text, "Industry")
    assert not mentions(text, "Industry")


def test_no_industry_from_park_type_word() -> None:
    text = "苏州工业园区引进信达生物、博瑞医药等创新药企业。"
    assert "工业" not in mentions(text, "Industry")


# --- generalisation: companies from lists ---------------------------------------


@pytest.mark.parametrize(
    ("text", "park", "firms"),
    [
        (
            "苏州工业园区引进信达生物、博瑞医药等创新药企业。",
            "苏州工业园区",
            {"信达生物", "博瑞医药"},
        ),
        ("西安高新区引进比亚迪、三星等龙头企业。", "西安高新区", {"比亚迪", "三星"}),
        ("青岛高新区引进海尔卡奥斯、歌尔股份等企业。", "青岛高新区", {"海尔卡奥斯", "歌尔股份"}),
        (
            "南京江北新区集聚了台积电、紫光展锐等集成电路企业。",
            "南京江北新区",
            {"台积电", "紫光展锐"},
        ),
    ],
)
def test_companies_from_lists_elsewhere(text: str, park: str, firms: set[str]) -> None:
    assert park in mentions(text, "Park")
    companies = mentions(text, "Company")
    assert firms <= companies
    # the verb before the list is not glued to the first item
    assert not any(c.startswith(("引进", "集聚")) for c in companies)


def test_institutions_from_list() -> None:
    text = "金凤实验室、中国技术市场协会等单位参加了活动。"
    assert {"金凤实验室", "中国技术市场协会"} <= mentions(text, "Institution")


# --- generic words are not names ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "该公司表示，将继续扩大产能。",
        "全国高新区数量继续增加，园区企业不断壮大。",
        "园区深入开展党史学习教育。",
        "记者从相关部门获悉，今年新增企业一万家。",
    ],
)
def test_generic_words_are_not_names(text: str) -> None:
    found = mentions(text)
    assert not found & {"该公司", "公司", "全国高新区", "高新区", "园区", "园区企业", "企业"}
    assert not found


def test_mentions_have_known_types_and_exact_offsets() -> None:
    text = "西部（重庆）科学城西永微电园集聚了华润微电子、SK海力士等集成电路产业头部企业。"
    doc = extract_text(text)
    assert doc.mentions
    for m in doc.mentions:
        assert m.type in ("Park", "Company", "Institution", "Industry")
        assert doc.text[m.start : m.end] == m.text
    assert {"华润微电子", "SK海力士"} <= {m.text for m in doc.mentions if m.type == "Company"}
    assert {"西部（重庆）科学城", "西永微电园"} <= {
        m.text for m in doc.mentions if m.type == "Park"
    }
