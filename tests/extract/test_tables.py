"""Directories of firms printed as tables: a row's firm, park and industry."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.tables import table_rows

DIRECTORY = (
    "芜湖市重点机器人企业名录如下：\n"
    "序号\t企业名称\t所在园区\t所属行业\t备注\n"
    "1\t芜湖埃夫特智能装备股份有限公司\t鸠江机器人产业园\t工业机器人\t上市公司\n"
    "2\t安徽瑞祥工业有限公司\t湾沚装备园\t焊装生产线\t总部企业\n"
    "3\t365电子（芜湖）有限公司\t湾沚装备园\t连接器\t外资企业\n"
    "以上企业排名不分先后。"
)


def _facts(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in extract_text(text).relations}


def test_a_rows_firm_is_in_its_park_and_its_industry() -> None:
    facts = _facts(DIRECTORY)
    assert ("芜湖埃夫特智能装备股份有限公司", "locatedIn", "鸠江机器人产业园") in facts
    assert ("芜湖埃夫特智能装备股份有限公司", "inIndustry", "工业机器人") in facts
    assert ("安徽瑞祥工业有限公司", "locatedIn", "湾沚装备园") in facts
    assert ("安徽瑞祥工业有限公司", "inIndustry", "焊装生产线") in facts


def test_a_cell_is_the_whole_name_though_it_opens_with_digits() -> None:
    names = {e.name: e.type for e in extract_text(DIRECTORY).entities}
    assert names.get("365电子（芜湖）有限公司") == "Company"
    assert ("365电子（芜湖）有限公司", "inIndustry", "连接器") in _facts(DIRECTORY)


def test_rows_without_a_header_kg_knows_are_no_table() -> None:
    text = "甲\t乙\t丙\n1\t芜湖埃夫特智能装备股份有限公司\t鸠江机器人产业园\t工业机器人\n"
    assert list(table_rows(text)) == []
    assert not any(p == "inIndustry" for _, p, _ in _facts(text))


def test_the_table_ends_at_the_first_line_without_tabs() -> None:
    rows = list(table_rows(DIRECTORY + "\n1\t某某科技有限公司\t东区\t软件"))
    assert len(rows) == 3
