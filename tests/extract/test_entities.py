"""Entities: one per real thing within a document, canonical name plus aliases."""

from __future__ import annotations

from kg.document import Document, Mention
from kg.extract import extract_text
from kg.extract.entities import brand_core, group_entities


def grouped(text: str, spans: list[tuple[str, str]]) -> Document:
    """Run only the entity stage over hand-placed mentions (each form's first free match)."""
    mentions: list[Mention] = []
    for form, type_ in spans:
        start = text.index(form)
        while any(m.start < start + len(form) and start < m.end for m in mentions):
            start = text.index(form, start + 1)  # free: inside no span placed before
        mentions.append(Mention(start, start + len(form), form, type_, source="test"))
    doc = Document(name="t.txt", text=text, mentions=mentions)
    return group_entities(doc)


def by_name(doc: Document, name: str):
    e = doc.entity(name)
    assert e is not None, (name, [(x.name, x.aliases) for x in doc.entities])
    return e


# --- the entity stage alone ------------------------------------------------------

ZHIEN = (
    "扎根重庆高新区20年，重庆植恩药业有限公司从重庆走向全国。"
    "作为土生土长的知名药企，植恩药业的发展历程正是科学城的缩影。"
    "今年4月，植恩生物举行重点项目发布会。"
)


def test_company_short_forms_merge_into_full_name() -> None:
    doc = grouped(
        ZHIEN,
        [
            ("重庆高新区", "Park"),
            ("重庆植恩药业有限公司", "Company"),
            ("植恩药业", "Company"),
            ("植恩生物", "Company"),
        ],
    )
    companies = [e for e in doc.entities if e.type == "Company"]
    assert len(companies) == 1
    e = companies[0]
    assert e.name == "重庆植恩药业有限公司"
    assert set(e.aliases) == {"植恩药业", "植恩生物"}
    assert len(e.mentions) == 3
    assert doc.entity("植恩生物") is e


def test_bracketed_translation_gives_both_aliases() -> None:
    text = "公司将与全球生命科学领域领先者Cytiva（思拓凡）合作组建研究院。"
    doc = grouped(text, [("Cytiva（思拓凡）", "Company")])
    e = by_name(doc, "Cytiva（思拓凡）")
    assert e.name == "Cytiva（思拓凡）"
    assert {"Cytiva", "思拓凡"} <= set(e.aliases)


def test_place_in_brackets_is_not_an_alias() -> None:
    text = "尤尼泰科（重庆）医疗科技有限公司落户西部（重庆）科学城。"
    doc = grouped(
        text,
        [("尤尼泰科（重庆）医疗科技有限公司", "Company"), ("西部（重庆）科学城", "Park")],
    )
    for e in doc.entities:
        assert "重庆" not in e.aliases


def test_bracket_widths_are_one_entity() -> None:
    text = (
        "西部（重庆）科学城再添新名片。"
        "西部(重庆)科学城抢抓大健康产业新蓝海。"
        "西部（重庆）科学城发力。"
    )
    doc = grouped(
        text,
        [
            ("西部（重庆）科学城", "Park"),
            ("西部(重庆)科学城", "Park"),
            ("西部（重庆）科学城", "Park"),
        ],
    )
    assert len(doc.entities) == 1
    e = doc.entities[0]
    assert e.name == "西部（重庆）科学城"  # the more frequent spelling
    # no alias that differs only in bracket width
    assert e.aliases == []
    assert len(e.mentions) == 3


def test_firms_sharing_only_a_place_prefix_stay_apart() -> None:
    text = "重庆植恩药业有限公司和重庆邑辰医疗科技有限公司都在重庆高新区。"
    doc = grouped(
        text,
        [("重庆植恩药业有限公司", "Company"), ("重庆邑辰医疗科技有限公司", "Company")],
    )
    assert sorted(e.name for e in doc.entities) == sorted(
        ["重庆植恩药业有限公司", "重庆邑辰医疗科技有限公司"]
    )
    assert all(e.aliases == [] for e in doc.entities)


def test_same_form_different_types_do_not_merge_across_types() -> None:
    text = "金凤生物医药产业园重点发展生物医药产业。"
    doc = grouped(text, [("金凤生物医药产业园", "Park"), ("生物医药", "Industry")])
    assert {(e.name, e.type) for e in doc.entities} == {
        ("金凤生物医药产业园", "Park"),
        ("生物医药", "Industry"),
    }


def test_entities_in_order_of_first_mention() -> None:
    text = "植恩药业与赛诺药业落户重庆高新区。"
    doc = grouped(text, [("重庆高新区", "Park"), ("植恩药业", "Company"), ("赛诺药业", "Company")])
    assert [e.name for e in doc.entities] == ["植恩药业", "赛诺药业", "重庆高新区"]


def test_brand_core() -> None:
    assert brand_core("重庆植恩药业有限公司") == brand_core("植恩药业")
    assert brand_core("重庆植恩药业有限公司") != brand_core("重庆邑辰医疗科技有限公司")


# --- through the whole pipeline --------------------------------------------------


def test_pipeline_merges_company_aliases() -> None:
    doc = extract_text(ZHIEN)
    e = by_name(doc, "植恩药业")
    assert e.name == "重庆植恩药业有限公司"
    assert {"植恩药业", "植恩生物"} <= set(e.aliases)
    assert len([x for x in doc.entities if x.type == "Company"]) == 1


def test_pipeline_bracket_widths_one_entity() -> None:
    doc = extract_text("西部（重庆）科学城是重要平台。西部(重庆)科学城将继续发力。")
    parks = [e for e in doc.entities if e.type == "Park"]
    assert len(parks) == 1
    assert parks[0].name in ("西部（重庆）科学城", "西部(重庆)科学城")


def test_pipeline_place_prefixed_firms_stay_two() -> None:
    doc = extract_text("重庆植恩药业有限公司和重庆邑辰医疗科技有限公司都在重庆高新区。")
    names = {e.name for e in doc.entities if e.type == "Company"}
    assert names == {"重庆植恩药业有限公司", "重庆邑辰医疗科技有限公司"}


def test_pipeline_park_with_district_in_brackets() -> None:
    doc = extract_text("杭州高新区（滨江）是数字经济高地。杭州高新区(滨江)加快发展。")
    parks = [e for e in doc.entities if e.type == "Park"]
    assert len(parks) == 1
    assert "杭州高新区" in parks[0].aliases


def test_pipeline_cytiva_aliases() -> None:
    text = (
        "今年4月，植恩生物举行重点项目发布会，"
        "公司将与全球生命科学领域领先者Cytiva（思拓凡）合作组建重庆生物医药技术研究院。"
    )
    doc = extract_text(text)
    e = doc.entity("Cytiva")
    assert e is not None and e.type == "Company"
    assert {"Cytiva", "思拓凡"} <= set(e.names)


def test_no_two_entities_of_a_document_share_a_name_or_alias() -> None:
    from kg.document import Entity
    from kg.extract.entities import _unambiguous

    ents = [
        Entity("云启数据中心(东区)", "Institution", ["云启数据中心", "东区"]),
        Entity("云启数据中心(西区)", "Institution", ["云启数据中心", "西区"]),
        Entity("东区", "Park", []),
    ]
    out = _unambiguous(ents)
    forms = [n for e in out for n in {e.name, *e.aliases}]
    assert len(forms) == len(set(forms))
    assert [e.name for e in out] == ["云启数据中心(东区)", "云启数据中心(西区)", "东区"]


def test_a_citys_shi_and_guojia_do_not_make_two_parks() -> None:
    from kg.extract import extract_text

    doc = extract_text("绍兴市国家高新区发布新政。绍兴高新区今年新增企业120家。")
    parks = [e for e in doc.entities if e.type == "Park"]
    assert len(parks) == 1 and "绍兴高新区" in {parks[0].name, *parks[0].aliases}


def test_parks_whose_place_parts_differ_are_never_merged() -> None:
    from kg.extract import extract_text

    doc = extract_text(
        "西部（成都）科学城与西部（重庆）科学城签署合作协议。绵阳市高新区和德阳高新区也参加。"
    )
    parks = {e.name for e in doc.entities if e.type == "Park"}
    assert {"西部（成都）科学城", "西部（重庆）科学城"} <= parks
    assert len([p for p in parks if p.endswith("高新区")]) == 2
