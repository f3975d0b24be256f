"""Signals ``known`` and ``body``: organisations and government bodies named without a suffix.

Sentences are written for these tests (other provinces and industries than the
seeds); negatives check that a short name inside an unrelated word does not fire.
"""

from __future__ import annotations

from kg.extract import extract_text, lexicons
from kg.extract.signals import bodies, known


def mentions(text: str, source: str | None = None) -> dict[str, str]:
    doc = extract_text(text)
    return {m.text: m.type for m in doc.mentions if source is None or m.source == source}


def entities(text: str) -> dict[str, list[str]]:
    return {e.name: e.aliases for e in extract_text(text).entities}


# --- known firms, universities, institutes ------------------------------------


def test_firms_by_short_name_in_a_list() -> None:
    found = mentions("园区已吸引西门子、博世、霍尼韦尔等外资企业设立区域总部。")
    assert {found.get(n) for n in ("西门子", "博世", "霍尼韦尔")} == {"Company"}


def test_central_soe_short_names() -> None:
    found = mentions("国电投与中国电科在合肥签署战略合作协议，中核集团也派员出席。")
    assert found.get("国电投") == "Company"
    assert found.get("中国电科") == "Company"
    assert found.get("中核集团") == "Company"


def test_university_abbreviations() -> None:
    found = mentions("哈工大、北航和西电的团队入驻江苏无锡的创新中心。")
    assert {found.get(n) for n in ("哈工大", "北航", "西电")} == {"Institution"}


def test_cas_institute_short_forms() -> None:
    found = mentions("中科院金属所与大连化物所联合攻关，成果在辽宁转化。")
    assert found.get("中科院金属所") == "Institution"
    assert found.get("大连化物所") == "Institution"


def test_short_name_inside_an_unrelated_word_does_not_fire() -> None:
    text = "各地加大严格力度，营造完美的营商环境，为中兴业务发展护航。"
    found = mentions(text, "known")
    assert "格力" not in found
    assert "美的" not in found


def test_ambiguous_short_names_are_not_matched() -> None:
    # 招商 (attracting investment), 平安, 长城 are ordinary words in park news
    found = mentions("开发区平安建设和招商工作稳步推进，长城脚下的园区迎来新企业。", "known")
    assert not found


def test_two_character_name_must_be_a_whole_token() -> None:
    # 和硕 in 硕士 counts, 华为 is a word of its own
    found = mentions("签约总数和硕博签约数分别增长，华为鲲鹏生态在贵州落地。", "known")
    assert "和硕" not in found


def test_a_university_street_is_no_institution() -> None:
    assert "川大" not in mentions("项目位于成都川大路附近。", "known")


def test_group_prefix_of_a_firms_own_name_is_not_split() -> None:
    found = mentions("华润微电子有限公司在无锡扩建生产线。")
    assert "华润" not in found


def test_known_firm_inside_a_park_name_is_its_own_entity() -> None:
    found = mentions("中国电子长沙数字产业园正式开园。")
    assert found.get("中国电子") == "Company"


def test_firm_with_a_business_word_is_one_name() -> None:
    found = mentions("京东物流在宁夏银川建成智能仓储中心。")
    assert found.get("京东物流") == "Company"


def test_abbreviation_is_an_alias_of_the_full_name() -> None:
    ents = entities(
        "哈尔滨工业大学与比亚迪股份有限公司签约。哈工大将派驻研发团队，比亚迪提供场地。"
    )
    assert "哈工大" in ents["哈尔滨工业大学"]
    assert "比亚迪" in ents["比亚迪股份有限公司"]


def test_two_known_groups_are_not_merged() -> None:
    ents = entities("中国电子科技集团有限公司与中国电子在福州签约。")
    assert "中国电子" in ents and "中国电子" not in ents["中国电子科技集团有限公司"]


def test_known_names_lookup() -> None:
    k = known.lookup("哈工大")
    assert k is not None and k.name == "哈尔滨工业大学" and k.type == "Institution"
    assert known.same_organisation("北航", "北京航空航天大学") is True
    assert known.same_organisation("北航", "南航") is False
    assert known.same_organisation("北航", "某某大学") is None


def test_data_files_name_their_source_and_have_three_columns() -> None:
    for name in [*known.FILES, bodies.FILE]:
        text = (lexicons.DATA / name).read_text(encoding="utf-8")
        assert "Source" in text.split("\n\n")[0] or "Source:" in text[:1500]
        for line in lexicons._lines(name):
            assert len(line.split("\t")) == (3 if name in known.FILES else 2), line


# --- government and party bodies ---------------------------------------------


def test_bodies_written_together_are_two() -> None:
    found = mentions("甘肃省委省政府高度重视兰州的新材料产业。")
    assert found.get("甘肃省委") == "Institution"
    assert found.get("省政府") == "Institution"


def test_bare_level_bodies() -> None:
    found = mentions("市委、市政府出台专项政策，支持园区引进储能企业。")
    assert found.get("市委") == "Institution"
    assert found.get("市政府") == "Institution"


def test_body_with_place_and_level() -> None:
    found = mentions("广西壮族自治区政府与省发改委共同推动项目落地。")
    assert found.get("广西壮族自治区政府") == "Institution"
    assert found.get("省发改委") == "Institution"


def test_office_named_after_its_parent_yields_both() -> None:
    found = mentions("云南省政府驻北京办事处与昆明市政府新闻办联合举办推介会。")
    assert found.get("云南省政府驻北京办事处") == "Institution"
    assert found.get("云南省政府") == "Institution"
    assert found.get("昆明市政府新闻办") == "Institution"
    assert found.get("昆明市政府") == "Institution"


def test_national_bodies() -> None:
    found = mentions("工信部和国家发改委联合印发通知。")
    assert found.get("工信部") == "Institution"
    assert found.get("国家发改委") == "Institution"


def test_a_body_before_a_title_is_still_a_body() -> None:
    found = mentions("省委副书记一行调研了园区的光伏企业。", "body")
    assert "省委" in found
    assert "市委" not in mentions("市委书记一行调研了园区。", "body")  # one jieba word


def test_department_named_with_its_party_committee() -> None:
    found = mentions("中共宁波市委宣传部与省科技厅高新处联合发布榜单。")
    assert found.get("中共宁波市委宣传部") == "Institution"
    assert found.get("中共宁波市委") == "Institution"
    assert found.get("省科技厅高新处") == "Institution"
    assert found.get("省科技厅") == "Institution"


def test_a_body_word_inside_a_longer_word_does_not_fire() -> None:
    found = mentions("社区委员会组织居民参观高新区政府服务大厅。", "body")
    assert not found


def test_zhaoshangju_group_is_a_firm() -> None:
    found = mentions("招商局集团与市商务局签约。")
    assert found.get("市商务局") == "Institution"
    assert "招商局" not in found


def test_bare_body_is_an_alias_of_its_full_form() -> None:
    ents = entities("贵州省政府召开会议。省政府要求加快大数据产业发展。")
    assert "省政府" in ents["贵州省政府"]
    assert bodies.short_form_of("省政府", "贵州省政府")
    assert not bodies.short_form_of("省政府", "某某办公室")


def test_no_form_names_two_organisations() -> None:
    owners: dict[str, set[str]] = {}
    for name in known.FILES:
        for line in lexicons._lines(name):
            cols = line.split("\t")
            for form in [cols[0], *cols[1].split("|")]:
                if form:
                    owners.setdefault(form, set()).add(cols[0])
    assert {f: o for f, o in owners.items() if len(o) > 1} == {}


def test_a_product_word_is_not_absorbed() -> None:
    # GUIDELINES rule 12: 华为云数据中心 names 华为, not 华为云
    found = mentions("华为云数据中心项目在贵安新区开工。", "known")
    assert found.get("华为") == "Company"
    assert "华为云" not in found


def test_numbered_institute_of_a_group() -> None:
    found = mentions("中国电科38所与航天科工二院在合肥签约。")
    assert found.get("中国电科38所") == "Institution"
    assert found.get("航天科工二院") == "Institution"


def test_provincial_academies_and_customs() -> None:
    found = mentions("黑龙江省农科院与四川省社科院、乌鲁木齐海关联合调研。")
    assert found.get("黑龙江省农科院") == "Institution"
    assert found.get("四川省社科院") == "Institution"  # not the national 社科院
    assert "社科院" not in found
    assert found.get("乌鲁木齐海关") == "Institution"


def test_business_word_inside_a_longer_name_is_not_absorbed() -> None:
    found = mentions("中国电科芯片技术研究院在重庆成立。")
    assert "中国电科芯片" not in found
    assert found.get("中国电科") == "Company"


def test_known_name_inside_another_firms_name_is_not_split() -> None:
    found = mentions("威海华菱光电股份有限公司的项目投产。", "known")
    assert "华菱" not in found


def test_known_name_before_an_ambiguous_one_is_one_longer_name() -> None:
    found = mentions("中冶赛迪信息、金蝶软件等软件龙头企业入园。", "known")
    assert "中冶" not in found


def test_a_sectors_society_does_not_yield_a_firm() -> None:
    found = mentions("中国黄金协会在北京召开年会。", "known")
    assert "中国黄金" not in found


def test_a_listed_subsidiary_is_not_its_groups_brand() -> None:
    from kg.extract import extract_text

    doc = extract_text("当地拥有海尔等知名品牌。海尔智家股份有限公司在园区建成互联工厂。")
    firm = next(e for e in doc.entities if e.name == "海尔智家股份有限公司")
    assert "海尔" not in firm.aliases
