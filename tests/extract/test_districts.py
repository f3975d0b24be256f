"""Signal ``district``: districts presented as zones (guidelines rule 17)."""

from __future__ import annotations

from kg.extract import extract_text


def _entities(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_text(text).entities}


def _facts(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in extract_text(text).relations}


def test_a_district_that_bets_on_an_industry_is_a_zone() -> None:
    text = "在新材料产业上，成都市双流区瞄准航空航天材料，依托中航锂电等链主企业做大规模。"
    ents = _entities(text)
    assert ents.get("成都市双流区") == "Park"


def test_firms_gathered_in_a_district_are_located_in_it() -> None:
    text = "三大整车厂——东风柳汽、柳工集团、广西汽车集团均聚集在柳北区。"
    assert ("柳工集团", "locatedIn", "柳北区") in _facts(text)


def test_a_district_that_is_only_an_address_is_no_entity() -> None:
    ents = _entities("2009年，该公司在南海区丹灶镇建成第一条生产线。")
    assert "南海区" not in ents


def test_a_city_district_needs_the_county_level() -> None:
    # 朝阳 is a place but 朝阳市 is a city: only county-level 区 are districts
    ents = _entities("朝阳市引进了一批装备制造企业。")
    assert ents.get("朝阳市") != "Park"


def test_a_district_presented_as_a_zone_contains_the_zones_in_it() -> None:
    text = "柳州汽车城坐落于柳北区，柳北区引进了一批配套企业。"
    facts = _facts(text)
    assert ("柳州汽车城", "partOf", "柳北区") in facts
    assert ("柳北区", "partOf", "柳州汽车城") not in facts
