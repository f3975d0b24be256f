"""Cases from outside the dev set: other provinces, industries and phrasings.

Each case is a rule that should hold for any article, not a gold string.
"""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def _entities(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_text(text).entities}


def _facts(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in extract_text(text).relations}


def _assert_firm_in(text: str, firm: str, industries) -> None:
    """Each of ``industries`` is an Industry of the text and ``firm`` is in it."""
    ents = _entities(text)
    facts = _facts(text)
    for industry in industries:
        assert ents.get(industry) == "Industry"
        assert (firm, "inIndustry", industry) in facts


def test_park_name_made_of_a_zone_and_a_park_suffix() -> None:
    text = "武汉光谷生物城已集聚生物企业2000余家，其中包括人福医药、联影医疗等龙头企业。"
    ents = _entities(text)
    assert ents.get("武汉光谷生物城") == "Park"
    facts = _facts(text)
    assert ("人福医药", "locatedIn", "武汉光谷生物城") in facts
    assert ("人福医药", "locatedIn", "武汉光谷") not in facts  # the inner name is not the place


def test_a_parks_development_company_keeps_the_park_in_its_name() -> None:
    ents = _entities("该项目由上海张江高科技园区开发股份有限公司投资建设。")
    assert ents.get("上海张江高科技园区开发股份有限公司") == "Company"


def test_name_nested_in_a_dictionary_word() -> None:
    ents = _entities("将联合北京大学第三医院、国家体育总局运动医学研究所等机构共同实施。")
    assert ents.get("北京大学第三医院") == "Institution"
    assert ents.get("北京大学") == "Institution"
    assert ents.get("国家体育总局") == "Institution"


def test_a_bank_branch_is_not_its_parent() -> None:
    doc = extract_text("南宁高新区行政审批局与中国建设银行高新支行举行签约仪式。")
    names = {e.name for e in doc.entities}
    assert {"中国建设银行高新支行", "中国建设银行"} <= names
    facts = {(r.subject, r.predicate, r.object) for r in doc.relations}
    assert ("中国建设银行高新支行", "cooperatesWith", "南宁高新区行政审批局") in facts


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("杭州高新区携手浙江大学打造创新联合体。", "杭州高新区", "浙江大学"),
        (
            "清华大学和宁德时代新能源科技股份有限公司共建储能联合实验室。",
            "清华大学",
            "宁德时代新能源科技股份有限公司",
        ),
        (
            "近日，西安高新区管委会与陕西师范大学签署战略合作协议。",
            "西安高新区管委会",
            "陕西师范大学",
        ),
    ],
)
def test_cooperation_phrasings(text: str, a: str, b: str) -> None:
    facts = _facts(text)
    assert (a, "cooperatesWith", b) in facts or (b, "cooperatesWith", a) in facts


def test_industry_named_as_an_example() -> None:
    text = "以骨科医疗器械为例，在成都高新区，甲乙医疗科技有限公司等企业引进并落地。"
    assert _entities(text).get("骨科医疗器械") == "Industry"
    assert ("甲乙医疗科技有限公司", "inIndustry", "骨科医疗器械") in _facts(text)


def test_park_alias_in_brackets() -> None:
    doc = extract_text("武汉东湖高新区（中国光谷）重点布局集成电路、光通信和激光产业。")
    park = doc.entity("武汉东湖高新区（中国光谷）")
    assert park is not None and park.type == "Park"
    assert {"武汉东湖高新区", "中国光谷"} <= set(park.aliases)
    facts = {(r.subject, r.predicate, r.object) for r in doc.relations}
    assert ("武汉东湖高新区（中国光谷）", "focusesOn", "光通信") in facts


def test_list_type_comes_from_the_nearest_head_noun() -> None:
    ents = _entities("深圳大学、南方科技大学等高校与园区企业开展产学研合作。")
    assert ents.get("南方科技大学") == "Institution"
    assert "科技大学" not in ents


def test_topic_zone_does_not_cross_to_another_city() -> None:
    text = "石嘴山高新区重点发展新材料产业。青岛百世赛弗新材料科技有限公司完成技术改造。"
    facts = _facts(text)
    assert ("青岛百世赛弗新材料科技有限公司", "locatedIn", "石嘴山高新区") not in facts


def test_company_name_with_adjective_words() -> None:
    ents = _entities("在麓谷工业园，湖南长远锂科股份有限公司正加紧建设正极材料生产线。")
    assert ents.get("湖南长远锂科股份有限公司") == "Company"


def test_two_gazetteer_names_of_one_zone_are_one_entity() -> None:
    doc = extract_text("今年以来，长沙高新区坚持产业立区。麓谷企业广场聚集了一批软件企业。")
    park = doc.entity("长沙高新区")
    assert park is not None and "麓谷" in park.aliases


def test_park_named_after_a_university() -> None:
    ents = _entities("据介绍，该研究院将落户岳麓山大学科技城。")
    assert ents.get("岳麓山大学科技城") == "Park"


def test_company_referred_to_as_gongsi_cooperates() -> None:
    text = "今年4月，植恩生物举行重点项目发布会，公司将与Cytiva（思拓凡）合作组建研究院。"
    facts = _facts(text)
    pair = {"植恩生物", "Cytiva（思拓凡）"}
    assert any(p == "cooperatesWith" and {s, o} == pair for s, p, o in facts)


def test_lianhe_inside_a_name_is_no_cooperation() -> None:
    facts = _facts("距离研究院不远处，是一家国家级制造业创新中心联合微电子中心。")
    assert not any(p == "cooperatesWith" for _, p, _ in facts)


def test_firms_after_a_list_of_park_industries_get_no_industry() -> None:
    text = (
        "园区以集成电路、人工智能、量子信息为主导产业，集聚了科大讯飞股份有限公司、"
        "长鑫存储技术有限公司等一批龙头企业。"
    )
    assert not any(p == "inIndustry" for _, p, _ in _facts(text))


def test_brand_before_the_place_of_a_unit_stays() -> None:
    ents = _entities("此外，园区引进了华为苏州研发中心、微软苏州研发中心等重大项目。")
    assert {"华为苏州研发中心", "微软苏州研发中心"} <= set(ents)


def test_partners_after_a_park_are_not_located_in_it() -> None:
    text = "南京江北新区产业技术研创园与南京大学、东南大学共建新型研发机构，已孵化企业300余家。"
    facts = _facts(text)
    assert not any(p == "locatedIn" and s.endswith("大学") for s, p, _ in facts)
    assert "孵化" not in _entities(text)


def test_short_form_of_a_firm_later_in_the_article() -> None:
    doc = extract_text(
        "长鑫存储技术有限公司落户合肥高新区。其中，长鑫存储是国内领先的芯片制造商。"
        "信达生物制药（苏州）有限公司在园区快速成长，信达生物的年营收超过60亿元。"
    )
    assert "长鑫存储" in doc.entity("长鑫存储技术有限公司").aliases
    assert "信达生物" in doc.entity("信达生物制药（苏州）有限公司").aliases


def test_industries_after_a_copula() -> None:
    facts = _facts("西安高新区的主导产业为电子信息和先进制造。")
    assert {
        ("西安高新区", "focusesOn", "电子信息"),
        ("西安高新区", "focusesOn", "先进制造"),
    } <= facts


def test_a_firm_said_to_be_a_parks_firm() -> None:
    facts = _facts("庚辛材料股份有限公司是宁波高新区的重点企业。")
    assert ("庚辛材料股份有限公司", "locatedIn", "宁波高新区") in facts


def test_a_park_inside_a_multi_site_yuanqu() -> None:
    facts = _facts("中关村科技园区海淀园是北京市重点发展的园区。")
    assert ("海淀园", "partOf", "中关村科技园区") in facts


def test_parks_a_zone_consists_of() -> None:
    facts = _facts("贵阳高新区由沙文生态科技产业园和金阳科技产业园组成。")
    assert ("沙文生态科技产业园", "partOf", "贵阳高新区") in facts
    assert ("金阳科技产业园", "partOf", "贵阳高新区") in facts


# --- lists of firms and the park they stand in (rules 8 and 11) ---------------


def test_items_of_a_project_list_are_firms_when_they_look_like_names() -> None:
    text = "目前，鑫澜化工、晶芯半导体、翰青生物等重点项目正有序推进建设。"
    ents = _entities(text)
    assert ents.get("鑫澜化工") == "Company"
    assert ents.get("晶芯半导体") == "Company"
    assert ents.get("翰青生物") == "Company"


def test_items_of_a_project_list_that_name_works_are_not_firms() -> None:
    ents = _entities("光伏电站、储能电站等项目陆续开工。")
    assert "光伏电站" not in ents and "储能电站" not in ents


def test_a_counted_list_head_may_stand_after_qualifiers() -> None:
    text = "贵阳高新区引进了云程数科、黔丰智造等一批成长性好、带动力强的科技企业。"
    ents = _entities(text)
    assert ents.get("云程数科") == "Company"
    assert ("黔丰智造", "locatedIn", "贵阳高新区") in _facts(text)


def test_a_paragraph_about_a_park_places_the_firms_it_lists() -> None:
    text = (
        "洛阳高新区是河南省先进制造业的重要承载地。\n"
        "园区已集聚企业300余家，其中中原轴承科技有限公司、洛阳锐驰精密机械有限公司等骨干企业发展迅速。"
    )
    facts = _facts(text)
    assert ("中原轴承科技有限公司", "locatedIn", "洛阳高新区") in facts
    assert ("洛阳锐驰精密机械有限公司", "locatedIn", "洛阳高新区") in facts


def test_a_bare_park_word_means_the_park_of_that_kind_the_article_is_about() -> None:
    text = (
        "合肥高新区与巢湖经开区签署合作协议。\n"
        "以皖瑞科技、庐江精工等龙头企业为引领，高新区已形成智能制造企业集群。"
    )
    facts = _facts(text)
    assert ("皖瑞科技", "locatedIn", "合肥高新区") in facts
    assert ("皖瑞科技", "locatedIn", "巢湖经开区") not in facts


def test_firms_said_to_be_in_a_city_are_not_put_in_a_park() -> None:
    text = (
        "九江经开区加快发展临港产业。\n"
        "西门子、博世等多家外资企业纷纷在九江设立了区域仓，另有多家产业园等项目在建。"
    )
    facts = _facts(text)
    assert not any(p == "locatedIn" and s in ("西门子", "博世") for s, p, _ in facts)


def test_a_preposition_glued_to_an_unknown_name_is_not_part_of_it() -> None:
    ents = _entities("由岚锋集团、昭远股份等企业领衔，创新联合体已经形成。")
    assert ents.get("岚锋集团") == "Company"
    assert "由岚锋集团" not in ents


def test_a_list_of_kinds_of_firms_names_industries_the_park_gathers() -> None:
    text = "南通经开区引进了棉纺、印染和家纺制造等企业。"
    ents = _entities(text)
    assert ents.get("印染") == "Industry"
    assert ents.get("家纺制造") == "Industry"
    assert ("南通经开区", "focusesOn", "家纺制造") in _facts(text)


def test_a_list_of_firms_by_brand_stays_firms() -> None:
    ents = _entities("苹果、小米等企业在南京江宁开发区设立了研发机构。")
    assert ents.get("小米") == "Company"


def test_a_park_whose_business_covers_a_list_of_industries() -> None:
    text = "成都高新区的项目覆盖集成电路、生物医药、人工智能等重点产业领域。"
    facts = _facts(text)
    assert ("成都高新区", "focusesOn", "人工智能") in facts


def test_a_national_designation_is_a_park_with_its_qualifier() -> None:
    ents = _entities("株洲经开区先后建成新型工业化轨道交通装备示范基地和一批创新平台。")
    assert ents.get("新型工业化轨道交通装备示范基地") == "Park"


def test_a_firms_production_base_is_not_a_park() -> None:
    ents = _entities("湖北宏远电池有限公司在襄阳高新区投资建设动力电池生产基地。")
    assert not any(n.endswith("生产基地") for n in ents)
    assert ents.get("湖北宏远电池有限公司") == "Company"


def test_an_enumerator_is_not_part_of_a_park_name() -> None:
    ents = _entities("规划建设三大片区：一是滨江科创新城，二是临港物流片区。")
    assert ents.get("滨江科创新城") == "Park"
    assert not any(n.startswith("一是") for n in ents)


def test_a_bare_zone_word_opening_a_sentence_is_its_subject() -> None:
    text = (
        "赣江新区位于南昌北部。\n"
        "产业布局上，新区重点发展光电信息、生物医药等产业，临空组团则聚焦航空物流。"
    )
    facts = _facts(text)
    assert ("赣江新区", "focusesOn", "光电信息") in facts


def test_parks_a_demonstration_zone_plans_are_part_of_it() -> None:
    text = "黄河三角洲农业高新技术产业示范区规划建设了盐碱地种业产业园、农机装备产业园等一批园区。"
    facts = _facts(text)
    assert ("农机装备产业园", "partOf", "黄河三角洲农业高新技术产业示范区") in facts


# --- inIndustry (rules 7, 14, 18) ------------------------------------------------


def test_firms_leading_a_cluster_are_in_its_industry() -> None:
    text = "以汉川精机、鄂东数控等龙头企业为引领，产业园已形成工业机器人企业集群。"
    facts = _facts(text)
    assert ("鄂东数控", "inIndustry", "工业机器人") in facts


def test_a_clause_opening_on_an_industry_classifies_the_firms_after_it() -> None:
    text = "在新材料产业优势上，滨海新区依托渤化集团、天津钢管集团等链主企业做强产业链。"
    facts = _facts(text)
    assert ("渤化集团", "inIndustry", "新材料") in facts


def test_a_firms_line_of_business() -> None:
    text = "苏州绿控传动科技股份有限公司专注于新能源汽车电驱动系统的研发。"
    facts = _facts(text)
    assert ("苏州绿控传动科技股份有限公司", "inIndustry", "新能源汽车") in facts


# --- industries: qualified forms, compounds, enumerations (rules 2, 6, 14) --------


def test_a_qualified_industry_is_its_own_industry() -> None:
    ents = _entities("包头稀土高新区重点发展高端新材料产业。")
    assert ents.get("高端新材料") == "Industry"


def test_an_enumeration_after_the_leading_industries_names_each_of_them() -> None:
    text = "黑河自贸片区着力做强三大主导产业,即现代种业,跨境物流,绿色食品加工业。"
    ents = _entities(text)
    assert ents.get("现代种业") == "Industry"
    assert ents.get("跨境物流") == "Industry"


def test_classes_of_products_a_park_gathers_are_industries() -> None:
    text = "碳化硅、氮化镓等一批第三代半导体材料陆续落地株洲高新区。"
    ents = _entities(text)
    assert ents.get("碳化硅") == "Industry"
    assert ents.get("氮化镓") == "Industry"


def test_technologies_named_in_passing_are_not_industries() -> None:
    ents = _entities("推动纺织机械生产同5G、大数据等新一代信息技术深度结合。")
    assert "大数据" not in ents


def test_a_data_centre_is_a_facility_and_its_operator_the_entity() -> None:
    ents = _entities("乌兰察布集宁区先后建成阿里巴巴乌兰察布数据中心和快手智能云数据中心。")
    assert not any(n.endswith("数据中心") for n in ents)


def test_unknown_items_of_a_focus_list_with_a_known_one_are_industries() -> None:
    text = "合肥高新区重点发展量子信息、类脑智能、人工智能等前沿方向。"
    ents = _entities(text)
    assert ents.get("类脑智能") == "Industry"


def test_capacities_and_means_in_a_focus_list_are_not_industries() -> None:
    text = "郑州经开区着力提升创新能力、完善服务体系、发展汽车及零部件。"
    ents = _entities(text)
    assert "创新能力" not in ents and "服务体系" not in ents


def test_a_verb_particle_is_not_part_of_an_industry() -> None:
    ents = _entities("新区构建起健康制造、康养服务和生物医药产业体系。")
    assert "起健康制造" not in ents


def test_a_park_named_as_a_designated_base_focuses_on_its_industry() -> None:
    facts = _facts("衢州高新区获批国家新材料高技术产业基地。")
    assert ("国家新材料高技术产业基地", "focusesOn", "新材料") in facts


def test_industries_that_take_root_in_a_park_are_its_focus() -> None:
    text = "锂电池、储能等新兴产业在宜宾三江新区扎根生长。"
    assert ("宜宾三江新区", "focusesOn", "储能") in _facts(text)


def test_a_firms_city_opens_its_brand_name() -> None:
    ents = _entities("近年来，兰州佛慈制药的中成药在海外市场份额不断提升。")
    assert ents.get("兰州佛慈制药") == "Company"


def test_a_subsidiary_named_with_its_parent_group_is_one_firm() -> None:
    ents = _entities("中国电信集团四川有限公司与成都高新区签署合作协议。")
    assert ents.get("中国电信集团四川有限公司") == "Company"


def test_a_chemical_park_named_after_its_zone_is_part_of_it() -> None:
    text = "沧州临港经开区化工园区已集聚煤化工企业40余家。"
    facts = _facts(text)
    assert any(p == "partOf" and s.endswith("化工园区") for s, p, _ in facts)


def test_a_list_closed_by_zainei_names_firms() -> None:
    text = "西咸新区已签下新能源项目12个，包括隆瑞光能、秦川储能在内的一批企业先后签约。"
    ents = _entities(text)
    assert ents.get("隆瑞光能") == "Company"
    assert ("秦川储能", "locatedIn", "西咸新区") in _facts(text)


# --- cooperation and coreference (rules 9, 18) -----------------------------------


def test_a_park_that_signs_firms_cooperates_with_them() -> None:
    text = "目前，长沙经开区已签下工程机械项目9个，包括山河智能、星邦智能在内的一批企业先后签约。"
    facts = _facts(text)
    assert any(p == "cooperatesWith" and {s, o} == {"长沙经开区", "山河智能"} for s, p, o in facts)


def test_firms_that_sign_with_each_other_do_not_sign_with_the_park() -> None:
    text = "在合肥高新区的对接下，科大讯飞与安徽大学签订技术开发协议。"
    facts = _facts(text)
    assert not any(p == "cooperatesWith" and "合肥高新区" in (s, o) for s, p, o in facts)


def test_members_of_a_group_that_works_together_cooperate_pairwise() -> None:
    text = "由潍柴集团、山东大学、山东省科学院等领衔，大学、大所、大企协同共进的创新体系已经形成。"
    facts = _facts(text)
    assert any(
        p == "cooperatesWith" and {s, o} == {"山东大学", "山东省科学院"} for s, p, o in facts
    )


def test_the_company_of_a_paragraph_works_in_the_field_it_leads() -> None:
    text = (
        "走进位于南京江宁开发区的南京熊猫电子股份有限公司。"
        "工作人员介绍，该公司在全球专网通信领域处于领先地位。"
    )
    assert ("南京熊猫电子股份有限公司", "inIndustry", "专网通信") in _facts(text)


def test_a_named_demonstration_zone_is_a_park() -> None:
    ents = _entities("山东新旧动能转换综合试验区与济南综改示范区共同举办推介会。")
    assert ents.get("济南综改示范区") == "Park"


def test_a_zone_a_park_aims_to_become_is_no_entity() -> None:
    ents = _entities("推动光谷科创大走廊加快打造成为全国氢能产业示范区。")
    assert not any(n.endswith("示范区") for n in ents)


def test_a_one_character_noun_before_a_short_place_name_stays_in_the_park_name() -> None:
    # 石台 is also a county's short form: 虎 is part of the sub-area's name
    ents = _entities("虎石台片区面积规划约为2.7平方公里。")
    assert ents.get("虎石台片区") == "Park"


def test_a_count_of_parks_is_not_a_park_name() -> None:
    ents = _entities("临空经济区由空港、临港两大片区构成。")
    assert not any("两大" in n for n in ents)


def test_an_unknown_item_among_firms_is_a_firm() -> None:
    text = "落户企业既有“行业巨头”巴斯夫、德国欧瑞克、日本东丽株式会社等，也有本地企业。"
    ents = _entities(text)
    assert ents.get("德国欧瑞克") == "Company"


def test_an_item_among_firms_that_names_a_product_is_not_a_firm() -> None:
    text = "依托巴斯夫、川维化工等企业，发展天然气制乙炔、乙炔化工等产品。"
    assert "天然气制乙炔" not in _entities(text)


def test_a_symbol_before_a_zone_is_not_part_of_its_name() -> None:
    assert _entities("🚀苏州工业园区聚焦人工智能产业。").get("苏州工业园区") == "Park"


def test_segments_of_an_industrial_chain_are_industries() -> None:
    text = "宜宾三江新区的产业链条从正极材料和负极材料、电解液起步，一直延伸至动力电池、储能系统。"
    ents = _entities(text)
    assert ents.get("电解液") == "Industry"
    assert ents.get("储能系统") == "Industry"


def test_a_located_cue_without_a_park_uses_the_paragraphs_park() -> None:
    text = (
        "宁东基地化工园区依托自身产业基础，培育新材料产业。后来，宁东能源化工基地也来调研。\n"
        "目前，宝丰能源、国能煤制油等重点项目正有序推进建设。"
    )
    facts = _facts(text)
    assert ("宝丰能源", "locatedIn", "宁东基地化工园区") in facts


def test_a_chamber_of_commerce_is_not_put_in_the_paragraphs_park() -> None:
    text = "淄博高新区举行签约活动。\n会上，黄埔区工商联（总商会）与某银行签约落户合作项目。"
    facts = _facts(text)
    assert not any(p == "locatedIn" and s.startswith("黄埔区工商联") for s, p, _ in facts)


def test_a_development_and_reform_bureau_keeps_its_conjunction() -> None:
    ents = _entities("据顺德区发展和改革局介绍，全区新增规上企业120家。")
    assert ents.get("顺德区发展和改革局") == "Institution"


def test_generic_groups_and_machines_are_not_institutions() -> None:
    ents = _entities("各级商会积极对接，企业新购置的五轴加工中心已投产，初创公司纷纷入驻。")
    assert not ents


def test_an_idiom_ending_in_ju_is_not_a_bureau() -> None:
    assert "开新局" not in _entities("苏州工业园区奋力开新局。")


def test_the_industry_right_after_a_focus_verb() -> None:
    facts = _facts("两江新区是全市发展数字经济的主战场之一。")
    assert ("两江新区", "focusesOn", "数字经济") in facts


def test_firms_after_an_industry_system_and_qizhong_are_in_it() -> None:
    text = "新区已形成特色生物医药产业体系,其中,昆明泽瑞制药的注射剂市场份额达30%。"
    facts = _facts(text)
    assert ("昆明泽瑞制药", "inIndustry", "生物医药") in facts


def test_tese_is_no_qualifier_of_an_industry() -> None:
    assert "特色大健康" not in _entities("滇中新区打造特色大健康产业体系。")


def test_a_title_bar_is_punctuation_not_part_of_a_name() -> None:
    ents = _entities("足迹2025丨光谷软件园：同企业心连心")
    assert ents.get("光谷软件园") == "Park"
    assert not any(n.startswith("丨") for n in ents)


def test_a_firm_a_park_sets_up_is_located_in_it() -> None:
    facts = _facts("2010年，无锡高新区组建了无锡鸿芯微电子有限公司。")
    assert ("无锡鸿芯微电子有限公司", "locatedIn", "无锡高新区") in facts


def test_firms_opening_clauses_after_qizhong_are_listed_in_the_park() -> None:
    text = (
        "滇中新区加快发展生物医药产业,其中,昆明泽瑞制药的注射剂占全省市场80%,"
        "云南和顺生物的提取物出口欧洲。"
    )
    facts = _facts(text)
    assert ("昆明泽瑞制药", "locatedIn", "滇中新区") in facts


def test_ru_glued_to_the_words_before_a_name_is_not_part_of_it() -> None:
    ents = _entities("“国字号”大院大所如中国农业科学院也争相进驻科技城。")
    assert ents.get("中国农业科学院") == "Institution"


def test_project_list_items_with_coined_names_are_firms() -> None:
    text = "芯联集成、瑞格生物、华盛聪和、长江存储等项目将在新片区推进产业化。"
    ents = _entities(text)
    assert ents.get("瑞格生物") == "Company"
    assert ents.get("华盛聪和") == "Company"


def test_the_industry_that_ends_a_list_item_before_its_cue() -> None:
    text = "青海丰富的风、光资源吸引了众多清洁能源企业前来开发。"
    assert _entities(text).get("清洁能源") == "Industry"


def test_two_qualifiers_before_a_cue() -> None:
    text = "园区集聚了全国前十强种业重点龙头企业中的6家。"
    assert _entities(text).get("种业") == "Industry"


def test_a_national_designation_keeps_guojiaji() -> None:
    ents = _entities("作为全国第一批国家级新能源汽车产业基地，合肥经开区发展迅速。")
    assert ents.get("国家级新能源汽车产业基地") == "Park"
    assert "国家级高新区" not in _entities("全国国家级高新区评价结果发布。")


def test_a_park_named_with_its_developer_group_keeps_it_and_yields_the_group() -> None:
    ents = _entities("考察组深入天津泰达集团滨海科技园调研。")
    assert ents.get("天津泰达集团滨海科技园") == "Park"
    assert ents.get("天津泰达集团") == "Company"


def test_a_park_named_in_a_later_clause_takes_the_focus_of_its_clause() -> None:
    text = (
        "赣江新区位于南昌北部。\n"
        "新区加快推进医疗器械等领域发展，初步形成了临空经济区重点聚焦航空物流和冷链物流的格局。"
    )
    facts = _facts(text)
    assert ("临空经济区", "focusesOn", "冷链物流") in facts
    assert ("赣江新区", "focusesOn", "医疗器械") in facts
    assert ("临空经济区", "focusesOn", "医疗器械") not in facts


def test_yu_between_two_nouns_is_no_cooperation() -> None:
    text = "滨海新区打造对外开放的平台与窗口，依托国际合作成果规划建设了临港物流园、保税研发园。"
    facts = _facts(text)
    assert not any(p == "cooperatesWith" for _, p, _ in facts)


def test_a_partner_after_an_apposition_still_cooperates() -> None:
    text = "百奥泰生物将与全球生命科学领域领先者Thermo（赛默飞）合作组建研究院。"
    facts = _facts(text)
    assert any(p == "cooperatesWith" for _, p, _ in facts)


@pytest.mark.parametrize(
    "text, park, industry",
    [
        ("昌吉高端食品加工产业园今年新签约项目12个。", "昌吉高端食品加工产业园", "高端食品加工"),
        ("襄阳智能农机装备产业园吸引了一批龙头企业。", "襄阳智能农机装备产业园", "智能农机装备"),
        ("赣州绿色纺织服装产业园二期开工建设。", "赣州绿色纺织服装产业园", "绿色纺织服装"),
        ("盐城海洋风电装备产业园开工。", "盐城海洋风电装备产业园", "海洋风电装备"),
    ],
)
def test_a_qualified_industry_in_a_parks_name(text: str, park: str, industry: str) -> None:
    facts = _facts(text)
    assert (park, "focusesOn", industry) in facts


def test_a_bare_department_before_a_post_is_a_body() -> None:
    ents = _entities("赣州经开区党工委委员、管委会副主任陈某介绍了园区情况。")
    assert ents.get("管委会") == "Institution"
    assert ents.get("赣州经开区党工委") == "Institution"
    assert "管委会" not in _entities("管委会相关负责人表示，园区将加快建设。")


def test_a_parks_own_bureau_is_one_body() -> None:
    ents = _entities("据盐城经济技术开发区招商局局长介绍，今年已签约项目30个。")
    assert ents.get("盐城经济技术开发区招商局") == "Institution"
    assert "招商局" not in ents


def test_a_government_body_is_no_resident_of_its_park() -> None:
    text = "株洲高新区党工委、管委会主任出席活动。株洲高新区已集聚企业300余家。"
    facts = _facts(text)
    assert not any(p == "locatedIn" and s in ("管委会", "株洲高新区党工委") for s, p, _ in facts)


def test_parks_listed_side_by_side_are_not_nested() -> None:
    facts = _facts("代表团先后赴合肥高新区、中安创谷科技园考察交流。")
    assert ("中安创谷科技园", "partOf", "合肥高新区") not in facts
    facts = _facts("代表团先后赴合肥高新区中安创谷科技园考察交流。")
    assert ("中安创谷科技园", "partOf", "合肥高新区") in facts


def test_firms_closed_by_zai_nei_de_share_the_industry_after_it() -> None:
    text = "包括宁德时代、天宜锂业在内的新能源汽车企业纷纷落户宜宾三江新区。"
    facts = _facts(text)
    assert ("宁德时代", "inIndustry", "新能源汽车") in facts
    assert ("天宜锂业", "inIndustry", "新能源汽车") in facts
    assert ("天宜锂业", "locatedIn", "宜宾三江新区") in facts


def test_a_list_closer_glued_to_an_unknown_name_is_cut_off() -> None:
    # the segmenter's HMM makes "基等" one word in "华茂锂基等"
    ents = _entities("鑫源碳基、华茂锂基等一批项目已投产。")
    assert ents.get("鑫源碳基") == "Company"
    assert ents.get("华茂锂基") == "Company"


@pytest.mark.parametrize(
    "text, firm, park",
    [
        (
            "隆基绿能科技股份有限公司已签约投资45亿元，在西咸新区建设单晶电池项目。",
            "隆基绿能科技股份有限公司",
            "西咸新区",
        ),
        (
            "天合光能股份有限公司今年将在盐城经济技术开发区投资建设组件工厂。",
            "天合光能股份有限公司",
            "盐城经济技术开发区",
        ),
    ],
)
def test_a_firm_that_builds_in_a_park_is_located_there(text: str, firm: str, park: str) -> None:
    assert (firm, "locatedIn", park) in _facts(text)


def test_a_national_academys_short_form_may_keep_zhongguo() -> None:
    ents = _entities("海口市人民政府与中国热科院签署战略合作框架协议。")
    assert ents.get("中国热科院") == "Institution"
    assert "热科院" not in ents


def test_a_transliterated_personal_name_is_no_known_firm() -> None:
    ents = _entities("喀什经开区的职工阿里木江·吐尔逊说，工厂去年扩招了200人。")
    assert "阿里" not in ents
    assert _entities("阿里巴巴与杭州高新区签约。").get("阿里巴巴") == "Company"


def test_an_enumeration_of_sectors_after_ji() -> None:
    text = "宿迁经开区着力做强三大主导产业，即绿色食品加工业，高端纺织服装业，以及现代物流服务业。"
    facts = _facts(text)
    for sector in ("绿色食品加工业", "高端纺织服装业", "现代物流服务业"):
        assert ("宿迁经开区", "focusesOn", sector) in facts
    assert ("宿迁经开区", "focusesOn", "以及现代物流服务业") not in facts


def test_in_a_passage_about_a_zone_firms_are_placed_in_it_and_visitors_are_not() -> None:
    text = (
        "苏州高新区今年新增企业500家，产业规模持续扩大。"
        "江苏省产业技术研究院专家组一行到访交流。苏州汇川技术有限公司介绍了最新产品。"
    )
    facts = _facts(text)
    assert ("苏州汇川技术有限公司", "locatedIn", "苏州高新区") in facts
    assert ("江苏省产业技术研究院", "locatedIn", "苏州高新区") not in facts


def test_a_field_before_a_lab_is_no_brand() -> None:
    ents = _entities("南昌大学与江铃汽车股份有限公司将共建类脑智能联合实验室。")
    assert "类脑智能" not in ents
    assert _entities("德美医疗与北京大学签约。").get("德美医疗") == "Company"


def test_a_valley_branded_with_the_country_is_a_park() -> None:
    text = "合肥高新区累计引进龙头企业80余家，中国声谷入驻企业已超过1800家。"
    assert _entities(text).get("中国声谷") == "Park"
    assert "中国" not in _entities("中国企业加快出海。")


def test_a_bare_supporting_word_split_off_an_industry_is_none() -> None:
    ents = _entities("今年以来，赣州经济技术开发区全力打造新能源汽车及配套产业集群。")
    assert ents.get("新能源汽车") == "Industry"
    assert "配套" not in ents


def test_a_firms_own_base_is_no_park_but_a_designated_base_is() -> None:
    ents = _entities("此次签约的项目包括迈瑞医疗西南研发制造基地项目等。")
    assert ents.get("迈瑞医疗") == "Company"
    assert not any(t == "Park" for t in ents.values())
    assert (
        _entities("国家级新能源汽车产业基地落户株洲高新区。").get("国家级新能源汽车产业基地")
        == "Park"
    )


def test_a_park_with_its_own_name_after_a_body_is_that_park() -> None:
    ents = _entities("此次签约的项目包括湘雅医院长沙生物城院区项目等。")
    assert ents.get("长沙生物城") == "Park"
    assert "湘雅医院长沙生物城" not in ents
    assert _entities("岳麓山大学科技城已集聚企业300余家。").get("岳麓山大学科技城") == "Park"


def test_the_park_in_a_speakers_title_is_not_the_park_of_what_was_said() -> None:
    text = (
        "苏州生物医药产业园是苏州工业园区的重点园区。\n"
        "苏州工业园区管委会副主任李某介绍，产业园已聚集了信达生物、基石药业等一批领军企业。"
    )
    facts = _facts(text)
    assert ("信达生物", "locatedIn", "苏州生物医药产业园") in facts


@pytest.mark.parametrize("name", ["包头稀土研究院", "保定电谷研究院", "大同煤炭研究院"])
def test_a_city_tagged_as_a_verb_still_opens_a_name(name: str) -> None:
    ents = _entities(f"在科技创新方面，{name}与清华大学签署合作协议。")
    assert ents.get(name) == "Institution"


def test_what_two_parties_build_together_is_no_party() -> None:
    text = "株洲高新区重点发展轨道交通装备产业。湖南工业大学也与高新区共建了轨道交通产业学院。"
    facts = _facts(text)
    assert ("湖南工业大学", "cooperatesWith", "株洲高新区") in facts or (
        "株洲高新区",
        "cooperatesWith",
        "湖南工业大学",
    ) in facts
    assert not any(p == "cooperatesWith" and "轨道交通产业学院" in (s, o) for s, p, o in facts)
    facts = _facts("湖南大学与中车株洲电力机车有限公司共建联合实验室。")
    assert any(p == "cooperatesWith" for _, p, _ in facts)


def test_a_later_item_of_a_list_keeps_a_word_that_could_be_a_verb() -> None:
    ents = _entities("新区已集聚企业500余家，包括华天科技、创意电子、今日头条等知名企业。")
    assert ents.get("创意电子") == "Company"
    assert ents.get("今日头条") == "Company"
    assert "电子" not in ents


@pytest.mark.parametrize("kind", ["地标", "千亿级", "标志性"])
def test_a_count_of_industries_with_a_rank_word_is_a_cue(kind: str) -> None:
    ents = _entities(f"江北新区将继续聚焦集成电路、生命健康两大{kind}产业。")
    assert ents.get("生命健康") == "Industry"
    assert not any(kind in name for name in ents)


def test_firms_counted_under_an_industry_are_in_it() -> None:
    text = (
        "宁波前湾新区位于杭州湾南岸。"
        "目前，新区已集聚汽车零部件企业300余家，包括均胜电子、拓普集团等知名企业。"
    )
    facts = _facts(text)
    assert ("均胜电子", "inIndustry", "汽车零部件") in facts
    assert ("拓普集团", "inIndustry", "汽车零部件") in facts


def test_a_focus_verb_overlapping_the_next_word_is_not_taken() -> None:
    # "集聚集成电路": the trigger is 集聚, not the 聚集 that straddles two words
    ents = _entities("目前，新区已集聚集成电路企业500余家。")
    assert ents.get("集成电路") == "Industry"


@pytest.mark.parametrize(
    "text",
    [
        "临沂绿色建材产业园将由山东建材集团有限公司兴建。",
        "山东建材集团有限公司总经理介绍，临沂绿色建材产业园将由该公司在临沂投资建设。",
    ],
)
def test_the_firm_that_builds_a_park_is_in_it(text: str) -> None:
    assert ("山东建材集团有限公司", "locatedIn", "临沂绿色建材产业园") in _facts(text)


def test_a_counted_class_is_no_name_but_a_first_batch_designation_is() -> None:
    assert _entities("与兰州大学合作建设了3个省级工程技术研究中心。") == {"兰州大学": "Institution"}
    assert not _entities("区内有两所大学。")
    ents = _entities("作为全国第一批国家级生物产业基地，泰州医药高新区发展迅速。")
    assert ents.get("国家级生物产业基地") == "Park"
    assert (
        _entities("三一重工股份有限公司落户长沙经开区。").get("三一重工股份有限公司") == "Company"
    )


@pytest.mark.parametrize(
    "text",
    [
        "目前，园区已引进动力电池项目12个，其中宁德时代、国轩高科已经投产。",
        "今年以来，园区落地了宁德时代、国轩高科等动力电池项目。",
    ],
)
def test_firms_of_a_class_of_projects_are_in_that_industry(text: str) -> None:
    facts = _facts(text)
    assert ("宁德时代", "inIndustry", "动力电池") in facts
    assert ("国轩高科", "inIndustry", "动力电池") in facts


def test_a_designation_a_zone_receives_is_not_part_of_it() -> None:
    text = "作为全国首批国家级生物产业基地，泰州医药高新区已集聚企业1000余家。"
    facts = _facts(text)
    assert not any(p == "partOf" for _, p, _ in facts)
    text = "泰州医药高新区先后建成中国医药城会展中心和新型工业化医药产业示范基地。"
    assert ("新型工业化医药产业示范基地", "partOf", "泰州医药高新区") in _facts(text)


def test_an_industry_firm_after_de_and_an_ordinal_centre() -> None:
    text = "全球领先的医疗器械企业美敦力在苏州工业园区设立了其在华第三个研发中心。"
    facts = _facts(text)
    assert ("美敦力", "inIndustry", "医疗器械") in facts
    assert "第三个研发中心" not in _entities(text)


def test_a_district_created_after_2018_is_a_place() -> None:
    assert (
        _entities("杭州临平区政府与浙江大学签署合作协议。").get("杭州临平区政府") == "Institution"
    )
    assert _entities("光明乳业股份有限公司发布年报。") == {"光明乳业股份有限公司": "Company"}


def test_a_firm_said_to_be_a_maker_of_an_industry() -> None:
    text = "徐工集团工程机械股份有限公司总部位于徐州经济技术开发区，是全球领先的工程机械制造商。"
    facts = _facts(text)
    assert ("徐工集团工程机械股份有限公司", "inIndustry", "工程机械") in facts
    assert ("徐工集团工程机械股份有限公司", "locatedIn", "徐州经济技术开发区") in facts


def test_a_national_testing_centre_is_an_institution() -> None:
    ents = _entities("徐州经开区与中国矿业大学共建了国家工程机械质量检验检测中心。")
    assert ents.get("国家工程机械质量检验检测中心") == "Institution"


def test_every_line_of_business_after_a_business_verb() -> None:
    text = "与其一路之隔的山河智能装备股份有限公司，则专注于地下工程装备和智能装备的研发制造。"
    facts = _facts(text)
    assert ("山河智能装备股份有限公司", "inIndustry", "地下工程装备") in facts
    assert ("山河智能装备股份有限公司", "inIndustry", "智能装备") in facts
    facts = _facts("宁德时代新能源科技股份有限公司专注于动力电池和储能的研发。")
    assert ("宁德时代新能源科技股份有限公司", "inIndustry", "储能") in facts


def test_a_cloud_computing_centre_is_a_site_of_its_operator() -> None:
    ents = _entities("中国电信丝路信息港云计算中心等项目相继投用。")
    assert ents == {"中国电信": "Company"}


def test_a_firm_inside_a_bare_park_word_and_a_partner_from_elsewhere() -> None:
    text = (
        "芜湖经济技术开发区是国内重要的汽车产业基地，已集聚企业300余家。"
        "园区内的长信科技专注于显示面板。奇瑞汽车还与华为技术有限公司合作开发智能座舱。"
    )
    facts = _facts(text)
    assert ("长信科技", "locatedIn", "芜湖经济技术开发区") in facts
    assert ("华为技术有限公司", "locatedIn", "芜湖经济技术开发区") not in facts


def test_firms_that_settle_in_a_bare_park_word_settle_in_the_park_it_means() -> None:
    text = (
        "位于成都高新区的天府软件园，规划面积约2平方公里。"
        "目前，华为、腾讯等数字经济企业已落户软件园。园区构建“一园多区”格局。"
    )
    facts = _facts(text)
    assert ("华为", "locatedIn", "天府软件园") in facts
    assert "一园多区" not in _entities(text)


def test_a_park_named_after_a_university_and_a_field() -> None:
    ents = _entities("贵州大学大数据科技园则依托高校资源开展产学研合作。")
    assert ents.get("贵州大学大数据科技园") == "Park"


def test_a_chains_first_segment_starts_right_after_cong() -> None:
    text = "高新区已形成了从GPU芯片、操作系统、数据库到整机终端、应用软件的完整信创产业链。"
    ents = _entities(text)
    assert ents.get("GPU芯片") == "Industry"
    assert ents.get("操作系统") == "Industry"


def test_a_cue_inside_a_firms_name_is_not_the_lists_cue() -> None:
    text = "园区聚集了麒麟软件有限公司、曙光信息产业股份有限公司等信创龙头企业1000余家。"
    facts = _facts(text)
    assert ("曙光信息产业股份有限公司", "inIndustry", "信创") in facts
    assert ("麒麟软件有限公司", "inIndustry", "信创") in facts


def test_a_firms_ending_glued_to_the_next_noun_still_ends_its_name() -> None:
    ents = _entities("湘恒生物科技公司章程提出，公司党组织应对重大决策提出建议。")
    assert ents.get("湘恒生物科技公司") == "Company"


def test_zhong_opening_a_clause_starts_a_name() -> None:
    ents = _entities("在动力电池领域，中创新航科技股份有限公司常州基地已建成投产。")
    assert ents.get("中创新航科技股份有限公司") == "Company"
    assert _entities("在此过程中华为技术有限公司发挥了作用。").get("华为技术有限公司") == "Company"


def test_a_zone_with_city_and_guojia_and_its_short_form_are_one() -> None:
    doc = extract_text("常州武进国家高新区引进企业30家。武进高新区营收增长两成。")
    parks = [e for e in doc.entities if e.type == "Park"]
    assert len(parks) == 1
    assert {parks[0].name, *parks[0].aliases} >= {"常州武进国家高新区", "武进高新区"}


def test_an_institutions_own_ending_beats_the_lists_head() -> None:
    text = (
        "新区先后引进了中船重工、厦门大学翔安校区、国家海洋局第三海洋研究所"
        "等一批涉海企业和科研院所。"
    )
    ents = _entities(text)
    assert ents.get("中船重工") == "Company"
    assert ents.get("厦门大学翔安校区") == "Institution"
    assert ents.get("国家海洋局第三海洋研究所") == "Institution"


def test_a_known_group_and_its_legal_ending_are_one_firm() -> None:
    ents = _entities("近日，昆明高新区与云南白药集团股份有限公司签署战略合作协议。")
    assert ents.get("云南白药集团股份有限公司") == "Company"


# --- session 4: rules found on articles written for this purpose (other provinces) ---


def test_a_bare_zone_word_after_an_opening_clause_is_the_main_zone() -> None:
    text = (
        "常德经济技术开发区年度总结\n\n"
        "去年，开发区下辖的德山智造产业园完成扩区。\n\n"
        "2027年，开发区将围绕烟草机械、生物医药两条产业链精准招商。"
    )
    facts = _facts(text)
    assert ("常德经济技术开发区", "focusesOn", "烟草机械") in facts
    assert ("德山智造产业园", "focusesOn", "烟草机械") not in facts


def test_signed_to_settle_is_not_signing_with_the_park() -> None:
    text = (
        "两年间，东营港经济开发区签约落户项目40个，其中既有万华化学、"
        "富海集团等行业巨头，也有一批中小企业。"
    )
    assert not any(p == "cooperatesWith" for _, p, _ in _facts(text))


def test_a_list_a_head_noun_introduces() -> None:
    ents = _entities("园区已形成完整生态，入驻企业包括航嘉驰源、锐明技术、ABB等。")
    assert ents.get("航嘉驰源") == "Company"
    assert ents.get("锐明技术") == "Company"
    ents = _entities("合作高校有兰州大学、西北师范大学和兰州理工大学。")
    assert ents.get("西北师范大学") == "Institution"
    ents = _entities("主要企业有银鹰纺织、金丰化工和华泰重工。")
    assert "银鹰纺织" in ents and "有银鹰纺织" not in ents


def test_a_legal_name_with_a_line_of_business_before_its_ending() -> None:
    ents = _entities("山东鲁泰企业有限公司、浙江万丰企业集团等先后入驻。")
    assert ents.get("山东鲁泰企业有限公司") == "Company"
    assert ents.get("浙江万丰企业集团") == "Company"
    ents = _entities("印尼金光纸业（中国）投资有限公司在园区建设纸浆项目。")
    assert any(n.endswith("金光纸业（中国）投资有限公司") for n in ents)
    assert "有限公司" not in ents
    # a verb alone before the ending is still no name
    assert not any(t == "Company" for t in _entities("区政府将引进发展有限公司。").values())


def test_a_count_word_after_a_list_of_industries_is_no_part_of_them() -> None:
    ents = _entities("淄川经济开发区重点发展耐火材料、精细陶瓷、汽车零部件三大门类。")
    assert {"耐火材料", "精细陶瓷", "汽车零部件"} <= set(ents)
    assert not any(n.endswith(("三大", "三大门类")) for n in ents)
    ents = _entities("开发区将围绕碳纤维、高端装备制造两条产业链招商。")
    assert "高端装备制造" in ents and "高端装备制造两条" not in ents


def test_a_two_character_short_form_inside_a_longer_phrase_is_no_firm() -> None:
    text = "园区推出星光科技领军人才计划。同年组建了星光公司，负责园区运营。"
    assert "星光科技" not in _entities(text)


def test_part_of_said_in_so_many_words() -> None:
    text = "浏阳高新区成立于1997年，现为国家级高新区，是长沙经济技术开发区的一部分。"
    assert ("浏阳高新区", "partOf", "长沙经济技术开发区") in _facts(text)
    text = "钦州保税港区是中国（广西）自由贸易试验区的重要组成部分，重点发展港口物流。"
    facts = _facts(text)
    assert ("钦州保税港区", "partOf", "中国（广西）自由贸易试验区") in facts
    facts = _facts("前海深港现代服务业合作区是粤港澳大湾区先行区，规划面积120平方公里。")
    assert not any(p == "partOf" and s == "粤港澳大湾区" for s, p, _ in facts)


@pytest.mark.parametrize(
    "name",
    ["二连浩特边境经济合作区", "钦州保税港区", "昆山出口加工区", "丰城工业集中区"],
)
def test_zone_kinds_from_public_lists(name: str) -> None:
    assert _entities(f"{name}今年新增入驻企业12家。").get(name) == "Park"


def test_a_verb_complement_does_not_open_a_name() -> None:
    ents = _entities("中科院西安光机所孵化出奇芯光电科技股份有限公司等一批企业。")
    assert "奇芯光电科技股份有限公司" in ents
    assert not any(n.startswith("出") for n in ents)


def test_after_yu_a_verb_like_word_opens_the_partners_name() -> None:
    text = "太原理工大学与共创新材料股份有限公司共建联合实验室。"
    ents = _entities(text)
    assert ents.get("共创新材料股份有限公司") == "Company"
    facts = _facts(text)
    pair = {"太原理工大学", "共创新材料股份有限公司"}
    assert any(p == "cooperatesWith" and {s, o} == pair for s, p, o in facts)


def test_a_verb_before_a_centre_is_no_institution() -> None:
    assert _entities("多所高校与企业共建研发中心。") == {}


def test_schools_of_applied_technology() -> None:
    ents = _entities("包头职业技术学院、呼和浩特应用技术学院与企业开展订单培养。")
    assert ents.get("呼和浩特应用技术学院") == "Institution"
    assert ents.get("包头职业技术学院") == "Institution"


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("西南交通大学与中车四方公司联合建设了轨道交通研究院。", "西南交通大学", "中车四方公司"),
        (
            "华南理工大学—广州汽车集团股份有限公司智能网联联合实验室揭牌。",
            "华南理工大学",
            "广州汽车集团股份有限公司",
        ),
    ],
)
def test_joint_building_and_a_joint_lab_are_cooperation(text: str, a: str, b: str) -> None:
    facts = _facts(text)
    assert any(p == "cooperatesWith" and {s, o} == {a, b} for s, p, o in facts)


def test_a_dash_between_places_is_no_cooperation() -> None:
    assert not any(p == "cooperatesWith" for _, p, _ in _facts("成都—重庆高新区合作机制建立。"))


def test_firms_all_placed_in_one_park() -> None:
    text = "乐普医疗、万东医疗都在北京经济技术开发区。"
    facts = _facts(text)
    assert ("乐普医疗", "locatedIn", "北京经济技术开发区") in facts
    assert ("万东医疗", "locatedIn", "北京经济技术开发区") in facts


def test_brands_of_materials_and_energy_firms() -> None:
    ents = _entities("赣锋锂业、明泰铝业、旗滨玻璃相继在园区投资建厂。")
    assert {"赣锋锂业", "明泰铝业", "旗滨玻璃"} <= {n for n, t in ents.items() if t == "Company"}


def test_a_bare_noun_after_ji_leans_on_the_other_item() -> None:
    # rule 15: 北斗及应用 → 北斗; 应用 names no field on its own
    ents = _entities("高新区将重点发展北斗及应用、工业软件和智能传感器。")
    assert ents.get("北斗") == "Industry"
    assert "应用" not in ents and "北斗及应用" not in ents


def test_a_bare_zone_word_before_a_park_name_is_no_part_of_it() -> None:
    ents = _entities("在新区临港智造产业园区，一批装备项目进入调试阶段。")
    assert ents.get("临港智造产业园区") == "Park"
    assert "新区临港智造产业园区" not in ents


def test_an_item_with_a_firms_ending_is_no_industry() -> None:
    ents = _entities("在智能网联领域，园区培育了驭势集团、清智科技等一批企业。")
    assert ents.get("驭势集团") != "Industry"


def test_a_partner_of_a_zone_is_not_its_tenant() -> None:
    text = "东疆综合保税区与马士基集团合作建设自动化码头。"
    facts = _facts(text)
    assert ("马士基集团", "locatedIn", "东疆综合保税区") not in facts
    pair = {"马士基集团", "东疆综合保税区"}
    assert any(p == "cooperatesWith" and {s, o} == pair for s, p, o in facts)


def test_a_bare_zone_word_opening_a_cooperation_is_that_zone() -> None:
    text = "防城港片区是广西自贸试验区的片区之一。此外，片区与广西民族大学签署人才共建协议。"
    facts = _facts(text)
    assert any(
        p == "cooperatesWith" and {s, o} == {"防城港片区", "广西民族大学"} for s, p, o in facts
    )


def test_a_groups_short_name_is_the_group() -> None:
    doc = extract_text("新疆金风科技股份有限公司在园区建设风电装备基地。金风科技与新疆大学合作。")
    firm = doc.entity("新疆金风科技股份有限公司")
    assert firm is not None and "金风科技" in firm.aliases


def test_several_parks_said_to_carry_a_zone_named_before() -> None:
    text = (
        "光明科学城集聚了重大科技基础设施6个。凤凰城片区、光明高新园区和公明先进制造园"
        "是科学城的主要产业承载区。"
    )
    facts = _facts(text)
    for park in ("凤凰城片区", "光明高新园区", "公明先进制造园"):
        assert (park, "partOf", "光明科学城") in facts


def test_a_firms_own_project_is_no_park() -> None:
    # rule 10: the firm is the entity, its project is not a park
    ents = _entities("苏宁物流华中智能产业园项目主要建设自动化立体仓库。")
    assert not any(t == "Park" for t in ents.values())
    assert ents.get("苏宁物流华中智能产业园") is None


def test_a_count_before_the_cue_ends_the_last_industry() -> None:
    text = "湘潭经开区坚持以智能装备、汽车零部件、电子信息三大制造产业为主导。"
    ents = _entities(text)
    assert ents.get("电子信息") == "Industry"
    assert not any("三大" in n for n in ents)


def test_advice_opens_no_park_name() -> None:
    ents = _entities("建议开发区依托港口片区，建设海洋装备产业园。")
    assert "建议开发区" not in ents
    assert ents.get("海洋装备产业园") == "Park"


def test_industry_words_of_the_national_classification() -> None:
    ents = _entities("泰州医药高新区重点发展生物、新材料和高端装备产业。")
    assert ents.get("生物") == "Industry"
    ents = _entities("该区补齐了居民服务、重型机械等领域的短板。")
    assert {"居民服务", "重型机械"} <= set(ents)
    ents = _entities("百色新山铝产业示范园已形成氧化铝、电解铝、铝精深加工产业链。")
    assert {"氧化铝", "电解铝"} <= set(ents)


def test_firms_of_an_industry_after_a_count() -> None:
    facts = _facts("区内集聚了欧林生物、百奥赛图等一批生物制药企业。")
    assert ("欧林生物", "inIndustry", "生物制药") in facts
    assert ("百奥赛图", "inIndustry", "生物制药") in facts


def test_firms_of_two_industries_joined_by_he() -> None:
    facts = _facts("园区还有拓普集团、均胜电子等一批汽车零部件和汽车电子领域的上市公司。")
    for firm in ("拓普集团", "均胜电子"):
        assert (firm, "inIndustry", "汽车零部件") in facts
        assert (firm, "inIndustry", "汽车电子") in facts


def test_a_brand_named_after_its_industry_then_what_it_does() -> None:
    text = "激光器企业锐科激光主营光纤激光器。"
    assert _entities(text).get("锐科激光") == "Company"
    assert ("锐科激光", "inIndustry", "激光器") in _facts(text)
    text = "传感器企业敏芯传感专注于MEMS麦克风芯片。"
    assert _entities(text).get("敏芯传感") == "Company"


def test_an_industry_before_longtou_names_the_firms_industry() -> None:
    assert ("恒瑞医药", "inIndustry", "创新药") in _facts("创新药龙头恒瑞医药在园区建设研发中心。")


def test_sibling_parks_one_character_apart_stay_two() -> None:
    doc = extract_text("开发区由东湖工业园区、西湖工业园区组成。东湖工业园区重点发展光伏。")
    assert doc.entity("东湖工业园区") is not None and doc.entity("西湖工业园区") is not None
    assert "西湖工业园区" not in doc.entity("东湖工业园区").aliases


def test_a_zone_made_of_parks() -> None:
    facts = _facts("格尔木昆仑经济技术开发区由察尔汗工业园区、藏青工业园区和大格勒工业园区组成。")
    for park in ("察尔汗工业园区", "藏青工业园区", "大格勒工业园区"):
        assert (park, "partOf", "格尔木昆仑经济技术开发区") in facts


def test_yi_x_wei_zhu_is_a_focus_and_zaici_places_firms() -> None:
    facts = _facts("乌海低碳产业园以焦化和精细化工为主，华资实业、黄河能源集团等在此布局。")
    assert ("乌海低碳产业园", "focusesOn", "精细化工") in facts
    assert ("乌海低碳产业园", "focusesOn", "焦化") in facts
    assert ("华资实业", "locatedIn", "乌海低碳产业园") in facts
    assert ("黄河能源集团", "locatedIn", "乌海低碳产业园") in facts
    facts = _facts("沧州临港经济技术开发区以精细化工为主。")
    assert ("沧州临港经济技术开发区", "focusesOn", "精细化工") in facts


def test_a_known_firm_is_no_alias_of_a_name_with_a_like_core() -> None:
    doc = extract_text("四川时代新能源科技有限公司扩产。宜宾市政府与宁德时代签署合作协议。")
    firm = doc.entity("四川时代新能源科技有限公司")
    assert firm is not None and "宁德时代" not in firm.aliases
    assert doc.entity("宁德时代") is not None


def test_two_cooperations_in_one_sentence() -> None:
    text = (
        "扬子江药业与中国药科大学共建了新药研究院，"
        "济川药业与南京中医药大学联合成立了经典名方研究中心。"
    )
    facts = _facts(text)
    for a, b in (("扬子江药业", "中国药科大学"), ("济川药业", "南京中医药大学")):
        assert any(p == "cooperatesWith" and {s, o} == {a, b} for s, p, o in facts), (a, b)


def test_a_branch_named_after_its_parent_is_one_name() -> None:
    ents = _entities("会上，园区分别与中国移动通信集团有限公司甘肃分公司、兰州大学签署协议。")
    assert ents.get("中国移动通信集团有限公司甘肃分公司") == "Company"
    assert "甘肃分公司" not in ents


def test_the_signers_after_fenbie_yu_are_partners_not_tenants() -> None:
    text = "贵阳高新区管委会分别与华为技术有限公司、浪潮集团有限公司、满帮集团签署战略合作协议。"
    facts = _facts(text)
    for firm in ("华为技术有限公司", "浪潮集团有限公司", "满帮集团"):
        assert (firm, "locatedIn", "贵阳高新区") not in facts
        assert any(p == "cooperatesWith" and firm in (s, o) for s, p, o in facts), firm


def test_a_bare_park_word_and_qiye_before_a_firm() -> None:
    text = "长沙高新区今年引进项目40个。通过对接会，园区企业湖南华曙高科技股份有限公司获得订单。"
    assert ("湖南华曙高科技股份有限公司", "locatedIn", "长沙高新区") in _facts(text)


def test_the_parks_a_new_area_governs() -> None:
    text = "天津滨海新区是国家级新区，下辖天津经济技术开发区、天津港保税区等功能区。"
    facts = _facts(text)
    assert ("天津经济技术开发区", "partOf", "天津滨海新区") in facts
    assert ("天津港保税区", "partOf", "天津滨海新区") in facts


def test_a_list_closed_by_a_count_of_leading_firms() -> None:
    text = "海尔、海信、澳柯玛三大龙头企业均集中在青岛高新区。"
    facts = _facts(text)
    for firm in ("海尔", "海信", "澳柯玛"):
        assert (firm, "locatedIn", "青岛高新区") in facts, firm


def test_a_centre_a_place_means_to_become_is_no_body() -> None:
    assert _entities("园区将打造面向东盟的区域跨境电商中心。") == {}
    ents = _entities("园区与厦门大学共同打造了海洋装备创新中心。")
    assert ents.get("海洋装备创新中心") == "Institution"


def test_a_national_tourist_resort_is_a_zone() -> None:
    ents = _entities("三亚亚龙湾国家旅游度假区今年接待游客800万人次。")
    assert ents.get("三亚亚龙湾国家旅游度假区") == "Park"


def test_a_list_of_schools_then_ze_yu_a_bare_zone_word_builds_together() -> None:
    text = "嘉兴经济技术开发区是国家级经开区。嘉兴大学、嘉兴南湖学院则与经开区合作建设了研发机构。"
    facts = _facts(text)
    for school in ("嘉兴大学", "嘉兴南湖学院"):
        assert any(
            p == "cooperatesWith" and {s, o} == {school, "嘉兴经济技术开发区"} for s, p, o in facts
        ), school


def test_electrical_firms() -> None:
    facts = _facts("乐清经济开发区集聚了天正电气、人民电器集团等电气企业。")
    assert ("天正电气", "inIndustry", "电气") in facts


def test_a_city_as_a_party_gives_no_cooperation_to_the_zone() -> None:
    text = "包头稀土高新区重点发展氢能。在应用环节，包头市与一汽解放、三一重工合作推广氢能重卡。"
    facts = _facts(text)
    assert not any(p == "cooperatesWith" for _, p, _ in facts)
    assert ("三一重工", "locatedIn", "包头稀土高新区") not in facts


def test_a_designation_or_a_project_is_not_part_of_the_zone() -> None:
    text = "泰州医药高新区获批国家外贸转型升级基地（医药），全面推进中国医药城特色小镇建设。"
    facts = _facts(text)
    assert not any(p == "partOf" and s.endswith("特色小镇") for s, p, _ in facts)
    text = "在淮安经开区投产的淮安新能源汽车产业园项目投资总额50亿元。"
    assert not any(p == "partOf" for _, p, _ in _facts(text))


def test_a_sentence_about_something_else_gives_the_topic_park_no_focus() -> None:
    text = "苏州工业园区引进了多家研究机构。这些机构聚焦第三代半导体、纳米新材料等领域，联合攻关。"
    facts = _facts(text)
    assert not any(p == "focusesOn" and o == "第三代半导体" for _, p, o in facts)
    text = "成都高新区重点发展电子信息产业。该公司主要从事光模块和激光器的研发。"
    assert not any(p == "focusesOn" and o == "激光器" for _, p, o in _facts(text))


def test_acts_on_an_industry_and_park_works_are_no_industries() -> None:
    ents = _entities("园区推进循环化改造、智慧园区建设，促使各类要素集中投向VR产业。")
    assert "集中投向VR" not in ents and "智慧园区" not in ents
    ents = _entities("建立新能源产业集群重点项目库、产业链供应链及龙头企业库。")
    assert "产业链供应链" not in ents


def test_firms_a_zone_works_with_are_not_its_tenants() -> None:
    text = "贵安新区坚持以龙头为引领，已与华为、苹果、腾讯等知名龙头企业携手合作。"
    facts = _facts(text)
    assert not any(p == "locatedIn" for _, p, _ in facts)
    text = "该项目将联合北京协和医院、中国医学科学院等数十家机构共同实施。"
    assert not any(p == "locatedIn" for _, p, _ in _facts("苏州工业园区获批新项目。" + text))


def test_an_academy_of_sciences_settles_in_a_park() -> None:
    text = "南京江北新区集聚企业3000家。大院大所如中国林业科学院、中科院南京分院也争相进驻新区。"
    facts = _facts(text)
    assert ("中国林业科学院", "locatedIn", "南京江北新区") in facts


def test_a_sentence_that_opens_inside_a_park() -> None:
    text = "阿拉尔经济技术开发区内，新疆富丽达纤维有限公司的厂房里，几台叉车正忙着装车。"
    assert ("新疆富丽达纤维有限公司", "locatedIn", "阿拉尔经济技术开发区") in _facts(text)


@pytest.mark.parametrize(
    "text, firm, industry",
    [
        ("国轩高科是国内领先的动力电池企业。", "国轩高科", "动力电池"),
        ("徐工集团作为工程机械行业的龙头，在园区建设了灯塔工厂。", "徐工集团", "工程机械"),
        ("华大基因系国内基因检测领域的龙头企业。", "华大基因", "基因检测"),
    ],
)
def test_a_firm_said_to_be_a_firm_of_an_industry(text: str, firm: str, industry: str) -> None:
    assert (firm, "inIndustry", industry) in _facts(text)


def test_zuowei_is_no_end_of_a_list() -> None:
    assert (
        _entities("安徽作为新能源汽车产业的重要基地，吸引了大批配套企业。").get("新能源汽车")
        == "Industry"
    )


def test_a_chain_of_segments_done_as_one() -> None:
    ents = _entities("园区形成了育种、育苗、种植、加工一体化的蔬菜全产业链。")
    assert "加工" in ents and "加工一体化" not in ents
    # a firm's integrated project is no industry list
    assert "有机硅" not in _entities("兰州某硅业有机硅一体化项目位于产业链前端。")


def test_walking_into_the_park_places_the_firm_there() -> None:
    text = "杨凌国家农业科技园区位于陕西。走进园区，陕西秦丰种业有限公司的育种温室里一片忙碌。"
    assert ("陕西秦丰种业有限公司", "locatedIn", "杨凌国家农业科技园区") in _facts(text)


def test_a_zone_covering_parks() -> None:
    text = (
        "中国（陕西）自由贸易试验区西安高新区片区是自贸试验区的核心区域，"
        "涵盖丝路科学城、西安软件园等功能区。"
    )
    facts = _facts(text)
    assert ("丝路科学城", "partOf", "中国（陕西）自由贸易试验区西安高新区片区") in facts
    assert ("西安软件园", "partOf", "中国（陕西）自由贸易试验区西安高新区片区") in facts


def test_a_new_topic_opened_by_zai_is_no_part_of_the_last_zone() -> None:
    text = "在成都科学城，一批研究院相继入驻。在天府总部商务区，已有中国中铁西南总部等企业落户。"
    assert not any(p == "partOf" for _, p, _ in _facts(text))


@pytest.mark.parametrize("name", ["广州国际生物岛", "上海虹桥商务区"])
def test_more_zone_kinds(name: str) -> None:
    assert _entities(f"{name}已集聚企业500余家。").get(name) == "Park"


def test_partners_of_a_project_carried_out_together() -> None:
    text = "该项目将联合中国康复医学会、北京协和医院、中国医学科学院等数十家机构共同实施。"
    facts = _facts(text)
    pairs = {frozenset((s, o)) for s, p, o in facts if p == "cooperatesWith"}
    assert frozenset(("中国康复医学会", "北京协和医院")) in pairs
    assert frozenset(("北京协和医院", "中国医学科学院")) in pairs


def test_the_two_groups_just_visited_are_the_partners() -> None:
    text = "太原高新区一行还拜访了中国中车集团、中国宝武集团，同两家集团深化交流合作。"
    facts = _facts(text)
    for firm in ("中国中车集团", "中国宝武集团"):
        assert any(p == "cooperatesWith" and {s, o} == {firm, "太原高新区"} for s, p, o in facts)
        assert (firm, "locatedIn", "太原高新区") not in facts  # visited, not settled


def test_the_firm_of_a_project_the_park_signed() -> None:
    text = "从具体项目看，济南高新区本次签约项目中的浪潮集团服务器扩产项目计划总投资50亿元。"
    assert ("浪潮集团", "locatedIn", "济南高新区") in _facts(text)


def test_the_whole_park_made_of_two_parts_named_by_a_bare_word() -> None:
    text = "保定高新区现有管辖面积60平方公里，整个园区由东区科技园区与西区产业园区两大板块组成。"
    facts = _facts(text)
    assert ("东区科技园区", "partOf", "保定高新区") in facts
    assert ("西区产业园区", "partOf", "保定高新区") in facts


def test_the_district_that_is_the_seat_of_a_park() -> None:
    text = "莲池区今年引进企业20家。莲池区是保定高新技术产业开发区的所在地。"
    assert ("保定高新技术产业开发区", "partOf", "莲池区") in _facts(text)


def test_a_branch_after_its_parents_brand() -> None:
    ents = _entities("生物医药产业集聚企业46家，济川药业泰兴分公司完成技改。")
    assert ents.get("济川药业泰兴分公司") == "Company"


def test_a_universitys_national_science_park() -> None:
    ents = _entities("兰州大学国家大学科技园新孵化企业30家。")
    assert ents.get("兰州大学国家大学科技园") == "Park"
    assert ents.get("兰州大学") == "Institution"
    assert "兰州大学国家大学" not in ents


def test_a_year_word_opens_no_park_name() -> None:
    assert "年度高新区" not in _entities("关于2025年度高新区工作情况的报告")


def test_firms_of_a_kind_of_firm_stay_firms() -> None:
    ents = _entities("吉利汽车、华人运通等整车企业在经开区建有生产基地。")
    assert ents.get("华人运通") == "Company"


def test_a_made_up_name_cut_into_characters() -> None:
    text = "华南理工大学与璟芯科技签订了人才培养合作协议。"
    assert _entities(text).get("璟芯科技") == "Company"


def test_a_name_found_once_is_the_same_firm_elsewhere() -> None:
    text = "区内集聚了兆芯微、睿创新能等企业。兆芯微则专注于处理器芯片设计。"
    doc = extract_text(text)
    firm = doc.entity("兆芯微")
    assert firm is not None and len(firm.mentions) == 2


def test_firms_counted_among_an_industrys_firms() -> None:
    text = "珠海高新区集成电路设计企业超过80家，全志科技、炬力集成等企业发展迅速。"
    facts = _facts(text)
    assert ("全志科技", "inIndustry", "集成电路设计") in facts


def test_ze_zhuanzhu_names_the_firms_industry() -> None:
    # a compound without a conjunction is one industry (rule 6)
    facts = _facts("纳芯微电子则专注于第三代半导体芯片的研发。")
    assert ("纳芯微电子", "inIndustry", "第三代半导体芯片") in facts


def test_what_a_firm_mainly_makes_is_its_industry() -> None:
    facts = _facts("赣州腾远钴业有限公司主要生产动力电池正极材料，年产能5万吨。")
    assert ("赣州腾远钴业有限公司", "inIndustry", "动力电池正极材料") in facts


def test_the_firms_that_lead_a_cluster_are_in_its_industry() -> None:
    facts = _facts("开发区已形成以潍柴动力、雷沃重工为龙头的农机装备产业集群。")
    assert ("潍柴动力", "inIndustry", "农机装备") in facts
    assert ("雷沃重工", "inIndustry", "农机装备") in facts


def test_a_qualifier_after_a_focus_verb_word_is_part_of_the_industry() -> None:
    ents = _entities("威海临港区大力发展海洋化工、新材料和智慧物流产业。")
    assert ents.get("海洋化工") == "Industry"
    ents = _entities("这个园区将大力发展塑料制品、新材料等产业。")
    assert ents.get("塑料制品") == "Industry"


def test_a_high_ground_a_zone_builds_is_its_focus() -> None:
    assert ("无锡高新区", "focusesOn", "物联网") in _facts("无锡高新区打造物联网高地")


def test_a_body_going_into_operation_in_the_park() -> None:
    text = "常州科技城是常州的创新高地。南京大学常州高新技术研究院也在园区投入运营。"
    assert ("南京大学常州高新技术研究院", "locatedIn", "常州科技城") in _facts(text)


def test_signing_with_the_park_a_bare_word_means() -> None:
    text = "包头稀土高新区签约项目8个。签约项目中，北方稀土与园区签订了战略合作协议。"
    facts = _facts(text)
    assert any(
        p == "cooperatesWith" and {s, o} == {"北方稀土", "包头稀土高新区"} for s, p, o in facts
    )


def test_a_firm_that_plans_to_build_in_the_park() -> None:
    text = "包头稀土高新区签约项目8个。金力永磁则计划在园区布局高性能磁材生产线。"
    assert ("金力永磁", "locatedIn", "包头稀土高新区") in _facts(text)


@pytest.mark.parametrize(
    "name", ["曹妃甸协同发展示范区", "唐山曹妃甸协同发展示范区", "郑洛新国家自主创新示范区"]
)
def test_zones_named_after_a_place_and_a_policy(name: str) -> None:
    assert _entities(f"{name}今年引进企业50家。").get(name) == "Park"


def test_a_policy_phrase_alone_is_no_zone() -> None:
    assert _entities("推动协同发展示范区建设。") == {}


def test_a_body_built_in_the_park() -> None:
    text = "合肥高新区集聚了一批研究机构。合肥微尺度物质科学国家研究中心也在高新区建成。"
    assert ("合肥微尺度物质科学国家研究中心", "locatedIn", "合肥高新区") in _facts(text)


def test_a_short_name_of_a_zone_written_with_a_bracketed_alias() -> None:
    doc = extract_text(
        "苏州工业园区（中新合作区）集聚外资企业。苏州园区管委会表示，园区将继续扩大开放。"
    )
    park = doc.entity("苏州工业园区（中新合作区）")
    assert park is not None
    doc = extract_text("武汉东湖新技术开发区（中国光谷）发展迅速。东湖高新区管委会表示将继续招商。")
    park = doc.entity("武汉东湖新技术开发区（中国光谷）")
    assert park is not None and "东湖高新区" in park.aliases


def test_a_bare_zone_word_lianhe_a_list_of_schools() -> None:
    text = (
        "海宁高新区集聚了光伏企业。"
        "为破解人才瓶颈，高新区联合浙江大学、浙江理工大学，成立了产业学院。"
    )
    facts = _facts(text)
    for school in ("浙江大学", "浙江理工大学"):
        assert any(
            p == "cooperatesWith" and {s, o} == {school, "海宁高新区"} for s, p, o in facts
        ), school


def test_a_three_character_name_repeated_where_a_name_can_start() -> None:
    text = "阿里云、美利云等企业的数据中心先后投入运营。目前，宁夏大学与美利云合作共建了培训基地。"
    facts = _facts(text)
    assert any(p == "cooperatesWith" and {s, o} == {"宁夏大学", "美利云"} for s, p, o in facts)


def test_a_latin_brand_of_several_words_with_its_chinese_name() -> None:
    ents = _entities("美国Johnson Controls（江森自控）也将亚太研发中心落户园区。")
    assert ents.get("Johnson Controls（江森自控）") == "Company"


def test_founders_of_an_alliance_are_partners_not_tenants() -> None:
    text = (
        "长三角新材料产业联盟在上海松江经济技术开发区成立。联盟由上海交通大学、"
        "东华大学、万华化学集团股份有限公司等46家单位共同发起。据介绍，联盟将聚焦高性能纤维。"
    )
    facts = _facts(text)
    assert ("万华化学集团股份有限公司", "locatedIn", "上海松江经济技术开发区") not in facts
    assert not any(p == "focusesOn" and o == "高性能纤维" for _, p, o in facts)
    pairs = {frozenset((s, o)) for s, p, o in facts if p == "cooperatesWith"}
    assert frozenset(("上海交通大学", "万华化学集团股份有限公司")) in pairs


def test_the_park_type_name_of_a_firms_project_is_no_park() -> None:
    text = "开工项目中，步长制药与开发区合作建设的中药产业园项目也同步开工。"
    assert not any(t == "Park" for n, t in _entities(text).items() if "产业园" in n)


def test_working_with_the_zones_firms_is_no_cooperation_with_the_zone() -> None:
    text = "苏州高新区集聚外资企业。苏州大学、苏州科技大学与区内企业建立了长期产学研合作关系。"
    assert not any(p == "cooperatesWith" for _, p, _ in _facts(text))


def test_zuowei_yijia_x_qiye_names_the_firms_industry() -> None:
    text = "作为一家动力电池企业，欣旺达在园区建成了年产10GWh的生产线。"
    assert ("欣旺达", "inIndustry", "动力电池") in _facts(text)


def test_the_firm_after_its_line_of_business() -> None:
    text = "园区引进了从事工业机器人研发的埃斯顿。"
    assert ("埃斯顿", "inIndustry", "工业机器人") in _facts(text)


def test_a_bare_zone_word_and_the_clause_that_goes_on_with_it() -> None:
    text = (
        "新桥智能电动汽车产业园位于合肥经济技术开发区。开发区还与中国科学技术大学、"
        "合肥工业大学共建了研究院，并与蔚来共同设立了产业基金。"
    )
    pairs = {frozenset((s, o)) for s, p, o in _facts(text) if p == "cooperatesWith"}
    assert frozenset(("中国科学技术大学", "合肥经济技术开发区")) in pairs
    assert frozenset(("合肥工业大学", "合肥经济技术开发区")) in pairs
    assert frozenset(("中国科学技术大学", "合肥工业大学")) in pairs  # rule 9: all parties
    assert frozenset(("蔚来", "合肥经济技术开发区")) in pairs
    assert not any("新桥智能电动汽车产业园" in pair for pair in pairs)


def test_a_known_parent_before_its_subsidiary_named_by_a_place() -> None:
    ents = _entities("宁德时代四川时代新能源科技有限公司位于宜宾锂电产业园。")
    assert ents.get("四川时代新能源科技有限公司") == "Company"
    # a registered name that holds its parent stays one name
    ents = _entities("中国石化海南炼油化工有限公司落户洋浦。")
    assert ents.get("中国石化海南炼油化工有限公司") == "Company"


def test_a_zones_name_without_its_city() -> None:
    doc = extract_text("宜宾三江新区建设了锂电产业园。电子科技大学宜宾研究院落户三江新区。")
    park = doc.entity("宜宾三江新区")
    assert park is not None and "三江新区" in park.aliases


def test_a_name_with_china_dash_partner_country_is_one_park() -> None:
    ents = _entities("中国—白俄罗斯工业园吸引了大批欧洲企业。")
    assert ents.get("中国—白俄罗斯工业园") == "Park"
    ents = _entities("中国-东盟（钦州）数字产业园已有20家企业入驻。")
    assert ents.get("中国-东盟（钦州）数字产业园") == "Park"


def test_a_park_listed_among_projects_is_no_site_of_the_other_projects() -> None:
    facts = _facts("在该片区，海康威视、大华股份、杭州数字安防产业园等项目加快推进。")
    assert ("海康威视", "locatedIn", "杭州数字安防产业园") not in facts


def test_a_core_base_is_a_park() -> None:
    facts = _facts("在中关村软件园西安核心基地，奇安信等企业已陆续入驻。")
    assert ("奇安信", "locatedIn", "中关村软件园西安核心基地") in facts or (
        "奇安信",
        "locatedIn",
        "西安核心基地",
    ) in facts


def test_a_firms_line_of_business_is_not_its_parks_focus() -> None:
    facts = _facts("入驻武汉光谷的华工科技产业股份有限公司专注于激光装备研发。")
    assert ("华工科技产业股份有限公司", "inIndustry", "激光装备") in facts
    assert not any(p == "focusesOn" for _, p, _ in facts)


def test_a_parks_leading_industry_named_as_its_first_industry() -> None:
    facts = _facts("两江新区是国家级新区，汽车产业是其首位产业。")
    assert ("两江新区", "focusesOn", "汽车") in facts


def test_a_zone_that_governs_its_parts() -> None:
    facts = _facts("南沙新区管辖南沙经济技术开发区、南沙保税港区等功能区。")
    assert ("南沙经济技术开发区", "partOf", "南沙新区") in facts
    assert ("南沙保税港区", "partOf", "南沙新区") in facts


def test_the_listed_subjects_of_a_joint_act_are_partners() -> None:
    facts = _facts("四川大学、电子科技大学和东方电气集团联合组建了清洁能源装备创新中心。")
    pairs = {frozenset((s, o)) for s, p, o in facts if p == "cooperatesWith"}
    assert pairs == {
        frozenset(("四川大学", "电子科技大学")),
        frozenset(("四川大学", "东方电气集团")),
        frozenset(("电子科技大学", "东方电气集团")),
    }
    # listed side by side, no joint act: no cooperation
    facts = _facts("四川大学、电子科技大学和东方电气集团的代表出席了会议。")
    assert not any(p == "cooperatesWith" for _, p, _ in facts)


def test_firms_listed_before_the_leaders_of_an_industry() -> None:
    facts = _facts("天合光能、阿特斯等光伏龙头先后落户盐城经开区。")
    assert ("天合光能", "inIndustry", "光伏") in facts
    assert ("阿特斯", "inIndustry", "光伏") in facts


def test_firms_counted_among_an_industrys_related_firms() -> None:
    facts = _facts("武汉光谷已集聚光电子相关企业300余家，其中包括长飞光纤、华工科技等。")
    assert ("长飞光纤", "inIndustry", "光电子") in facts


def test_a_brand_that_is_a_dictionary_word_as_the_subject_of_a_firms_act() -> None:
    text = "合肥市政府与长城汽车股份有限公司签约。长城将在肥西经开区投资建设整车工厂。"
    facts = _facts(text)
    assert ("长城汽车股份有限公司", "locatedIn", "肥西经开区") in facts
    # the same word elsewhere is no firm
    doc = extract_text("长城汽车股份有限公司发布新车。游客登上长城远眺。")
    firm = doc.entity("长城汽车股份有限公司")
    assert firm is not None and len(firm.mentions) == 1


def test_a_later_clause_with_yu_goes_on_with_the_sentences_subject() -> None:
    facts = _facts("近日，宁德时代在贵阳投资建设动力电池基地，并与贵州大学签署战略合作协议。")
    assert ("宁德时代", "cooperatesWith", "贵州大学") in facts or (
        "贵州大学",
        "cooperatesWith",
        "宁德时代",
    ) in facts


def test_a_qualified_industry_under_a_numbered_heading() -> None:
    ents = _entities("（二）现代纺织产业。园区新引进纺织项目8个。")
    assert ents.get("现代纺织") == "Industry"


def test_the_class_a_list_closes_with_is_an_industry_too() -> None:
    ents = _entities("赣州高新区重点发展钨钼合金、硬质合金等先进金属材料。")
    assert ents.get("钨钼合金") == "Industry"
    assert ents.get("硬质合金") == "Industry"
    assert ents.get("先进金属材料") == "Industry"
    # technologies a product is combined with are no list of the park's industries
    ents = _entities("推动纺织服装的生产同5G、物联网、人工智能等新一代信息技术深度结合。")
    assert "人工智能" not in ents


def test_an_enumeration_after_a_cue_and_a_colon() -> None:
    ents = _entities("舟山主要抓三个板块：远洋捕捞、海水养殖和船舶修造。")
    assert ents.get("远洋捕捞") == "Industry"
    assert ents.get("海水养殖") == "Industry"
    assert ents.get("船舶修造") == "Industry"


def test_a_firms_first_word_and_its_name_without_zhongguo_are_its_short_forms() -> None:
    text = (
        "入驻企业有中国巨石股份有限公司、桐乡振石特种钢材有限公司等。"
        "恒石、振石等企业近年来产能持续扩大。巨石今年新增两条生产线。"
    )
    doc = extract_text(text)
    firm = doc.entity("桐乡振石特种钢材有限公司")
    assert firm is not None and "振石" in firm.aliases
    text = "园区入驻了中国北方稀土（集团）高科技股份有限公司。北方稀土今年产量增长12%。"
    doc = extract_text(text)
    firm = doc.entity("中国北方稀土（集团）高科技股份有限公司")
    assert firm is not None and "北方稀土" in firm.aliases


def test_parks_named_with_verbs_in_a_zones_list_of_parts() -> None:
    text = "赣州经开区始建于1990年。经开区下辖希望工业园、创新应用产业园和潭东新区三个片区。"
    facts = _facts(text)
    for part in ("希望工业园", "创新应用产业园", "潭东新区"):
        assert (part, "partOf", "赣州经开区") in facts
    assert not any(s == "希望工业园" and o == "创新应用产业园" for s, _, o in facts)
    # a verb before a park word outside a list is no name
    assert "提升产业园" not in _entities("要完善基础设施、提升产业园品质。")


def test_a_park_found_in_a_list_is_the_same_park_where_a_sentence_opens_with_it() -> None:
    text = (
        "经开区下辖希望工业园、创新应用产业园和潭东新区三个片区。"
        "希望工业园的主导产业为新能源汽车，创新应用产业园则以智能装备为主。"
    )
    facts = _facts(text)
    assert ("希望工业园", "focusesOn", "新能源汽车") in facts
    assert ("创新应用产业园", "focusesOn", "智能装备") in facts


def test_a_leading_industry_named_by_a_copula_after_the_cue() -> None:
    facts = _facts("遵义经开区的主导产业为白酒。")
    assert ("遵义经开区", "focusesOn", "白酒") in facts


def test_the_cue_of_a_park_word_is_no_end_of_a_list() -> None:
    facts = _facts("株洲动力谷产业园则以轨道交通装备为主。")
    assert ("株洲动力谷产业园", "focusesOn", "轨道交通装备") in facts


def test_a_bilateral_parks_name_keeps_its_two_countries() -> None:
    ents = _entities("入驻中德太仓产业园的德资企业超过400家。")
    assert ents.get("中德太仓产业园") == "Park"


def test_a_comprehensive_pilot_zone_is_a_park() -> None:
    facts = _facts("研发成果优先在黄河三角洲循环经济试验区内转化，鲁北化工已在试验区投产。")
    assert ("黄河三角洲循环经济试验区") in {s for s, _, _ in facts} | {o for _, _, o in facts}


def test_a_winery_is_a_firm_and_a_boutique_winery_is_none() -> None:
    ents = _entities("蓬莱的君顶酒庄、国宾酒庄等精品酒庄吸引了大批游客。")
    assert ents.get("君顶酒庄") == "Company"
    assert ents.get("国宾酒庄") == "Company"
    assert "精品酒庄" not in ents


def test_two_fields_joined_inside_a_bodys_name() -> None:
    ents = _entities("四川大学高分子科学与工程学院与企业共建实验室。")
    assert ents.get("四川大学高分子科学与工程学院") == "Institution"
    ents = _entities("国家镁合金材料及应用工程技术研究中心落户重庆。")
    assert ents.get("国家镁合金材料及应用工程技术研究中心") == "Institution"
    # two parties joined by 与 stay two
    ents = _entities("长安与中国汽车工程研究院签署合作协议。")
    assert ents.get("中国汽车工程研究院") == "Institution"
    ents = _entities("远航新材料与中国科学院宁波材料技术与工程研究所签约。")
    assert not any(n.startswith("远航新材料与") for n in ents)
    ents = _entities("鼎泰化工与张江实验室共建氢能联合实验室。")
    assert not any(n.startswith("鼎泰化工与") for n in ents)


def test_a_winerys_legal_name_after_its_weak_name() -> None:
    ents = _entities("烟台张裕葡萄酿酒股份有限公司与山东龙亭酒庄有限公司签约。")
    assert ents.get("山东龙亭酒庄有限公司") == "Company"


def test_as_the_leader_of_an_industry_the_firm_is_in_it() -> None:
    text = "中国一拖集团有限公司在洛阳投资。作为国内农机装备龙头，一拖将扩大产能。"
    assert ("中国一拖集团有限公司", "inIndustry", "农机装备") in _facts(text)


def test_a_firm_that_is_one_of_the_largest_makers_of_a_product() -> None:
    text = "云海金属集团股份有限公司在巢湖投资。云海金属则是全球最大的镁合金生产企业之一。"
    assert ("云海金属集团股份有限公司", "inIndustry", "镁合金") in _facts(text)


def test_firms_before_a_known_industrys_kind_of_product() -> None:
    facts = _facts("园区已引进明阳智能、运达股份等风电整机企业。")
    assert ("明阳智能", "inIndustry", "风电整机") in facts


def test_firms_listed_after_the_count_of_an_industrys_firms() -> None:
    facts = _facts("舟山基地已集聚远洋渔业企业20家，入驻企业有浙江大洋世家股份有限公司等。")
    assert ("浙江大洋世家股份有限公司", "inIndustry", "远洋渔业") in facts


def test_a_move_into_a_park_is_no_parks_name() -> None:
    ents = _entities("推动化工企业退城进园，实施搬迁入园工程。")
    assert not any(t == "Park" for t in ents.values())


def test_the_parties_before_yu_in_a_three_party_act_are_partners_too() -> None:
    facts = _facts(
        "南京农业大学、江苏省农业科学院与江苏农垦集团有限公司签署协议，三方共建育种中心。"
    )
    pairs = {frozenset((s, o)) for s, p, o in facts if p == "cooperatesWith"}
    assert frozenset(("南京农业大学", "江苏省农业科学院")) in pairs


def test_the_party_is_the_park_inside_the_zone_named_before_it() -> None:
    facts = _facts("苏州工业园区与南京江北新区研创园签署合作协议。")
    assert ("研创园", "cooperatesWith", "苏州工业园区") in facts or (
        "苏州工业园区",
        "cooperatesWith",
        "研创园",
    ) in facts
    assert not any(p == "cooperatesWith" and "南京江北新区" in (s, o) for s, p, o in facts)


def test_a_bare_zone_word_after_a_long_opening_clause_is_the_subject() -> None:
    text = (
        "赣州高新技术产业开发区始建于1992年。高新区下辖钨业产业园、稀土产业园两个园区。"
        "依托赣南地区丰富的钨和稀土资源，高新区以稀土新材料为主导产业。"
    )
    facts = _facts(text)
    assert ("赣州高新技术产业开发区", "focusesOn", "稀土新材料") in facts


def test_a_citys_industrial_chain_is_no_parks_focus() -> None:
    text = "襄阳高新区是国家级高新区。全市已形成从零部件到整车的汽车产业链。"
    facts = _facts(text)
    assert not any(p == "focusesOn" and o == "整车" for _, p, o in facts)


def test_a_short_name_the_article_defines_is_the_same_entity() -> None:
    text = (
        "江西省与赣州稀土集团有限公司（以下简称“赣稀集团”）签约。"
        "赣稀集团将在龙南经开区建设冶炼项目。"
    )
    facts = _facts(text)
    assert ("赣州稀土集团有限公司", "locatedIn", "龙南经开区") in facts
    text = (
        "安徽省与合肥综合性国家科学中心能源研究院（以下简称“能源院”）签约。"
        "能源院将在合肥高新区建设实验平台。"
    )
    assert ("合肥综合性国家科学中心能源研究院", "locatedIn", "合肥高新区") in _facts(text)


def test_a_bodys_fields_of_research_are_industries_it_is_in() -> None:
    text = "中国科学院宁波材料技术与工程研究所重点开展稀土永磁、碳纤维等技术攻关。"
    facts = _facts(text)
    assert ("中国科学院宁波材料技术与工程研究所", "inIndustry", "稀土永磁") in facts
    assert ("中国科学院宁波材料技术与工程研究所", "inIndustry", "碳纤维") in facts
    # crops studied are no industries
    ents = _entities("未来这里还将开展柑橘、水稻、茶树等种质创制研究。")
    assert "柑橘" not in ents


def test_the_peoples_government_is_the_citys_government() -> None:
    text = "在省委省政府和市委市政府的领导下，全市经济稳中有进。株洲市人民政府与中车株机签署协议。"
    doc = extract_text(text)
    gov = doc.entity("株洲市人民政府")
    assert gov is not None and "市政府" in gov.aliases


def test_state_capital_and_institute_names_before_a_legal_ending() -> None:
    ents = _entities("湖南省国有资本运营有限公司与上海化工研究院有限公司签约。")
    assert ents.get("湖南省国有资本运营有限公司") == "Company"
    assert ents.get("上海化工研究院有限公司") == "Company"


def test_lianhe_right_before_the_legal_ending_is_part_of_the_name() -> None:
    ents = _entities("宝钢湛江钢铁联合有限责任公司在东海岛建设基地。")
    assert ents.get("宝钢湛江钢铁联合有限责任公司") == "Company"


def test_parks_respectively_focus_on_the_industries_listed_after_fenbie() -> None:
    facts = _facts("宁波保税区和宁波经开区分别聚焦集成电路、港航物流。")
    assert ("宁波保税区", "focusesOn", "集成电路") in facts
    assert ("宁波经开区", "focusesOn", "港航物流") in facts
    assert ("宁波保税区", "focusesOn", "港航物流") not in facts


def test_a_park_planned_inside_another_is_part_of_it() -> None:
    text = "2020年起，钦州在中马钦州产业园区内规划建设了燕窝产业园，入园企业有20家。"
    assert ("燕窝产业园", "partOf", "中马钦州产业园区") in _facts(text)


def test_a_designated_national_base_is_a_park() -> None:
    facts = _facts("舟山国家远洋渔业基地已集聚远洋渔业企业20余家。")
    assert ("舟山国家远洋渔业基地", "focusesOn", "远洋渔业") in facts
    # a firm's production base is no park (rule 10)
    assert "电池生产基地" not in _entities("比亚迪在长沙建设电池生产基地。")


def test_an_industry_a_focus_verb_builds_after_a_modifier_with_de() -> None:
    ents = _entities("包头打造具有全国影响力的稀土新材料产业集群。")
    assert ents.get("稀土新材料") == "Industry"


def test_a_city_building_a_cluster_says_nothing_of_the_topic_parks_focus() -> None:
    text = "成都天府软件园正式开园。成都市正着力打造规模达千亿级的软件产业集群。"
    facts = _facts(text)
    assert ("成都天府软件园", "focusesOn", "软件") in facts  # from its own name
    assert sum(1 for _, p, _ in facts if p == "focusesOn") == 1


def test_a_bare_body_word_doing_research_means_the_body_named_before() -> None:
    text = "浙江大学与杭州市共建杭州国际科创中心，该中心重点开展智能感知、柔性电子等技术攻关。"
    facts = _facts(text)
    assert ("杭州国际科创中心", "inIndustry", "智能感知") in facts
    assert ("杭州国际科创中心", "inIndustry", "柔性电子") in facts


def test_firms_listed_before_dou_shi_are_in_the_industry_named_after() -> None:
    facts = _facts("签约企业中，青岛啤酒、燕京啤酒都是国内啤酒龙头企业。")
    assert ("青岛啤酒", "inIndustry", "啤酒") in facts
    assert ("燕京啤酒", "inIndustry", "啤酒") in facts
    facts = _facts("宁德时代、比亚迪均为动力电池龙头企业。")
    assert ("比亚迪", "inIndustry", "动力电池") in facts


@pytest.mark.parametrize(
    "text, firm, industry",
    [
        ("潍柴动力是国内领先的柴油发动机制造商。", "潍柴动力", "柴油发动机"),
        ("中车株机是全球领先的电力机车研制企业。", "中车株机", "电力机车"),
        # every firm listed after an industry's firms, and a known class's kind
        ("园区引进锂电池材料企业天齐锂业。", "天齐锂业", "锂电池材料"),
        ("其中，锂电池材料企业有天齐锂业、赣锋锂业等12家。", "赣锋锂业", "锂电池材料"),
        ("园区的新材料企业包括万华化学、华鲁恒升等。", "华鲁恒升", "新材料"),
    ],
)
def test_a_maker_of_a_kind_of_a_known_product_class(text, firm, industry) -> None:
    # one word of the segmenter's that ends in a known class is a qualified class
    assert (firm, "inIndustry", industry) in _facts(text)


def test_a_count_of_kinds_is_no_part_of_the_product_class() -> None:
    text = "洛阳轴承集团主要生产各类精密轴承，产品远销海外。"
    assert _entities(text).get("精密轴承") == "Industry"
    assert "各类精密轴承" not in _entities(text)
    assert ("洛阳轴承集团", "inIndustry", "精密轴承") in _facts(text)


def test_a_firm_focused_on_a_household_appliance() -> None:
    assert ("格力电器", "inIndustry", "空调") in _facts("格力电器专注于空调的研发和生产。")


def test_a_cue_in_the_first_of_two_joined_items_names_its_firms_industry() -> None:
    facts = _facts("纺织企业魏桥创业集团和服装企业如意集团都在园区设有工厂。")
    assert ("魏桥创业集团", "inIndustry", "纺织") in facts
    assert ("如意集团", "inIndustry", "服装") in facts


def test_two_terms_that_touch_before_a_cue_are_one_compound() -> None:
    text = "长电科技深耕集成电路封装测试领域多年。"
    assert _entities(text).get("集成电路封装测试") == "Industry"
    assert ("长电科技", "inIndustry", "集成电路封装测试") in _facts(text)


def test_a_conjunction_glued_inside_the_last_items_of_a_list() -> None:
    text = "生物医药企业药明康德、凯莱英和博腾股份先后落户园区。"
    ents = _entities(text)
    assert ents.get("博腾股份") == "Company"
    assert "凯莱英和博腾股份" not in ents
    assert ("博腾股份", "inIndustry", "生物医药") in _facts(text)
    # a place opens one firm's name: its 和 is the name's own
    one = _entities("园区集聚了金力永磁、包头天和磁材科技股份等稀土企业。")
    assert "包头天和磁材科技股份" in one


@pytest.mark.parametrize(
    "text, park",
    [
        (
            "作为国家数字经济创新示范区的核心区，杭州高新区持续推动数字经济发展。",
            "国家数字经济创新示范区",
        ),
        ("在区内的长三角智能制造创新园，博众精工等一批企业加速成长。", "长三角智能制造创新园"),
        ("支持海天集团在宁波北仑经济园区建设智能工厂。", "宁波北仑经济园区"),
    ],
)
def test_innovation_zones_innovation_parks_and_economic_parks(text, park) -> None:
    assert _entities(text).get(park) == "Park"


def test_the_park_an_opening_as_clause_calls_a_core_area_of() -> None:
    text = "作为国家数字经济创新示范区的核心区，杭州高新区持续推动数字经济发展。"
    assert ("杭州高新区", "partOf", "国家数字经济创新示范区") in _facts(text)


def test_segments_of_a_chain_closed_by_deng_huanjie() -> None:
    text = "东莞高新区集聚电子信息企业900余家，覆盖显示面板、模组封装和系统集成等环节。"
    facts = _facts(text)
    assert ("东莞高新区", "focusesOn", "模组封装") in facts
    assert ("东莞高新区", "focusesOn", "系统集成") in facts  # the item before 等环节


def test_fields_a_body_does_research_in_before_a_bare_yanfa() -> None:
    facts = _facts("苏州新能源研究所主要从事钙钛矿电池和固态电池研发。")
    assert ("苏州新能源研究所", "inIndustry", "固态电池") in facts
    # species before a research noun are no fields
    ents = _entities("这里还将开展柑橘、水稻、茶树等种质创制研究。")
    assert "水稻" not in ents


def test_a_park_the_sentence_leans_on_is_not_where_its_firms_are() -> None:
    text = (
        "无锡高新区是国家级高新区。在物联网领域，园区依托国家传感网创新示范区，"
        "培育了感知集团、美新半导体等一批企业。"
    )
    facts = _facts(text)
    assert ("美新半导体", "locatedIn", "无锡高新区") in facts
    assert ("美新半导体", "locatedIn", "国家传感网创新示范区") not in facts
    assert _entities(text).get("感知集团") == "Company"


@pytest.mark.parametrize(
    "text, firm, industry",
    [
        ("九牧集团是国内高端卫浴的头部企业。", "九牧集团", "高端卫浴"),
        ("敏芯股份则是国内MEMS传感器领域的代表企业，年出货量超过5亿颗。", "敏芯股份", "MEMS传感器"),
        ("赛轮集团是国内重要的汽车变速箱制造商。", "赛轮集团", "汽车变速箱"),
    ],
)
def test_a_firm_that_is_a_leading_firm_of_a_field(text, firm, industry) -> None:
    # "是国内X(领域)的领先/头部/代表企业"; a Latin term glued on qualifies the class
    assert (firm, "inIndustry", industry) in _facts(text)


_PROFILE = """园区名片｜苏州纳米城

苏州纳米城已集聚一批细分领域龙头，主要包括：

苏州能讯高能半导体有限公司（能讯半导体）：国内氮化镓射频器件领域的龙头企业，产品用于通信基站。

苏州纳芯微电子股份有限公司（纳芯微）：专注于模拟芯片和传感器芯片，客户覆盖整车厂商。

苏州锦艺科技有限公司：本地的研发主体，以影像处理和人工智能为主业。

【创新平台】

苏州大学与苏州纳米城共建了人才培训中心。
"""


def test_a_profiles_entries_after_zhuyao_baokuo_are_the_parks_firms() -> None:
    facts = _facts(_PROFILE)
    for firm in (
        "苏州能讯高能半导体有限公司",
        "苏州纳芯微电子股份有限公司",
        "苏州锦艺科技有限公司",
    ):
        assert (firm, "locatedIn", "苏州纳米城") in facts
    assert ("苏州大学", "locatedIn", "苏州纳米城") not in facts  # the entries ended


def test_an_entrys_description_after_its_colon_is_about_the_firm() -> None:
    facts = _facts(_PROFILE)
    assert ("苏州能讯高能半导体有限公司", "inIndustry", "氮化镓射频器件") in facts
    assert ("苏州纳芯微电子股份有限公司", "inIndustry", "传感器芯片") in facts
    assert ("苏州纳米城", "focusesOn", "传感器芯片") not in facts  # the firm's, not the park's
    assert ("苏州锦艺科技有限公司", "inIndustry", "人工智能") in facts  # 以X为主业


def test_a_park_the_zone_owns_after_suoshu_de() -> None:
    text = (
        "苏州工业园区是中新合作的旗舰项目。在园区所属的吴中产业区，"
        "博世汽车部件（苏州）有限公司等企业构建了完整的汽车电子产业链。"
    )
    facts = _facts(text)
    assert ("吴中产业区", "partOf", "苏州工业园区") in facts
    assert ("博世汽车部件（苏州）有限公司", "locatedIn", "吴中产业区") in facts


def test_zhi_joins_two_words_of_one_firms_name() -> None:
    assert (
        _entities("深圳优品之家科技有限公司成立于2012年。").get("深圳优品之家科技有限公司")
        == "Company"
    )


def test_a_park_that_lies_in_part_of_a_zone() -> None:
    facts = _facts("苏州纳米城位于苏州工业园区东部，占地1平方公里。")
    assert ("苏州纳米城", "partOf", "苏州工业园区") in facts


def test_a_part_stated_with_a_quoted_model_and_a_title_that_is_no_part() -> None:
    text = (
        "苏州纳米城占地1平方公里，是国家纳米技术产业基地，"
        "也是苏州工业园区“一区多园”的重要组成部分。"
    )
    facts = _facts(text)
    assert ("苏州纳米城", "partOf", "苏州工业园区") in facts
    assert ("国家纳米技术产业基地", "partOf", "苏州工业园区") not in facts


def test_a_function_area_a_firm_in_the_same_area_and_an_acronym_product() -> None:
    text = (
        "在钦州石化功能区，中国石油广西石化公司的炼化一体化项目去年投产。"
        "同在功能区的华谊新材料有限公司是全球规模最大的PVC生产企业之一。"
    )
    assert _entities(text).get("钦州石化功能区") == "Park"
    facts = _facts(text)
    assert ("钦州石化功能区", "focusesOn", "石化") in facts
    assert ("华谊新材料有限公司", "locatedIn", "钦州石化功能区") in facts
    assert ("华谊新材料有限公司", "inIndustry", "PVC") in facts


def test_huitong_joins_two_bodies_that_act_together() -> None:
    text = "市工业和信息化局会同市科技局认定了一批企业技术中心。"
    ents = _entities(text)
    assert ents.get("市科技局") == "Institution"
    assert ("市工业和信息化局", "cooperatesWith", "市科技局") in _facts(text) or (
        "市科技局",
        "cooperatesWith",
        "市工业和信息化局",
    ) in _facts(text)
    assert _entities("天津市商务委与滨海新区签约。").get("天津市商务委") == "Institution"


def test_a_firm_that_invests_in_a_park_and_is_one_of_an_industrys_firms_too() -> None:
    text = "同为工程机械骨干企业的山河智能装备股份有限公司在长沙经开区投资10亿元实施技改项目。"
    facts = _facts(text)
    assert ("山河智能装备股份有限公司", "locatedIn", "长沙经开区") in facts
    assert ("山河智能装备股份有限公司", "inIndustry", "工程机械") in facts


def test_a_subsidiary_named_with_its_groups_brand_and_a_place_is_one_firm() -> None:
    ents = _entities("中车株洲电机有限公司也在株洲高新区扩建电机产线。")
    assert ents.get("中车株洲电机有限公司") == "Company"
    assert "株洲电机有限公司" not in ents


def test_a_joint_lab_is_named_after_its_founders_and_researches_fields() -> None:
    text = (
        "今年9月，华工科技与华中科技大学、武汉理工大学签署合作协议，三方共建激光制造联合创新中心，"
        "中心将重点开展超快激光、激光焊接等技术攻关。"
    )
    ents = _entities(text)
    assert ents.get("激光制造联合创新中心") == "Institution"
    assert ents.get("超快激光") == "Industry"  # a field of research, not a brand
    assert ("激光制造联合创新中心", "inIndustry", "超快激光") in _facts(text)
    lab = _entities("厦门大学—厦门钨业股份有限公司稀土功能材料联合实验室揭牌。")
    assert lab.get("稀土功能材料联合实验室") == "Institution"


def test_a_sentence_that_opens_in_a_park_on_a_side_of_a_zone() -> None:
    text = (
        "武汉东湖高新区是国家级高新区。在东湖高新区东区的光电子产业园，"
        "武汉锐科光纤激光技术股份有限公司的研发人员正在调试新一代激光器。"
    )
    facts = _facts(text)
    assert ("光电子产业园", "partOf", "武汉东湖高新区") in facts
    assert ("武汉锐科光纤激光技术股份有限公司", "locatedIn", "光电子产业园") in facts


def test_a_chains_segments_from_the_first_to_the_last() -> None:
    text = "光谷产业园目前已入驻企业46家，形成了芯片、模块、终端到系统集成的完整链条。"
    facts = _facts(text)
    assert ("光谷产业园", "focusesOn", "终端") in facts
    assert ("光谷产业园", "focusesOn", "系统集成") in facts


def test_a_park_planned_in_a_sub_area_and_the_projects_it_takes() -> None:
    text = (
        "包头高新区今年继续发力。我们将在青山片区规划建设3平方公里的新材料产业园，"
        "重点承接锂电材料、特种合金和高端装备项目。"
    )
    facts = _facts(text)
    assert ("新材料产业园", "partOf", "青山片区") in facts
    assert ("新材料产业园", "focusesOn", "特种合金") in facts  # the park just planned
    assert ("新材料产业园", "focusesOn", "高端装备") in facts  # a class of projects
    assert ("青山片区", "focusesOn", "特种合金") not in facts


def test_functional_is_a_qualifier_of_a_known_class() -> None:
    assert _entities("园区重点发展功能性食品产业。").get("功能性食品") == "Industry"


def test_three_unknown_items_a_text_calls_fields_are_industries() -> None:
    text = (
        "围绕产业链上游，苏州工业园区正在加快补齐真空泵、精密陶瓷件、石英坩埚等关键部件领域的短板。"
    )
    facts = _facts(text)
    assert ("苏州工业园区", "focusesOn", "石英坩埚") in facts
    assert ("苏州工业园区", "focusesOn", "真空泵") in facts  # the first, after the verb
    # activities named as fields are none (rule 14)
    ents = _entities("开工当天，涵盖部件制造、材料研发、技术创新等领域的项目集中签约。")
    assert "材料研发" not in ents


def test_a_count_before_the_first_item_is_no_part_of_it() -> None:
    ents = _entities("园区加大招商力度，引来更多电子科技、生物制药、新材料等产业入驻。")
    assert "更多电子科技" not in ents


def test_we_and_two_partners_building_together_are_all_partners() -> None:
    text = (
        "长春新区是国家级新区。新区负责人：我们将与吉林大学、长春理工大学共建光电信息产业研究院。"
    )
    facts = _facts(text)
    assert ("吉林大学", "cooperatesWith", "长春理工大学") in facts


_SIGNING = """合肥经开区举行重大项目集中签约仪式

——蔚来汽车与合肥经开区签署协议，将投资50亿元建设电池包生产线；

——国轩高科在经开区投资建设储能电池基地，项目达产后年产值可达80亿元。

此外，还有8个项目涉及集成电路、生物医药等领域，投资方包括长鑫存储、智飞生物等企业。
"""


def test_a_firm_that_signs_with_a_park_to_build_there_is_in_it() -> None:
    assert ("蔚来汽车", "locatedIn", "合肥经开区") in _facts(_SIGNING)


def test_a_firm_is_in_the_class_of_its_own_project_and_investors_in_their_fields() -> None:
    facts = _facts(_SIGNING)
    assert ("国轩高科", "inIndustry", "储能电池") in facts
    assert ("智飞生物", "inIndustry", "生物医药") in facts


@pytest.mark.parametrize(
    "text, name",
    [
        ("中船重工第七二五研究所与洛阳高新区合作共建新材料中试平台。", "中船重工第七二五研究所"),
        ("联合厦门大学、自然资源部第三海洋研究所共建了研究院。", "自然资源部第三海洋研究所"),
    ],
)
def test_a_numbered_institute_keeps_its_number_and_its_parent(text, name) -> None:
    assert _entities(text).get(name) == "Institution"


def test_a_base_named_after_a_park_with_a_place_and_an_interpunct() -> None:
    text = "南宁·中关村创新示范基地位于南宁高新区，已累计引进企业410家。"
    assert _entities(text).get("南宁·中关村创新示范基地") == "Park"
    assert ("南宁·中关村创新示范基地", "partOf", "南宁高新区") in _facts(text)


def test_listed_firms_that_focus_on_fields_qualified_by_gaoduan() -> None:
    text = "园区内的华科股份、辰能新材料等企业专注于高端聚烯烃和特种纤维，产品远销东南亚。"
    ents = _entities(text)
    assert "华科" not in ents  # a firm's name that starts like a university's short form
    facts = _facts(text)
    assert ("华科股份", "inIndustry", "高端聚烯烃") in facts
    assert ("辰能新材料", "inIndustry", "特种纤维") in facts


def test_the_last_industry_before_yi_chengwei_a_count_of_pillars() -> None:
    text = (
        "三十年来，大庆高新区从一油独大走向多元发展，"
        "石油化工、新材料和装备制造已成为园区三大支柱产业。"
    )
    assert ("大庆高新区", "focusesOn", "装备制造") in _facts(text)
    firms = "参展企业中，东方耐材、华耐股份都是国内耐火材料龙头企业。"
    assert _entities(firms).get("耐火材料") == "Industry"


@pytest.mark.parametrize(
    "text, firm, industry",
    [
        ("作为激光加工领域的领军企业，大族激光持续加大研发投入。", "大族激光", "激光加工"),
        ("以比亚迪、理想汽车为代表的新能源汽车企业加速布局。", "理想汽车", "新能源汽车"),
        ("园区已集聚联影医疗、迈瑞医疗等医疗器械类企业。", "迈瑞医疗", "医疗器械"),
    ],
)
def test_firms_represented_or_classed_in_an_industry(text, firm, industry) -> None:
    assert (firm, "inIndustry", industry) in _facts(text)


def test_a_leader_and_the_firms_it_joins_to_form_a_body_are_all_partners() -> None:
    facts = _facts("由宁波工业互联网研究院牵头，联合舜宇光学、均胜电子等企业组建了产业创新联合体。")
    pairs = {frozenset((a, b)) for a, p, b in facts if p == "cooperatesWith"}
    assert frozenset(("宁波工业互联网研究院", "舜宇光学")) in pairs
    assert frozenset(("舜宇光学", "均胜电子")) in pairs


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("湖南大学牵手三一集团，共建智能制造联合研究中心。", "湖南大学", "三一集团"),
        ("湘潭大学同湘钢集团开展产学研合作。", "湘潭大学", "湘钢集团"),
    ],
)
def test_partners_joined_by_qianshou_and_tong(text, a, b) -> None:
    pairs = {frozenset((x, y)) for x, p, y in _facts(text) if p == "cooperatesWith"}
    assert frozenset((a, b)) in pairs


def test_a_park_named_by_its_firm_and_a_research_and_development_centre() -> None:
    text = (
        "绵阳科技城新区聚集了中国空气动力研究与发展中心等国家级科研院所。"
        "在科技城新区的京东方绵阳产业园，京东方科技集团股份有限公司的生产线已全面量产。"
    )
    ents = _entities(text)
    assert ents.get("中国空气动力研究与发展中心") == "Institution"
    assert ents.get("京东方绵阳产业园") == "Park"
    assert "绵阳产业园" not in ents


def test_a_chain_from_its_first_segment_to_the_industrys_whole_chain() -> None:
    text = "东莞高新区形成了从多晶硅、硅片、电池片到组件的光伏全产业链。"
    facts = _facts(text)
    assert ("东莞高新区", "focusesOn", "电池片") in facts
    assert ("东莞高新区", "focusesOn", "组件") in facts


def test_a_city_without_shi_that_opens_the_sentence_has_its_own_chain() -> None:
    text = "蒙苏经济开发区重点发展煤化工。据了解，鄂尔多斯已形成氢能全产业链。"
    assert ("蒙苏经济开发区", "focusesOn", "氢能") not in _facts(text)


@pytest.mark.parametrize(
    "text, firm, industry",
    [
        ("南微医学是微创医疗器械行业的隐形冠军。", "南微医学", "医疗器械"),
        ("恒立液压是国内液压件领域的佼佼者。", "恒立液压", "液压件"),
        ("先导智能近年来积极拓展氢能业务。", "先导智能", "氢能"),
    ],
)
def test_a_sentence_that_says_its_subject_is_a_firm_of_a_field(text, firm, industry) -> None:
    assert (firm, "inIndustry", industry) in _facts(text)


@pytest.mark.parametrize(
    "text", ["该公司是国内领先的制药企业。", "这里是全省重要的化工企业集聚地。"]
)
def test_no_firm_from_a_generic_subject(text) -> None:
    assert not [n for n, t in _entities(text).items() if t == "Company"]


@pytest.mark.parametrize(
    "text, park, industry",
    [
        ("集成电路是苏州工业园区的主导产业。", "苏州工业园区", "集成电路"),
        ("生物医药已成为成都高新区的第一产业。", "成都高新区", "生物医药"),
    ],
)
def test_an_industry_said_to_be_a_parks_own(text, park, industry) -> None:
    assert (park, "focusesOn", industry) in _facts(text)


def test_a_park_that_seeks_a_class_of_projects() -> None:
    facts = _facts("无锡高新区将重点招引集成电路、生物医药类项目。")
    assert ("无锡高新区", "focusesOn", "生物医药") in facts


def test_a_ranked_base_a_park_aims_at_is_its_focus_not_a_park() -> None:
    text = "株洲高新区致力于打造世界级轨道交通装备产业基地。"
    ents = _entities(text)
    assert "世界级轨道交通装备产业基地" not in ents
    assert ("株洲高新区", "focusesOn", "轨道交通装备") in _facts(text)
    assert ("长沙经开区", "focusesOn", "工程机械") in _facts("长沙经开区正在打造工程机械之都。")


def test_the_parks_a_zone_sets_up_under_it() -> None:
    facts = _facts("宁波高新区下设新材料科技城、甬江科创区两个片区。")
    assert ("新材料科技城", "partOf", "宁波高新区") in facts
    assert ("甬江科创区", "partOf", "宁波高新区") in facts


def test_firms_counted_by_their_industry_then_listed() -> None:
    text = "目前，在合肥高新区注册的量子企业已超过60家，包括国盾量子、本源量子等。"
    facts = _facts(text)
    assert ("本源量子", "locatedIn", "合肥高新区") in facts
    assert ("本源量子", "inIndustry", "量子") in facts
    ents = _entities("苏州工业园区内有博世、三星等外资企业。")
    assert "博世" in ents and "内有博世" not in ents


def test_an_industry_and_its_form_with_a_generic_head_are_one() -> None:
    doc = extract_text("合肥高新区重点发展量子科技产业。园区量子企业已超过60家。")
    inds = [e for e in doc.entities if e.type == "Industry"]
    assert len(inds) == 1 and "量子" in inds[0].aliases


_AGRI = """山东寿光农业高新技术产业示范区（以下简称“寿光农高区”）是全国第二家国家级农业高新区。

目前，寿光农高区已集聚种业企业18家，其中寿光蔬菜种业集团有限公司自主研发的蔬菜品种达到178个。\
中国农业大学、山东农业大学等高校在示范区设立了研究院，与寿光蔬菜种业集团联合开展育种攻关。
"""


def test_an_agricultural_hi_tech_demonstration_zone_and_its_short_name() -> None:
    ents = _entities(_AGRI)
    assert ents.get("山东寿光农业高新技术产业示范区") == "Park"
    assert "国家级农业高新区" not in ents  # the n-th of a kind, no park of its own
    facts = _facts(_AGRI)
    assert ("寿光蔬菜种业集团有限公司", "locatedIn", "山东寿光农业高新技术产业示范区") in facts


def test_every_subject_listed_in_the_first_clause_is_a_partner() -> None:
    pairs = {frozenset((a, b)) for a, p, b in _facts(_AGRI) if p == "cooperatesWith"}
    assert frozenset(("山东农业大学", "寿光蔬菜种业集团有限公司")) in pairs


@pytest.mark.parametrize(
    "text, name",
    [
        ("中国科学技术大学校长包信和在主旨演讲中表示。", "中国科学技术大学"),
        ("湖南工程学院院长李明表示。", "湖南工程学院"),
    ],
)
def test_an_organisation_before_a_title_jieba_glued_to_it(text, name) -> None:
    assert _entities(text).get(name) == "Institution"


def test_a_medical_city_is_a_park_and_no_bare_innovation_area() -> None:
    text = "成都天府国际生物城、成都医学城、成都天府国际空港新城三大园区协同发展。"
    assert _entities(text).get("成都医学城") == "Park"
    assert "创新区" not in _entities("重庆两江协同创新区已引进高校院所30家。")


@pytest.mark.parametrize(
    "text, firm, industry",
    [
        ("生活用纸企业维达纸业有限公司在园区扩建产线。", "维达纸业有限公司", "生活用纸"),
        ("压铸件企业文灿股份落户园区。", "文灿股份", "压铸件"),
        ("软件测试企业柏睿数据入驻软件园。", "柏睿数据", "软件测试"),
    ],
)
def test_classes_the_scheme_knows_tie_their_firms(text, firm, industry) -> None:
    assert (firm, "inIndustry", industry) in _facts(text)


@pytest.mark.parametrize(
    "text, firm, industries",
    [
        (
            "园区已入驻宁波舜宇光电信息有限公司、浙江水晶光电科技股份有限公司等镜头模组和滤光片企业。",
            "宁波舜宇光电信息有限公司",
            ("镜头模组", "滤光片"),
        ),
        (
            "既有四川金象赛瑞化工股份有限公司这样的三聚氰胺企业，也有一批配套企业。",
            "四川金象赛瑞化工股份有限公司",
            ("三聚氰胺",),
        ),
    ],
)
def test_the_class_of_the_firms_a_list_names_is_their_industry(text, firm, industries) -> None:
    _assert_firm_in(text, firm, industries)


@pytest.mark.parametrize(
    "text",
    [
        "高新区引进了湖南华菱钢铁集团有限公司、三一重工股份有限公司等多家行业龙头企业。",
        "湖北兴发化工集团股份有限公司等一批关联度高的骨干企业相继落户。",
        "包括深圳创维数字技术有限公司在内的整机生产企业先后签约。",
    ],
)
def test_a_rank_or_a_bare_product_word_is_no_class_of_firms(text) -> None:
    assert "Industry" not in _entities(text).values()


def test_a_chain_to_be_completed_from_its_first_to_its_last_segments() -> None:
    ents = _entities("开发区正在补齐从正极材料、隔膜到电芯、电池回收的产业链。")
    for name in ("正极材料", "隔膜", "电芯", "电池回收"):
        assert ents.get(name) == "Industry"


def test_a_market_a_firm_enters_is_its_industry_though_unknown() -> None:
    text = "浙江晶盛机电股份有限公司近年来进军碳化硅衬底市场。"
    assert _entities(text).get("碳化硅衬底") == "Industry"
    assert ("浙江晶盛机电股份有限公司", "inIndustry", "碳化硅衬底") in _facts(text)


@pytest.mark.parametrize(
    "text",
    ["江苏恒瑞医药股份有限公司专注于细分市场。", "湖南三一智能控制设备有限公司积极进军海外市场。"],
)
def test_a_market_named_only_by_a_qualifier_is_no_industry(text) -> None:
    assert "Industry" not in _entities(text).values()


def test_classes_of_products_a_firm_makes_are_its_industries() -> None:
    text = "成都倍特药业股份有限公司专注于抗感染药物和心血管药物，另有子公司主营体外诊断试剂。"
    ents = _entities(text)
    for name in ("抗感染药物", "心血管药物", "体外诊断试剂"):
        assert ents.get(name) == "Industry"
    assert ("成都倍特药业股份有限公司", "inIndustry", "心血管药物") in _facts(text)


def test_a_brand_that_is_a_dictionary_word_with_its_own_business_word() -> None:
    doc = extract_text("春风动力股份有限公司在杭州设厂。春风动力则专注于新能源汽车。")
    firm = next(e for e in doc.entities if e.name == "春风动力股份有限公司")
    assert "春风动力" in firm.aliases
    facts = {(r.subject, r.predicate, r.object) for r in doc.relations}
    assert ("春风动力股份有限公司", "inIndustry", "新能源汽车") in facts


def test_a_firm_whose_brand_is_the_place_its_name_opens_with() -> None:
    doc = extract_text(
        "南昌轴承制造（九江）有限公司在共青城落户。作为国内轴承领域的骨干企业，"
        "南昌轴承今年又启动了二期项目。"
    )
    firm = next(e for e in doc.entities if e.name == "南昌轴承制造（九江）有限公司")
    assert "南昌轴承" in firm.aliases
    facts = {(r.subject, r.predicate, r.object) for r in doc.relations}
    assert ("南昌轴承制造（九江）有限公司", "inIndustry", "轴承") in facts


def test_a_place_alone_is_never_the_firm_named_after_it() -> None:
    doc = extract_text("南昌电子科技有限公司在园区设厂。南昌已成为电子信息产业高地。")
    firm = next(e for e in doc.entities if e.name == "南昌电子科技有限公司")
    assert firm.aliases == [] and len(firm.mentions) == 1


@pytest.mark.parametrize(
    "text, firm",
    [
        ("此外，湘潭五方电气股份有限公司也在园区落户。", "湘潭五方电气股份有限公司"),
        ("宜宾三江机械有限责任公司落户园区。", "宜宾三江机械有限责任公司"),
    ],
)
def test_a_brand_that_opens_with_a_numeral_is_part_of_the_name(text, firm) -> None:
    assert _entities(text).get(firm) == "Company"


def test_a_count_of_firms_is_no_part_of_a_name() -> None:
    assert "三家装备有限公司" not in _entities("园区新引进三家装备有限公司。")


def test_a_subsidiary_after_qixia_is_named_without_it() -> None:
    ents = _entities("该集团旗下长沙中联重科环境产业有限公司已在园区投产。")
    assert ents.get("长沙中联重科环境产业有限公司") == "Company"
    assert not any(name.startswith("旗下") for name in ents)


@pytest.mark.parametrize(
    "text, firm, inner",
    [
        ("西安热工研究院有限公司在园区建设试验基地。", "西安热工研究院有限公司", "西安热工研究院"),
        (
            "国机集团旗下洛阳拖拉机研究所有限公司（洛拖所）牵头组建联盟。",
            "洛阳拖拉机研究所有限公司",
            "洛阳拖拉机研究所",
        ),
    ],
)
def test_an_institute_that_is_now_a_firm_is_one_entity(text, firm, inner) -> None:
    ents = _entities(text)
    assert ents.get(firm) == "Company"
    assert inner not in ents


def test_a_brand_jieba_tags_a_verb_before_a_field() -> None:
    ents = _entities("远航体育用品集团有限公司落户晋江。")
    assert ents.get("远航体育用品集团有限公司") == "Company"


def test_entries_after_a_list_opener_with_dashes() -> None:
    text = (
        "南通经济技术开发区近年来集聚海工装备企业60余家。部分重点企业如下：\n"
        "——招商局重工（江苏）有限公司：海洋工程装备龙头企业，2015年落户南通经济技术开发区；\n"
        "——南通中远海运船务工程有限公司：修造船企业，总部位于崇川区；\n"
        "——江苏振华海科装备科技股份有限公司：专注于海上风电安装船研发。"
    )
    facts = _facts(text)
    assert ("招商局重工（江苏）有限公司", "locatedIn", "南通经济技术开发区") in facts
    assert ("招商局重工（江苏）有限公司", "inIndustry", "海洋工程装备") in facts
    assert ("江苏振华海科装备科技股份有限公司", "locatedIn", "南通经济技术开发区") in facts


def test_a_named_town_is_a_park_but_not_a_quoted_nickname() -> None:
    assert _entities("签约仪式在余杭梦想小镇举行，12家企业入驻。").get("余杭梦想小镇") == "Park"
    assert "创客小镇" not in _entities("这里从“创客小镇”成长为数字经济高地。")


def test_a_state_investment_group_named_by_its_business_words() -> None:
    text = "常州市交通建设投资发展集团有限公司与园区签订协议。"
    assert _entities(text).get("常州市交通建设投资发展集团有限公司") == "Company"


def test_an_application_centre_named_after_its_ministry() -> None:
    text = "中国气象局风云卫星遥感应用中心与当地高校开展合作。"
    assert _entities(text).get("中国气象局风云卫星遥感应用中心") == "Institution"


def test_a_parks_committee_by_the_parks_short_and_full_names_is_one_body() -> None:
    doc = extract_text(
        "芜湖高新技术产业开发区管理委员会近日发布通知。芜湖高新区管委会与安徽工程大学签订协议。"
    )
    body = next(e for e in doc.entities if e.name == "芜湖高新技术产业开发区管理委员会")
    assert "芜湖高新区管委会" in body.aliases
    facts = {(r.subject, r.predicate, r.object) for r in doc.relations}
    assert ("安徽工程大学", "cooperatesWith", "芜湖高新技术产业开发区管理委员会") in facts


@pytest.mark.parametrize(
    "text, firm, industry",
    [
        ("缆车企业奥地利多贝玛亚公司在园区设立了组装基地。", "奥地利多贝玛亚公司", "缆车"),
        ("全球压缩机龙头企业丹佛斯（天津）有限公司扩建新厂。", "丹佛斯（天津）有限公司", "压缩机"),
        ("浙江双环传动机械有限公司是国内齿轮龙头企业。", "浙江双环传动机械有限公司", "齿轮"),
    ],
)
def test_a_firm_classed_by_an_industry_the_lexicon_does_not_know(text, firm, industry) -> None:
    assert _entities(text).get(industry) == "Industry"
    assert (firm, "inIndustry", industry) in _facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "园区本土企业河北雪鹰体育用品有限公司扩大产能。",
        "第三届创新大赛参赛企业青岛海泰新光科技股份有限公司获得一等奖。",
        "湖南特力液压有限公司是一家科技型企业。",
    ],
)
def test_a_kind_of_firm_is_no_class_of_industry(text) -> None:
    assert "Industry" not in _entities(text).values()


@pytest.mark.parametrize(
    "text, firm, industries",
    [
        ("宁波韵升股份有限公司专注于钕铁硼磁体研发生产。", "宁波韵升股份有限公司", ("钕铁硼磁体",)),
        (
            "徐州海伦哲专用车辆股份有限公司主营高空作业车和电力抢修车，产品销往全国。",
            "徐州海伦哲专用车辆股份有限公司",
            ("高空作业车", "电力抢修车"),
        ),
    ],
)
def test_what_a_firm_makes_is_its_industry_though_unknown(text, firm, industries) -> None:
    _assert_firm_in(text, firm, industries)


@pytest.mark.parametrize(
    "text",
    [
        "江苏恒神股份有限公司专注于技术创新和产品研发。",
        "江苏恒神股份有限公司主要产品为预浸料和蜂窝芯材，年产量逐年增长。",
        "产业园观察 | 深耕 百花齐放",
    ],
)
def test_no_industry_from_an_activity_a_product_or_a_headline(text) -> None:
    assert "Industry" not in _entities(text).values()


def test_every_party_of_joint_research_works_in_its_fields() -> None:
    text = (
        "宝钛集团有限公司与西北有色金属研究院、西安交通大学签署协议，"
        "三方联合开展钛合金增材制造和钛基复合材料攻关。"
    )
    facts = _facts(text)
    for party in ("宝钛集团有限公司", "西北有色金属研究院", "西安交通大学"):
        for field in ("钛合金增材制造", "钛基复合材料"):
            assert (party, "inIndustry", field) in facts


def test_two_parties_that_research_together_and_a_group_that_research_around_fields() -> None:
    facts = _facts("李宁（中国）体育用品有限公司与东华大学合作开展运动面料抗菌整理技术攻关。")
    assert ("东华大学", "inIndustry", "运动面料抗菌整理") in facts
    text = "中国科学院过程工程研究所和郑州大学均在园区设有基地，两家机构围绕固废资源化开展攻关。"
    assert ("郑州大学", "inIndustry", "固废资源化") in _facts(text)


def test_a_sub_park_only_its_zone_tells_apart_is_named_with_the_zone() -> None:
    text = "株洲高新区先进陶瓷产业园今年新入驻企业12家，湖南博云新材料股份有限公司等均在园内投产。"
    ents = _entities(text)
    assert ents.get("株洲高新区先进陶瓷产业园") == "Park"
    facts = _facts(text)
    assert ("株洲高新区先进陶瓷产业园", "partOf", "株洲高新区") in facts


def test_a_sub_park_with_a_name_of_its_own_is_named_without_the_zone() -> None:
    text = "在苏州工业园区金鸡湖科技园，多家企业正在扩产。"
    ents = _entities(text)
    assert ents.get("金鸡湖科技园") == "Park"
    assert "苏州工业园区金鸡湖科技园" not in ents


def test_a_firm_that_defines_its_short_name_then_says_what_it_is() -> None:
    text = "潍柴动力股份有限公司（以下简称“潍柴”）是潍坊高新区新能源汽车产业的“链主”企业。"
    assert ("潍柴动力股份有限公司", "inIndustry", "新能源汽车") in _facts(text)


def test_a_later_clause_about_the_subject_firms_fields_is_no_park_focus() -> None:
    text = "浪潮集团有限公司是济南高新区的龙头企业，今年在服务器和云计算领域持续发力。"
    facts = _facts(text)
    assert ("浪潮集团有限公司", "inIndustry", "云计算") in facts
    assert ("济南高新区", "focusesOn", "云计算") not in facts


def test_a_bare_park_word_after_tongchu_is_no_park_name() -> None:
    ents = _entities("同处科技城的绵阳经济技术开发区也在加快布局。")
    assert "同处科技城" not in ents


def test_a_brand_that_opens_with_he_after_a_province() -> None:
    ents = _entities("园区集聚了江苏恒瑞医药股份有限公司、北京和利时系统工程有限公司等企业。")
    assert ents.get("北京和利时系统工程有限公司") == "Company"


def test_a_subsidiary_named_after_its_parent_word() -> None:
    ents = _entities("其全资子公司江西赣锋锂电科技股份有限公司是国内锂电池龙头企业。")
    assert ents.get("江西赣锋锂电科技股份有限公司") == "Company"
    assert "全资子公司" not in ents


def test_a_pilot_transfer_centre_with_a_long_name() -> None:
    text = "三方决定共同建设南通海洋工程装备中试转化中心。"
    assert _entities(text).get("南通海洋工程装备中试转化中心") == "Institution"


def test_a_directory_of_firms_under_a_parks_heading() -> None:
    text = (
        "泉州市重点企业名录\n"
        "泉州经济技术开发区\n"
        "福建省晋华集成电路有限公司——存储芯片企业，年产值超百亿元。\n"
        "泉州三安半导体科技有限公司——化合物半导体企业。\n"
        "石狮高新技术产业开发区\n"
        "福建凤竹纺织科技股份有限公司——印染企业。\n"
    )
    facts = _facts(text)
    assert ("福建省晋华集成电路有限公司", "locatedIn", "泉州经济技术开发区") in facts
    assert ("泉州三安半导体科技有限公司", "inIndustry", "化合物半导体") in facts
    assert ("福建凤竹纺织科技股份有限公司", "locatedIn", "石狮高新技术产业开发区") in facts
    assert ("福建凤竹纺织科技股份有限公司", "locatedIn", "泉州经济技术开发区") not in facts


def test_a_bare_park_word_after_a_designation_means_the_park_not_the_title() -> None:
    text = (
        "吉林北大湖冰雪产业园重点发展滑雪装备。今年，园区入选国家体育产业示范基地。"
        "奥地利多贝玛亚公司在园区设立了组装基地。"
    )
    facts = _facts(text)
    assert ("奥地利多贝玛亚公司", "locatedIn", "吉林北大湖冰雪产业园") in facts
    assert ("奥地利多贝玛亚公司", "locatedIn", "国家体育产业示范基地") not in facts


def test_ice_and_snow_equipment_is_an_industry() -> None:
    text = "吉林北大湖冰雪产业园重点发展造雪机、压雪车和雪板等冰雪装备。"
    facts = _facts(text)
    assert ("吉林北大湖冰雪产业园", "focusesOn", "冰雪装备") in facts
    assert ("吉林北大湖冰雪产业园", "focusesOn", "压雪车") in facts


def test_a_park_named_for_creative_work_and_placed_in_a_zones_part() -> None:
    text = "佛山陶瓷创意产业园位于佛山高新技术产业开发区南海片区，规划面积3平方公里。"
    ents = _entities(text)
    assert ents.get("佛山陶瓷创意产业园") == "Park"
    facts = _facts(text)
    assert ("佛山陶瓷创意产业园", "partOf", "南海片区") in facts
    assert ("佛山陶瓷创意产业园", "partOf", "佛山高新技术产业开发区") not in facts


def test_numbered_entries_with_a_dash_and_their_business() -> None:
    text = (
        "一、佛山陶瓷创意产业园\n"
        "名录收录本园企业如下：\n"
        "1. 广东东鹏控股股份有限公司——主营陶瓷砖和卫浴洁具；\n"
        "2. 佛山欧神诺陶瓷有限公司——主营岩板。\n"
    )
    facts = _facts(text)
    assert ("广东东鹏控股股份有限公司", "locatedIn", "佛山陶瓷创意产业园") in facts
    assert ("广东东鹏控股股份有限公司", "inIndustry", "卫浴洁具") in facts


def test_a_parent_and_its_subsidiary_are_two_firms() -> None:
    doc = extract_text(
        "中联重科（长沙）智能装备有限公司由中联重科（集团）股份有限公司控股，主营挖掘机。"
    )
    names = {e.name for e in doc.entities if e.type == "Company"}
    assert {"中联重科（长沙）智能装备有限公司", "中联重科（集团）股份有限公司"} <= names


def test_entries_led_by_square_bullets() -> None:
    text = (
        "截至2025年底，舟山绿色石化产业园共集聚企业86家。部分重点企业如下：\n"
        "■浙江石油化工有限公司：炼化一体化龙头企业，2015年落户舟山绿色石化产业园。\n"
        "■南通中天钢铁有限公司：钢铁企业。\n"
    )
    facts = _facts(text)
    assert ("浙江石油化工有限公司", "locatedIn", "舟山绿色石化产业园") in facts
    assert ("南通中天钢铁有限公司", "locatedIn", "舟山绿色石化产业园") in facts


def test_parties_that_define_their_short_names_are_still_listed_together() -> None:
    text = (
        "安徽大学（以下简称“安大”）、科大讯飞股份有限公司（以下简称“讯飞”）"
        "和合肥高新区管委会签署协议，共建语音技术联合实验室。"
    )
    facts = _facts(text)
    assert ("安徽大学", "cooperatesWith", "科大讯飞股份有限公司") in facts
    assert ("合肥高新区管委会", "cooperatesWith", "科大讯飞股份有限公司") in facts


def test_a_park_inside_a_bodys_name_is_no_place_of_the_next_party() -> None:
    text = "合肥高新技术产业开发区管理委员会、安徽大学和科大讯飞股份有限公司决定共建研究院。"
    facts = _facts(text)
    assert ("安徽大学", "locatedIn", "合肥高新技术产业开发区") not in facts


def test_parties_that_each_sign_with_one_body_are_no_partners_of_each_other() -> None:
    text = "仪式上，昆明高新区管委会分别与云南白药集团股份有限公司、昆明理工大学签署战略合作协议。"
    facts = _facts(text)
    assert ("云南白药集团股份有限公司", "cooperatesWith", "昆明理工大学") not in facts
    assert ("昆明理工大学", "cooperatesWith", "云南白药集团股份有限公司") not in facts


def test_a_paragraph_that_opens_in_a_park_places_the_firms_it_is_about() -> None:
    text = (
        "在柳东新区汽车产业园，记者看到了一派繁忙景象。"
        "广西汽车集团有限公司的总装线上，一辆辆新车正在下线。"
        "上汽通用五菱汽车股份有限公司主营微型车和新能源汽车。\n"
        "另一边，柳州市人民政府与广西大学签署了人才合作协议。"
    )
    facts = _facts(text)
    assert ("广西汽车集团有限公司", "locatedIn", "柳东新区汽车产业园") in facts
    assert ("上汽通用五菱汽车股份有限公司", "locatedIn", "柳东新区汽车产业园") in facts
    assert ("广西大学", "locatedIn", "柳东新区汽车产业园") not in facts


def test_a_parks_main_industry_though_unknown_and_a_firm_that_invests_there() -> None:
    text = (
        "安溪经济开发区以藤铁工艺为主导产业。宁东基地以煤制油和煤制气为主导产业。"
        "②竹编工艺企业福建安溪竹艺有限公司投资3亿元，在安溪经济开发区建设智能工厂。"
    )
    facts = _facts(text)
    assert ("安溪经济开发区", "focusesOn", "藤铁工艺") in facts
    assert {"煤制油", "煤制气"} <= {o for _, p, o in facts if p == "focusesOn"}
    assert ("福建安溪竹艺有限公司", "inIndustry", "竹编工艺") in facts
    assert ("福建安溪竹艺有限公司", "locatedIn", "安溪经济开发区") in facts


def test_the_firms_just_named_that_the_next_sentence_places_in_a_park() -> None:
    text = (
        "比如宁波韵升股份有限公司专注于钕铁硼磁体；宁波科宁达工业有限公司主营磁性材料。"
        "这些企业都位于宁波磁性材料产业园。"
    )
    facts = _facts(text)
    assert ("宁波韵升股份有限公司", "locatedIn", "宁波磁性材料产业园") in facts
    assert ("宁波科宁达工业有限公司", "locatedIn", "宁波磁性材料产业园") in facts


def test_a_firms_head_office_in_a_park_and_no_count_as_a_class() -> None:
    text = (
        "其控股的宁波均胜电子股份有限公司（均胜电子）总部就在宁波高新区。"
        "另一家龙头企业宁波舟山港股份有限公司也在扩产。"
    )
    ents = _entities(text)
    assert ("宁波均胜电子股份有限公司", "locatedIn", "宁波高新区") in _facts(text)
    assert "另一家" not in ents


def test_equipment_named_by_what_it_does_and_a_class_of_two_metals() -> None:
    _assert_firm_in(
        "江苏龙净环保装备有限公司主营除尘设备和脱硝设备，产品销往全国。",
        "江苏龙净环保装备有限公司",
        ("除尘设备", "脱硝设备"),
    )
    _assert_firm_in(
        "赣州腾远钴业新材料股份有限公司是国内重要的铜钴生产企业。",
        "赣州腾远钴业新材料股份有限公司",
        ("铜钴",),
    )


def test_fields_a_body_researches_are_no_focus_of_the_park() -> None:
    text = "该中心落户苏州工业园区，重点围绕纳米涂层和柔性电子开展攻关。"
    assert not any(p == "focusesOn" for _, p, _ in _facts(text))


def test_a_firms_own_project_placed_in_a_park_and_an_act_in_a_bare_park() -> None:
    text = "宁波容百新能源科技股份有限公司专注于正极材料，其年产10万吨项目落户余姚经济开发区。"
    assert ("宁波容百新能源科技股份有限公司", "locatedIn", "余姚经济开发区") in _facts(text)
    text = "宜宾经济技术开发区重点发展动力电池。四川轻化工大学在开发区设立了电池检测中心。"
    assert ("四川轻化工大学", "locatedIn", "宜宾经济技术开发区") in _facts(text)


def test_a_short_name_in_a_bracket_right_after_the_full_name() -> None:
    doc = extract_text(
        "浙江三花智能控制股份有限公司（三花智控）在园区投资建设新基地。三花智控主营制冷阀件。"
    )
    firm = next(e for e in doc.entities if e.name == "浙江三花智能控制股份有限公司")
    assert "三花智控" in firm.aliases
    assert not any(e.name == "三花智控" for e in doc.entities)


def test_a_consortium_that_tackles_fields_and_a_centre_that_goes_on_researching() -> None:
    text = "三方共同组建新能源汽车电控创新联合体，联合体重点攻关碳化硅功率模块和电机控制器技术。"
    facts = _facts(text)
    assert ("新能源汽车电控创新联合体", "inIndustry", "碳化硅功率模块") in facts
    assert ("新能源汽车电控创新联合体", "inIndustry", "电机控制器") in facts
    text = (
        "双方共建安徽省汽车轻量化工程技术研究中心，中心将落户芜湖经济技术开发区，"
        "重点开展镁合金压铸件和碳纤维车身件研发。"
    )
    facts = _facts(text)
    assert ("安徽省汽车轻量化工程技术研究中心", "inIndustry", "碳纤维车身件") in facts


@pytest.mark.parametrize(
    "text, park, industry",
    [
        ("区内的宁国橡塑密封件产业园已集聚企业80余家。", "宁国橡塑密封件产业园", "橡塑密封件"),
        ("园区获批国家外贸转型升级基地（紫砂陶）。", "国家外贸转型升级基地（紫砂陶）", "紫砂陶"),
    ],
)
def test_a_park_whose_name_names_its_industry_though_unknown(text, park, industry) -> None:
    assert (park, "focusesOn", industry) in _facts(text)


def test_a_park_named_after_a_place_or_a_firm_names_no_industry() -> None:
    facts = _facts("中泰崇左产业园和汾河产业园区今年新入驻企业12家。")
    assert not any(p == "focusesOn" for _, p, _ in facts)


def test_a_park_inside_the_one_a_bare_word_means() -> None:
    text = "园区的企业主要集中在东湖片区，片区内的武汉光电子产业园已入驻企业60家。"
    assert ("武汉光电子产业园", "partOf", "东湖片区") in _facts(text)


def test_a_later_clause_with_the_subject_after_a_longer_time_phrase() -> None:
    text = (
        "省运会申办成功以后不久，张家口宣工机械有限公司开始进军冰雪装备市场，"
        "并与河北工业大学合作研制压雪车。"
    )
    pair = {"张家口宣工机械有限公司", "河北工业大学"}
    assert any(p == "cooperatesWith" and {s, o} == pair for s, p, o in _facts(text))


def test_a_latin_word_is_no_shorter_lexicon_term() -> None:
    _assert_firm_in(
        "格科微电子（上海）有限公司专注于CMOS图像传感器研发，产品出口海外。",
        "格科微电子（上海）有限公司",
        ("CMOS图像传感器",),
    )
    assert "CMO" not in _entities("格科微电子（上海）有限公司专注于CMOS图像传感器研发。")


def test_what_an_entrys_firm_builds_in_a_clause_of_its_own() -> None:
    text = (
        "截至2025年底，舟山海洋装备产业园共集聚企业86家。部分重点企业如下：\n"
        "■浙江扬帆集团股份有限公司：船舶配套企业，位于舟山海洋装备产业园，"
        "主营船用舱口盖和甲板机械，为园区企业配套。\n"
        "■舟山中远海运重工有限公司：主要建造汽车运输船和散货船。\n"
    )
    facts = _facts(text)
    assert ("浙江扬帆集团股份有限公司", "inIndustry", "甲板机械") in facts
    assert ("舟山中远海运重工有限公司", "inIndustry", "汽车运输船") in facts


def test_an_ecological_park_named_for_two_countries() -> None:
    text = "在苏州工业园区的中新生态园，多家企业正在扩产。在这片生态园里，游客络绎不绝。"
    ents = _entities(text)
    assert ents.get("中新生态园") == "Park"
    assert "这片生态园" not in ents


@pytest.mark.parametrize(
    "text, firm",
    [
        ("去年，先日动力电池有限公司在常州落户。", "先日动力电池有限公司"),  # 先 + 日 split
        ("柳州华日汽车配件有限公司的车间里机器轰鸣。", "柳州华日汽车配件有限公司"),
        ("洛阳一拖动力机械有限公司是本地的骨干企业。", "洛阳一拖动力机械有限公司"),
        ("2024年3月5日，芜湖华科电气有限公司正式成立。", "芜湖华科电气有限公司"),
    ],
)
def test_a_brand_ending_in_a_date_character_or_a_city_numeral(text: str, firm: str) -> None:
    ents = _entities(text)
    assert ents.get(firm) == "Company", ents
    assert not any("年3月" in name or name == "骨干" for name in ents)


def test_a_city_and_a_count_of_firms_is_no_name() -> None:
    assert not _entities("宜宾三家公司昨天签约，包头两家公司随后跟进。")


def test_a_bare_zone_committee_is_a_body_and_an_alias_of_its_full_name() -> None:
    text = (
        "安徽芜湖三山经济开发区管理委员会与安徽工程大学签署合作协议。"
        "开发区管委会表示，将为项目提供用地保障。"
    )
    record = extract_text(text).to_record()
    bodies = [e for e in record["entities"] if e["type"] == "Institution"]
    committee = next(e for e in bodies if e["name"] == "安徽芜湖三山经济开发区管理委员会")
    assert "开发区管委会" in committee.get("aliases", [])
    assert _entities("上午，经开区管委会与西南交通大学签约。").get("经开区管委会") == "Institution"


def test_a_bare_zone_committee_speaks_for_the_zone_named_before() -> None:
    text = (
        "南昌小蓝经济技术开发区位于南昌县。\n"
        "经开区管委会相关负责人表示，下一步将围绕汽车零部件和医疗器械延链补链。"
    )
    facts = _facts(text)
    assert ("南昌小蓝经济技术开发区", "focusesOn", "医疗器械") in facts


@pytest.mark.parametrize(
    "text, body",
    [
        ("两所高校将共同建设四川省重型燃机产业技术研究院。", "四川省重型燃机产业技术研究院"),
        ("三方共建创新疫苗中试中心，向中小企业开放。", "创新疫苗中试中心"),
        ("多家企业联合组建了大型农机装备创新联合体。", "大型农机装备创新联合体"),
    ],
)
def test_an_attribute_or_innovation_opens_a_centres_field(text: str, body: str) -> None:
    assert _entities(text).get(body) == "Institution"


def test_acts_on_the_chain_close_a_list_of_industries() -> None:
    ents = _entities("下一步，鹰潭将围绕铜基新材料和智能终端强链补链。")
    assert ents.get("智能终端") == "Industry"
    assert not any(name.endswith("补链") for name in ents)


@pytest.mark.parametrize(
    "text, firm, industries",
    [
        (
            "苏州信达生物制药有限公司聚焦肿瘤免疫药物和心血管药物，今年营收增长三成。",
            "苏州信达生物制药有限公司",
            ("肿瘤免疫药物", "心血管药物"),
        ),
        (
            "宁波舜宇车载光学技术有限公司在车载镜头领域深耕多年，市场份额居前。",
            "宁波舜宇车载光学技术有限公司",
            ("车载镜头",),
        ),
        (
            "专注于农机导航终端的合肥丰收导航科技有限公司去年落户高新区。",
            "合肥丰收导航科技有限公司",
            ("农机导航终端",),
        ),
        (
            "入驻园区的株洲天成刀具有限公司，专门从事硬质合金刀具研发，产品远销海外。",
            "株洲天成刀具有限公司",
            ("硬质合金刀具",),
        ),
    ],
)
def test_a_firms_line_of_business_in_prose(text: str, firm: str, industries) -> None:
    _assert_firm_in(text, firm, industries)


def test_the_firms_a_count_of_leaders_closes() -> None:
    text = (
        "隆基绿能科技股份有限公司、天合光能股份有限公司、晶科能源股份有限公司"
        "这三家光伏龙头都在当地设有工厂。"
    )
    facts = _facts(text)
    for firm in ("隆基绿能科技股份有限公司", "天合光能股份有限公司", "晶科能源股份有限公司"):
        assert (firm, "inIndustry", "光伏") in facts


def test_a_bare_subject_cooperates_with_the_parties_it_joins() -> None:
    text = (
        "湖南省先进陶瓷研究院由湘潭大学牵头组建。"
        "今年，该研究院联合醴陵华鑫电瓷科技有限公司、湖南省醴陵市陶瓷检测中心共同攻关高压电瓷。"
    )
    facts = _facts(text)
    pairs = {frozenset((s, o)) for s, p, o in facts if p == "cooperatesWith"}
    assert frozenset(("湖南省先进陶瓷研究院", "醴陵华鑫电瓷科技有限公司")) in pairs


def test_a_count_of_firms_means_the_firms_just_named() -> None:
    text = (
        "园区内有株洲时代新材料科技股份有限公司、株洲中车电机有限公司等企业。"
        "去年，两家企业联合中南大学组建了轨道交通材料创新联合体。"
    )
    pairs = {frozenset((s, o)) for s, p, o in _facts(text) if p == "cooperatesWith"}
    assert frozenset(("株洲时代新材料科技股份有限公司", "中南大学")) in pairs
    assert frozenset(("株洲中车电机有限公司", "中南大学")) in pairs


def test_a_short_form_listed_after_a_verb_of_joining() -> None:
    text = (
        "宁波均胜电子股份有限公司和宁波拓普集团股份有限公司都在北仑。"
        "浙江大学宁波研究院联合均胜、拓普共同开发线控底盘。"
    )
    pairs = {frozenset((s, o)) for s, p, o in _facts(text) if p == "cooperatesWith"}
    assert frozenset(("浙江大学宁波研究院", "宁波均胜电子股份有限公司")) in pairs
    assert frozenset(("浙江大学宁波研究院", "宁波拓普集团股份有限公司")) in pairs


def test_a_known_group_name_is_the_full_name_of_its_brand() -> None:
    text = "内蒙古伊利实业集团股份有限公司总部在呼和浩特。伊利集团与江南大学签署合作协议。"
    names = {e["name"] for e in extract_text(text).to_record()["entities"]}
    assert "伊利集团" not in names
    pairs = {frozenset((s, o)) for s, p, o in _facts(text) if p == "cooperatesWith"}
    assert frozenset(("内蒙古伊利实业集团股份有限公司", "江南大学")) in pairs


def test_an_unknown_product_the_text_calls_a_sector() -> None:
    text = "2025年，盱眙县龙虾产业综合产值突破300亿元，南繁全产业链也在加快布局。"
    ents = _entities(text)
    assert ents.get("龙虾") == "Industry"
    assert "南繁全" not in ents
    assert "世界级" not in _entities("加快构建世界级产业体系。")


def test_a_list_closed_by_key_links_or_new_formats() -> None:
    ents = _entities("阳江要在刀剪锻造、热处理、表面处理等关键环节补齐短板。")
    assert ents.get("表面处理") == "Industry"
    ents = _entities("安溪将加快布局茶饮料、茶旅民宿等新业态。")
    assert ents.get("茶饮料") == "Industry" and ents.get("茶旅民宿") == "Industry"


def test_a_qualifier_of_precision_or_weight_is_part_of_the_industry() -> None:
    ents = _entities("这家企业是轻型动力锂电池龙头，园区还在精密铸造领域形成特色。")
    assert ents.get("轻型动力锂电池") == "Industry"
    assert ents.get("精密铸造") == "Industry"


def test_a_one_character_industry_the_text_calls_a_sector() -> None:
    assert _entities("2025年，安溪县茶产业综合产值突破300亿元。").get("茶") == "Industry"
    assert _entities("铝产业与数字经济加速融合。").get("铝") == "Industry"


def test_a_park_named_for_recycling_inside_its_zone() -> None:
    text = "荆门高新区废旧电池回收利用产业园今年新增企业6家。"
    facts = _facts(text)
    assert ("荆门高新区废旧电池回收利用产业园", "partOf", "荆门高新区") in facts


def test_a_core_industry_and_the_ones_around_it() -> None:
    text = "园区已形成以废钢回收利用为核心，特种钢材、合金铸件和钢结构协同发展的产业体系。"
    ents = _entities(text)
    for name in ("废钢回收利用", "特种钢材", "合金铸件", "钢结构"):
        assert ents.get(name) == "Industry", (name, ents)


def test_a_park_built_inside_one_a_bare_word_means() -> None:
    text = (
        "西安高新西区是光电子产业的核心区。去年，西安又在高新西区内规划建设了西安光子产业园。\n"
        "扬州经济技术开发区成立于1992年。2024年，开发区在园区内新建了扬州芯谷产业园。"
    )
    facts = _facts(text)
    assert ("西安光子产业园", "partOf", "西安高新西区") in facts
    assert ("扬州芯谷产业园", "partOf", "扬州经济技术开发区") in facts


def test_a_paragraph_that_opens_by_walking_into_a_park() -> None:
    text = (
        "安溪县茶产业总产值突破300亿元。\n"
        "走进安溪湖头工业园，福建八马茶业有限公司的包装车间里一片繁忙。公司负责人说，订单已排到年底。"
    )
    assert ("福建八马茶业有限公司", "locatedIn", "安溪湖头工业园") in _facts(text)


def test_these_firms_in_a_new_paragraph_are_the_ones_just_named() -> None:
    text = (
        "其中，江苏天科合达半导体有限公司专注于碳化硅衬底；徐州晶睿半导体有限公司主营功率模块。\n"
        "这些企业大多集中在徐州高新区的徐州第三代半导体产业园。"
    )
    facts = _facts(text)
    for firm in ("江苏天科合达半导体有限公司", "徐州晶睿半导体有限公司"):
        assert (firm, "locatedIn", "徐州第三代半导体产业园") in facts


def test_what_a_firm_designs_and_makes_with_a_latin_word() -> None:
    _assert_firm_in(
        "株洲中车时代半导体有限公司（时代半导体）主要从事IGBT模块和碳化硅SBD器件的设计制造。",
        "株洲中车时代半导体有限公司",
        ("IGBT模块", "碳化硅SBD器件"),
    )


def test_the_fields_a_firm_with_a_short_name_works_in() -> None:
    text = (
        "洛阳轴承集团股份有限公司（洛轴集团）在风电、机床和航空航天领域积累深厚。"
        "洛轴集团还与河南科技大学开展合作。"
    )
    facts = _facts(text)
    for field in ("风电", "机床", "航空航天"):
        assert ("洛阳轴承集团股份有限公司", "inIndustry", field) in facts
    names = {e["name"] for e in extract_text(text).to_record()["entities"]}
    assert "洛轴集团" not in names  # an alias of the full name, not a firm of its own


def test_the_focus_of_a_park_just_built_after_its_short_name_and_size() -> None:
    text = (
        "安溪经济开发区位于县城东部，是安溪经济开发区管委会负责管理的省级开发区。"
        "2022年，园区在东片区规划建设安溪藤铁工艺产业园（以下简称“藤铁园”），"
        "占地800亩，重点发展藤编家具、铁艺制品和园艺用品。"
    )
    facts = _facts(text)
    for field in ("藤编家具", "铁艺制品", "园艺用品"):
        assert ("安溪藤铁工艺产业园", "focusesOn", field) in facts, facts


def test_main_industries_of_a_system_and_a_kind_of_firm_after_its_line() -> None:
    facts = _facts("作为主平台，阳江高新区已形成以刀剪、合金材料和风电装备为主导的产业体系。")
    assert ("阳江高新区", "focusesOn", "合金材料") in facts
    _assert_firm_in(
        "阳江巨隆五金制品有限公司是一家专注于刀剪套装的“专精特新”企业。",
        "阳江巨隆五金制品有限公司",
        ("刀剪套装",),
    )


def test_a_high_tech_industrial_park_named_by_its_field() -> None:
    text = "项目落户寿光现代种业高新技术产业园区，寿光现代种业高新技术产业园区管委会负责服务。"
    ents = _entities(text)
    assert ents.get("寿光现代种业高新技术产业园区") == "Park"
    assert ents.get("寿光现代种业高新技术产业园区管委会") == "Institution"


def test_a_later_clause_about_the_business_of_the_firm_a_sentence_opens() -> None:
    text = (
        "山东乖宝宠物食品集团股份有限公司是当地最大的宠物食品企业，主营冻干猫粮和宠物湿粮，"
        "产品销往海外。"
    )
    facts = _facts(text)
    assert ("山东乖宝宠物食品集团股份有限公司", "inIndustry", "冻干猫粮") in facts
    assert ("山东乖宝宠物食品集团股份有限公司", "inIndustry", "宠物湿粮") in facts
    other = "这家由山东乖宝宠物食品集团股份有限公司投资的企业，专注于冻干猫粮。"
    assert ("山东乖宝宠物食品集团股份有限公司", "inIndustry", "冻干猫粮") not in _facts(other)


def test_a_core_with_its_supporting_industries() -> None:
    text = "南和经济开发区形成了以宠物主粮、宠物零食为主体，宠物用品、包装印刷为配套的产业格局。"
    facts = _facts(text)
    for field in ("宠物主粮", "宠物零食", "宠物用品"):
        assert ("南和经济开发区", "focusesOn", field) in facts


def test_unknown_products_a_park_plans_to_focus_on() -> None:
    text = "兰考县民族乐器产业园重点发展古筝、琵琶和二胡配件，同时培育乐器文旅。"
    facts = _facts(text)
    for field in ("古筝", "琵琶", "二胡配件"):
        assert ("兰考县民族乐器产业园", "focusesOn", field) in facts, facts


def test_a_firms_lines_of_business_and_new_service_formats() -> None:
    ents = _entities("浙江正泰电器股份有限公司营收增长，其光伏、储能业务增长较快。")
    assert ents.get("光伏") == "Industry" and ents.get("储能") == "Industry"
    ents = _entities("当地还积极布局宠物美容和宠物寄养等新兴服务业态。")
    assert ents.get("宠物美容") == "Industry" and ents.get("宠物寄养") == "Industry"


def test_the_field_of_a_firm_a_copula_classes() -> None:
    _assert_firm_in(
        "安徽丰原集团有限公司是国内生物基材料行业的龙头企业，年产聚乳酸10万吨。",
        "安徽丰原集团有限公司",
        ("生物基材料",),
    )
    text = "安徽丰原集团有限公司落户蚌埠。丰原集团是聚乳酸纤维领域的骨干企业。"
    assert _entities(text).get("聚乳酸纤维") == "Industry"


def test_what_parties_join_hands_to_found_is_no_party() -> None:
    text = (
        "与此同时，华南农业大学、广东省农业科学院和温氏食品集团股份有限公司"
        "携手组建了岭南生猪种业创新中心，重点解决育种难题。"
    )
    pairs = {frozenset((s, o)) for s, p, o in _facts(text) if p == "cooperatesWith"}
    assert frozenset(("华南农业大学", "温氏食品集团股份有限公司")) in pairs
    assert not any("岭南生猪种业创新中心" in pair for pair in pairs)


def test_each_firm_is_placed_by_its_own_clause() -> None:
    text = (
        "其中，安琪酵母股份有限公司位于宜昌高新技术产业开发区，"
        "三峡制药则扎根宜昌经济技术开发区的白洋工业园。"
    )
    facts = _facts(text)
    assert ("三峡制药", "locatedIn", "白洋工业园") in facts


def test_a_fund_named_only_by_what_it_funds_is_no_firm() -> None:
    ents = _entities("市政府设立了规模30亿元的装备制造产业投资基金，园区另设2亿元专项基金。")
    assert "装备制造产业投资基金" not in ents and "专项基金" not in ents
    ents = _entities("三方共同发起设立规模10亿元的湖南省工程机械产业投资基金。")
    assert ents.get("湖南省工程机械产业投资基金") == "Company"


def test_a_subsidiary_named_after_its_group_is_one_firm() -> None:
    ents = _entities("中国中车集团中车青岛四方机车车辆股份有限公司是城阳区的骨干企业。")
    assert ents.get("中国中车集团中车青岛四方机车车辆股份有限公司") == "Company", ents


def test_an_item_of_a_field_list_is_no_brand() -> None:
    ents = _entities("连云港将加快布局石英材料、高纯硅粉等前沿领域。")
    assert ents.get("石英材料") == "Industry" and ents.get("高纯硅粉") == "Industry", ents


@pytest.mark.parametrize(
    "text, firm",
    [
        ("中国联合网络通信有限公司南宁分公司与园区签约。", "中国联合网络通信有限公司"),
        ("无锡第六元素电子材料有限公司是石墨烯龙头。", "无锡第六元素电子材料有限公司"),
        ("洋浦国际集装箱码头有限公司今年吞吐量创新高。", "洋浦国际集装箱码头有限公司"),
    ],
)
def test_a_firms_name_that_opens_with_a_word_that_ends_names_elsewhere(
    text: str, firm: str
) -> None:
    assert _entities(text).get(firm) == "Company"


def test_hosts_of_one_event_do_not_cooperate() -> None:
    text = "论坛由中国机械工业联合会和洛阳市人民政府共同主办，洛阳市工业和信息化局承办。"
    assert not any(p == "cooperatesWith" for _, p, _ in _facts(text))


def test_a_bare_zone_committee_is_an_alias_in_either_spelling() -> None:
    text = "会议由苏州工业园区管理委员会主办。园区管委会负责人表示，将加快建设纳米产业园。"
    names = {e["name"] for e in extract_text(text).to_record()["entities"]}
    assert "园区管委会" not in names
    text = "天津经济技术开发区管理委员会与南开大学签约。开发区管委会表示将提供支持。"
    names = {e["name"] for e in extract_text(text).to_record()["entities"]}
    assert "开发区管委会" not in names


def test_a_banks_legal_name_and_a_park_named_after_a_place_like_zone() -> None:
    ents = _entities("园区与浙江温州鹿城农村商业银行股份有限公司签约。")
    assert ents.get("浙江温州鹿城农村商业银行股份有限公司") == "Company"
    ents = _entities("项目落户北京亦庄生物医药产业园，计划明年投产。")
    assert ents.get("北京亦庄生物医药产业园") == "Park"


def test_a_bureau_whose_name_jieba_takes_for_an_idiom() -> None:
    ents = _entities("舟山市海洋发展局发布了全市渔业装备产业报告。")
    assert ents.get("舟山市海洋发展局") == "Institution"


def test_a_leading_industry_and_the_ones_it_pulls() -> None:
    text = "开发区已形成了以整车制造为牵引，车身模具、汽车电子和动力总成协同发展的产业集群。"
    ents = _entities(text)
    for name in ("整车制造", "车身模具", "汽车电子", "动力总成"):
        assert ents.get(name) == "Industry", (name, ents)
    ents = _entities("台州已经形成了以缝制设备为主导、智能装备和汽车零部件协同发展的产业体系。")
    assert ents.get("缝制设备") == "Industry"


def test_a_space_city_and_its_name_without_international() -> None:
    text = "西安的主要承载地是西安国际航天城。截至目前，西安航天城累计注册企业超过500家。"
    names = {e["name"]: e for e in extract_text(text).to_record()["entities"]}
    assert "西安国际航天城" in names and "西安航天城" not in names


def test_kinds_of_products_before_supporting_firms_are_industries() -> None:
    ents = _entities("园区将重点引进汽车材料、精密零部件等配套企业。")
    assert ents.get("汽车材料") == "Industry" and ents.get("精密零部件") == "Industry", ents


def test_a_firm_in_a_park_after_its_defined_short_name() -> None:
    text = (
        "记者走进厦门火炬高技术产业开发区（以下简称“厦门火炬高新区”）的厦门天马显示科技有限公司。"
    )
    facts = _facts(text)
    assert ("厦门天马显示科技有限公司", "locatedIn", "厦门火炬高技术产业开发区") in facts


def test_early_makers_and_a_short_form_joining_research() -> None:
    text = (
        "江苏万新光学有限公司是国内较早从事树脂镜片研发生产的企业。"
        "去年，江苏大学与万新联合攻关离焦镜片设计。"
    )
    facts = _facts(text)
    assert ("江苏万新光学有限公司", "inIndustry", "树脂镜片") in facts
    pairs = {frozenset((s, o)) for s, p, o in facts if p == "cooperatesWith"}
    assert frozenset(("江苏大学", "江苏万新光学有限公司")) in pairs


def test_a_title_a_place_won_is_no_subject_of_its_focus() -> None:
    text = (
        "在宁波前湾新区，记者听到一句话：“这里的汽车零部件走向全球。”"
        "经过十多年的积累，这里已经形成了以汽车零部件为主导、智能家电协同发展的产业体系，"
        "2024年被科技部认定为国家火炬宁波汽车零部件特色产业基地。"
    )
    facts = _facts(text)
    assert ("宁波前湾新区", "focusesOn", "智能家电") in facts


def test_a_firms_later_business_clause_is_no_focus_of_its_park() -> None:
    text = (
        "台州湾智能缝制装备产业园是缝制产业的主平台。"
        "浙江杰克缝纫机股份有限公司扎根台州三十余年，主要生产工业平缝机和包缝机。"
    )
    facts = _facts(text)
    assert ("浙江杰克缝纫机股份有限公司", "inIndustry", "包缝机") in facts
    assert not any(p == "focusesOn" and o == "包缝机" for _, p, o in facts)


def test_a_sub_park_named_after_its_zone_keeps_its_own_name_as_alias() -> None:
    text = "宜春经开区与深圳高新区坪山园区签署结对共建协议。坪山园区重点发展新能源汽车。"
    record = extract_text(text).to_record()
    park = next(e for e in record["entities"] if e["name"] == "深圳高新区坪山园区")
    assert "坪山园区" in park.get("aliases", [])
    facts = _facts(text)
    assert ("深圳高新区坪山园区", "partOf", "深圳高新区") in facts
    assert ("深圳高新区坪山园区", "focusesOn", "新能源汽车") in facts


def test_a_leader_of_a_field_and_that_firm_building_in_a_park() -> None:
    text = (
        "舟山远洋渔具产业园今年新引进项目12个。"
        "深远海养殖装备龙头浙江海洋渔业装备股份有限公司的养殖工船交付使用；"
        "该公司今年在舟山远洋渔具产业园开工建设了网箱总装基地。"
    )
    facts = _facts(text)
    firm = "浙江海洋渔业装备股份有限公司"
    assert (firm, "inIndustry", "深远海养殖装备") in facts
    assert (firm, "locatedIn", "舟山远洋渔具产业园") in facts


def test_a_park_that_makes_an_industry_its_first() -> None:
    text = "舟山普陀经济开发区坚持把远洋渔业装备作为首位产业，今年新引进项目8个。"
    assert ("舟山普陀经济开发区", "focusesOn", "远洋渔业装备") in _facts(text)


def test_segments_of_a_chain_and_items_of_a_field_list_are_no_brands() -> None:
    ents = _entities("德州已经形成了从真空集热管、储热装备到系统集成的完整产业链。")
    for name in ("真空集热管", "储热装备", "系统集成"):
        assert ents.get(name) == "Industry", (name, ents)
    ents = _entities("研究院将重点面向页岩油开发、智能钻完井装备和油田化学品等领域开展研发。")
    assert ents.get("智能钻完井装备") == "Industry" and "完井装备" not in ents


def test_kinds_of_products_made_of_common_words_are_no_firms() -> None:
    text = "大庆石油装备产业园集聚了抽油机、井下工具、油田专用车辆等企业60余家。"
    ents = _entities(text)
    assert ents.get("井下工具") == "Industry" and ents.get("油田专用车辆") == "Industry", ents
    ents = _entities("园区引进了华储熔盐、韵升磁材等企业。")
    assert ents.get("华储熔盐") == "Company"


def test_a_port_zone_is_a_park() -> None:
    text = "这里就是宁波梅山港区。宁波梅山港区重点发展港口物流和航运服务。"
    assert ("宁波梅山港区", "focusesOn", "港口物流") in _facts(text)


def test_a_park_named_for_a_place_and_its_fields() -> None:
    ents = _entities("核心载体是绍兴集成电路园区，园区另有生物医药园区在建。")
    assert ents.get("绍兴集成电路园区") == "Park"
    assert "生物医药园区" not in ents


def test_a_firms_main_business_and_an_abbreviated_industry() -> None:
    text = (
        "舟山海洋电缆产业园今年新增企业5家。"
        "园区内的浙江东海电缆有限公司，以海底电缆和光纤复合缆为主业，去年交付的海缆创下纪录。"
    )
    facts = _facts(text)
    assert ("浙江东海电缆有限公司", "inIndustry", "海底电缆") in facts
    assert not any(p == "focusesOn" and o == "光纤复合缆" for _, p, o in facts)
    names = {e["name"] for e in extract_text(text).to_record()["entities"]}
    assert "海缆" not in names  # an alias of 海底电缆


def test_a_base_a_zone_has_become_is_a_title_not_a_park() -> None:
    text = "如今，如东经济开发区已经成为全国重要的海上风电装备产业基地。"
    assert "海上风电装备产业基地" not in _entities(text)


def test_entries_after_a_park_and_a_colon_one_a_clause() -> None:
    text = (
        "一批配套企业相继扎根宁德锂电新能源产业园：宁德邦普循环科技有限公司主要回收电池，"
        "年处理能力10万吨；福建常青新能源科技有限公司以正极材料为主业；"
        "宁德卓高新材料科技有限公司深耕隔膜领域多年。"
    )
    facts = _facts(text)
    for firm in ("福建常青新能源科技有限公司", "宁德卓高新材料科技有限公司"):
        assert (firm, "locatedIn", "宁德锂电新能源产业园") in facts
